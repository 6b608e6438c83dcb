package xmldsig

import (
	"bytes"
	"crypto/x509"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// xmldsigjs (npm, on WebCrypto) is the oracle for RSASSA-PSS: the xmlsec1 that
// Debian ships (1.2.37) has no sha256-rsa-MGF1. It checks the other methods too, a
// third implementation beside xmlsec1 and goxmldsig.

// xmldsigjs runs testdata/xmldsigjs.mjs with stdin; it returns stdout, whether the
// script exited 0, and stderr.
func xmldsigjs(t *testing.T, stdin []byte, args ...string) ([]byte, bool, string) {
	t.Helper()
	node, script := testtool.NodeScript(t, filepath.Join("testdata", "xmldsigjs.mjs"),
		"xmldsigjs", "xml-core", "@xmldom/xmldom", "xpath")
	return testtool.RunNode(t, node, script, stdin, args...)
}

func TestXmldsigjsVerifiesOurSignatures(t *testing.T) {
	key, cert := testKey(t, "rsa")
	hi1 := readFile(t, filepath.Join("testdata", "hi1-request.xml"))
	for _, tc := range []struct {
		name string
		sign func() ([]byte, error)
	}{
		{"rsa-pss", func() ([]byte, error) { return signTestDoc(t, "rsa", SignOptions{RSAPSS: true}), nil }},
		{"rsa", func() ([]byte, error) { return signTestDoc(t, "rsa", SignOptions{}), nil }},
		{"ecdsa", func() ([]byte, error) { return signTestDoc(t, "ecdsa", SignOptions{}), nil }},
		// HI-1 with exclusive C14N and the PrefixList its xsi:type values need.
		{"hi1 rsa-pss exc-c14n", func() ([]byte, error) {
			return SignQNames(hi1, key, []*x509.Certificate{cert, testCert(t, "ca")},
				QNameSignOptions{SignOptions: SignOptions{RSAPSS: true}, Canonicalization: AlgExcC14N})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			signed, err := tc.sign()
			if err != nil {
				t.Fatal(err)
			}
			if _, ok, stderr := xmldsigjs(t, signed, "verify"); !ok {
				t.Fatalf("xmldsigjs refused our signature: %s\n%s", stderr, signed)
			}
			// Control: the oracle notices a change in the signed content.
			i := bytes.Index(signed, []byte("</"))
			tampered := append(bytes.Clone(signed[:i]), append([]byte("x"), signed[i:]...)...)
			if _, ok, _ := xmldsigjs(t, tampered, "verify"); ok {
				t.Fatal("xmldsigjs accepted a tampered document: the oracle is not checking")
			}
		})
	}
}

func TestWeVerifyXmldsigjsRSAPSS(t *testing.T) {
	pki := filepath.Join("testdata", "pki", "rsa")
	signed, ok, stderr := xmldsigjs(t, readFile(t, filepath.Join("testdata", "message.xml")), "sign", pki+".key", pki+".pem")
	if !ok {
		t.Fatalf("xmldsigjs sign: %s", stderr)
	}
	if !bytes.Contains(signed, []byte(`Algorithm="`+AlgRSAPSS256+`"`)) {
		t.Fatalf("xmldsigjs did not sign with %s:\n%s", AlgRSAPSS256, signed)
	}
	res, err := Verify(signed, VerifyOptions{})
	if err != nil {
		t.Fatalf("Verify refused xmldsigjs's RSA-PSS signature: %v\n%s", err, signed)
	}
	if want := readFile(t, filepath.Join("testdata", "message.c14n")); !bytes.Equal(res.Content, want) {
		t.Errorf("Content:\n%s\nwant:\n%s", res.Content, want)
	}
	tampered := bytes.Replace(signed, []byte("prosecutor-1"), []byte("prosecutor-2"), 1)
	if bytes.Equal(tampered, signed) {
		t.Fatal("no prosecutor-1 in the signed document")
	}
	if _, err := Verify(tampered, VerifyOptions{}); err == nil {
		t.Fatal("Verify accepted a tampered xmldsigjs document")
	}
}

// TestXmldsigjsRefusesKeyMismatches holds the key confusion rows of TestVerifyRefuses to
// xmldsigjs as well, the RSA-PSS ones included, which xmlsec1 cannot read: it refuses each
// document when it imports the certificate's key for the method — an RSA key as an ECDSA
// key, a P-256 key as an RSA key — and verifies each document as it was signed.
func TestXmldsigjsRefusesKeyMismatches(t *testing.T) {
	for _, m := range keyMismatches(t) {
		t.Run(m.name, func(t *testing.T) {
			why := "Invalid key type" // a P-256 key imported for an RSA method
			if m.to == AlgECDSA256 {
				why = "EcKeyImportParams" // an RSA key imported for ECDSA: it has no curve
			}
			if _, ok, stderr := xmldsigjs(t, []byte(m.doc), "verify"); ok || !strings.Contains(stderr, why) {
				t.Fatalf("xmldsigjs (accepted: %v) does not refuse for the key (%q): %s", ok, why, stderr)
			}
			signed := strings.Replace(string(m.doc), `Algorithm="`+m.to+`"/>`, `Algorithm="`+m.from+`"/>`, 1)
			if _, ok, stderr := xmldsigjs(t, []byte(signed), "verify"); !ok {
				t.Fatalf("xmldsigjs refused the document as signed: %s", stderr)
			}
		})
	}
}
