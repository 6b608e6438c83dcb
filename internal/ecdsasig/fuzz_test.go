package ecdsasig

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"testing"
)

// FuzzVerify feeds Verify and Normalize any signature bytes for a fixed P-256 key: no
// panic; only r‖s of the curve's size gets past the length check; a high S is always
// refused; Normalize gives a low-S form that Normalize leaves alone, changes only what
// Verify finds high, and a signature Verify accepts is its own low-S form.
func FuzzVerify(f *testing.F) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	digest := sha256.Sum256([]byte("message"))
	der, _ := key.Sign(rand.Reader, digest[:], crypto.SHA256)
	sig, err := FromDER(&key.PublicKey, der)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sig)
	f.Add(Twin(elliptic.P256(), sig))
	f.Add(der)
	f.Add(make([]byte, 64))
	f.Add(bytes.Repeat([]byte{0xff}, 64))
	f.Fuzz(func(t *testing.T, sig []byte) {
		ok, err := Verify(&key.PublicKey, digest[:], sig)
		if len(sig) != 64 {
			if ok || !errors.Is(err, ErrLength) {
				t.Fatalf("%d bytes: %v, %v", len(sig), ok, err)
			}
			return
		}
		low := Normalize(elliptic.P256(), sig)
		if !bytes.Equal(Normalize(elliptic.P256(), low), low) {
			t.Fatal("Normalize is not idempotent")
		}
		if ok && !bytes.Equal(low, sig) {
			t.Fatal("accepted a signature that is not in its low-S form")
		}
		if !errors.Is(err, ErrHighS) && !bytes.Equal(low, sig) {
			t.Fatal("Normalize changed a signature Verify did not find high")
		}
	})
}
