package xmldsig

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"slices"
)

// maxChain bounds the certificates carried in (and accepted from) X509Data.
const maxChain = 10

// SignOptions select among the signature methods a key allows.
type SignOptions struct {
	// RSAPSS signs with RSA keys using RSASSA-PSS (sha256-rsa-MGF1) instead
	// of PKCS #1 v1.5 (rsa-sha256). It has no effect on ECDSA keys.
	RSAPSS bool
	// Limits bounds the document accepted for signing.
	Limits Limits
}

// Sign returns doc with an enveloped ds:Signature appended as the last child
// of its root element. chain[0] is the certificate of key; further
// certificates (intermediates) follow it in X509Data. ECDSA P-256 keys sign
// with ecdsa-sha256, RSA keys with rsa-sha256.
func Sign(doc []byte, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	return SignWithOptions(doc, key, chain, SignOptions{})
}

// SignWithOptions is Sign with a choice of RSA padding and limits.
//
// The document's bytes are kept: the Signature element is spliced in just
// before the root end tag, so nothing outside it is re-serialized. A
// document in UTF-16 or a legacy charset gets the Signature element in its
// own encoding; what is signed is its canonical form, which is UTF-8.
func SignWithOptions(doc []byte, key crypto.Signer, chain []*x509.Certificate, opts SignOptions) ([]byte, error) {
	method, err := signatureMethod(key, chain, opts)
	if err != nil {
		return nil, err
	}
	if enc := encodingOf(doc); enc != nil {
		return signEncoded(doc, enc, key, chain, method, opts.Limits)
	}
	return sign(doc, key, chain, method, opts.Limits)
}

// sign does the work of SignWithOptions once the key and method are vetted.
func sign(doc []byte, key crypto.Signer, chain []*x509.Certificate, method string, lim Limits) ([]byte, error) {
	c, lay, err := prepareUnsigned(doc, lim, passConfig{})
	if err != nil {
		return nil, err
	}
	sig, err := signatureElement(c, key, chain, method)
	if err != nil {
		return nil, err
	}
	return splice(doc, lay, sig), nil
}

// signatureElement signs the canonical document c and returns the ds:Signature element.
func signatureElement(c *canonical, key crypto.Signer, chain []*x509.Certificate, method string) ([]byte, error) {
	digest := sum256(c.content)
	// c.content is no longer needed: its buffer holds the canonical SignedInfo.
	value, err := signDigest(key, method, sum256(appendSignedInfo(c.content[:0], method, digest, true)))
	if err != nil {
		return nil, wrap(CodeInvalid, "signing failed", err)
	}
	return appendSignature(c.content[:0], method, digest, value, chain), nil
}

// prepareUnsigned is prepareWith for a document about to be signed: UTF-8,
// canonical, without a signature yet.
func prepareUnsigned(doc []byte, lim Limits, cfg passConfig) (*canonical, layout, error) {
	c, lay, err := prepareWith(doc, lim, nil, cfg)
	switch {
	case err != nil:
		return nil, lay, err
	case c.sigs > 0:
		return nil, lay, invalid("document already carries a ds:Signature")
	case c.deferred != nil:
		return nil, lay, c.deferred
	}
	return c, lay, nil
}

// signatureMethod picks the method for key and checks that chain[0] is its
// certificate.
func signatureMethod(key crypto.Signer, chain []*x509.Certificate, opts SignOptions) (string, error) {
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
	var method string
	switch pub.(type) {
	case *ecdsa.PublicKey:
		method = AlgECDSA256
	case *rsa.PublicKey:
		method = AlgRSASHA256
		if opts.RSAPSS {
			method = AlgRSAPSS256
		}
	}
	return method, checkKey(pub, method)
}

// splice inserts sig as the last child of the root element, turning a
// self-closing root into a start/end tag pair.
func splice(doc []byte, lay layout, sig []byte) []byte {
	out := make([]byte, 0, len(doc)+len(sig)+64)
	out = append(out, doc[:lay.rootEnd]...)
	if !lay.selfClose {
		out = append(out, sig...)
		return append(out, doc[lay.rootEnd:]...)
	}
	name := doc[lay.rootStart+1 : lay.rootEnd]
	if i := bytes.IndexAny(name, " \t\r\n/"); i >= 0 {
		name = name[:i]
	}
	out = append(out, '>')
	out = append(out, sig...)
	out = append(out, "</"...)
	out = append(out, name...)
	out = append(out, '>')
	return append(out, doc[lay.rootEnd+len("/>"):]...)
}

func sum256(b []byte) []byte {
	h := sha256.Sum256(b)
	return h[:]
}
