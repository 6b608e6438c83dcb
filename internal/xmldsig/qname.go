package xmldsig

import (
	"crypto"
	"crypto/x509"
	"strings"
)

// The QName profile: the jcx profile's shape (one enveloped ds:Signature,
// the root's last child, URI="", SHA-256, the same signature methods and
// KeyInfo) for documents that carry QNames in content, such as HI-1
// messages with xsi:type="auth:AuthorisationObject". Exclusive C14N alone
// does not sign the declaration of a prefix that only an attribute value
// uses, so the profile canonicalizes with C14N 1.1, which renders every
// namespace in scope, or with exclusive C14N and an InclusiveNamespaces
// PrefixList naming the prefixes xsi:type values use. Whichever a
// signature names, Verify checks that every xsi:type QName resolves in the
// signed content as it does in the document.

// QNameSignOptions configure SignQNames.
type QNameSignOptions struct {
	SignOptions
	// Canonicalization is AlgC14N11 (the default when empty) or
	// AlgExcC14N, which SignQNames completes with the PrefixList the
	// document's xsi:type values need. It is used both for the content
	// (the Reference's transform) and for SignedInfo, there without a
	// PrefixList: SignedInfo holds no QNames.
	Canonicalization string
}

// SignQNames is Sign for the QName profile.
func SignQNames(doc []byte, key crypto.Signer, chain []*x509.Certificate, opts QNameSignOptions) ([]byte, error) {
	method, err := signatureMethod(key, chain, opts.SignOptions)
	if err != nil {
		return nil, err
	}
	alg := opts.Canonicalization
	if alg == "" {
		alg = AlgC14N11
	}
	if alg != AlgC14N11 && alg != AlgExcC14N {
		return nil, notAllowed("canonicalization %q not allowed for signing, want C14N 1.1 or exclusive C14N", alg)
	}
	si, ref, lim := canonSpec{alg: alg}, canonSpec{alg: alg}, opts.Limits
	c, lay, err := prepareUnsigned(doc, lim, qnameConfig(si, ref))
	if err != nil {
		return nil, err
	}
	if alg == AlgExcC14N && len(c.qnames.prefixes) > 0 {
		ref.prefixes = c.qnames.prefixes
		if _, err := parsePrefixList(strings.Join(ref.prefixes, " ")); err != nil {
			return nil, err // a prefix Verify would not read back
		}
		if c, err = canonicalizeWith(doc, lim, qnameConfig(si, ref)); err != nil {
			return nil, err
		}
	}
	if err := c.qnames.check(); err != nil {
		return nil, err
	}
	digest := sum256(c.content)
	// Under C14N 1.1 the canonical SignedInfo carries the namespaces in
	// scope where the signature stands: canonicalize the document with
	// the signature in place, its value still empty, to learn it.
	draft, err := canonicalizeWith(splice(doc, lay, appendSignatureWith(nil, method, digest, nil, chain, si, ref)), lim, qnameConfig(si, ref))
	if err != nil {
		return nil, err
	}
	if err := draft.qnames.check(); err != nil {
		return nil, err
	}
	if draft.signedInfo == nil {
		return nil, invalid("ds:SignedInfo not found")
	}
	value, err := signDigest(key, method, sum256(draft.signedInfo))
	if err != nil {
		return nil, wrap(CodeInvalid, "signing failed", err)
	}
	return splice(doc, lay, appendSignatureWith(nil, method, digest, value, chain, si, ref)), nil
}

// VerifyQNames is Verify for the QName profile. It accepts, for the
// content and for SignedInfo each, C14N 1.1 or exclusive C14N with or
// without a PrefixList, and refuses a document in which an xsi:type QName
// would not be bound by the content's canonical form as it is in the
// document (ErrInvalid). A document whose root's last child is a
// Signature element outside the XML-DSig namespace is refused with
// ErrInvalid rather than ErrMissing, saying so.
func VerifyQNames(doc []byte, opts VerifyOptions) (*Result, error) {
	return verify(doc, opts, true)
}
