package jws

import (
	"crypto/x509"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// Header parameters that would let something other than x5c name the key, or
// change how the payload is signed. None of them is allowed anywhere.
var refusedParams = []string{"jwk", "jku", "x5u", "b64", "zip", "enc"}

// Parameters that only count when integrity protected, so they are refused
// in the unprotected header.
var protectedOnly = []string{"alg", "crit", "x5c", "typ", "cty", "kid", "x5t", "x5t#S256"}

// Verify checks the Signature member of msg and returns the signed payload
// and the x5c chain. It decides nothing about trust in the chain.
//
// Refused: a message that is not strict JSON (duplicate names anywhere,
// integers beyond ±(2^53−1), lone surrogates, trailing data: ErrInvalid),
// no Signature member (ErrMissing), an alg outside ES256, ES384, PS256 and
// EdDSA or one that does not match the signer's key (ErrAlgorithm), any
// crit, b64, jwk, jku or x5u parameter, a registered parameter name in
// another case ("ALG", "X5c"), an x5t#S256 that is not the x5c leaf's
// thumbprint, a kid or nonce that is not a string, a missing x5c or typ, a payload that is not detached, base64url
// that is not in its one canonical form (padding, line breaks, non-zero
// trailing bits), an ECDSA signature that is not r‖s of the curve's size,
// and a signature that does not verify (ErrInvalid); an x5t (SHA-1)
// thumbprint (ErrAlgorithm).
func Verify(msg []byte) (*Result, error) {
	return VerifyWithLimits(msg, Limits{})
}

// VerifyWithLimits is Verify with explicit limits.
func VerifyWithLimits(msg []byte, lim Limits) (*Result, error) {
	if err := checkJSON(msg, lim); err != nil {
		return nil, err
	}
	// The payload is the canonical form of every member but the signature; raw is the
	// signature member's value as written.
	payload, raw, _, err := canonicalMessage(msg, Member)
	if err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, ErrMissing
	}

	var parts map[string]json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil || parts == nil {
		return nil, invalid("%s is not a JSON object", Member)
	}
	var protected, signature string
	for _, name := range slices.Sorted(maps.Keys(parts)) { // sorted: one error for one input
		v := parts[name]
		switch name {
		case "protected":
			err = json.Unmarshal(v, &protected)
		case "signature":
			err = json.Unmarshal(v, &signature)
		case "header":
			if err := checkUnprotected(v); err != nil {
				return nil, err
			}
		case "payload":
			return nil, invalid("payload must be detached: it is the message itself")
		default:
			return nil, invalid("unexpected member %q in %s", name, Member)
		}
		if err != nil {
			return nil, wrap(CodeInvalid, "malformed "+name, err)
		}
	}
	if protected == "" {
		return nil, invalid("%s has no protected header", Member)
	}
	h, err := readProtected(protected, Type)
	if err != nil {
		return nil, err
	}
	if signature == "" {
		return nil, invalid("%s has no signature", Member)
	}
	keyAlg, err := keyAlgorithm(h.chain[0].PublicKey)
	if err != nil {
		return nil, err
	}
	if keyAlg != h.alg {
		return nil, notAllowed("alg %s does not match the signer's key (%s)", h.alg, keyAlg)
	}
	sig, err := decodeB64URL(signature)
	if err != nil {
		return nil, wrap(CodeInvalid, "malformed JWS", err)
	}
	if err := checkParamTypes(h.names); err != nil {
		return nil, err
	}
	if err := verifySignature(h.chain[0].PublicKey, h.alg, signingInput(protected, payload), sig); err != nil {
		return nil, err
	}
	return &Result{Payload: payload, Chain: h.chain, Algorithm: h.alg}, nil
}

// header is a vetted protected header.
type header struct {
	alg   string
	chain []*x509.Certificate
	names map[string]json.RawMessage // every member, by its exact name
}

// readProtected decodes and vets the protected header. Members are looked up
// by their exact names: header parameter names are case-sensitive (RFC 7515
// §4), so "ALG" or "X5C" is an unknown parameter, not alg or x5c. (Reading
// the header into a struct, as encoding/json does case-insensitively, once let
// "Typ" and "X5C" stand in for typ and x5c.)
func readProtected(protected, wantType string) (header, error) {
	b, err := decodeB64URL(protected)
	if err != nil {
		return header{}, wrap(CodeInvalid, "protected header is not base64url", err)
	}
	if err := checkJSON(b, Limits{MaxBytes: 64 << 10, MaxDepth: 4}); err != nil {
		return header{}, err
	}
	var names map[string]json.RawMessage
	if err := json.Unmarshal(b, &names); err != nil || names == nil {
		return header{}, invalid("protected header is not a JSON object")
	}
	if err := checkNameCase(names); err != nil {
		return header{}, err
	}
	var alg, typ *string
	var x5c []string
	for _, m := range []struct {
		name string
		v    any
	}{{"alg", &alg}, {"typ", &typ}, {"x5c", &x5c}} {
		if v, ok := names[m.name]; ok {
			if err := json.Unmarshal(v, m.v); err != nil {
				return header{}, wrap(CodeInvalid, "malformed protected header", err)
			}
		}
	}
	if alg == nil {
		return header{}, invalid("protected header has no alg")
	}
	if !slices.Contains(allowed, *alg) {
		return header{}, notAllowed("alg %q not allowed", *alg)
	}
	if _, ok := names["crit"]; ok {
		// We understand no extension, so any critical one is unknown.
		return header{}, invalid("crit header: no extensions are supported")
	}
	for _, p := range refusedParams {
		if _, ok := names[p]; ok {
			return header{}, invalid("header parameter %q not allowed", p)
		}
	}
	if typ == nil || !sameType(*typ, wantType) {
		return header{}, invalid("typ must be %q", wantType)
	}
	if len(x5c) == 0 || len(x5c) > maxChain {
		return header{}, invalid("x5c must hold 1 to %d certificates", maxChain)
	}
	chain := make([]*x509.Certificate, len(x5c))
	for i, s := range x5c {
		if chain[i], err = x5cCertificates.parse(s); err != nil {
			return header{}, err
		}
	}
	if err := checkThumbprints(names, chain[0]); err != nil {
		return header{}, err
	}
	return header{alg: *alg, chain: chain, names: names}, nil
}

func checkUnprotected(v json.RawMessage) error {
	var h map[string]json.RawMessage
	if err := json.Unmarshal(v, &h); err != nil || h == nil {
		return invalid("header is not a JSON object")
	}
	if err := checkNameCase(h); err != nil {
		return err
	}
	for _, list := range [][]string{refusedParams, protectedOnly} {
		for _, p := range list {
			if _, ok := h[p]; ok {
				return invalid("header parameter %q must not be unprotected", p)
			}
		}
	}
	return nil
}

// sameType compares typ with want as media types, case-insensitively, with
// the "application/" prefix optional (RFC 7515 §4.1.9).
func sameType(typ, want string) bool {
	t, w := strings.ToLower(typ), strings.ToLower(want)
	return t == w || "application/"+t == w || t == "application/"+w
}
