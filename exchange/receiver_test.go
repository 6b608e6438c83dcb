package exchange_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// TestReceiverOptions: one call gives a Validator every receiver check, replay last.
func TestReceiverOptions(t *testing.T) {
	ids := newTestIdentities(t)
	opts, err := exchange.ReceiverOptions(ids.deParty, ids.bundle)
	if err != nil {
		t.Fatal(err)
	}
	v := exchange.NewValidator(opts)
	sign := func(m *exchange.Message, s exchange.Signer) []byte {
		data, err := exchange.SignOptions{Unchecked: true}.SignMessage(m, exchange.FormatXML, s)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	good := sign(sampleRequest(ids.frParty, ids.deParty), ids.fr)
	stale := sampleRequest(ids.frParty, ids.deParty)
	stale.Header.Timestamp = exchange.NewTimestamp(time.Now().Add(-2 * exchange.DefaultClockWindow))
	unsigned, err := exchange.Marshal(sampleRequest(ids.frParty, ids.deParty), exchange.FormatXML)
	if err != nil {
		t.Fatal(err)
	}
	tampered := sign(sampleRequest(ids.frParty, ids.deParty), ids.outsider)
	for _, tc := range []struct {
		name string
		data []byte
		want []exchange.ErrorCode
	}{
		{"good", good, nil},
		{"replay", good, []exchange.ErrorCode{exchange.CodeReplay}},
		{"another receiver", sign(sampleRequest(ids.frParty, ids.frParty), ids.fr), []exchange.ErrorCode{exchange.CodeImproperValue, exchange.CodeReceiverMismatch}},
		{"stale", sign(stale, ids.fr), []exchange.ErrorCode{exchange.CodeClockWindow}},
		{"unsigned", unsigned, []exchange.ErrorCode{exchange.CodeSignatureRequired}},
		{"untrusted signer", tampered, []exchange.ErrorCode{exchange.CodeSignerNotTrusted}},
	} {
		var got []exchange.ErrorCode
		for _, f := range v.Validate(tc.data, exchange.FormatXML).Findings {
			got = append(got, f.Code)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: codes %v, want %v", tc.name, got, tc.want)
		}
	}
	if !opts.RefuseElapsedDeadlines || opts.ClockWindow != exchange.DefaultClockWindow {
		t.Errorf("deadlines %v, window %v: want the receiver's", opts.RefuseElapsedDeadlines, opts.ClockWindow)
	}
}

func TestReceiverOptionsRefusesMisuse(t *testing.T) {
	ids := newTestIdentities(t)
	if _, err := exchange.ReceiverOptions(ids.deParty, nil); !errors.Is(err, exchange.ErrNoTrust) {
		t.Errorf("nil bundle: %v, want ErrNoTrust", err)
	}
	if _, err := exchange.ReceiverOptions(exchange.Party{CountryCode: "de", UniqueIdentifier: "x"}, ids.bundle); !errors.Is(err, trust.ErrInvalidParty) {
		t.Errorf("bad party: %v, want trust.ErrInvalidParty", err)
	}
}
