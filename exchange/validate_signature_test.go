package exchange_test

import (
	"bytes"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// A report vouches for a signature only when it says it checked one: Validate with the
// default options holds no trust bundle, so a signed message, tampered or not, is reported
// as signed and unchecked; with Options.Signature the same message is checked.
func TestReportSaysWhetherTheSignatureWasChecked(t *testing.T) {
	ids := newTestIdentities(t)
	checked := exchange.NewValidator(exchange.Options{Signature: exchange.RequireSignature(exchange.VerifyOptions{Trust: ids.bundle})})
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		plain, sign := sampleSigning(t, ids, f)
		good := sign(ids.fr)
		tampered := bytes.Replace(good, []byte("pj-paris"), []byte("pj-lyon!"), 1)
		for _, tc := range []struct {
			name     string
			v        func([]byte, exchange.Format) *exchange.Report
			data     []byte
			status   exchange.SignatureStatus
			findings []exchange.ErrorCode
		}{
			{"unsigned, default options", exchange.Validate, plain, exchange.SignatureAbsent, nil},
			{"signed, default options", exchange.Validate, good, exchange.SignatureUnchecked, nil},
			{"tampered, default options", exchange.Validate, tampered, exchange.SignatureUnchecked, nil},
			{"unsigned, signature required", checked.Validate, plain, exchange.SignatureChecked, []exchange.ErrorCode{exchange.CodeSignatureRequired}},
			{"signed, signature required", checked.Validate, good, exchange.SignatureChecked, nil},
			{"tampered, signature required", checked.Validate, tampered, exchange.SignatureChecked, []exchange.ErrorCode{exchange.CodeSignatureInvalid}},
		} {
			r := tc.v(tc.data, f)
			var codes []exchange.ErrorCode
			for _, fd := range r.Findings {
				codes = append(codes, fd.Code)
			}
			if r.Signature != tc.status || len(codes) != len(tc.findings) || len(codes) > 0 && codes[0] != tc.findings[0] {
				t.Errorf("%s %s: signature %s, findings %v; want %s, %v", f, tc.name, r.Signature, r.Findings, tc.status, tc.findings)
			}
		}
	}
}

// TestSignatureStatusNeedsTheElement checks that a namespace declaration alone is no
// signature.
func TestSignatureStatusNeedsTheElement(t *testing.T) {
	ids := newTestIdentities(t)
	plain, _ := sampleSigning(t, ids, exchange.FormatXML)
	declared := bytes.Replace(plain, []byte(`<Message xmlns="`), []byte(`<Message xmlns:ds="`+exchange.SignatureNamespace+`" xmlns="`), 1)
	if bytes.Equal(declared, plain) {
		t.Fatal("no root element to add the declaration to")
	}
	r := exchange.Validate(declared, exchange.FormatXML)
	if !r.Valid() || r.Signature != exchange.SignatureAbsent {
		t.Errorf("signature %s, findings %v; want absent and valid", r.Signature, r.Findings)
	}
}
