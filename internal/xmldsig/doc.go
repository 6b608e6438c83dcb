// Package xmldsig signs and verifies jcx XML messages with one enveloped
// XML-DSig signature, in the single shape the jcx profile allows:
//
//   - one ds:Signature, the last child of the root element;
//   - one Reference, URI="" (the whole document), transforms
//     enveloped-signature then exclusive C14N, SHA-256 digest;
//   - CanonicalizationMethod exclusive C14N without comments;
//   - SignatureMethod ecdsa-sha256 (P-256, SignatureValue as raw r‖s),
//     rsa-sha256 or sha256-rsa-MGF1 (RSA-PSS), RSA keys of 2048 to 8192 bits;
//   - KeyInfo/X509Data with the signer's certificate first, then its chain.
//
// Sign produces that shape and Verify accepts nothing else. Fixing the
// shape, instead of following whatever a signature claims, is what makes
// signature-wrapping, algorithm-confusion and partial-signing attacks fail
// before any cryptography runs.
//
// Verify returns Result.Content, the canonical bytes that were actually
// digested. Callers must decode the message from Content, not from the
// input, so that what they read is exactly what was signed. Verify checks
// the signature against the first certificate's key and nothing more:
// whether that certificate is trusted, and whether it names the message's
// sender, is decided by package exchange/trust.
//
// Canonicalization is the package's own exclusive C14N (c14n.go): one
// streaming pass over the document bytes gives the canonical document
// without its signature, the canonical SignedInfo in its namespace context,
// and a small tree of the signature for the profile checks. For the
// documents jcx exchanges the same pass is the well-formedness check;
// encoding/xml is consulted only where the pass cannot vouch for a
// document (non-ASCII names, another encoding, malformed input), so that
// its verdict and messages stay the reference. Sign never re-serializes the
// document: the Signature element, written from a fixed template, is
// spliced into the original bytes.
//
// The tests hold the canonicalization to goxmldsig's (differential tests
// and FuzzCanonical), to libxml2's (xmllint) and to xmlsec1's, and record
// where goxmldsig departs from the specification: attribute order by
// namespace URI, xmlns="" where no default namespace was rendered, line
// ends in processing instructions. goxmldsig is not used otherwise: it
// encodes ECDSA values as DER (XML-DSig wants r‖s), has no RSA-PSS, and
// rewrites the tree it signs.
//
// SignQNames and VerifyQNames are the QName profile (qname.go), for documents
// that carry QNames in attribute values, such as HI-1 messages typed with
// xsi:type: the same shape, canonicalized with Canonical XML 1.1 or with
// exclusive C14N and an InclusiveNamespaces PrefixList (c14n_modes.go, the
// same pass with other namespace rendering), and refused when an xsi:type
// prefix would not be bound by what the signature covers. The tests hold
// both forms to xmllint --c14n11 and --exc-c14n, to xmlsec1 and to
// goxmldsig (FuzzCanonicalQNames). Sign and Verify, the jcx profile, are
// unchanged by it.
//
// Every error is an *Error whose Code method gives the jcx code: 8001
// (ErrMissing), 8002 (ErrInvalid) or 8005 (ErrAlgorithm).
package xmldsig
