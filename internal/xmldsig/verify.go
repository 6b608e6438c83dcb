package xmldsig

import (
	"crypto/subtle"
	"crypto/x509"
	"io"
)

// VerifyOptions configure Verify. The zero value is the profile default.
type VerifyOptions struct {
	Limits Limits
	// CharsetReader decodes documents declaring a charset that the XML
	// front door does not know. UTF-16 and the charsets it knows (the
	// golang.org/x/text ones, such as ISO-8859-1) are decoded without it.
	CharsetReader func(charset string, input io.Reader) (io.Reader, error)
}

// Result is what a verified signature vouches for.
type Result struct {
	// Content is the exclusive canonical form of the document without its
	// signature: exactly the bytes whose digest the signature covers. Read
	// the message from Content, never from the input document, so that
	// nothing unsigned can be smuggled in beside the signed element.
	Content []byte
	// Chain is the certificates presented in X509Data, signer first. They
	// are not trusted yet: that is the trust package's decision.
	Chain []*x509.Certificate
	// Method is the SignatureMethod algorithm URI.
	Method string
}

// Verify checks the enveloped signature of doc against the profile and the
// public key of the first certificate in its X509Data. It decides nothing
// about trust in that certificate.
//
// Everything the profile does not allow is refused before any cryptography:
// a document without a signature (ErrMissing), a second signature anywhere,
// a signature that is not the last child of the root, references other than
// the whole document, transforms other than enveloped-signature followed by
// exclusive C14N, digests and methods outside SHA-256 / ecdsa-sha256 /
// rsa-sha256 / sha256-rsa-MGF1 (ErrAlgorithm), DER-encoded ECDSA values and
// a DOCTYPE (ErrInvalid).
func Verify(doc []byte, opts VerifyOptions) (*Result, error) {
	return verify(doc, opts, false)
}

// verify checks doc under the jcx profile, or under the QName profile
// (qname.go) with qnames.
func verify(doc []byte, opts VerifyOptions, qnames bool) (*Result, error) {
	if encodingOf(doc) != nil {
		utf8Doc, err := decodeDocument(doc, opts.Limits)
		if err != nil {
			return nil, err
		}
		doc = utf8Doc
	}
	si, ref := canonSpec{alg: AlgExcC14N}, canonSpec{alg: AlgExcC14N}
	var cfg passConfig
	if qnames {
		// A first guess, what ETSI's signed example uses; the pass runs
		// again below if the signature names other canonicalizations.
		si, ref = canonSpec{alg: AlgC14N11}, canonSpec{alg: AlgC14N11}
		cfg = qnameConfig(si, ref)
	}
	c, _, err := prepareWith(doc, opts.Limits, opts.CharsetReader, cfg)
	if err != nil {
		return nil, err
	}
	switch {
	case c.sigs == 0:
		if err := c.qnames.foreignSignature(); err != nil {
			return nil, err
		}
		return nil, ErrMissing
	case c.sigs > 1:
		return nil, invalid("more than one ds:Signature")
	case !c.sigInRoot:
		return nil, invalid("ds:Signature is not a child of the root element")
	case !c.sigLast:
		return nil, invalid("ds:Signature is not the last child of the root element")
	}
	s, err := readSignature(c.sig, qnames)
	if err != nil {
		return nil, err
	}
	if qnames && (!s.si.equal(si) || !s.ref.equal(ref)) {
		if c, _, err = prepareWith(doc, opts.Limits, opts.CharsetReader, qnameConfig(s.si, s.ref)); err != nil {
			return nil, err
		}
	}
	leaf := s.chain[0]
	if err := checkKey(leaf.PublicKey, s.method); err != nil {
		return nil, err
	}
	if c.deferred != nil {
		return nil, c.deferred // the document has no canonical form
	}
	if err := c.qnames.check(); err != nil {
		return nil, err // a QName the signature would not protect
	}
	// c.content is the document without the signature, which canonicalize
	// withholds: the first ds:Signature, here the only one, the root's
	// last child.
	if subtle.ConstantTimeCompare(sum256(c.content), s.digest) != 1 {
		return nil, invalid("digest of the document does not match DigestValue")
	}
	if c.signedInfo == nil { // readSignature has found SignedInfo first; cannot happen
		return nil, invalid("ds:SignedInfo not found")
	}
	if err := verifyDigest(leaf.PublicKey, s.method, sum256(c.signedInfo), s.value); err != nil {
		return nil, err
	}
	return &Result{Content: c.content, Chain: s.chain, Method: s.method}, nil
}
