package xmldsig

import (
	"crypto/subtle"
	"crypto/x509"
	"io"

	"github.com/beevik/etree"
)

// VerifyOptions configure Verify. The zero value is the profile default.
type VerifyOptions struct {
	Limits Limits
	// CharsetReader decodes documents declaring a charset other than UTF-8
	// (for example golang.org/x/net/html/charset.NewReaderLabel or an
	// x/text decoder). Nil accepts UTF-8 only.
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
	if _, err := scan(doc, opts.Limits, opts.CharsetReader); err != nil {
		return nil, err
	}
	root, err := parse(doc, opts.Limits, opts.CharsetReader)
	if err != nil {
		return nil, err
	}
	sigs := findSignatures(root, 2)
	switch {
	case len(sigs) == 0:
		return nil, ErrMissing
	case len(sigs) > 1:
		return nil, invalid("more than one ds:Signature")
	}
	sig := sigs[0]
	sigIndex, err := lastChildIndex(root, sig)
	if err != nil {
		return nil, err
	}
	s, err := readSignature(sig)
	if err != nil {
		return nil, err
	}
	leaf := s.chain[0]
	if err := checkKey(leaf.PublicKey, s.method); err != nil {
		return nil, err
	}

	content, err := canonicalContent(root, sigIndex)
	if err != nil {
		return nil, wrap(CodeInvalid, "cannot canonicalize document", err)
	}
	if subtle.ConstantTimeCompare(sum256(content), s.digest) != 1 {
		return nil, invalid("digest of the document does not match DigestValue")
	}
	csi, err := canonicalSignedInfo(s.signedInfo)
	if err != nil {
		return nil, wrap(CodeInvalid, "cannot canonicalize SignedInfo", err)
	}
	if err := verifyDigest(leaf.PublicKey, s.method, sum256(csi), s.value); err != nil {
		return nil, err
	}
	return &Result{Content: content, Chain: s.chain, Method: s.method}, nil
}

// parse reads doc with etree. scan has already vetted it.
func parse(doc []byte, lim Limits, charset func(string, io.Reader) (io.Reader, error)) (*etree.Element, error) {
	d := etree.NewDocument()
	d.ReadSettings = etree.ReadSettings{CharsetReader: charset, MaxDepth: lim.maxDepth() + 1}
	if err := d.ReadFromBytes(normalizeAttributes(doc)); err != nil {
		return nil, wrap(CodeInvalid, "document is not well-formed XML", err)
	}
	root := d.Root()
	if root == nil {
		return nil, invalid("no root element")
	}
	return root, nil
}

// findSignatures returns up to max ds:Signature elements anywhere under
// (and including) root, in document order.
func findSignatures(root *etree.Element, max int) []*etree.Element {
	var found []*etree.Element
	stack := []*etree.Element{root}
	for len(stack) > 0 && len(found) < max {
		el := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if el.Tag == "Signature" && el.NamespaceURI() == NamespaceDSig {
			found = append(found, el)
		}
		kids := el.ChildElements()
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
	return found
}

// lastChildIndex checks that sig is a child of root followed by nothing but
// whitespace, and returns its index in root.Child.
func lastChildIndex(root, sig *etree.Element) (int, error) {
	if sig.Parent() != root {
		return 0, invalid("ds:Signature is not a child of the root element")
	}
	i := sig.Index()
	for _, tok := range root.Child[i+1:] {
		if cd, ok := tok.(*etree.CharData); !ok || !cd.IsWhitespace() {
			return 0, invalid("ds:Signature is not the last child of the root element")
		}
	}
	return i, nil
}
