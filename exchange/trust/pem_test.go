package trust

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParsePrivateKeyPEM(t *testing.T) {
	for _, tc := range []struct {
		file string
		want string // key type, or "" when the file must be refused
	}{
		{"ec-sec1-with-params.pem", "ecdsa"},
		{"rsa-pkcs1.pem", "rsa"},
		{"ed25519-pkcs8.pem", "ed25519"},
		{"p384-pkcs8.pem", "ecdsa"},
		{"encrypted-pkcs8.pem", ""},
		{"cert.pem", ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			key, err := ParsePrivateKeyPEM(b)
			if tc.want == "" {
				if err == nil || !errors.Is(err, ErrConfig) || errors.Is(err, ErrUntrusted) {
					t.Fatalf("err = %v, want a refusal matching ErrConfig, not ErrUntrusted", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got string
			switch key.(type) {
			case *ecdsa.PrivateKey:
				got = "ecdsa"
			case *rsa.PrivateKey:
				got = "rsa"
			case ed25519.PrivateKey:
				got = "ed25519"
			}
			if got != tc.want {
				t.Fatalf("key type %T, want %s", key, tc.want)
			}
			// Round trip through our PKCS #8 encoding.
			out, err := MarshalPrivateKeyPEM(key)
			if err != nil {
				t.Fatal(err)
			}
			again, err := ParsePrivateKeyPEM(out)
			if err != nil {
				t.Fatal(err)
			}
			if !again.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(key.Public()) {
				t.Fatal("round trip changed the key")
			}
		})
	}
}

func TestLoadBundle(t *testing.T) {
	ca := mustCA(t, CARequest{CommonName: "root"})
	leaf := mustIssue(t, IssueRequest{Party: sender, Issuer: ca})
	keyPEM, _ := MarshalPrivateKeyPEM(ca.Key)
	good := MarshalCertificatePEM(ca.Certificate, leaf)

	b, err := ReadBundle(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Certificates(); len(got) != 2 || !got[0].Equal(ca.Certificate) || !got[1].Equal(leaf) {
		t.Fatalf("Certificates() = %d certificates, want the root then the leaf", len(got))
	}
	for name, in := range map[string][]byte{
		"empty":            nil,
		"private key":      append(append([]byte{}, good...), keyPEM...),
		"garbage after":    append(append([]byte{}, good...), "junk"...),
		"not PEM":          []byte("hello"),
		"broken DER":       []byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
		"too large stream": []byte(strings.Repeat(" ", maxBundleBytes+1)),
	} {
		t.Run(name, func(t *testing.T) {
			var err error
			if name == "too large stream" {
				_, err = ReadBundle(bytes.NewReader(in))
			} else {
				_, err = LoadBundle(in)
			}
			if !errors.Is(err, ErrConfig) || errors.Is(err, ErrUntrusted) {
				t.Fatalf("err = %v, want ErrConfig and not ErrUntrusted: a bad bundle is misuse, not an untrusted peer", err)
			}
		})
	}
}
