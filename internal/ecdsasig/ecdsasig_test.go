package ecdsasig

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/asn1"
	"errors"
	"math/big"
	"testing"
)

// TestLowSOnly signs many times with each curve: every signature FromDER makes is low S
// and verifies, its twin (r, n−s) is refused with ErrHighS although the curve
// arithmetic accepts it, and Normalize maps the twin back.
func TestLowSOnly(t *testing.T) {
	for _, c := range []elliptic.Curve{elliptic.P256(), elliptic.P384(), elliptic.P521()} {
		t.Run(c.Params().Name, func(t *testing.T) {
			key, err := ecdsa.GenerateKey(c, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			digest := sha256.Sum256([]byte("message"))
			highFromSigner := 0
			for range 64 {
				der, err := key.Sign(rand.Reader, digest[:], crypto.SHA256)
				if err != nil {
					t.Fatal(err)
				}
				var rs struct{ R, S *big.Int }
				if _, err := asn1.Unmarshal(der, &rs); err != nil {
					t.Fatal(err)
				}
				if isHigh(c.Params().N, rs.S) {
					highFromSigner++
				}
				sig, err := FromDER(&key.PublicKey, der)
				if err != nil {
					t.Fatal(err)
				}
				if ok, err := Verify(&key.PublicKey, digest[:], sig); !ok || err != nil {
					t.Fatalf("own signature: %v, %v", ok, err)
				}
				twin := Twin(c, sig)
				size := Size(c)
				r, s := new(big.Int).SetBytes(twin[:size]), new(big.Int).SetBytes(twin[size:])
				if !ecdsa.Verify(&key.PublicKey, digest[:], r, s) {
					t.Fatal("the twin does not verify with the curve arithmetic: it is no twin")
				}
				if ok, err := Verify(&key.PublicKey, digest[:], twin); ok || !errors.Is(err, ErrHighS) {
					t.Fatalf("twin: %v, %v; want ErrHighS", ok, err)
				}
				if !bytes.Equal(Normalize(c, twin), sig) || !bytes.Equal(Normalize(c, sig), sig) {
					t.Fatal("Normalize does not give the low-S form")
				}
			}
			// The signer's own S is high about half of the time: what FromDER fixes.
			if highFromSigner == 0 || highFromSigner == 64 {
				t.Errorf("%d of 64 signer results had a high S; expected about half", highFromSigner)
			}
		})
	}
}

func TestVerifyRefuses(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256([]byte("message"))
	der, _ := key.Sign(rand.Reader, digest[:], crypto.SHA256)
	sig, err := FromDER(&key.PublicKey, der)
	if err != nil {
		t.Fatal(err)
	}
	n := elliptic.P256().Params().N
	withS := func(s *big.Int) []byte {
		out := bytes.Clone(sig)
		s.FillBytes(out[32:])
		return out
	}
	for _, tc := range []struct {
		name string
		sig  []byte
		want error
	}{
		{"DER", der, ErrLength},
		{"one byte short", sig[:63], ErrLength},
		{"one byte long", append(bytes.Clone(sig), 0), ErrLength},
		{"empty", nil, ErrLength},
		{"s = n", withS(n), ErrHighS},
		{"s = n-1", withS(new(big.Int).Sub(n, big.NewInt(1))), ErrHighS},
		{"s = n/2+1", withS(new(big.Int).Add(new(big.Int).Rsh(n, 1), big.NewInt(1))), ErrHighS},
		{"s = 0", withS(big.NewInt(0)), nil},
		{"s = n/2", withS(new(big.Int).Rsh(n, 1)), nil}, // low, and wrong: verifies false
	} {
		ok, err := Verify(&key.PublicKey, digest[:], tc.sig)
		if ok || !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, %v; want false, %v", tc.name, ok, err, tc.want)
		}
	}
	for _, bad := range [][]byte{nil, {0x30, 0x00}, append(bytes.Clone(der), 0)} {
		if _, err := FromDER(&key.PublicKey, bad); !errors.Is(err, ErrMalformed) {
			t.Errorf("FromDER(%x): %v", bad, err)
		}
	}
}
