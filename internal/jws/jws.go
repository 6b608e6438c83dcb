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

	"github.com/go-jose/go-jose/v4"
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

// allowed is the profile's algorithm list; go-jose is told the same.
var allowed = []jose.SignatureAlgorithm{jose.ES256, jose.ES384, jose.PS256, jose.EdDSA}

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
	x5c := make([]string, len(chain))
	for i, c := range chain {
		x5c[i] = base64.StdEncoding.EncodeToString(c.Raw)
	}
	opts := (&jose.SignerOptions{}).WithType(Type).WithHeader("x5c", x5c)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: opaqueSigner{key, alg}}, opts)
	if err != nil {
		return nil, wrap(CodeInvalid, "cannot create signer", err)
	}
	obj, err := signer.Sign(payload)
	if err != nil {
		return nil, wrap(CodeInvalid, "signing failed", err)
	}
	compact, err := obj.DetachedCompactSerialize()
	if err != nil {
		return nil, wrap(CodeInvalid, "cannot serialize signature", err)
	}
	protected, sig, _ := strings.Cut(compact, "..")
	// Both parts are base64url, which needs no escaping in a JSON string, and the
	// members are in RFC 8785 order: the member is canonical as written.
	return insertMember(payload, at, Member, []byte(`{"protected":"`+protected+`","signature":"`+sig+`"}`)), nil
}

// algorithmFor picks the JWS alg for key and checks that chain[0] is its
// certificate.
func algorithmFor(key crypto.Signer, chain []*x509.Certificate) (jose.SignatureAlgorithm, error) {
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
func keyAlgorithm(pub crypto.PublicKey) (jose.SignatureAlgorithm, error) {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return jose.ES256, nil
		case elliptic.P384():
			return jose.ES384, nil
		}
		return "", notAllowed("ECDSA curve %s not allowed", k.Curve.Params().Name)
	case *rsa.PublicKey:
		if n := k.N.BitLen(); n < minRSABits || n > maxRSABits {
			return "", notAllowed("RSA key of %d bits not allowed, need %d to %d", n, minRSABits, maxRSABits)
		}
		return jose.PS256, nil
	case ed25519.PublicKey:
		return jose.EdDSA, nil
	}
	return "", notAllowed("public key type %T not allowed", pub)
}

// decodeB64URL decodes unpadded base64url strictly: one encoding per value.
func decodeB64URL(s string) ([]byte, error) {
	return base64.RawURLEncoding.Strict().DecodeString(s)
}
