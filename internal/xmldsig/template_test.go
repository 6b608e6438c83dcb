package xmldsig

import (
	"bytes"
	"path/filepath"
	"testing"
)

// TestSignReproducesGolden signs testdata/message.xml again with the RSA
// key (PKCS #1 v1.5 is deterministic) and expects the very bytes of the
// golden file, made when signatures were still serialized by etree: the
// template writes the same signature element, byte for byte.
func TestSignReproducesGolden(t *testing.T) {
	want := readFile(t, filepath.Join("testdata", "golden", "jcx-rsa.xml"))
	got := signTestDoc(t, "rsa", SignOptions{})
	if !bytes.Equal(got, want) {
		t.Fatalf("Sign output differs from testdata/golden/jcx-rsa.xml:\n%s", got)
	}
}

// TestSignedInfoTemplate checks the canonical SignedInfo the template
// writes against the oracle's canonicalization of the SignedInfo in the
// signed document, for every method.
func TestSignedInfoTemplate(t *testing.T) {
	for _, tc := range []struct {
		key string
		pss bool
	}{{"ecdsa", false}, {"rsa", false}, {"rsa", true}} {
		signed := signTestDoc(t, tc.key, SignOptions{RSAPSS: tc.pss})
		root, err := parse(signed, Limits{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		sigs := findSignatures(root, 1)
		if len(sigs) != 1 {
			t.Fatal("no signature")
		}
		want, err := oracleSignedInfo(sigs[0].ChildElements()[0])
		if err != nil {
			t.Fatal(err)
		}
		c, err := canonicalizeStrict(signed, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(c.signedInfo, want) {
			t.Errorf("%s: canonical SignedInfo:\n%s\noracle:\n%s", tc.key, c.signedInfo, want)
		}
		s, err := readSignature(c.sig, false)
		if err != nil {
			t.Fatal(err)
		}
		if tmpl := appendSignedInfo(nil, s.method, s.digest, true); !bytes.Equal(tmpl, want) {
			t.Errorf("%s: template SignedInfo:\n%s\noracle:\n%s", tc.key, tmpl, want)
		}
	}
}
