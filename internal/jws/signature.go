package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/json"
	"errors"

	"github.com/jcx-dev/jcx/internal/ecdsasig"
)

// The signature is checked here, with the standard library, once readProtected
// has vetted the header: go-jose used to parse the header and the x5c chain a
// second time only to reach the same primitive. What go-jose refused beyond
// our own checks is refused here too (checkParamTypes, the fixed ECDSA length,
// the PS256 salt); FuzzVerifyMatchesJose holds the two paths to the same
// verdict, and the places where this one is stricter are named where they are
// made.

// verifySignature checks sig over the JWS signing input with pub, whose key
// type keyAlgorithm has matched to alg.
func verifySignature(pub crypto.PublicKey, alg string, input, sig []byte) error {
	ok := false
	switch alg {
	case algES256, algES384:
		var err error
		if ok, err = verifyECDSA(pub.(*ecdsa.PublicKey), alg, input, sig); errors.Is(err, ecdsasig.ErrHighS) {
			// Stricter than go-jose: a high S is the twin of another signature.
			return invalid("%v", err)
		}
	case algPS256:
		digest := crypto.SHA256.New()
		digest.Write(input)
		d := digest.Sum(nil)
		k := pub.(*rsa.PublicKey)
		if ok = rsa.VerifyPSS(k, crypto.SHA256, d, sig, pssOptions) == nil; !ok &&
			rsa.VerifyPSS(k, crypto.SHA256, d, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto}) == nil {
			// A valid PSS signature, but RFC 7518 §3.5 allows one salt length. Told
			// apart from a failed signature, as before, so the message says why.
			return invalid("PS256 salt must be 32 bytes")
		}
	case algEdDSA:
		// ed25519.Verify refuses a signature that is not 64 bytes; x509 gives a
		// 32-byte key.
		ok = ed25519.Verify(pub.(ed25519.PublicKey), input, sig)
	}
	if !ok {
		return invalid("signature does not verify with the x5c key: the signed content or the signature was changed, or another key signed it")
	}
	return nil
}

// verifyECDSA checks a JWS ECDSA signature: r‖s, each exactly the size of the
// curve order (RFC 7518 §3.4), with a low S. Any other length is refused, DER
// among them, as a signature that does not verify; a high S with ErrHighS.
func verifyECDSA(pub *ecdsa.PublicKey, alg string, input, sig []byte) (bool, error) {
	h := hashFor(alg).New()
	h.Write(input)
	ok, err := ecdsasig.Verify(pub, h.Sum(nil), sig)
	if errors.Is(err, ecdsasig.ErrLength) {
		return false, nil
	}
	return ok, err
}

// checkParamTypes refuses what go-jose refused when it parsed the protected
// header, beyond readProtected's checks: "kid" and "nonce" that are not
// strings (RFC 7515 §4.1.4; RFC 8555 §6.5.2). Every other parameter go-jose read into an interface value,
// which cannot fail on JSON that checkJSON has accepted.
func checkParamTypes(names map[string]json.RawMessage) error {
	for _, p := range []string{"kid", "nonce"} {
		v, ok := names[p]
		if !ok {
			continue
		}
		var s string // null leaves it empty, with no error: absent, as for go-jose
		if err := json.Unmarshal(v, &s); err != nil {
			return invalid("malformed JWS: header parameter %q is not a string", p)
		}
	}
	return nil
}
