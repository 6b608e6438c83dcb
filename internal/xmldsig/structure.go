package xmldsig

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"strings"
)

// signature is a ds:Signature that has the one shape the profile allows.
type signature struct {
	signedInfo *node
	method     string
	digest     []byte
	value      []byte
	chain      []*x509.Certificate
	// si and ref are the canonical forms of SignedInfo and of the
	// content: exclusive C14N for the jcx profile, C14N 1.1 or exclusive
	// C14N with a PrefixList for the QName profile.
	si, ref canonSpec
}

// readSignature checks the shape of sig element by element:
//
//	Signature[@Id?]
//	  SignedInfo[@Id?]
//	    CanonicalizationMethod[@Algorithm=exc-c14n]
//	    SignatureMethod[@Algorithm=ecdsa-sha256|rsa-sha256|sha256-rsa-MGF1]
//	    Reference[@URI="", @Id?]
//	      Transforms
//	        Transform[@Algorithm=enveloped-signature]
//	        Transform[@Algorithm=exc-c14n]
//	      DigestMethod[@Algorithm=sha256]
//	      DigestValue
//	  SignatureValue[@Id?]
//	  KeyInfo[@Id?]
//	    X509Data
//	      X509Certificate{1,10}
//
// Anything else — a second Reference, an Object, a KeyValue, parameters
// inside an algorithm element, stray text — is refused. Algorithm mismatches
// give ErrAlgorithm, the rest ErrInvalid.
//
// With qnames, the QName profile's shape: each exc-c14n may also be
// C14N 1.1 or 1.0, or exclusive C14N with an InclusiveNamespaces
// PrefixList (readCanon); the second Transform may be left out (C14N 1.0
// implied); and KeyInfo may carry the hints of keyinfo.go.
func readSignature(sig *node, qnames bool) (*signature, error) {
	var s signature
	top, err := children(sig, "Signature", []string{"Id"}, "SignedInfo", "SignatureValue", "KeyInfo")
	if err != nil {
		return nil, err
	}
	s.signedInfo = top[0]
	si, err := children(top[0], "SignedInfo", []string{"Id"}, "CanonicalizationMethod", "SignatureMethod", "Reference")
	if err != nil {
		return nil, err
	}
	if s.si, err = readCanon(si[0], qnames); err != nil {
		return nil, err
	}
	if s.method, err = algorithmOf(si[1]); err != nil {
		return nil, err
	}
	switch s.method {
	case AlgECDSA256, AlgRSASHA256, AlgRSAPSS256:
	default:
		return nil, notAllowed("SignatureMethod %q not allowed", s.method)
	}
	if s.digest, s.ref, err = readReference(si[2], qnames); err != nil {
		return nil, err
	}
	if s.value, err = base64Text(top[1], "SignatureValue"); err != nil {
		return nil, err
	}
	if qnames {
		s.chain, err = readKeyInfoHints(top[2])
	} else {
		s.chain, err = readKeyInfo(top[2])
	}
	if err != nil {
		return nil, err
	}
	return &s, nil
}

func readReference(ref *node, qnames bool) ([]byte, canonSpec, error) {
	var canon canonSpec
	uri, ok := ref.attrValue("URI")
	if !ok {
		return nil, canon, invalid("Reference without URI")
	}
	if uri != "" {
		// ID and external references would let the signature cover some
		// other element than the one the receiver reads.
		return nil, canon, invalid("Reference URI %q: only URI=\"\" (the whole document) is allowed", uri)
	}
	parts, err := children(ref, "Reference", []string{"URI", "Id"}, "Transforms", "DigestMethod", "DigestValue")
	if err != nil {
		return nil, canon, err
	}
	transforms, err := elements(parts[0], nil)
	if err != nil {
		return nil, canon, err
	}
	// The QName profile also reads enveloped-signature alone, which
	// leaves a node-set that XML-DSig turns into octets by C14N 1.0.
	if len(transforms) != 2 && !(qnames && len(transforms) == 1) {
		return nil, canon, notAllowed("Transforms must be exactly enveloped-signature then %s, found %d", canonNames(qnames), len(transforms))
	}
	for _, tr := range transforms {
		if !isDSig(tr, "Transform") {
			return nil, canon, invalid("unexpected element %s in Transforms", tr.fullTag())
		}
	}
	if err := algorithmIs(transforms[0], AlgEnveloped); err != nil {
		return nil, canon, err
	}
	if len(transforms) == 1 {
		canon = canonSpec{alg: AlgC14N10}
	} else if canon, err = readCanon(transforms[1], qnames); err != nil {
		return nil, canon, err
	}
	if err := algorithmIs(parts[1], AlgSHA256); err != nil {
		return nil, canon, err
	}
	digest, err := base64Text(parts[2], "DigestValue")
	if err != nil {
		return nil, canon, err
	}
	if len(digest) != sha256.Size {
		return nil, canon, invalid("DigestValue is %d bytes, want %d", len(digest), sha256.Size)
	}
	return digest, canon, nil
}

func readKeyInfo(ki *node) ([]*x509.Certificate, error) {
	data, err := children(ki, "KeyInfo", []string{"Id"}, "X509Data")
	if err != nil {
		return nil, err
	}
	return readX509Data(data[0], false)
}

// children checks that el is ds:<name> with no attributes outside attrs and
// exactly the ds child elements named in want, in that order.
func children(el *node, name string, attrs []string, want ...string) ([]*node, error) {
	if !isDSig(el, name) {
		return nil, invalid("expected ds:%s, found %s", name, el.fullTag())
	}
	kids, err := elements(el, attrs)
	if err != nil {
		return nil, err
	}
	if len(kids) != len(want) {
		if name == "SignedInfo" && len(kids) > len(want) {
			return nil, invalid("SignedInfo must hold exactly one Reference")
		}
		return nil, invalid("ds:%s must contain exactly %s", name, strings.Join(want, ", "))
	}
	for i, k := range kids {
		if !isDSig(k, want[i]) {
			return nil, invalid("ds:%s: expected ds:%s, found %s", name, want[i], k.fullTag())
		}
	}
	return kids, nil
}

// elements returns the child elements of el after checking that it has no
// attributes outside allowed (namespace declarations aside) and no content
// but elements and whitespace: no comments, no processing instructions.
func elements(el *node, allowed []string) ([]*node, error) {
	if err := onlyAttrs(el, allowed...); err != nil {
		return nil, err
	}
	for _, k := range el.kids {
		switch {
		case k.el != nil:
		case k.other:
			return nil, invalid("unexpected comment or processing instruction in %s", el.fullTag())
		case !isBlank([]byte(k.text)):
			return nil, invalid("unexpected text in %s", el.fullTag())
		}
	}
	return el.elements(), nil
}

func onlyAttrs(el *node, allowed ...string) error {
next:
	for _, a := range el.attrs {
		if a.prefix == "xmlns" || (a.prefix == "" && a.local == "xmlns") {
			continue
		}
		if a.prefix == "" {
			for _, k := range allowed {
				if a.local == k {
					continue next
				}
			}
		}
		return invalid("unexpected attribute %s on %s", fullName(a.prefix, a.local), el.fullTag())
	}
	return nil
}

func isDSig(el *node, name string) bool {
	return el.local == name && el.uri == NamespaceDSig
}

// algorithmOf returns the Algorithm of an algorithm element that carries
// no parameters (no child elements, no text).
func algorithmOf(el *node) (string, error) {
	kids, err := elements(el, []string{"Algorithm"})
	if err != nil {
		return "", err
	}
	if len(kids) > 0 {
		return "", notAllowed("parameters in %s not allowed", el.fullTag())
	}
	alg, _ := el.attrValue("Algorithm")
	return alg, nil
}

func algorithmIs(el *node, want string) error {
	got, err := algorithmOf(el)
	if err != nil {
		return err
	}
	if got != want {
		return notAllowed("%s Algorithm %q not allowed, want %q", el.local, got, want)
	}
	return nil
}

// base64Text decodes the base64 text content of el. XML-DSig allows line
// breaks and spaces inside base64 (xmlsec1 wraps at 64 columns).
func base64Text(el *node, name string) ([]byte, error) {
	if err := onlyAttrs(el, "Id"); err != nil {
		return nil, err
	}
	size := 0
	for _, k := range el.kids {
		if k.el != nil || k.other {
			return nil, invalid("%s must hold only base64 text", name)
		}
		size += len(k.text)
	}
	text := make([]byte, 0, size)
	for _, k := range el.kids {
		for i := range len(k.text) {
			switch c := k.text[i]; c {
			case ' ', '\t', '\r', '\n':
			default:
				text = append(text, c)
			}
		}
	}
	b := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
	n, err := base64.StdEncoding.Strict().Decode(b, text)
	b = b[:n]
	if err != nil || len(b) == 0 {
		return nil, wrap(CodeInvalid, "malformed base64 in "+name, err)
	}
	return b, nil
}
