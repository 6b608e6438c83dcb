package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"encoding/asn1"
	"math/big"
)

// signInput signs the JWS signing input with any crypto.Signer (HSM, KMS) as
// alg requires: PS256 with the salt length RFC 7518 §3.5 fixes to the hash
// size (strict verifiers, node:crypto among them, refuse any other; go-jose's
// own crypto.Signer adapter signs with the largest possible salt), ECDSA as
// the fixed-size r‖s of RFC 7518 §3.4 (crypto.Signer gives DER), Ed25519 over
// the input itself.
func signInput(key crypto.Signer, alg string, input []byte) ([]byte, error) {
	if alg == algEdDSA {
		return key.Sign(rand.Reader, input, crypto.Hash(0))
	}
	hash := hashFor(alg)
	h := hash.New()
	h.Write(input)
	digest := h.Sum(nil)
	if alg == algPS256 {
		return key.Sign(rand.Reader, digest, pssOptions)
	}
	der, err := key.Sign(rand.Reader, digest, hash)
	if err != nil {
		return nil, err
	}
	var rs struct{ R, S *big.Int }
	size := (key.Public().(*ecdsa.PublicKey).Curve.Params().BitSize + 7) / 8
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

func hashFor(alg string) crypto.Hash {
	if alg == algES384 {
		return crypto.SHA384
	}
	return crypto.SHA256
}
