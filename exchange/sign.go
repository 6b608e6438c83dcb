package exchange

import (
	"crypto/x509"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/jws"
	"github.com/jcx-dev/jcx/internal/xmldsig"
)

// Signer is a signing identity: a key and its certificate chain, signer first. It is
// trust.Signer, so what trust.Issue and trust.LoadSigner return signs as it is. The key
// is a crypto.Signer, so keys held in an HSM or a cloud KMS plug in here.
type Signer = trust.Signer

// VerifyOptions configure Verify.
type VerifyOptions struct {
	// Trust holds the anchors and pinned signers. Required.
	Trust *trust.Bundle
	// Now is the time at which certificates must be valid; nil means time.Now.
	Now func() time.Time
}

// Verified is what a verified signature vouches for.
type Verified struct {
	// Message is decoded from Content, never from the input, so nothing unsigned can
	// be smuggled in beside the signed content.
	Message *Message
	// Content is exactly what was signed: the exclusive canonical XML without the
	// signature, or the RFC 8785 JSON without the Signature member.
	Content []byte
	Format  Format
	// Signer is the trusted signing identity; it names Message.Header.Sender.
	Signer trust.Identity
}

// Verify checks the signature of an encoded message, the signer's chain against the trust
// bundle, and that the signer is the header's sender. A failure is an *InvalidError whose
// finding carries the code: 8001 no signature, 8002 invalid, 8003 signer not trusted,
// 8004 signer is not the sender, 8005 algorithm not allowed, 3020 signed content that is
// not a valid message.
func Verify(data []byte, f Format, opts VerifyOptions) (*Verified, error) {
	s, err := verifySignature(data, f, opts)
	if err == nil {
		var v *Verified
		if v, err = s.decode(); err == nil {
			return v, nil
		}
	}
	return nil, withXMLLines(data, f, err)
}

// signedContent is a signature that verifies under a trusted chain, before anything is
// known about the content it covers.
type signedContent struct {
	content []byte
	format  Format
	id      trust.Identity
}

// verifySignature checks the signature of data and its chain against opts.Trust: the
// part of Verify that does not look at the signed content.
func verifySignature(data []byte, f Format, opts VerifyOptions) (*signedContent, error) {
	if opts.Trust == nil {
		return nil, fmt.Errorf("jcx: verify: %w", ErrNoTrust)
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	if f == FormatAuto {
		d, ok := Detect(data)
		if !ok {
			return nil, &InvalidError{Findings: []Finding{{Code: CodeEncoding, Message: "neither XML nor JSON"}}}
		}
		f = d
	}
	where := signaturePath(f)
	var (
		content []byte
		chain   []*x509.Certificate
	)
	switch f {
	case FormatXML:
		r, err := xmldsig.Verify(data, xmldsig.VerifyOptions{})
		if err != nil {
			return nil, signatureError(where, err)
		}
		content, chain = r.Content, r.Chain
	case FormatJSON:
		r, err := jws.Verify(data)
		if err != nil {
			return nil, signatureError(where, err)
		}
		content, chain = r.Payload, r.Chain
	default:
		return nil, fmt.Errorf("jcx: verify: %w", ErrNoFormat)
	}
	id, err := opts.Trust.Verify(chain, now())
	if err != nil {
		return nil, signatureError(where, err)
	}
	return &signedContent{content: content, format: f, id: id}, nil
}

// decode decodes and schema-validates the signed content and checks that the signer is
// its sender: the rest of Verify.
func (s *signedContent) decode() (*Verified, error) {
	m, err := Unmarshal(s.content, s.format)
	if err != nil {
		return nil, err
	}
	if err := s.checkSender(m); err != nil {
		return nil, err
	}
	return &Verified{Message: m, Content: s.content, Format: s.format, Signer: s.id}, nil
}

func (s *signedContent) checkSender(m *Message) error {
	sender := m.Header.Sender
	if err := s.id.CheckSender(sender); err != nil {
		return signatureError(signaturePath(s.format), err)
	}
	return nil
}

// decodeModel decodes the signed content into the model through the hardened parse but
// without the schema step. It serves only to compare the content with a message that has
// passed the schema already; anything it cannot decode takes Verify's full path.
func (s *signedContent) decodeModel() (*Message, error) {
	lim := schemaValidator.opts.Limits
	switch s.format {
	case FormatXML:
		doc, fs := prepareXML(s.content, lim)
		if fs != nil {
			return nil, &InvalidError{Findings: fs}
		}
		return unmarshalXML(doc)
	case FormatJSON:
		if fs := checkJSON(s.content, lim); fs != nil {
			return nil, &InvalidError{Findings: fs}
		}
		tree, err := parseJSONTree(s.content, lim.MaxDepth)
		if err != nil {
			return nil, err
		}
		m, err := messageFromTree(tree)
		if err != nil {
			return unmarshalJSON(s.content)
		}
		return m, nil
	}
	return nil, fmt.Errorf("jcx: verify: %w", ErrNoFormat)
}

func signaturePath(f Format) string {
	if f == FormatXML {
		return "/Message/ds:Signature[1]"
	}
	return "/Signature"
}

// signatureError turns an error from the signature or trust packages into a finding with
// its code.
func signatureError(path string, err error) error {
	code := CodeSignatureInvalid
	var c interface{ Code() int }
	var te *trust.Error
	switch {
	case errors.As(err, &te):
		code = te.Code()
	case errors.As(err, &c):
		code = ErrorCode(c.Code())
	}
	return &InvalidError{Findings: []Finding{{Code: code, Path: path, Message: err.Error()}}}
}

// RequireSignature returns a SignatureChecker for Options.Signature: the message must be
// signed, by a signer trusted under opts and named as the header's sender, and what was
// signed must be the message that was decoded.
func RequireSignature(opts VerifyOptions) SignatureChecker {
	return requiredSignature{opts}
}

type requiredSignature struct{ opts VerifyOptions }

func (r requiredSignature) CheckSignature(data []byte, f Format, m *Message) []Finding {
	s, err := verifySignature(data, f, r.opts)
	if err != nil {
		return signatureFindings(data, err, f)
	}
	// The enveloped profile signs the whole document, so the signed message and the
	// decoded one must be the same; a difference means content outside the signature.
	// m has passed the schema, and canonicalisation keeps the infoset, so the signed
	// content needs the model decoder only: when it decodes to m, the schema would add
	// nothing. When it does not, Verify's full path decides, so that a refusal carries
	// the same findings as Verify's.
	if mc, err := s.decodeModel(); err == nil && reflect.DeepEqual(mc, m) {
		if err := s.checkSender(mc); err != nil {
			return signatureFindings(data, err, f)
		}
		return nil
	}
	v, err := s.decode()
	if err != nil {
		return signatureFindings(data, err, f)
	}
	if !reflect.DeepEqual(v.Message, m) {
		return []Finding{{Code: CodeSignatureInvalid, Path: signaturePath(f), Message: "the signed content differs from the message received"}}
	}
	return nil
}

// signatureFindings is a Verify error as findings.
func signatureFindings(data []byte, err error, f Format) []Finding {
	var inv *InvalidError
	if !errors.As(withXMLLines(data, f, err), &inv) {
		return []Finding{{Code: CodeSignatureInvalid, Path: signaturePath(f), Message: err.Error()}}
	}
	return inv.Findings
}
