package xmldsig

import (
	"bytes"
	"crypto"
	"crypto/x509"

	"golang.org/x/text/encoding"

	"github.com/jcx-dev/jcx/internal/safexml"
)

// A document in UTF-16 or a legacy charset (ISO-8859-1, windows-1252, …) is signed and
// verified like its UTF-8 form: the canonical form, which the digest covers, is UTF-8
// whatever the document's charset, and the XML declaration that names the charset is
// outside it. So the document is decoded as the XML front door decodes it, and signing
// splices the Signature element, encoded in the document's charset, into the original
// bytes, which are otherwise kept.

// encodingOf returns the document's encoding, nil for UTF-8 or for a start that the
// front door refuses (whose error the UTF-8 path reports in its own terms).
func encodingOf(doc []byte) encoding.Encoding {
	enc, err := safexml.Encoding(doc)
	if err != nil {
		return nil
	}
	return enc
}

// decodeDocument returns the UTF-8 form of a document in another encoding, with a
// declaration naming UTF-8 and no byte order mark.
func decodeDocument(doc []byte, lim Limits) ([]byte, error) {
	utf8Doc, err := safexml.PrepareBytes(doc, safexml.Limits{MaxBytes: int64(lim.maxBytes()), MaxDepth: lim.maxDepth()})
	if err != nil {
		return nil, wrap(CodeInvalid, "document is not well-formed XML", err)
	}
	return utf8Doc, nil
}

// signEncoded signs a document in encoding enc: the signature is computed over its UTF-8
// form and spliced into doc before the root end tag, in enc.
func signEncoded(doc []byte, enc encoding.Encoding, key crypto.Signer, chain []*x509.Certificate, method string, lim Limits) ([]byte, error) {
	utf8Doc, err := decodeDocument(doc, lim)
	if err != nil {
		return nil, err
	}
	c, lay, err := prepareUnsigned(utf8Doc, lim, passConfig{})
	if err != nil {
		return nil, err
	}
	sig, err := signatureElement(c, key, chain, method)
	if err != nil {
		return nil, err
	}
	// The UTF-8 document signed is utf8Doc[:rootEnd] + inserted + utf8Doc[kept:]: the
	// same edit is made to doc, in its own encoding.
	kept := lay.rootEnd
	if lay.selfClose {
		kept += len("/>")
	}
	signed := splice(utf8Doc, lay, sig)
	inserted := signed[lay.rootEnd : len(signed)-(len(utf8Doc)-kept)]
	e := enc.NewEncoder()
	tail, err := e.Bytes(utf8Doc[lay.rootEnd:])
	if err != nil || !bytes.HasSuffix(doc, tail) {
		return nil, invalid("the end of the root element cannot be found in the document's own encoding")
	}
	insertedEnc, err := e.Bytes(inserted)
	if err != nil {
		return nil, wrap(CodeInvalid, "the signature cannot be written in the document's encoding", err)
	}
	keptEnc, err := e.Bytes(utf8Doc[kept:])
	if err != nil {
		return nil, wrap(CodeInvalid, "the signature cannot be written in the document's encoding", err)
	}
	out := make([]byte, 0, len(doc)+len(insertedEnc))
	out = append(out, doc[:len(doc)-len(tail)]...)
	out = append(out, insertedEnc...)
	return append(out, keptEnc...), nil
}
