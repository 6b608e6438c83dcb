package xmldsig

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"io"
	"math/big"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var sigElement = regexp.MustCompile(`(?s)<ds:Signature .*</ds:Signature>`)

func TestSignVerifyRoundTrip(t *testing.T) {
	orig := readFile(t, filepath.Join("testdata", "message.xml"))
	root, err := parse(orig, Limits{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantContent, err := oracleContent(root, -1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key    string
		pss    bool
		method string
	}{
		{"ecdsa", false, AlgECDSA256},
		{"rsa", false, AlgRSASHA256},
		{"rsa", true, AlgRSAPSS256},
	} {
		t.Run(tc.method, func(t *testing.T) {
			t.Parallel()
			signed := signTestDoc(t, tc.key, SignOptions{RSAPSS: tc.pss})
			// Signing adds the Signature element and changes no other byte.
			if got := sigElement.ReplaceAll(signed, nil); !bytes.Equal(got, orig) {
				t.Errorf("signing changed the document outside the signature:\n%s", got)
			}
			res, err := Verify(signed, VerifyOptions{})
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if res.Method != tc.method {
				t.Errorf("Method = %s, want %s", res.Method, tc.method)
			}
			if !bytes.Equal(res.Content, wantContent) {
				t.Errorf("Content:\n%s\nwant:\n%s", res.Content, wantContent)
			}
			if len(res.Chain) != 2 || !res.Chain[0].Equal(testCert(t, tc.key)) || !res.Chain[1].Equal(testCert(t, "ca")) {
				t.Errorf("Chain does not hold the signer then the CA")
			}
		})
	}
}

// TestSignOddLayouts signs documents whose root is self-closing, whose end
// tag has spaces, or that start with a byte order mark.
func TestSignOddLayouts(t *testing.T) {
	key, cert := testKey(t, "ecdsa")
	for _, doc := range []string{`<r/>`, "\uFEFF<?xml version=\"1.0\"?><r>a</r >", `<p:r xmlns:p="urn:p" a="1/2"/>` + "\n<!-- after -->\n"} {
		signed, err := Sign([]byte(doc), key, []*x509.Certificate{cert})
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		res, err := Verify(signed, VerifyOptions{})
		if err != nil {
			t.Fatalf("%s: Verify: %v\n%s", doc, err, signed)
		}
		if bytes.Contains(res.Content, []byte("Signature")) {
			t.Errorf("Content still holds the signature: %s", res.Content)
		}
	}
}

func TestSignRefuses(t *testing.T) {
	doc := readFile(t, filepath.Join("testdata", "message.xml"))
	ecKey, ecCert := testKey(t, "ecdsa")
	rsaKey, rsaCert := testKey(t, "rsa")
	smallKey, smallCert := testKey(t, "rsa1024")
	p384Key, p384Cert := testKey(t, "p384")
	signed := signTestDoc(t, "ecdsa", SignOptions{})
	for _, tc := range []struct {
		name  string
		doc   []byte
		key   crypto.Signer
		chain []*x509.Certificate
		want  error
	}{
		{"RSA 1024 key", doc, smallKey, []*x509.Certificate{smallCert}, ErrAlgorithm},
		{"P-384 key", doc, p384Key, []*x509.Certificate{p384Cert}, ErrAlgorithm},
		{"certificate of another key", doc, ecKey, []*x509.Certificate{rsaCert}, ErrInvalid},
		{"no certificate", doc, rsaKey, nil, ErrInvalid},
		{"nil key", doc, nil, []*x509.Certificate{ecCert}, ErrAlgorithm},
		{"already signed", signed, ecKey, []*x509.Certificate{ecCert}, ErrInvalid},
		{"DOCTYPE", []byte(`<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>`), ecKey, []*x509.Certificate{ecCert}, ErrInvalid},
		{"two roots", []byte(`<r/><r/>`), ecKey, []*x509.Certificate{ecCert}, ErrInvalid},
		{"unknown charset", []byte(`<?xml version="1.0" encoding="x-no-such-charset"?><r/>`), ecKey, []*x509.Certificate{ecCert}, ErrInvalid},
		{"UTF-16 without its byte order mark", []byte("<\x00r\x00/\x00>\x00"), ecKey, []*x509.Certificate{ecCert}, ErrInvalid},
		{"too deep", bytes.Repeat([]byte("<a>"), 200), ecKey, []*x509.Certificate{ecCert}, ErrInvalid},
		{"nil certificate in chain", doc, ecKey, []*x509.Certificate{ecCert, nil}, ErrInvalid},
		{"signer returns an oversized ECDSA value", doc, hostileSigner{ecKey}, []*x509.Certificate{ecCert}, ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Sign(tc.doc, tc.key, tc.chain)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

// hostileSigner stands for a broken HSM: its ECDSA signatures do not fit
// the curve.
type hostileSigner struct{ crypto.Signer }

func (h hostileSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return asn1.Marshal(struct{ R, S *big.Int }{new(big.Int).Lsh(big.NewInt(1), 300), big.NewInt(1)})
}

// TestDeferredErrors checks where namespace errors that encoding/xml lets
// by are reported: after the checks that always came first, so that an
// unsigned document stays ErrMissing and a signed one is refused as
// having no canonical form.
func TestDeferredErrors(t *testing.T) {
	key, cert := testKey(t, "ecdsa")
	signed := string(signTestDoc(t, "ecdsa", SignOptions{}))
	for _, tc := range []struct {
		name, doc string
		verify    error
		sign      string // substring of Sign's error
	}{
		{"undeclared prefix, no signature", `<r><p:a/></r>`, ErrMissing, "undeclared namespace prefix p"},
		{"duplicate attribute, no signature", `<r a="1" a="2"/>`, ErrMissing, "duplicate attribute a"},
		{"undeclared prefix in signed content", strings.Replace(signed, "<Empty/>", "<p:Empty/>", 1), ErrInvalid, "already carries"},
		{"duplicate expanded name in signed content", strings.Replace(signed, "<Empty/>", `<Empty xmlns:a="urn:x" xmlns:b="urn:x" a:k="1" b:k="2"/>`, 1), ErrInvalid, "already carries"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Verify([]byte(tc.doc), VerifyOptions{})
			if !errors.Is(err, tc.verify) {
				t.Errorf("Verify: %v, want %v", err, tc.verify)
			}
			if tc.verify == ErrInvalid && (err == nil || !strings.Contains(err.Error(), "cannot canonicalize")) {
				t.Errorf("Verify: %v, want a canonicalization failure", err)
			}
			_, err = Sign([]byte(tc.doc), key, []*x509.Certificate{cert})
			if err == nil || !strings.Contains(err.Error(), tc.sign) {
				t.Errorf("Sign: %v, want %q", err, tc.sign)
			}
		})
	}
}
