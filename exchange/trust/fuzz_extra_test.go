package trust

import (
	"crypto"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The PEM parsers read files an operator was handed by another state, so they
// see bytes nobody here wrote. Seeds: testdata/*.pem and testdata/fuzz.

// FuzzBundle loads a trust bundle and verifies a chain against it. Every
// refusal of the input must match ErrConfig and not ErrUntrusted, every refusal
// of the chain must be an *Error with code 8003, and an accepted chain must name
// its signer.
func FuzzBundle(f *testing.F) {
	cert := readTestdata(f, "cert.pem")
	f.Add(cert, cert)
	f.Add(cert, []byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), cert)
	at := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, bundlePEM, chainPEM []byte) {
		b, err := LoadBundle(bundlePEM)
		if err != nil {
			checkMisuse(t, err)
			return
		}
		if len(b.Certificates()) == 0 {
			t.Fatal("an accepted bundle holds no certificate")
		}
		chain, err := ParseCertificatesPEM(chainPEM)
		if err != nil {
			checkMisuse(t, err)
			return
		}
		id, err := b.Verify(chain, at)
		if err != nil {
			checkTrustError(t, err)
			return
		}
		if id.Certificate == nil || len(id.Chain) == 0 {
			t.Fatalf("accepted without a signer: %+v", id)
		}
		for _, p := range id.Parties() {
			if !id.Names(p) {
				t.Fatalf("identity lists %v but does not name it", p)
			}
		}
	})
}

// FuzzParsePrivateKeyPEM: a key that parses encodes again to one with the
// same public half.
func FuzzParsePrivateKeyPEM(f *testing.F) {
	for _, name := range []string{"rsa-pkcs1.pem", "p384-pkcs8.pem", "ed25519-pkcs8.pem", "ec-sec1-with-params.pem", "encrypted-pkcs8.pem"} {
		f.Add(readTestdata(f, name))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		key, err := ParsePrivateKeyPEM(b)
		if err != nil {
			checkMisuse(t, err)
			return
		}
		out, err := MarshalPrivateKeyPEM(key)
		if err != nil {
			return // a key crypto/x509 reads but will not write (e.g. odd RSA primes)
		}
		again, err := ParsePrivateKeyPEM(out)
		if err != nil {
			t.Fatalf("re-encoded key does not parse: %v", err)
		}
		type equaler interface{ Equal(crypto.PublicKey) bool }
		if eq, ok := key.Public().(equaler); ok && !eq.Equal(again.Public()) {
			t.Fatal("re-encoded key has another public key")
		}
	})
}

func checkTrustError(t *testing.T, err error) {
	t.Helper()
	var te *Error
	if !errors.As(err, &te) || te.Code() != CodeUntrusted {
		t.Fatalf("refusal %T is not a trust error with code 8003: %v", err, err)
	}
}

func checkMisuse(t *testing.T, err error) {
	t.Helper()
	var te *Error
	if !errors.Is(err, ErrConfig) || errors.Is(err, ErrUntrusted) || errors.As(err, &te) {
		t.Fatalf("refusal of the input %T is not a misuse error (ErrConfig, no code): %v", err, err)
	}
}

func readTestdata(f *testing.F, name string) []byte {
	f.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		f.Fatal(err)
	}
	return b
}
