package xmldsig

import (
	"crypto/x509"
	"encoding/base64"
)

// The ds:Signature that Sign writes is always the same shape, so it is
// written from a template rather than built as a tree. The same function
// writes the SignedInfo twice: once as it appears in the document, and
// once in its exclusive canonical form in the context of the Signature
// element — what every verifier computes and the key signs. There the
// ds prefix, declared on Signature and used by SignedInfo, is rendered on
// SignedInfo, and empty elements become start/end tag pairs.

// appendSignedInfo appends the SignedInfo element for method and digest,
// in canonical form or as serialized inside the signature.
func appendSignedInfo(b []byte, method string, digest []byte, canonical bool) []byte {
	empty := func(b []byte, name, alg string) []byte {
		b = append(append(append(append(b, "<ds:"...), name...), ` Algorithm="`...), alg...)
		if canonical {
			return append(append(append(b, `"></ds:`...), name...), '>')
		}
		return append(b, `"/>`...)
	}
	if canonical {
		b = append(b, `<ds:SignedInfo xmlns:ds="`+NamespaceDSig+`">`...)
	} else {
		b = append(b, `<ds:SignedInfo>`...)
	}
	b = empty(b, "CanonicalizationMethod", AlgExcC14N)
	b = empty(b, "SignatureMethod", method)
	b = append(b, `<ds:Reference URI=""><ds:Transforms>`...)
	b = empty(b, "Transform", AlgEnveloped)
	b = empty(b, "Transform", AlgExcC14N)
	b = append(b, `</ds:Transforms>`...)
	b = empty(b, "DigestMethod", AlgSHA256)
	b = append(b, `<ds:DigestValue>`...)
	b = base64.StdEncoding.AppendEncode(b, digest)
	return append(b, `</ds:DigestValue></ds:Reference></ds:SignedInfo>`...)
}

// appendSignature appends the whole ds:Signature element.
func appendSignature(b []byte, method string, digest, value []byte, chain []*x509.Certificate) []byte {
	b = append(b, `<ds:Signature xmlns:ds="`+NamespaceDSig+`">`...)
	b = appendSignedInfo(b, method, digest, false)
	b = append(b, `<ds:SignatureValue>`...)
	b = base64.StdEncoding.AppendEncode(b, value)
	b = append(b, `</ds:SignatureValue><ds:KeyInfo><ds:X509Data>`...)
	for _, c := range chain {
		b = append(b, `<ds:X509Certificate>`...)
		b = base64.StdEncoding.AppendEncode(b, c.Raw)
		b = append(b, `</ds:X509Certificate>`...)
	}
	return append(b, `</ds:X509Data></ds:KeyInfo></ds:Signature>`...)
}
