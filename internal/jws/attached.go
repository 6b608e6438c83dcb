package jws

import (
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// A message's signature is detached: the payload is the message itself. A
// statement about something else — a conformance certificate — carries its
// payload inside the JWS instead. SignAttached and VerifyAttached apply the
// same profile to it (algorithms, low-S ECDSA, exact header names, x5c,
// x5t#S256, canonical base64url), so that jcx has one JWS verifier, and differ
// only where the serialization does: the payload member and the typ.

// SignAttached returns a flattened JWS JSON serialization (RFC 7515 §7.2.2)
// of payload, attached, with a protected header of alg (from the key), typ
// and x5c (chain, signer first), as JSON indented by two spaces and ending
// in a newline. typ is a media type such as "example+json": letters, digits
// and "+-./" only.
func SignAttached(payload []byte, typ string, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	if typ == "" || strings.Trim(typ, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-./") != "" {
		return nil, invalid("typ %q is not a plain media type", typ)
	}
	alg, err := algorithmFor(key, chain)
	if err != nil {
		return nil, err
	}
	protected := base64.RawURLEncoding.EncodeToString(protectedHeader(alg, typ, chain))
	sig, err := signInput(key, alg, signingInput(protected, payload))
	if err != nil {
		return nil, wrap(CodeInvalid, "signing failed", err)
	}
	// All three values are base64url, which needs no escaping in a JSON string.
	out := make([]byte, 0, len(protected)+base64.RawURLEncoding.EncodedLen(len(payload))+len(sig)*2+64)
	out = append(out, "{\n  \"payload\": \""...)
	out = base64.RawURLEncoding.AppendEncode(out, payload)
	out = append(out, "\",\n  \"protected\": \""...)
	out = append(out, protected...)
	out = append(out, "\",\n  \"signature\": \""...)
	out = base64.RawURLEncoding.AppendEncode(out, sig)
	return append(out, "\"\n}\n"...), nil
}

// VerifyAttached checks a JWS that SignAttached wrote (any JSON layout) and
// returns its payload and x5c chain; trust in the chain is the caller's
// decision. It refuses what Verify refuses, with typ in place of the message
// type, and also a JWS without its payload, with an unprotected header or with
// several signatures (the general serialization).
func VerifyAttached(data []byte, typ string, lim Limits) (*Result, error) {
	if err := checkJSON(data, lim); err != nil {
		return nil, err
	}
	var parts map[string]json.RawMessage
	if err := json.Unmarshal(data, &parts); err != nil || parts == nil {
		return nil, invalid("a JWS must be a JSON object")
	}
	var payload, protected, signature string
	for _, name := range slices.Sorted(maps.Keys(parts)) { // sorted: one error for one input
		var err error
		switch name {
		case "payload":
			err = json.Unmarshal(parts[name], &payload)
		case "protected":
			err = json.Unmarshal(parts[name], &protected)
		case "signature":
			err = json.Unmarshal(parts[name], &signature)
		default:
			// "header" too: nothing this profile reads may be unprotected.
			return nil, invalid("unexpected member %q in the JWS", name)
		}
		if err != nil {
			return nil, wrap(CodeInvalid, "malformed "+name, err)
		}
	}
	switch {
	case payload == "":
		return nil, invalid("the JWS has no payload")
	case protected == "":
		return nil, invalid("the JWS has no protected header")
	}
	h, err := readProtected(protected, typ)
	if err != nil {
		return nil, err
	}
	if signature == "" {
		return nil, invalid("the JWS has no signature")
	}
	keyAlg, err := keyAlgorithm(h.chain[0].PublicKey)
	if err != nil {
		return nil, err
	}
	if keyAlg != h.alg {
		return nil, notAllowed("alg %s does not match the signer's key (%s)", h.alg, keyAlg)
	}
	if err := checkParamTypes(h.names); err != nil {
		return nil, err
	}
	body, err := decodeB64URL(payload)
	if err != nil {
		return nil, wrap(CodeInvalid, "payload is not base64url", err)
	}
	sig, err := decodeB64URL(signature)
	if err != nil {
		return nil, wrap(CodeInvalid, "malformed JWS", err)
	}
	// The signing input is rebuilt from the decoded payload; strict base64url
	// has one encoding per value, so it is the payload as sent.
	if err := verifySignature(h.chain[0].PublicKey, h.alg, signingInput(protected, body), sig); err != nil {
		return nil, err
	}
	return &Result{Payload: body, Chain: h.chain, Algorithm: h.alg}, nil
}
