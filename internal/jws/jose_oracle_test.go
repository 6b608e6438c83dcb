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

// The go-jose path that Sign and Verify used before they signed and verified with
// the standard library: kept whole as the oracle of the differential tests
// (FuzzVerifyMatchesJose, TestSignMatchesJose). Do not simplify it: it is what
// the new path is held to.

// verifyWithJose is VerifyWithLimits as it was, with go-jose parsing and
// checking the JWS after the profile checks.
func verifyWithJose(msg []byte, lim Limits) (*Result, error) {
	if err := checkJSON(msg, lim); err != nil {
		return nil, err
	}
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
	for _, name := range slices.Sorted(maps.Keys(parts)) {
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
	alg, chain, err := readProtectedJose(protected)
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
	if string(keyAlg) != string(alg) {
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
		input := []byte(protected + "." + base64.RawURLEncoding.EncodeToString(payload))
		digest := sha256.Sum256(input)
		sig, err := base64.RawURLEncoding.Strict().DecodeString(signature)
		if err != nil || rsa.VerifyPSS(chain[0].PublicKey.(*rsa.PublicKey), crypto.SHA256, digest[:], sig, pssOptions) != nil {
			return nil, invalid("PS256 salt must be 32 bytes")
		}
	}
	return &Result{Payload: payload, Chain: chain, Algorithm: string(alg)}, nil
}

// readProtectedJose is readProtected as it was: the header read into a struct
// by encoding/json, which matches member names case-insensitively.
func readProtectedJose(protected string) (jose.SignatureAlgorithm, []*x509.Certificate, error) {
	b, err := base64.RawURLEncoding.Strict().DecodeString(protected)
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
	if !slices.Contains([]jose.SignatureAlgorithm{jose.ES256, jose.ES384, jose.PS256, jose.EdDSA}, alg) {
		return "", nil, notAllowed("alg %q not allowed", *h.Alg)
	}
	if _, ok := names["crit"]; ok {
		return "", nil, invalid("crit header: no extensions are supported")
	}
	for _, p := range refusedParams {
		if _, ok := names[p]; ok {
			return "", nil, invalid("header parameter %q not allowed", p)
		}
	}
	if h.Typ == nil || !sameType(*h.Typ, Type) {
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

// signWithJose is SignWithLimits as it was: go-jose builds the protected
// header, signs through joseSigner and serializes.
func signWithJose(msg []byte, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	alg, err := algorithmFor(key, chain)
	if err != nil {
		return nil, err
	}
	if err := checkJSON(msg, Limits{}); err != nil {
		return nil, err
	}
	payload, existing, at, err := canonicalMessage(msg, Member)
	if err != nil {
		return nil, err
	}
	if existing != nil {
		return nil, invalid("message already has a %s member", Member)
	}
	x5c := make([]string, len(chain))
	for i, c := range chain {
		x5c[i] = base64.StdEncoding.EncodeToString(c.Raw)
	}
	ja := jose.SignatureAlgorithm(alg)
	opts := (&jose.SignerOptions{}).WithType(Type).WithHeader("x5c", x5c)
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: ja, Key: joseSigner{key, alg}}, opts)
	if err != nil {
		return nil, err
	}
	obj, err := s.Sign(payload)
	if err != nil {
		return nil, err
	}
	compact, err := obj.DetachedCompactSerialize()
	if err != nil {
		return nil, err
	}
	protected, sig, _ := strings.Cut(compact, "..")
	return insertMember(payload, at, Member, []byte(`{"protected":"`+protected+`","signature":"`+sig+`"}`)), nil
}

// joseSigner is the go-jose OpaqueSigner over signInput.
type joseSigner struct {
	key crypto.Signer
	alg string
}

func (s joseSigner) Public() *jose.JSONWebKey { return &jose.JSONWebKey{Key: s.key.Public()} }

func (s joseSigner) Algs() []jose.SignatureAlgorithm {
	return []jose.SignatureAlgorithm{jose.SignatureAlgorithm(s.alg)}
}

func (s joseSigner) SignPayload(payload []byte, alg jose.SignatureAlgorithm) ([]byte, error) {
	if string(alg) != s.alg {
		return nil, jose.ErrUnsupportedAlgorithm
	}
	return signInput(s.key, s.alg, payload)
}
