package xmldsig

import (
	"crypto/x509"
	"encoding/base64"
	"strings"
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
	exc := canonSpec{alg: AlgExcC14N}
	return appendSignedInfoWith(b, method, digest, canonical, exc, exc)
}

// appendSignedInfoWith is appendSignedInfo with the canonicalizations of
// SignedInfo (si) and of the content (ref) as given. The canonical form
// is the exclusive one in the context of the Signature element, which is
// what it is only when si is exclusive C14N without a PrefixList.
func appendSignedInfoWith(b []byte, method string, digest []byte, canonical bool, si, ref canonSpec) []byte {
	empty := func(b []byte, name, alg string) []byte {
		b = append(append(append(append(b, "<ds:"...), name...), ` Algorithm="`...), alg...)
		if canonical {
			return append(append(append(b, `"></ds:`...), name...), '>')
		}
		return append(b, `"/>`...)
	}
	canon := func(b []byte, name string, c canonSpec) []byte {
		if len(c.prefixes) == 0 {
			return empty(b, name, c.alg)
		}
		b = append(append(append(append(b, "<ds:"...), name...), ` Algorithm="`...), c.alg...)
		b = append(b, `"><ec:InclusiveNamespaces xmlns:ec="`+AlgExcC14N+`" PrefixList="`...)
		b = append(append(b, strings.Join(c.prefixes, " ")...), '"')
		if canonical {
			b = append(b, `></ec:InclusiveNamespaces>`...)
		} else {
			b = append(b, `/>`...)
		}
		return append(append(append(b, `</ds:`...), name...), '>')
	}
	if canonical {
		b = append(b, `<ds:SignedInfo xmlns:ds="`+NamespaceDSig+`">`...)
	} else {
		b = append(b, `<ds:SignedInfo>`...)
	}
	b = canon(b, "CanonicalizationMethod", si)
	b = empty(b, "SignatureMethod", method)
	b = append(b, `<ds:Reference URI=""><ds:Transforms>`...)
	b = empty(b, "Transform", AlgEnveloped)
	b = canon(b, "Transform", ref)
	b = append(b, `</ds:Transforms>`...)
	b = empty(b, "DigestMethod", AlgSHA256)
	b = append(b, `<ds:DigestValue>`...)
	b = base64.StdEncoding.AppendEncode(b, digest)
	return append(b, `</ds:DigestValue></ds:Reference></ds:SignedInfo>`...)
}

// appendSignature appends the whole ds:Signature element.
func appendSignature(b []byte, method string, digest, value []byte, chain []*x509.Certificate) []byte {
	exc := canonSpec{alg: AlgExcC14N}
	return appendSignatureWith(b, method, digest, value, chain, exc, exc)
}

// appendSignatureWith is appendSignature with the canonicalizations of
// SignedInfo (si) and of the content (ref) as given.
func appendSignatureWith(b []byte, method string, digest, value []byte, chain []*x509.Certificate, si, ref canonSpec) []byte {
	b = append(b, `<ds:Signature xmlns:ds="`+NamespaceDSig+`">`...)
	b = appendSignedInfoWith(b, method, digest, false, si, ref)
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
