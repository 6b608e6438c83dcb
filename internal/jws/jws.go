package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"slices"
	"strings"
)

// Member is the top-level member of a JSON message that holds its signature.
const Member = "Signature"

// Type is the "typ" of every jcx JWS.
const Type = "application/jcx+json"

const (
	maxChain   = 10
	minRSABits = 2048
	maxRSABits = 8192
)

// The profile's algorithms (RFC 7518 §3.4, §3.5, RFC 8037 §3.1), one per key type.
const (
	algES256 = "ES256" // ECDSA P-256 with SHA-256, signature r‖s of 64 bytes
	algES384 = "ES384" // ECDSA P-384 with SHA-384, signature r‖s of 96 bytes
	algPS256 = "PS256" // RSASSA-PSS with SHA-256, MGF1 SHA-256, salt of 32 bytes
	algEdDSA = "EdDSA" // Ed25519
)

// allowed is the profile's algorithm list.
var allowed = []string{algES256, algES384, algPS256, algEdDSA}

// Result is what a verified signature vouches for.
type Result struct {
	// Payload is the RFC 8785 form of the message without its Signature
	// member: exactly the bytes that were signed. Decode the message from
	// Payload, not from the input.
	Payload []byte
	// Chain is the x5c certificates, signer first, not yet trusted: that is
	// the trust package's decision.
	Chain []*x509.Certificate
	// Algorithm is the JWS "alg".
	Algorithm string
}

// Sign returns msg, a JSON object without a Signature member, with one
// added. The signature is a flattened JWS JSON serialization with detached
// payload whose protected header holds alg (from the key), typ and x5c
// (chain, signer first); the payload is the JCS form of msg.
//
// The output is the RFC 8785 (JCS) form of the signed message: members
// sorted, no insignificant whitespace. It is re-encoded because the input's
// formatting is not signed anyway, and a canonical output lets anyone check
// "what was signed" by eye.
func Sign(msg []byte, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	return SignWithLimits(msg, key, chain, Limits{})
}

// SignWithLimits is Sign with explicit limits.
func SignWithLimits(msg []byte, key crypto.Signer, chain []*x509.Certificate, lim Limits) ([]byte, error) {
	alg, err := algorithmFor(key, chain)
	if err != nil {
		return nil, err
	}
	if err := checkJSON(msg, lim); err != nil {
		return nil, err
	}
	payload, existing, at, err := canonicalMessage(msg, Member)
	if err != nil {
		return nil, err
	}
	if existing != nil {
		return nil, invalid("message already has a %s member", Member)
	}
	protected := base64.RawURLEncoding.EncodeToString(protectedHeader(alg, Type, chain))
	input := signingInput(protected, payload)
	sig, err := signInput(key, alg, input)
	if err != nil {
		return nil, wrap(CodeInvalid, "signing failed", err)
	}
	value := make([]byte, 0, len(protected)+base64.RawURLEncoding.EncodedLen(len(sig))+32)
	value = append(value, `{"protected":"`...)
	value = append(value, protected...)
	value = append(value, `","signature":"`...)
	value = base64.RawURLEncoding.AppendEncode(value, sig)
	value = append(value, `"}`...)
	// Both parts are base64url, which needs no escaping in a JSON string, and the
	// members are in RFC 8785 order: the member is canonical as written.
	return insertMember(payload, at, Member, value), nil
}

// protectedHeader is the JSON of the protected header Sign writes: alg, typ and
// x5c, in that order and without white space. These are the bytes go-jose wrote
// when it assembled the JWS (its members sorted by name), so a deterministic
// algorithm (EdDSA) signs the same bytes as before (TestSignMatchesJose).
// Neither alg, typ (one of this package's constants or a caller's media type,
// checked by SignAttached) nor base64 needs escaping in a JSON string.
func protectedHeader(alg, typ string, chain []*x509.Certificate) []byte {
	n := 64
	for _, c := range chain {
		n += base64.StdEncoding.EncodedLen(len(c.Raw)) + 3
	}
	h := make([]byte, 0, n)
	h = append(h, `{"alg":"`...)
	h = append(h, alg...)
	h = append(h, `","typ":"`...)
	h = append(h, typ...)
	h = append(h, `","x5c":[`...)
	for i, c := range chain {
		if i > 0 {
			h = append(h, ',')
		}
		h = append(h, '"')
		h = base64.StdEncoding.AppendEncode(h, c.Raw)
		h = append(h, '"')
	}
	return append(h, "]}"...)
}

// signingInput is the JWS Signing Input of RFC 7515 §5.1:
// BASE64URL(protected header) || '.' || BASE64URL(payload), with protected
// already encoded, as sent.
func signingInput(protected string, payload []byte) []byte {
	in := make([]byte, 0, len(protected)+1+base64.RawURLEncoding.EncodedLen(len(payload)))
	in = append(in, protected...)
	in = append(in, '.')
	return base64.RawURLEncoding.AppendEncode(in, payload)
}

// algorithmFor picks the JWS alg for key and checks that chain[0] is its
// certificate.
func algorithmFor(key crypto.Signer, chain []*x509.Certificate) (string, error) {
	if key == nil {
		return "", notAllowed("no signing key")
	}
	if len(chain) == 0 || len(chain) > maxChain || slices.Contains(chain, nil) {
		return "", invalid("need 1 to %d certificates, the signer's first", maxChain)
	}
	pub := key.Public()
	if k, ok := pub.(interface{ Equal(crypto.PublicKey) bool }); !ok || !k.Equal(chain[0].PublicKey) {
		return "", invalid("the first certificate does not belong to the signing key")
	}
	return keyAlgorithm(pub)
}

// keyAlgorithm is the one alg each allowed key type signs with.
func keyAlgorithm(pub crypto.PublicKey) (string, error) {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return algES256, nil
		case elliptic.P384():
			return algES384, nil
		}
		return "", notAllowed("ECDSA curve %s not allowed", k.Curve.Params().Name)
	case *rsa.PublicKey:
		if n := k.N.BitLen(); n < minRSABits || n > maxRSABits {
			return "", notAllowed("RSA key of %d bits not allowed, need %d to %d", n, minRSABits, maxRSABits)
		}
		return algPS256, nil
	case ed25519.PublicKey:
		return algEdDSA, nil
	}
	return "", notAllowed("public key type %T not allowed", pub)
}

// decodeB64URL decodes unpadded base64url strictly: one encoding per value.
// Strict refuses padding and non-zero trailing bits but, like every Go base64
// decoder, skips CR and LF; they are refused here, or a value with a line break
// inserted would decode to the same bytes while the signing input, which holds
// the value as sent, changed.
func decodeB64URL(s string) ([]byte, error) {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return nil, base64.CorruptInputError(i)
	}
	return base64.RawURLEncoding.Strict().DecodeString(s)
}
