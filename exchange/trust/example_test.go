package trust_test

import (
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"github.com/jcx-dev/jcx/exchange/trust"
)

// A receiver trusts a CA; a sender holds a certificate that CA issued for
// it. After a signature package has checked the signature, the receiver asks
// whether the signer is trusted and whether it is the header's Sender.
func Example() {
	ca, _ := trust.NewCA(trust.CARequest{CommonName: "Example Justice CA", Country: "NL"})
	sender := trust.Party{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"}
	issued, _ := trust.Issue(trust.IssueRequest{Party: sender, Issuer: ca})
	cert := issued.Certificate()

	bundle, _ := trust.LoadBundle(trust.MarshalCertificatePEM(ca.Certificate))
	id, err := bundle.Verify([]*x509.Certificate{cert}, time.Now())
	fmt.Println("trusted:", err == nil)
	fmt.Println("is the sender:", id.CheckSender(sender) == nil)
	fmt.Println("is someone else:", id.Names(trust.Party{CountryCode: "NL", UniqueIdentifier: "om-amsterdam"}))
	fmt.Println(sender.URI())
	// Output:
	// trusted: true
	// is the sender: true
	// is someone else: false
	// urn:jcx:party:NL:om-rotterdam
}

// Issue makes a key and a certificate that name a party by the identity rule: Subject
// C is the country and a SAN URI carries the party. With no Issuer the certificate is
// self-signed, and a receiver trusts it by pinning it in its bundle.
func ExampleIssue() {
	party := trust.Party{CountryCode: "BE", UniqueIdentifier: "parquet fédéral"}
	issued2, err := trust.Issue(trust.IssueRequest{Party: party})
	key, cert := issued2.Key, issued2.Certificate()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cert.Subject.Country, cert.URIs[0])

	keyPEM, _ := trust.MarshalPrivateKeyPEM(key)
	again, _ := trust.ParsePrivateKeyPEM(keyPEM)
	fmt.Println("key round trip:", again.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(key.Public()))
	// Output:
	// [BE] urn:jcx:party:BE:parquet%20f%C3%A9d%C3%A9ral
	// key round trip: true
}

// Bundle.Verify refuses a signer outside the bundle, or one checked outside its validity
// period, with code 8003; CheckSender refuses a trusted signer that is not the sender with
// code 8004.
func ExampleBundle_Verify() {
	ca, _ := trust.NewCA(trust.CARequest{CommonName: "Example Justice CA"})
	other, _ := trust.NewCA(trust.CARequest{CommonName: "Someone else's CA"})
	bundle, _ := trust.LoadBundle(trust.MarshalCertificatePEM(ca.Certificate))

	sender := trust.Party{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"}
	issued3, _ := trust.Issue(trust.IssueRequest{Party: sender, Issuer: ca})
	good := issued3.Certificate()
	issued4, _ := trust.Issue(trust.IssueRequest{Party: sender, Issuer: other})
	stranger := issued4.Certificate()

	code := func(err error) trust.ErrorCode {
		var e *trust.Error
		if errors.As(err, &e) {
			return e.Code()
		}
		return 0
	}
	_, err := bundle.Verify([]*x509.Certificate{stranger}, time.Now())
	fmt.Println("other CA:", code(err), errors.Is(err, trust.ErrUntrusted))
	_, err = bundle.Verify([]*x509.Certificate{good}, time.Now().AddDate(2, 0, 0))
	fmt.Println("expired:", code(err))

	id, _ := bundle.Verify([]*x509.Certificate{good}, time.Now())
	err = id.CheckSender(trust.Party{CountryCode: "DE", UniqueIdentifier: "om-rotterdam"})
	fmt.Println("not the sender:", code(err), errors.Is(err, trust.ErrNotSender))
	// Output:
	// other CA: 8003 true
	// expired: 8003
	// not the sender: 8004 true
}
