package conformance

import (
	"bytes"
	"errors"
	"regexp"
	"sync"
)

// Mutations of HI-1 messages (suites of the hi1 binding only). Each is documented in
// docs/suite-format.md. They attack what is particular to HI-1 signatures: xsi:type
// QNames, whose prefixes live in attribute values, and a signature that covers the whole
// HI1Message.
var hi1Mutations = map[string]mutation{
	// exc-c14n signs the message again with exclusive C14N and the InclusiveNamespaces
	// PrefixList its xsi:type values need, instead of C14N 1.1: a receiver must take both.
	"exc-c14n": func(m *mutationInput) ([]byte, error) { return signedAs(m, canonExc) },
	// rebind-xsi-type-prefix signs with exclusive C14N without a PrefixList, then binds
	// the prefix of the first xsi:type value to another namespace. The prefix is used in
	// that attribute value only, so the canonical form, and the signature, do not change:
	// only a verifier that refuses such a signature notices that the object's type did.
	"rebind-xsi-type-prefix": rebindXSIType,
	// moved-signature puts the message's signature on another message: the same one
	// with its Timestamp a microsecond later.
	"moved-signature": func(m *mutationInput) ([]byte, error) { return movedSignature(m, false) },
	// nested-message is moved-signature with the genuine signed message inside the
	// signature's ds:Object, where a verifier that looks for "a valid signed HI1Message
	// somewhere" finds one.
	"nested-message": func(m *mutationInput) ([]byte, error) { return movedSignature(m, true) },
	// algorithm-none names "none" as the SignatureMethod.
	"algorithm-none": func(m *mutationInput) ([]byte, error) {
		return setSignatureMethod(m.msg, func(string) string { return "none" })
	},
}

// mutationNamed returns the mutation with the name, of either binding; nil if none.
func mutationNamed(name string) mutation {
	if f, ok := mutations[name]; ok {
		return f
	}
	return hi1Mutations[name]
}

// Canonicalizations a canonicalSigner signs with, besides its default.
const (
	// canonExc is exclusive C14N with the PrefixList the message's xsi:type values need.
	canonExc = "exc-c14n"
	// canonExcBare is exclusive C14N without a PrefixList: what a signer unaware of
	// QNames in content writes, and what an HI-1 receiver must refuse.
	canonExcBare = "exc-c14n-bare"
)

// canonicalSigner is a Toolkit that can sign under a named canonicalization.
type canonicalSigner interface {
	signCanonical(msg []byte, signer, canon string) ([]byte, error)
}

func signedAs(m *mutationInput, canon string) ([]byte, error) {
	if m.signAs == nil {
		return nil, errors.New("the suite's toolkit has no choice of canonicalization")
	}
	signer := m.signer
	if signer == SignNone {
		signer = SignHarness
	}
	return m.signAs(m.unsigned, signer, canon)
}

var (
	xsiTypePrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`xsi:type="([A-Za-z_][A-Za-z0-9_.-]*):`) })
	signatureElem = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)<([A-Za-z_][A-Za-z0-9_.-]*:)?Signature[\s>].*</([A-Za-z_][A-Za-z0-9_.-]*:)?Signature>`)
	})
)

func rebindXSIType(m *mutationInput) ([]byte, error) {
	p := xsiTypePrefix().FindSubmatch(m.unsigned)
	if p == nil {
		return nil, errors.New("rebind-xsi-type-prefix: no xsi:type value with a prefix")
	}
	signed, err := signedAs(m, canonExcBare)
	if err != nil {
		return nil, err
	}
	decl := regexp.MustCompile(`xmlns:` + regexp.QuoteMeta(string(p[1])) + `="[^"]*"`)
	loc := decl.FindIndex(signed)
	if loc == nil {
		return nil, errors.New("rebind-xsi-type-prefix: the prefix is not declared")
	}
	return concat(signed[:loc[0]], []byte(`xmlns:`+string(p[1])+`="urn:jcx:forged"`), signed[loc[1]:]), nil
}

func movedSignature(m *mutationInput, nest bool) ([]byte, error) {
	sig := signatureElem().Find(m.msg)
	if sig == nil {
		return nil, errors.New("no signature to move")
	}
	forged, err := tamperAfterSign(&mutationInput{msg: m.unsigned, vars: m.vars})
	if err != nil {
		return nil, err
	}
	if nest {
		genuine := m.msg
		if i := bytes.Index(genuine, []byte("<HI1Message")); i >= 0 {
			genuine = genuine[i:]
		}
		end := bytes.LastIndex(sig, []byte("</"))
		prefix := signatureElem().FindSubmatch(sig)[1]
		sig = concat(sig[:end], []byte("<"), prefix, []byte("Object>"), bytes.TrimSpace(genuine),
			[]byte("</"), prefix, []byte("Object>"), sig[end:])
	}
	end := bytes.LastIndex(forged, []byte("</HI1Message>"))
	if end < 0 {
		return nil, errors.New("no HI1Message end tag")
	}
	return concat(forged[:end], sig, forged[end:]), nil
}
