package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"

	"github.com/jcx-dev/jcx/internal/ecdsasig"
)

// signInput signs the JWS signing input with any crypto.Signer (HSM, KMS) as
// alg requires: PS256 with the salt length RFC 7518 §3.5 fixes to the hash
// size (strict verifiers, node:crypto among them, refuse any other; go-jose's
// own crypto.Signer adapter signs with the largest possible salt), ECDSA as
// the fixed-size r‖s of RFC 7518 §3.4 (crypto.Signer gives DER) with a low S
// (package ecdsasig says why), Ed25519 over
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
	sig, err := ecdsasig.FromDER(key.Public().(*ecdsa.PublicKey), der)
	if err != nil {
		return nil, invalid("%v", err)
	}
	return sig, nil
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
