package exchange

import (
	"fmt"

	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/jws"
	"github.com/jcx-dev/jcx/internal/xmldsig"
)

// SignOptions configure signing. The zero value is what Sign and SignMessage use: the
// message is validated first and the signer certificate must name Header.Sender, since a
// receiver refuses anything else (with the same findings, or 8004) and a signature
// cannot be taken back once sent.
type SignOptions struct {
	// Validator runs before signing; nil means one with the default Options.
	Validator *Validator
	// Unchecked signs a schema-valid message without the rule and sender checks. Use it
	// only to produce messages that must fail at the receiver, such as test fixtures.
	Unchecked bool
}

// Sign signs an encoded message: XML gets an enveloped XML-DSig signature as the last
// child of the root, JSON a top-level "Signature" member holding a detached JWS over the
// RFC 8785 form of the rest. The signature covers this encoding only, so converting a
// signed message drops its signature.
//
// A message that fails validation, or whose Header.Sender the signer certificate does
// not name (8004), is refused with an *InvalidError carrying the findings; set
// SignOptions.Unchecked to sign it anyway. A message that is not schema-valid is never
// signed.
func (o SignOptions) Sign(data []byte, f Format, s Signer) ([]byte, error) {
	if s.Key == nil || len(s.Chain) == 0 || s.Chain[0] == nil {
		return nil, fmt.Errorf("jcx: sign: %w", ErrNoSigner)
	}
	if f == FormatAuto {
		d, ok := Detect(data)
		if !ok {
			return nil, fmt.Errorf("jcx: sign: data is neither XML nor JSON: %w", ErrNoFormat)
		}
		f = d
	}
	if err := o.check(data, f, s); err != nil {
		return nil, err
	}
	switch f {
	case FormatXML:
		return xmldsig.Sign(data, s.Key, s.Chain)
	case FormatJSON:
		return jws.Sign(data, s.Key, s.Chain)
	}
	return nil, fmt.Errorf("jcx: sign: format %v: %w", f, ErrNoFormat)
}

// SignMessage encodes m in the format and signs it as Sign does.
func (o SignOptions) SignMessage(m *Message, f Format, s Signer) ([]byte, error) {
	data, err := Marshal(m, f)
	if err != nil {
		return nil, err
	}
	return o.Sign(data, f, s)
}

// Sign signs data with the default SignOptions: see SignOptions.Sign.
func Sign(data []byte, f Format, s Signer) ([]byte, error) {
	return SignOptions{}.Sign(data, f, s)
}

// SignMessage encodes m and signs it with the default SignOptions: see SignOptions.Sign.
func SignMessage(m *Message, f Format, s Signer) ([]byte, error) {
	return SignOptions{}.SignMessage(m, f, s)
}

// check returns the findings that make data unfit to sign as an *InvalidError.
func (o SignOptions) check(data []byte, f Format, s Signer) error {
	if o.Unchecked {
		return schemaValidator.CheckSchema(data, f).Err()
	}
	v := o.Validator
	if v == nil {
		v = defaultValidator
	}
	r := v.Validate(data, f)
	if r.Message != nil {
		sender := r.Message.Header.Sender
		if err := trust.CheckSender(s.Chain[0], sender); err != nil {
			r.Findings = append(r.Findings, Finding{Code: CodeSignerNotSender, Path: senderPath(f), Message: err.Error()})
		}
	}
	return withXMLLines(data, f, r.Err())
}

func senderPath(f Format) string {
	if f == FormatXML {
		return "/Message/Header[1]/Sender[1]"
	}
	return "/Header/Sender"
}
