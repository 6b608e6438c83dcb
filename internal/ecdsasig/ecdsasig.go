// Package ecdsasig holds the one serialisation of an ECDSA signature that jcx signs and
// accepts: r‖s, each as wide as the curve order (XML-DSig ecdsa-sha256, RFC 7518 §3.4),
// with s in the lower half of the group order.
//
// ECDSA is malleable: when (r, s) verifies, so does (r, n−s). A verifier that accepts
// both admits a second serialisation of every signature, made by anyone without the
// key: another SignatureValue or JWS, and so another receipt digest, for a message
// nobody signed twice. jcx therefore signs with low S (s ≤ n/2, the rule Bitcoin's
// BIP 62 and Ethereum's EIP-2 also apply) and refuses high S when it verifies.
//
// Other implementations (OpenSSL and so xmlsec1, node:crypto, go-jose) sign with
// whichever S the random nonce gives, so half of their ECDSA signatures are high S and
// are refused here; Normalize turns one into the low-S form, which verifies everywhere.
package ecdsasig

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"encoding/asn1"
	"errors"
	"math/big"
)

var (
	// ErrLength is a signature that is not r‖s of the curve's size (DER among them).
	ErrLength = errors.New("ECDSA signature is not r‖s of the curve's size")
	// ErrHighS is a signature whose s is above n/2: the twin of a low-S signature.
	ErrHighS = errors.New("ECDSA signature has a high S (s > n/2): only the low-S form is accepted")
	// ErrMalformed is a crypto.Signer result that is not an ASN.1 ECDSA signature.
	ErrMalformed = errors.New("signer returned a malformed ECDSA signature")
)

// Size is the width of r and of s for curve c, in bytes.
func Size(c elliptic.Curve) int { return (c.Params().BitSize + 7) / 8 }

// FromDER converts the ASN.1 DER signature a crypto.Signer returns into r‖s for pub's
// curve, with s made low.
func FromDER(pub *ecdsa.PublicKey, der []byte) ([]byte, error) {
	var v struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(der, &v)
	size := Size(pub.Curve)
	if err != nil || len(rest) != 0 || v.R == nil || v.S == nil || v.R.Sign() <= 0 || v.S.Sign() <= 0 ||
		len(v.R.Bytes()) > size || len(v.S.Bytes()) > size {
		return nil, ErrMalformed
	}
	n := pub.Curve.Params().N
	if isHigh(n, v.S) {
		v.S.Sub(n, v.S)
	}
	out := make([]byte, 2*size)
	v.R.FillBytes(out[:size])
	v.S.FillBytes(out[size:])
	return out, nil
}

// Verify checks sig, r‖s, over digest with pub. It refuses a signature of the wrong
// length (ErrLength) or with a high S (ErrHighS) before any arithmetic on the curve,
// and otherwise reports whether the signature verifies.
func Verify(pub *ecdsa.PublicKey, digest, sig []byte) (bool, error) {
	size := Size(pub.Curve)
	if len(sig) != 2*size {
		return false, ErrLength
	}
	r := new(big.Int).SetBytes(sig[:size])
	s := new(big.Int).SetBytes(sig[size:])
	if isHigh(pub.Curve.Params().N, s) {
		return false, ErrHighS
	}
	return ecdsa.Verify(pub, digest, r, s), nil
}

// Twin returns the other serialisation of sig, (r, n−s): high S for a low-S signature
// and low S for a high-S one. sig must be r‖s of c's size.
func Twin(c elliptic.Curve, sig []byte) []byte {
	size := Size(c)
	n := c.Params().N
	s := new(big.Int).SetBytes(sig[size:])
	out := make([]byte, 2*size)
	copy(out, sig[:size])
	new(big.Int).Sub(n, s).FillBytes(out[size:])
	return out
}

// Normalize returns sig (r‖s of c's size) in its low-S form: sig itself when s is low.
// A peer's signature made with a library that does not normalise verifies here once
// normalised, and still verifies everywhere else.
func Normalize(c elliptic.Curve, sig []byte) []byte {
	size := Size(c)
	if len(sig) != 2*size {
		return sig
	}
	n, s := c.Params().N, new(big.Int).SetBytes(sig[size:])
	if !isHigh(n, s) || s.Cmp(n) >= 0 {
		return sig
	}
	return Twin(c, sig)
}

// isHigh reports s > n/2 (n is odd, so s == n/2 cannot be; s ≥ n fails in Verify).
func isHigh(n, s *big.Int) bool {
	return s.Cmp(new(big.Int).Rsh(n, 1)) > 0
}
