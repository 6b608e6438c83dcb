package jws

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

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
	cmd := exec.Command(node, append([]string{filepath.Join("testdata", "jose.js")}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("running node: %v", err)
	}
	return stdout.Bytes(), err == nil, stderr.String()
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
