package exchange_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// signAndVerify is the README's sign-and-verify example, word for word between the
// markers (TestREADMEExample holds them equal): a sender loads its key and certificate
// and signs, a receiver that trusts the sender's CA verifies.
func signAndVerify(keyPEM, chainPEM []byte, bundle *trust.Bundle, msg *exchange.Message) error {
	// README begin
	signer, err := trust.LoadSigner(keyPEM, chainPEM) // our key and certificate, checked to match
	if err != nil {
		return err
	}
	signed, err := exchange.SignMessage(msg, exchange.FormatXML, signer) // refuses what a receiver would
	if err != nil {
		return err // an *exchange.InvalidError with the findings
	}
	// The receiver trusts our CA (bundle, from trust.LoadBundle(caPEM)) and verifies:
	v, err := exchange.Verify(signed, exchange.FormatXML, exchange.VerifyOptions{Trust: bundle})
	if err != nil {
		return err // 8002 tampered, 8003 signer not trusted, 8004 signer is not the sender
	}
	fmt.Println("from", v.Message.Header.Sender) // NL/om-rotterdam
	// README end
	return nil
}

// The README's sign-and-verify example, with a test PKI made on the spot: a CA the
// receiver trusts and a certificate it issued for the sender, as PEM files hold them.
func Example_signAndVerify() {
	ca, err := trust.NewCA(trust.CARequest{CommonName: "Example Justice CA", Country: "NL"})
	if err != nil {
		fmt.Println(err)
		return
	}
	issued, err := trust.Issue(trust.IssueRequest{Party: prosecutor, Issuer: ca})
	if err != nil {
		fmt.Println(err)
		return
	}
	keyPEM, err := trust.MarshalPrivateKeyPEM(issued.Key)
	if err != nil {
		fmt.Println(err)
		return
	}
	bundle, err := trust.NewBundle(ca.Certificate)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := signAndVerify(keyPEM, trust.MarshalCertificatePEM(issued.Chain...), bundle, exampleRequest()); err != nil {
		fmt.Println(err)
	}
	// Output: from NL/om-rotterdam
}

// TestREADMEExample holds the README's sign-and-verify block to signAndVerify, so the
// README shows code that compiles and runs, and to its promise of at most 15 lines.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "## Sign and verify")
	if !ok {
		t.Fatal("README has no \"Sign and verify\" section")
	}
	_, block, ok := strings.Cut(after, "```go\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("the section has no go code block")
	}
	src, err := os.ReadFile("readme_example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, code, _ := strings.Cut(string(src), "\t// README begin\n")
	code, _, _ = strings.Cut(code, "\t// README end\n")
	var want []string
	for _, l := range strings.Split(strings.TrimRight(code, "\n"), "\n") {
		want = append(want, strings.TrimPrefix(l, "\t"))
	}
	got := strings.Split(strings.TrimRight(block, "\n"), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("README block:\n%s\nsignAndVerify:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(got) > 15 {
		t.Errorf("the example has %d lines, more than 15", len(got))
	}
}
