package exchange_test

import (
	"errors"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// Signing refuses what a receiver would refuse, unless told otherwise.
func TestSignRefusesWhatAReceiverRefuses(t *testing.T) {
	ids := newTestIdentities(t)
	valid := sampleRequest(ids.frParty, ids.deParty)
	selfAddressed := sampleRequest(ids.frParty, ids.frParty) // Sender = Receiver: a rule finding
	tests := []struct {
		name     string
		msg      *exchange.Message
		signer   exchange.Signer
		opts     exchange.SignOptions
		wantCode exchange.ErrorCode // 0: signed
	}{
		{"valid, signed by the sender", valid, ids.fr, exchange.SignOptions{}, 0},
		{"valid, signed by someone else", valid, ids.de, exchange.SignOptions{}, exchange.CodeSignerNotSender},
		{"rule finding", selfAddressed, ids.fr, exchange.SignOptions{}, -1},
		{"someone else, unchecked", valid, ids.de, exchange.SignOptions{Unchecked: true}, 0},
		{"rule finding, unchecked", selfAddressed, ids.fr, exchange.SignOptions{Unchecked: true}, 0},
	}
	for _, tc := range tests {
		for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
			t.Run(tc.name+"/"+f.String(), func(t *testing.T) {
				signed, err := tc.opts.SignMessage(tc.msg, f, tc.signer)
				if tc.wantCode == 0 {
					if err != nil {
						t.Fatal(err)
					}
					if len(signed) == 0 {
						t.Fatal("nothing signed")
					}
					return
				}
				var inv *exchange.InvalidError
				if !errors.As(err, &inv) || len(inv.Findings) == 0 {
					t.Fatalf("err = %v, want an *InvalidError with findings", err)
				}
				if tc.wantCode > 0 && !inv.Has(tc.wantCode) {
					t.Fatalf("findings %v, want %d", inv.Findings, tc.wantCode)
				}
				if signed != nil {
					t.Fatal("signed bytes returned with a refusal")
				}
			})
		}
	}
	// The package-level functions are the checked default.
	if _, err := exchange.SignMessage(valid, exchange.FormatXML, ids.de); !errors.Is(err, exchange.ErrInvalid) {
		t.Errorf("SignMessage by someone else: %v, want ErrInvalid", err)
	}
}
