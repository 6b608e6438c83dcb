package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// benchMessage is the 5 KB fixture the exchange and xmldsig benchmarks use
// too, so the figures can be compared:
//
//	go test -run '^$' -bench . -benchmem -count 6 ./internal/jws > new.txt
//	benchstat old.txt new.txt
//
// Read cpu-ns/op (process CPU per operation), not ns/op: on a shared
// machine wall time mostly measures the neighbours.
var benchMessage = filepath.Join("..", "..", "testdata", "messages", "valid", "epoc-nl-ie-subscriber-emergency-request.json")

var benchKeys = []struct{ alg, key string }{
	{"ES256", "es256"}, {"PS256", "ps256"}, {"EdDSA", "eddsa"},
}

func BenchmarkSign(b *testing.B) {
	msg := readFile(b, benchMessage)
	for _, k := range benchKeys {
		key, cert := testKey(b, k.key)
		chain := []*x509.Certificate{cert}
		b.Run(k.alg, func(b *testing.B) {
			benchLoop(b, len(msg), func() error {
				_, err := Sign(msg, key, chain)
				return err
			})
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	msg := readFile(b, benchMessage)
	for _, k := range benchKeys {
		key, cert := testKey(b, k.key)
		signed, err := Sign(msg, key, []*x509.Certificate{cert})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(k.alg, func(b *testing.B) {
			benchLoop(b, len(signed), func() error {
				_, err := Verify(signed)
				return err
			})
		})
	}
}

// BenchmarkRawCrypto is the floor Sign and Verify are measured against: the
// hash over the message and one signature or verification with the same key,
// and nothing else.
func BenchmarkRawCrypto(b *testing.B) {
	msg := readFile(b, benchMessage)
	for _, k := range benchKeys {
		key, cert := testKey(b, k.key)
		var opts crypto.SignerOpts = crypto.SHA256
		if k.alg == "PS256" {
			opts = pssOptions
		}
		digest := func() []byte {
			if k.alg == "EdDSA" {
				return msg // Ed25519 hashes the message itself
			}
			sum := sha256.Sum256(msg)
			return sum[:]
		}
		if k.alg == "EdDSA" {
			opts = crypto.Hash(0)
		}
		sig, err := key.Sign(rand.Reader, digest(), opts)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(k.alg+"/sign", func(b *testing.B) {
			benchLoop(b, len(msg), func() error {
				_, err := key.Sign(rand.Reader, digest(), opts)
				return err
			})
		})
		b.Run(k.alg+"/verify", func(b *testing.B) {
			benchLoop(b, len(msg), func() error {
				return rawVerify(cert.PublicKey, digest(), sig, k.alg)
			})
		})
	}
}

// rawVerify is the stdlib check of an ASN.1 (ECDSA), PSS or Ed25519
// signature, with no JWS around it.
func rawVerify(pub crypto.PublicKey, digest, sig []byte, alg string) error {
	var ok bool
	switch alg {
	case "ES256":
		ok = ecdsaVerifyASN1(pub, digest, sig)
	case "PS256":
		ok = rsaVerifyPSS(pub, digest, sig) == nil
	case "EdDSA":
		ok = ed25519.Verify(pub.(ed25519.PublicKey), digest, sig)
	}
	if !ok {
		return invalid("raw signature does not verify")
	}
	return nil
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

func ecdsaVerifyASN1(pub crypto.PublicKey, digest, sig []byte) bool {
	return ecdsa.VerifyASN1(pub.(*ecdsa.PublicKey), digest, sig)
}

func rsaVerifyPSS(pub crypto.PublicKey, digest, sig []byte) error {
	return rsa.VerifyPSS(pub.(*rsa.PublicKey), crypto.SHA256, digest, sig, pssOptions)
}
