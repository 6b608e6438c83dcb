package hi1

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// signPKI is a test CA and signers for FR tj-paris.parquet, the sender of
// testdata/sign/request.xml, made once: an ECDSA signer at once, an RSA one (slow to
// generate) when a test first asks for it.
type signPKI struct {
	ca     *trust.Authority
	bundle *trust.Bundle
	ecdsa  exchange.Signer
}

var (
	pkiOnce, rsaOnce sync.Once
	pki              signPKI
	rsaSigner        exchange.Signer
	pkiErr, rsaErr   error
)

var sender = trust.Party{CountryCode: "FR", UniqueIdentifier: "tj-paris.parquet"}

func testPKI(t testing.TB) signPKI {
	t.Helper()
	pkiOnce.Do(func() {
		if pki.ca, pkiErr = trust.NewCA(trust.CARequest{CommonName: "HI-1 test CA"}); pkiErr != nil {
			return
		}
		if pki.bundle, pkiErr = trust.LoadBundle(trust.MarshalCertificatePEM(pki.ca.Certificate)); pkiErr != nil {
			return
		}
		pki.ecdsa, pkiErr = issueSigner(trust.ECDSAP256)
	})
	if pkiErr != nil {
		t.Fatal(pkiErr)
	}
	return pki
}

// rsa returns the RSA-3072 signer.
func (p signPKI) rsa(t testing.TB) exchange.Signer {
	t.Helper()
	rsaOnce.Do(func() { rsaSigner, rsaErr = issueSigner(trust.RSA3072) })
	if rsaErr != nil {
		t.Fatal(rsaErr)
	}
	return rsaSigner
}

func issueSigner(alg trust.KeyAlgorithm) (exchange.Signer, error) {
	issued, err := trust.Issue(trust.IssueRequest{Party: sender, Algorithm: alg, Issuer: pki.ca})
	return issued, err
}

func readTestFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testRequest(t testing.TB) []byte {
	return readTestFile(t, filepath.Join("testdata", "sign", "request.xml"))
}

func TestSignVerify(t *testing.T) {
	p := testPKI(t)
	msg := testRequest(t)
	for _, tc := range []struct {
		name   string
		signer exchange.Signer
		opts   SignOptions
		want   []string // in the signed document
	}{
		{"c14n11/ecdsa", p.ecdsa, SignOptions{}, []string{`Algorithm="http://www.w3.org/2006/12/xml-c14n11"`, "ecdsa-sha256"}},
		{"c14n11/rsa", p.rsa(t), SignOptions{}, []string{"xml-c14n11", "#rsa-sha256"}},
		{"c14n11/rsa-pss", p.rsa(t), SignOptions{RSAPSS: true}, []string{"xml-c14n11", "sha256-rsa-MGF1"}},
		{"exc-c14n/ecdsa", p.ecdsa, SignOptions{Canonicalization: ExclusiveC14N}, []string{`PrefixList="auth notification"`, "ecdsa-sha256"}},
		{"exc-c14n/rsa", p.rsa(t), SignOptions{Canonicalization: ExclusiveC14N}, []string{`PrefixList="auth notification"`, "#rsa-sha256"}},
		{"exc-c14n/rsa-pss", p.rsa(t), SignOptions{Canonicalization: ExclusiveC14N, RSAPSS: true}, []string{"xml-exc-c14n#", "sha256-rsa-MGF1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			signed, err := Sign(msg, tc.signer, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(signed, msg[:bytes.LastIndex(msg, []byte("</HI1Message>"))]) {
				t.Error("Sign changed the message; it must only append the signature")
			}
			for _, w := range tc.want {
				if !bytes.Contains(signed, []byte(w)) {
					t.Errorf("signed message lacks %s", w)
				}
			}
			v, err := Verify(signed, exchange.VerifyOptions{Trust: p.bundle})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(v.Content, []byte("<HI1Message ")) || bytes.Contains(v.Content, []byte("Signature")) {
				t.Errorf("Content is not the message without its signature:\n%s", v.Content)
			}
			if !bytes.Contains(v.Content, []byte(`xsi:type="notification:NotificationObject"`)) {
				t.Error("Content lost an xsi:type")
			}
			if err := v.Signer.CheckSender(sender); err != nil {
				t.Error(err)
			}
		})
	}
}

type verifyRefusal struct {
	name string
	doc  string
	opts exchange.VerifyOptions
	code exchange.ErrorCode
	why  string
}

// SignatureMethod algorithms of the profile, as they appear in a signed message.
const (
	methodECDSA = `SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"`
	methodRSA   = `SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"`
	methodPSS   = `SignatureMethod Algorithm="http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"`
)

func withMethod(signed, from, to string) string { return strings.Replace(signed, from, to, 1) }

// A keyMismatch is a message the sender's RSA key signed whose SignatureMethod then names
// ECDSA-SHA256.
type keyMismatch struct {
	name, doc, why string
	signed         string // the message as signed, which verifies
}

// keyMismatches signs the test request with the sender's RSA key, with RSA-SHA256 and
// with RSA-PSS under both canonicalizations, and names ECDSA-SHA256 as the method.
func keyMismatches(t *testing.T) []keyMismatch {
	p := testPKI(t)
	var ms []keyMismatch
	for _, c := range []Canonicalization{C14N11, ExclusiveC14N} {
		for _, pss := range []bool{false, true} {
			signed, err := Sign(testRequest(t), p.rsa(t), SignOptions{Canonicalization: c, RSAPSS: pss})
			if err != nil {
				t.Fatal(err)
			}
			from, name := methodRSA, "RSA key"
			if pss {
				from, name = methodPSS, "RSA-PSS signature"
			}
			if !bytes.Contains(signed, []byte(from)) {
				t.Fatalf("not signed with %s", from)
			}
			ms = append(ms, keyMismatch{
				name:   name + ", ECDSA method, " + c.String(),
				doc:    withMethod(string(signed), from, methodECDSA),
				why:    "does not match an RSA key",
				signed: string(signed),
			})
		}
	}
	return ms
}

// TestVerifyRefuses checks each refusal's code and path.
func TestVerifyRefuses(t *testing.T) {
	p := testPKI(t)
	msg := testRequest(t)
	signed, err := Sign(msg, p.ecdsa, SignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	other, err := trust.NewCA(trust.CARequest{CommonName: "someone else"})
	if err != nil {
		t.Fatal(err)
	}
	otherBundle, err := trust.LoadBundle(trust.MarshalCertificatePEM(other.Certificate))
	if err != nil {
		t.Fatal(err)
	}
	s := string(signed)
	tests := []verifyRefusal{
		{"text changed", strings.Replace(s, "PARQ-2026-0042", "PARQ-2026-0043", 1), exchange.VerifyOptions{}, exchange.CodeSignatureInvalid, "digest"},
		{
			"xsi:type prefix rebound",
			strings.Replace(s, `xmlns:notification="http://uri.etsi.org/03120/common/2016/02/Notification"`, `xmlns:notification="urn:evil"`, 1),
			exchange.VerifyOptions{}, exchange.CodeSignatureInvalid, "digest",
		},
		{"signer not trusted", s, exchange.VerifyOptions{Trust: otherBundle}, exchange.CodeSignerNotTrusted, "trust"},
		{"certificate expired", s, exchange.VerifyOptions{Now: func() time.Time { return time.Now().AddDate(2, 0, 0) }}, exchange.CodeSignerNotTrusted, "trust"},
		{"no signature", string(msg), exchange.VerifyOptions{}, exchange.CodeSignatureRequired, ""},
		{"Signature in the Core namespace", strings.Replace(string(msg), "</HI1Message>", "<Signature/></HI1Message>", 1), exchange.VerifyOptions{}, exchange.CodeSignatureInvalid, "not an XML-DSig signature"},
		{"SHA-1", strings.Replace(s, "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2000/09/xmldsig#sha1", 1), exchange.VerifyOptions{}, exchange.CodeAlgorithm, "sha1"},
		{"not an HI1Message", strings.Replace(strings.Replace(s, "<HI1Message ", "<Message ", 1), "</HI1Message>", "</Message>", 1), exchange.VerifyOptions{}, exchange.CodeSignatureInvalid, "want {http://uri.etsi.org/03120/common/2019/10/Core}HI1Message"},
		{"DOCTYPE", "<!DOCTYPE HI1Message>" + s, exchange.VerifyOptions{}, exchange.CodeSignatureInvalid, "DOCTYPE"},
		{"ECDSA key, RSA-SHA256 method", withMethod(s, methodECDSA, methodRSA), exchange.VerifyOptions{}, exchange.CodeAlgorithm, "does not match an ECDSA key"},
		{"ECDSA key, RSA-PSS method", withMethod(s, methodECDSA, methodPSS), exchange.VerifyOptions{}, exchange.CodeAlgorithm, "does not match an ECDSA key"},
		{"too large", "<!--" + strings.Repeat(" ", exchange.DefaultMaxBytes) + "-->" + s, exchange.VerifyOptions{}, exchange.CodeSignatureInvalid, "exceeds the limit"},
	}
	for _, m := range keyMismatches(t) {
		tests = append(tests, verifyRefusal{m.name, m.doc, exchange.VerifyOptions{}, exchange.CodeAlgorithm, m.why})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.opts.Trust == nil {
				tc.opts.Trust = p.bundle
			}
			_, err := Verify([]byte(tc.doc), tc.opts)
			var inv *exchange.InvalidError
			if !errors.As(err, &inv) || len(inv.Findings) != 1 {
				t.Fatalf("err = %v, want an *exchange.InvalidError with one finding", err)
			}
			f := inv.Findings[0]
			if f.Code != tc.code || f.Path != "/HI1Message/ds:Signature[1]" || !strings.Contains(f.Message, tc.why) {
				t.Errorf("finding %+v, want code %d at /HI1Message/ds:Signature[1] about %q", f, tc.code, tc.why)
			}
			// The line of the signature element, or of the root without one; none for a
			// message refused before it is read.
			want, at := 0, -1
			if len(tc.doc) <= exchange.DefaultMaxBytes {
				// The start tag, not SignatureValue's or SignatureMethod's.
				at = max(strings.LastIndex(tc.doc, "<ds:Signature "), strings.LastIndex(tc.doc, "<ds:Signature>"))
				if at < 0 {
					at = strings.LastIndex(tc.doc, "<Signature")
				}
				if at < 0 {
					at = strings.Index(tc.doc, "<HI1Message")
				}
				want = 1 + strings.Count(tc.doc[:at], "\n")
			}
			if f.Line != want || want == 1 && strings.Count(tc.doc, "\n") > 1 {
				t.Errorf("line %d, want %d", f.Line, want)
			}
			// The column: the byte offset of that element's '<' within its line.
			if want > 0 {
				lineStart := strings.LastIndex(tc.doc[:at], "\n") + 1
				if f.Column != at-lineStart+1 || tc.doc[lineStart+f.Column-1] != '<' {
					t.Errorf("column %d, want %d", f.Column, at-lineStart+1)
				}
			} else if f.Column != 0 {
				t.Errorf("column %d without a line", f.Column)
			}
		})
	}
}

func TestSignRefuses(t *testing.T) {
	p := testPKI(t)
	msg := testRequest(t)
	signed, err := Sign(msg, p.ecdsa, SignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		doc    []byte
		signer exchange.Signer
		opts   SignOptions
		why    string
	}{
		{"already signed", signed, p.ecdsa, SignOptions{}, "already carries"},
		{"no key", msg, exchange.Signer{}, SignOptions{}, "key and its certificate"},
		{"key and certificate apart", msg, exchange.Signer{Key: p.ecdsa.Key, Chain: p.rsa(t).Chain}, SignOptions{}, "does not belong"},
		{"unknown canonicalization", msg, p.ecdsa, SignOptions{Canonicalization: 7}, "unknown Canonicalization(7)"},
		{"undeclared xsi:type prefix", bytes.Replace(msg, []byte(`"auth:AuthorisationObject"`), []byte(`"nowhere:AuthorisationObject"`), 1), p.ecdsa, SignOptions{}, "undeclared prefix nowhere"},
		{"size limit", msg, p.ecdsa, SignOptions{Limits: exchange.Limits{MaxBytes: 100}}, "exceeds the limit of 100"},
		{"not HI-1", []byte(`<Message xmlns="urn:x"/>`), p.ecdsa, SignOptions{}, "root element"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Sign(tc.doc, tc.signer, tc.opts); err == nil || !strings.Contains(err.Error(), tc.why) {
				t.Fatalf("err = %v, want one about %q", err, tc.why)
			}
		})
	}
}

// TestVerifyETSISignedExample reads ETSI's signed example: its structure is the
// profile's (C14N 1.1, RSA-SHA256, X509Data), and its digest does not match the
// message, which was changed after signing; xmlsec1 says the same.
func TestVerifyETSISignedExample(t *testing.T) {
	dir := filepath.Join(testtool.Vectors(t, "etsi-ts103120-v1.12.1"), "examples")
	name := filepath.Join(dir, "request6_signed.xml")
	bundle, err := trust.LoadBundle(readTestFile(t, filepath.Join(dir, "example.pem")))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Verify(readTestFile(t, name), exchange.VerifyOptions{Trust: bundle})
	var inv *exchange.InvalidError
	if !errors.As(err, &inv) || inv.Findings[0].Code != exchange.CodeSignatureInvalid ||
		!strings.Contains(inv.Findings[0].Message, "digest of the document does not match") {
		t.Fatalf("err = %v, want 8002 for the digest", err)
	}
	xmlsec := testtool.Need(t, "xmlsec1", "xmlsec1")
	out, err := exec.Command(xmlsec, "--verify", "--pubkey-cert-pem", filepath.Join(dir, "example.pem"),
		"--enabled-key-data", "x509", name).CombinedOutput()
	if err == nil || !bytes.Contains(out, []byte("data and digest do not match")) {
		t.Fatalf("xmlsec1 no longer refuses the example's digest: %v\n%s", err, out)
	}
}

// TestXmlsecVerifiesSign has xmlsec1 verify what Sign signs, with the test CA trusted,
// for every ETSI example without a signature, both canonicalizations; a message
// changed after signing fails there too.
func TestXmlsecVerifiesSign(t *testing.T) {
	xmlsec := testtool.Need(t, "xmlsec1", "xmlsec1")
	p := testPKI(t)
	dir := t.TempDir()
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, trust.MarshalCertificatePEM(p.ca.Certificate), 0o600); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(testtool.Vectors(t, "etsi-ts103120-v1.12.1"), "examples", "*.xml"))
	verify := func(t *testing.T, doc []byte) bool {
		f := filepath.Join(t.TempDir(), "signed.xml")
		if err := os.WriteFile(f, doc, 0o600); err != nil {
			t.Fatal(err)
		}
		return exec.Command(xmlsec, "--verify", "--trusted-pem", caFile, f).Run() == nil
	}
	examples := 0
	for _, name := range names {
		msg := readTestFile(t, name)
		if bytes.Contains(msg, []byte("xmldsig#")) || checkRoot(msg) != nil {
			continue
		}
		examples++
		for _, c := range []Canonicalization{C14N11, ExclusiveC14N} {
			t.Run(filepath.Base(name)+"/"+c.String(), func(t *testing.T) {
				signed, err := Sign(msg, p.ecdsa, SignOptions{Canonicalization: c})
				if err != nil {
					t.Fatal(err)
				}
				if !verify(t, signed) {
					t.Fatal("xmlsec1 refused the signature")
				}
				if _, err := Verify(signed, exchange.VerifyOptions{Trust: p.bundle}); err != nil {
					t.Fatal(err)
				}
				tampered := bytes.Replace(signed, []byte("<CountryCode>XX"), []byte("<CountryCode>XY"), 1)
				if verify(t, tampered) {
					t.Error("xmlsec1 accepted a tampered message")
				}
				if _, err := Verify(tampered, exchange.VerifyOptions{Trust: p.bundle}); err == nil {
					t.Error("Verify accepted a tampered message")
				}
			})
		}
	}
	if examples < 19 { // 20 examples, one of them signed already
		t.Fatalf("signed %d ETSI examples, want 19", examples)
	}
}

// TestXmlsecRefusesKeyMismatches holds the key confusion rows of TestVerifyRefuses to
// xmlsec1, the test CA trusted: it refuses each message for want of a key of the type the
// method needs ("key is not found"), and verifies the message as signed (RSA-SHA256; the
// xmlsec1 build here knows no RSA-PSS method).
func TestXmlsecRefusesKeyMismatches(t *testing.T) {
	xmlsec := testtool.Need(t, "xmlsec1", "xmlsec1")
	p := testPKI(t)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, trust.MarshalCertificatePEM(p.ca.Certificate), 0o600); err != nil {
		t.Fatal(err)
	}
	verify := func(t *testing.T, doc string) (bool, string) {
		f := filepath.Join(t.TempDir(), "signed.xml")
		if err := os.WriteFile(f, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmlsec, "--verify", "--trusted-pem", caFile, f).CombinedOutput()
		return err == nil, string(out)
	}
	for _, m := range keyMismatches(t) {
		t.Run(m.name, func(t *testing.T) {
			if ok, out := verify(t, m.doc); ok || !strings.Contains(out, "key is not found") {
				t.Fatalf("xmlsec1 (accepted: %v) does not refuse for the key:\n%s", ok, out)
			}
			if strings.Contains(m.signed, methodPSS) {
				return
			}
			if ok, out := verify(t, m.signed); !ok {
				t.Fatalf("xmlsec1 refused the message as signed:\n%s", out)
			}
		})
	}
}

// TestVerifiedContentDecodes goes the whole way a receiver goes: verify, decode the
// signed content (never the input), check that the signer speaks for the sender.
func TestVerifiedContentDecodes(t *testing.T) {
	p := testPKI(t)
	for _, c := range []Canonicalization{C14N11, ExclusiveC14N} {
		signed, err := Sign(testRequest(t), p.rsa(t), SignOptions{Canonicalization: c})
		if err != nil {
			t.Fatal(err)
		}
		v, err := Verify(signed, exchange.VerifyOptions{Trust: p.bundle})
		if err != nil {
			t.Fatal(err)
		}
		m, err := Decode(v.Content, exchange.Limits{})
		if err != nil {
			t.Fatalf("%v: the signed content does not decode: %v", c, err)
		}
		if m.Signature != nil {
			t.Errorf("%v: the signed content still holds a signature", c)
		}
		s := m.Header.SenderIdentifier
		if err := v.Signer.CheckSender(trust.Party{CountryCode: s.CountryCode, UniqueIdentifier: s.UniqueIdentifier}); err != nil {
			t.Errorf("%v: %v", c, err)
		}
		// The same message decoded from the signed bytes keeps the signature.
		if whole, err := Decode(signed, exchange.Limits{}); err != nil || whole.Signature == nil {
			t.Errorf("%v: decoding the signed message: %v, signature kept: %v", c, err, whole != nil && whole.Signature != nil)
		}
	}
}
