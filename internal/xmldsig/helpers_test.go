package xmldsig

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// testKey loads testdata/pki/<name>.key and <name>.pem (made by mkpki.sh).
func testKey(t testing.TB, name string) (crypto.Signer, *x509.Certificate) {
	t.Helper()
	keyPEM := readFile(t, filepath.Join("testdata", "pki", name+".key"))
	b, _ := pem.Decode(keyPEM)
	if b == nil {
		t.Fatalf("%s.key: no PEM block", name)
	}
	key, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		t.Fatalf("%s.key: %v", name, err)
	}
	return key.(crypto.Signer), testCert(t, name)
}

func testCert(t testing.TB, name string) *x509.Certificate {
	t.Helper()
	b, _ := pem.Decode(readFile(t, filepath.Join("testdata", "pki", name+".pem")))
	if b == nil {
		t.Fatalf("%s.pem: no PEM block", name)
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatalf("%s.pem: %v", name, err)
	}
	return c
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

// signTestDoc signs testdata/message.xml with the named key (plus the CA).
func signTestDoc(t testing.TB, name string, opts SignOptions) []byte {
	t.Helper()
	key, cert := testKey(t, name)
	out, err := SignWithOptions(readFile(t, filepath.Join("testdata", "message.xml")), key,
		[]*x509.Certificate{cert, testCert(t, "ca")}, opts)
	if err != nil {
		t.Fatalf("sign with %s: %v", name, err)
	}
	return out
}
