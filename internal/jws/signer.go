package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"encoding/asn1"
	"math/big"

	"github.com/go-jose/go-jose/v4"
)

// opaqueSigner lets go-jose sign with any crypto.Signer (HSM, KMS). It
// replaces go-jose's cryptosigner, which signs PS256 with the largest
// possible PSS salt: RFC 7518 §3.5 fixes the salt to the hash size, and
// strict verifiers (node:crypto among them) refuse anything else.
type opaqueSigner struct {
	key crypto.Signer
	alg jose.SignatureAlgorithm
}

func (s opaqueSigner) Public() *jose.JSONWebKey { return &jose.JSONWebKey{Key: s.key.Public()} }

func (s opaqueSigner) Algs() []jose.SignatureAlgorithm { return []jose.SignatureAlgorithm{s.alg} }

func (s opaqueSigner) SignPayload(payload []byte, alg jose.SignatureAlgorithm) ([]byte, error) {
	if alg != s.alg {
		return nil, jose.ErrUnsupportedAlgorithm
	}
	if alg == jose.EdDSA {
		return s.key.Sign(rand.Reader, payload, crypto.Hash(0))
	}
	hash := hashFor(alg)
	h := hash.New()
	h.Write(payload)
	digest := h.Sum(nil)
	if alg == jose.PS256 {
		return s.key.Sign(rand.Reader, digest, pssOptions)
	}
	der, err := s.key.Sign(rand.Reader, digest, hash)
	if err != nil {
		return nil, err
	}
	// crypto.Signer gives ECDSA as DER; JWS wants fixed-size r‖s.
	var rs struct{ R, S *big.Int }
	size := (s.key.Public().(*ecdsa.PublicKey).Curve.Params().BitSize + 7) / 8
	if rest, err := asn1.Unmarshal(der, &rs); err != nil || len(rest) > 0 ||
		rs.R == nil || rs.S == nil || rs.R.Sign() <= 0 || rs.S.Sign() <= 0 || len(rs.R.Bytes()) > size || len(rs.S.Bytes()) > size {
		return nil, invalid("signer returned a malformed ECDSA signature")
	}
	out := make([]byte, 2*size)
	rs.R.FillBytes(out[:size])
	rs.S.FillBytes(out[size:])
	return out, nil
}

// pssOptions are the PS256 parameters of RFC 7518 §3.5: MGF1 with SHA-256,
// salt as long as the hash.
var pssOptions = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}

func hashFor(alg jose.SignatureAlgorithm) crypto.Hash {
	if alg == jose.ES384 {
		return crypto.SHA384
	}
	return crypto.SHA256
}
