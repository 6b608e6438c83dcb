package jws

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// registeredParams are the header parameter names of the IANA "JSON Web Signature and
// Encryption Header Parameters" registry that a JWS may meet: RFC 7515 §4.1, RFC 7516
// §4.1 and §4.6–4.7 (JWE), RFC 7797 (b64), RFC 8555 (nonce, url), RFC 8225 (ppt).
var registeredParams = []string{
	"alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
	"enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
	"b64", "nonce", "url", "ppt",
}

// checkNameCase refuses a header parameter named like a registered one in another case
// ("ALG", "B64", "Crit", "JWK", "X5c"). Names are case-sensitive (RFC 7515 §4), so such
// a member is not the registered parameter, yet a reader that matches names loosely (as
// encoding/json does) takes it for one: refused rather than ignored, so that no
// implementation reads a header differently from ours.
func checkNameCase(names map[string]json.RawMessage) error {
	for _, name := range slices.Sorted(maps.Keys(names)) { // sorted: one error for one input
		for _, p := range registeredParams {
			if name != p && strings.EqualFold(name, p) {
				return invalid("header parameter %q is not %q: parameter names are case-sensitive", name, p)
			}
		}
	}
	return nil
}

// checkThumbprints holds the certificate thumbprints of the protected header to the x5c
// leaf that signs. x5t#S256, when present, must be the base64url SHA-256 of the leaf's
// DER (RFC 7515 §4.1.8): a thumbprint naming another certificate is a header that says
// two things. x5t, the SHA-1 thumbprint, is refused (8005): the profile uses no SHA-1,
// and x5c already names the certificate.
func checkThumbprints(names map[string]json.RawMessage, leaf *x509.Certificate) error {
	if _, ok := names["x5t"]; ok {
		return notAllowed("x5t (a SHA-1 thumbprint) not allowed: use x5t#S256, or x5c alone")
	}
	v, ok := names["x5t#S256"]
	if !ok {
		return nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return invalid("malformed JWS: header parameter \"x5t#S256\" is not a string")
	}
	thumb, err := decodeB64URL(s)
	if err != nil {
		return wrap(CodeInvalid, "x5t#S256 is not base64url", err)
	}
	sum := sha256.Sum256(leaf.Raw)
	if !bytes.Equal(thumb, sum[:]) {
		return invalid("x5t#S256 does not match the signing certificate (the first in x5c)")
	}
	return nil
}
