package xmldsig

import (
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// benchMessage is the 5 KB fixture the exchange benchmarks use too, so the
// figures here and there can be compared:
//
//	go test -run '^$' -bench . -benchmem -count 6 ./internal/xmldsig > new.txt
//	benchstat old.txt new.txt
//
// Read cpu-ns/op (process CPU per operation), not ns/op: on a shared
// machine wall time mostly measures the neighbours.
var benchMessage = filepath.Join("..", "..", "testdata", "messages", "valid", "epoc-nl-ie-subscriber-emergency-request.xml")

var benchKeys = []struct{ name, key string }{
	{"ecdsa-p256", "ecdsa"},
	{"rsa-3072", "rsa"},
}

func BenchmarkSign(b *testing.B) {
	doc := readFile(b, benchMessage)
	for _, k := range benchKeys {
		key, cert := testKey(b, k.key)
		chain := []*x509.Certificate{cert}
		b.Run(k.name, func(b *testing.B) {
			benchLoop(b, len(doc), func() error {
				_, err := Sign(doc, key, chain)
				return err
			})
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	doc := readFile(b, benchMessage)
	for _, k := range benchKeys {
		key, cert := testKey(b, k.key)
		signed, err := Sign(doc, key, []*x509.Certificate{cert})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(k.name, func(b *testing.B) {
			benchLoop(b, len(signed), func() error {
				_, err := Verify(signed, VerifyOptions{})
				return err
			})
		})
	}
}

// BenchmarkCanonical is the canonicalization alone: the whole document, as
// the Reference digest needs it.
func BenchmarkCanonical(b *testing.B) {
	doc := readFile(b, benchMessage)
	benchLoop(b, len(doc), func() error {
		_, err := canonicalize(doc, Limits{})
		return err
	})
}

func benchLoop(b *testing.B, size int, op func() error) {
	b.SetBytes(int64(size))
	b.ReportAllocs()
	defer testtool.ReportCPU(b)()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRawCrypto is the floor Sign and Verify are measured against,
// as in package exchange: SHA-256 over the document and one signature or
// verification with the same keys, and nothing else.
func BenchmarkRawCrypto(b *testing.B) {
	doc := readFile(b, benchMessage)
	for _, k := range benchKeys {
		key, _ := testKey(b, k.key)
		method := AlgECDSA256
		if k.key == "rsa" {
			method = AlgRSASHA256
		}
		sum := sha256.Sum256(doc)
		value, err := signDigest(key, method, sum[:])
		if err != nil {
			b.Fatal(err)
		}
		b.Run(k.name+"/sign", func(b *testing.B) {
			benchLoop(b, len(doc), func() error {
				sum := sha256.Sum256(doc)
				_, err := key.Sign(rand.Reader, sum[:], crypto.SHA256)
				return err
			})
		})
		b.Run(k.name+"/verify", func(b *testing.B) {
			benchLoop(b, len(doc), func() error {
				sum := sha256.Sum256(doc)
				return verifyDigest(key.Public(), method, sum[:], value)
			})
		})
	}
}
