package jws

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"testing"

	"github.com/gowebpki/jcs"
)

func TestSignVerifyRoundTrip(t *testing.T) {
	want, err := jcs.Transform(testMessage(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range algKeys {
		t.Run(tc.alg, func(t *testing.T) {
			t.Parallel()
			signed := signTestMessage(t, tc.key)
			if c, err := jcs.Transform(signed); err != nil || !bytes.Equal(c, signed) {
				t.Errorf("Sign output is not in JCS form:\n%s", signed)
			}
			res, err := Verify(signed)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if res.Algorithm != tc.alg {
				t.Errorf("Algorithm = %s, want %s", res.Algorithm, tc.alg)
			}
			if !bytes.Equal(res.Payload, want) {
				t.Errorf("Payload:\n%s\nwant:\n%s", res.Payload, want)
			}
			_, cert := testKey(t, tc.key)
			if len(res.Chain) != 1 || !res.Chain[0].Equal(cert) {
				t.Errorf("Chain does not hold the signer's certificate")
			}
			var hdr struct {
				Signature struct{ Protected string }
			}
			if err := json.Unmarshal(signed, &hdr); err != nil {
				t.Fatal(err)
			}
			h, _ := decodeB64URL(hdr.Signature.Protected)
			var ph map[string]any
			if err := json.Unmarshal(h, &ph); err != nil || ph["typ"] != Type || ph["alg"] != tc.alg {
				t.Errorf("protected header = %s", h)
			}
		})
	}
}

func TestSignRefuses(t *testing.T) {
	msg := testMessage(t)
	es, esCert := testKey(t, "es256")
	p521, p521Cert := testKey(t, "p521")
	small, smallCert := testKey(t, "rsa1024")
	_, psCert := testKey(t, "ps256")
	for _, tc := range []struct {
		name  string
		msg   string
		key   crypto.Signer
		chain []*x509.Certificate
		want  error
	}{
		{"P-521 key", string(msg), p521, []*x509.Certificate{p521Cert}, ErrAlgorithm},
		{"RSA 1024 key", string(msg), small, []*x509.Certificate{smallCert}, ErrAlgorithm},
		{"certificate of another key", string(msg), es, []*x509.Certificate{psCert}, ErrInvalid},
		{"no certificate", string(msg), es, nil, ErrInvalid},
		{"nil key", string(msg), nil, []*x509.Certificate{esCert}, ErrAlgorithm},
		{"already signed", string(signTestMessage(t, "es256")), es, []*x509.Certificate{esCert}, ErrInvalid},
		{"not an object", `[1,2]`, es, []*x509.Certificate{esCert}, ErrInvalid},
		{"duplicate member", `{"a":1,"a":2}`, es, []*x509.Certificate{esCert}, ErrInvalid},
		{"unsafe integer", `{"a":9007199254740993}`, es, []*x509.Certificate{esCert}, ErrInvalid},
		{"nil certificate in chain", string(msg), es, []*x509.Certificate{esCert, nil}, ErrInvalid},
		{"signer returns an oversized ECDSA value", string(msg), hostileSigner{es}, []*x509.Certificate{esCert}, ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Sign([]byte(tc.msg), tc.key, tc.chain)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

// hostileSigner stands for a broken HSM: its ECDSA signatures do not fit
// the curve.
type hostileSigner struct{ crypto.Signer }

func (h hostileSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return asn1.Marshal(struct{ R, S *big.Int }{new(big.Int).Lsh(big.NewInt(1), 300), big.NewInt(1)})
}
