package jws

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/go-jose/go-jose/v4"
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
// crit, b64, jwk, jku or x5u parameter, a missing x5c or typ, a payload
// that is not detached, and a signature that does not verify (ErrInvalid).
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
	alg, chain, err := readProtected(protected)
	if err != nil {
		return nil, err
	}
	if signature == "" {
		return nil, invalid("%s has no signature", Member)
	}
	keyAlg, err := keyAlgorithm(chain[0].PublicKey)
	if err != nil {
		return nil, err
	}
	if keyAlg != alg {
		return nil, notAllowed("alg %s does not match the signer's key (%s)", alg, keyAlg)
	}

	obj, err := jose.ParseDetached(protected+".."+signature, payload, []jose.SignatureAlgorithm{alg})
	if err != nil {
		return nil, wrap(CodeInvalid, "malformed JWS", err)
	}
	if err := obj.DetachedVerify(payload, chain[0].PublicKey); err != nil {
		return nil, wrap(CodeInvalid, "signature does not verify with the x5c key", err)
	}
	if alg == jose.PS256 {
		// go-jose accepts any PSS salt length; RFC 7518 §3.5 allows one.
		input := []byte(protected + "." + base64.RawURLEncoding.EncodeToString(payload))
		digest := sha256.Sum256(input)
		sig, err := decodeB64URL(signature)
		if err != nil || rsa.VerifyPSS(chain[0].PublicKey.(*rsa.PublicKey), crypto.SHA256, digest[:], sig, pssOptions) != nil {
			return nil, invalid("PS256 salt must be 32 bytes")
		}
	}
	return &Result{Payload: payload, Chain: chain, Algorithm: string(alg)}, nil
}

// readProtected decodes and vets the protected header.
func readProtected(protected string) (jose.SignatureAlgorithm, []*x509.Certificate, error) {
	b, err := decodeB64URL(protected)
	if err != nil {
		return "", nil, wrap(CodeInvalid, "protected header is not base64url", err)
	}
	if err := checkJSON(b, Limits{MaxBytes: 64 << 10, MaxDepth: 4}); err != nil {
		return "", nil, err
	}
	var h struct {
		Alg *string  `json:"alg"`
		Typ *string  `json:"typ"`
		X5c []string `json:"x5c"`
	}
	var names map[string]json.RawMessage
	if err := json.Unmarshal(b, &names); err != nil || names == nil {
		return "", nil, invalid("protected header is not a JSON object")
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return "", nil, wrap(CodeInvalid, "malformed protected header", err)
	}
	if h.Alg == nil {
		return "", nil, invalid("protected header has no alg")
	}
	alg := jose.SignatureAlgorithm(*h.Alg)
	if !isAllowed(alg) {
		return "", nil, notAllowed("alg %q not allowed", *h.Alg)
	}
	if _, ok := names["crit"]; ok {
		// We understand no extension, so any critical one is unknown.
		return "", nil, invalid("crit header: no extensions are supported")
	}
	for _, p := range refusedParams {
		if _, ok := names[p]; ok {
			return "", nil, invalid("header parameter %q not allowed", p)
		}
	}
	if h.Typ == nil || !isJcxType(*h.Typ) {
		return "", nil, invalid("typ must be %q", Type)
	}
	if len(h.X5c) == 0 || len(h.X5c) > maxChain {
		return "", nil, invalid("x5c must hold 1 to %d certificates", maxChain)
	}
	chain := make([]*x509.Certificate, len(h.X5c))
	for i, s := range h.X5c {
		if chain[i], err = x5cCertificates.parse(s); err != nil {
			return "", nil, err
		}
	}
	return alg, chain, nil
}

func checkUnprotected(v json.RawMessage) error {
	var h map[string]json.RawMessage
	if err := json.Unmarshal(v, &h); err != nil || h == nil {
		return invalid("header is not a JSON object")
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

func isAllowed(alg jose.SignatureAlgorithm) bool {
	for _, a := range allowed {
		if a == alg {
			return true
		}
	}
	return false
}

// isJcxType compares typ as a media type, case-insensitively, with the
// "application/" prefix optional (RFC 7515 §4.1.9).
func isJcxType(typ string) bool {
	t := strings.ToLower(typ)
	return t == Type || "application/"+t == Type
}
