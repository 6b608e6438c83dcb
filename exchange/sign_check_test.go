package exchange_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// The validator's signature step (RequireSignature) decodes the signed content without the
// schema step and compares it with the message the validator decoded. These tests hold it
// to Verify: the same findings for every refusal, and a refusal whenever what was signed is
// not the message received.

// TestRequireSignatureAgreesWithVerify checks that the signature step refuses exactly what
// Verify refuses, with the same findings (code, path and message), and accepts what Verify
// accepts.
func TestRequireSignatureAgreesWithVerify(t *testing.T) {
	ids := newTestIdentities(t)
	opts := exchange.VerifyOptions{Trust: ids.bundle}
	check := exchange.RequireSignature(opts)
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		plain, sign := sampleSigning(t, ids, f)
		good := sign(ids.fr)
		for _, tc := range []struct {
			name string
			data []byte
		}{
			{"good", good},
			{"unsigned", plain},
			{"signed by another trusted party", sign(ids.de)},
			{"signer outside the bundle", sign(ids.outsider)},
			{"content changed after signing", bytes.Replace(good, []byte("pj-paris"), []byte("pj-lyon!"), 1)},
		} {
			t.Run(f.String()+"/"+tc.name, func(t *testing.T) {
				var want []exchange.Finding
				if _, err := exchange.Verify(tc.data, f, opts); err != nil {
					var inv *exchange.InvalidError
					if !errors.As(err, &inv) {
						t.Fatalf("Verify error = %v, want *InvalidError", err)
					}
					want = inv.Findings
				}
				// The message the validator would have decoded from the same bytes.
				m, err := exchange.Unmarshal(tc.data, f)
				if err != nil {
					t.Fatalf("Unmarshal: %v", err)
				}
				got := check.CheckSignature(tc.data, f, m)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("CheckSignature = %v\nVerify findings = %v", got, want)
				}
			})
		}
	}
}

// substituted is a SignatureChecker that checks the signature of other bytes than the ones
// validated: the situation of a parser differential, where the signature covers one
// message and the validator decoded another.
type substituted struct {
	inner  exchange.SignatureChecker
	signed []byte
}

func (s substituted) CheckSignature(_ []byte, f exchange.Format, m *exchange.Message) []exchange.Finding {
	return s.inner.CheckSignature(s.signed, f, m)
}

// TestRequireSignatureRefusesOtherContent checks that a valid signature by the sender over
// content that is not the decoded message is refused with 8002, through Options.Signature,
// whether the two messages differ in the header or deep in the payload.
func TestRequireSignatureRefusesOtherContent(t *testing.T) {
	ids := newTestIdentities(t)
	opts := exchange.VerifyOptions{Trust: ids.bundle}
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		signedMsg := sampleRequest(ids.frParty, ids.deParty)
		signed, err := exchange.SignMessage(signedMsg, f, ids.fr)
		if err != nil {
			t.Fatal(err)
		}
		otherTx := *signedMsg
		otherTx.Header.TransactionIdentifier = "6a1f0d2e-3b4c-4d5e-8f60-718293a4b5c6"
		otherGet := sampleRequest(ids.frParty, ids.deParty)
		otherGet.Header = signedMsg.Header
		otherGet.Payload.Request.Action[0].GET.Identifier = "11111111-2222-4333-8444-555555555555"
		for _, tc := range []struct {
			name string
			m    *exchange.Message
		}{
			{"another transaction", &otherTx},
			{"another object", otherGet},
		} {
			t.Run(f.String()+"/"+tc.name, func(t *testing.T) {
				received, err := exchange.Marshal(tc.m, f)
				if err != nil {
					t.Fatal(err)
				}
				v := exchange.NewValidator(exchange.Options{Signature: substituted{exchange.RequireSignature(opts), signed}})
				r := v.Validate(received, f)
				if r.Message == nil {
					t.Fatalf("received message not decoded: %v", r.Findings)
				}
				var found bool
				for _, fd := range r.Findings {
					if fd.Code == exchange.CodeSignatureInvalid && fd.Message == "the signed content differs from the message received" {
						found = true
					}
				}
				if !found {
					t.Errorf("findings %v, want 8002 for content that differs", r.Findings)
				}
				// The untouched message passes the same step.
				v = exchange.NewValidator(exchange.Options{Signature: exchange.RequireSignature(opts)})
				if r := v.Validate(signed, f); !r.Valid() {
					t.Errorf("signed message refused: %v", r.Findings)
				}
			})
		}
	}
}
