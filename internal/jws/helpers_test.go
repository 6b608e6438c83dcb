package jws

import (
	"bytes"
	"crypto"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/ecdsasig"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// testKey loads testdata/pki/<name>.key and .pem (made by mkpki.sh).
func testKey(t testing.TB, name string) (crypto.Signer, *x509.Certificate) {
	t.Helper()
	b, _ := pem.Decode(readFile(t, filepath.Join("testdata", "pki", name+".key")))
	if b == nil {
		t.Fatalf("%s.key: no PEM block", name)
	}
	key, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		t.Fatalf("%s.key: %v", name, err)
	}
	b, _ = pem.Decode(readFile(t, filepath.Join("testdata", "pki", name+".pem")))
	if b == nil {
		t.Fatalf("%s.pem: no PEM block", name)
	}
	cert, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatalf("%s.pem: %v", name, err)
	}
	return key.(crypto.Signer), cert
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// needTool finds an external oracle (see internal/testtool).
func needTool(t *testing.T, name string) string {
	pkg := map[string]string{"xmlsec1": "xmlsec1", "xmllint": "libxml2-utils", "node": "nodejs"}[name]
	return testtool.Need(t, name, pkg)
}

// nodeJose runs testdata/jose.js with stdin and returns its stdout and
// whether it exited 0.
func nodeJose(t *testing.T, node string, stdin []byte, args ...string) ([]byte, bool, string) {
	t.Helper()
	return testtool.RunNode(t, node, filepath.Join("testdata", "jose.js"), stdin, args...)
}

func testMessage(t testing.TB) []byte {
	return readFile(t, filepath.Join("testdata", "message.json"))
}

func signTestMessage(t testing.TB, name string) []byte {
	t.Helper()
	key, cert := testKey(t, name)
	out, err := Sign(testMessage(t), key, []*x509.Certificate{cert})
	if err != nil {
		t.Fatalf("Sign with %s: %v", name, err)
	}
	return out
}

// algKeys maps each allowed alg to its test key.
var algKeys = []struct{ alg, key string }{
	{"ES256", "es256"}, {"ES384", "es384"}, {"PS256", "ps256"}, {"EdDSA", "eddsa"},
}

// lowS rewrites the ECDSA signature of a signed message in its low-S form
// and reports whether it was high. node:crypto, like go-jose and OpenSSL,
// signs with a high S half of the time, which Verify refuses (package
// ecdsasig); the low-S form is the same signature, which every verifier
// accepts. Other signatures are left as they are.
func lowS(t testing.TB, signed []byte) ([]byte, bool) {
	t.Helper()
	var m struct {
		Signature struct {
			Signature string `json:"signature"`
		}
	}
	if err := json.Unmarshal(signed, &m); err != nil {
		t.Fatal(err)
	}
	sig, err := base64.RawURLEncoding.DecodeString(m.Signature.Signature)
	if err != nil {
		t.Fatal(err)
	}
	var c elliptic.Curve
	switch len(sig) {
	case 64:
		c = elliptic.P256()
	case 96:
		c = elliptic.P384()
	default:
		return signed, false
	}
	low := ecdsasig.Normalize(c, sig)
	if bytes.Equal(low, sig) {
		return signed, false
	}
	enc := base64.RawURLEncoding.EncodeToString(low)
	return bytes.Replace(signed, []byte(`"`+m.Signature.Signature+`"`), []byte(`"`+enc+`"`), 1), true
}

// checkHighS holds a peer's signed message to the low-S rule: when its S is
// high, Verify refuses it (8002) and accepts its low-S form. It returns the
// message Verify accepts.
func checkHighS(t *testing.T, signed []byte) []byte {
	t.Helper()
	low, high := lowS(t, signed)
	if high {
		if _, err := Verify(signed); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "high S") {
			t.Fatalf("a high-S signature: %v, want 8002 naming the high S", err)
		}
	}
	return low
}
