package hi1

import (
	"errors"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// senderPath is where a finding about the signer and the SenderIdentifier points.
const senderPath = "/HI1Message/Header[1]/SenderIdentifier[1]"

// IsHI1 reports whether data is an HI-1 message: whether its root element is
// HI1Message in the Core namespace. It reads no further than the root's start tag, so
// it tells HI-1 messages from jcx ones before either is decoded.
func IsHI1(data []byte) bool { return checkRoot(data) == nil }

// SignChecked is Sign for a message that a receiver must accept: it validates data with
// v (decoding and the envelope rules) and checks that the certificate of s names the
// SenderIdentifier, and signs nothing when either fails. The failure is an
// *exchange.InvalidError with every finding, the signer's as 8004 at the
// SenderIdentifier. A nil v validates with the default Options.
func SignChecked(data []byte, s exchange.Signer, v *Validator, opts SignOptions) ([]byte, error) {
	if v == nil {
		v = NewValidator(Options{Limits: opts.Limits})
	}
	if len(s.Chain) == 0 {
		return nil, errors.New("hi1: sign: a key and its certificate are required")
	}
	rep := v.Validate(data)
	findings := rep.Findings
	if m := rep.Message; m != nil {
		if err := trust.CheckSender(s.Chain[0], endpointParty(m.Header.SenderIdentifier)); err != nil {
			findings = append(findings, exchange.Finding{Code: exchange.CodeSignerNotSender, Path: senderPath, Message: err.Error()})
		}
	}
	if len(findings) > 0 {
		return nil, &exchange.InvalidError{Findings: findings}
	}
	return Sign(data, s, opts)
}

// VerifyMessage is Verify followed by what a receiver does next: it decodes the message
// from what was signed, never from the input, and holds the signer to its
// SenderIdentifier. A signer that does not name the sender is an *exchange.InvalidError
// with one finding, 8004 at the SenderIdentifier; content that does not decode, one with
// the decoder's findings.
func VerifyMessage(data []byte, opts exchange.VerifyOptions) (*HI1Message, *Verified, error) {
	v, err := Verify(data, opts)
	if err != nil {
		return nil, nil, err
	}
	m, err := Decode(v.Content, exchange.Limits{})
	if err != nil {
		return nil, nil, err
	}
	if err := v.Signer.CheckSender(endpointParty(m.Header.SenderIdentifier)); err != nil {
		return nil, nil, &exchange.InvalidError{Findings: []exchange.Finding{{Code: exchange.CodeSignerNotSender, Path: senderPath, Message: err.Error()}}}
	}
	return m, v, nil
}

func endpointParty(e EndpointID) trust.Party {
	return trust.Party{CountryCode: e.CountryCode, UniqueIdentifier: e.UniqueIdentifier}
}
