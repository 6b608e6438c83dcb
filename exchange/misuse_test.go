package exchange_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// TestMisuseSentinels: what the caller got wrong matches its sentinel, carries no jcx
// code (it is not an *InvalidError) and says "jcx:" once.
func TestMisuseSentinels(t *testing.T) {
	ids := newTestIdentities(t)
	m := sampleRequest(ids.frParty, ids.deParty)
	cases := []struct {
		name string
		want error
		call func() error
	}{
		{"sign without a signer", exchange.ErrNoSigner, func() error {
			_, err := exchange.SignMessage(m, exchange.FormatXML, exchange.Signer{})
			return err
		}},
		{"sign without a chain", exchange.ErrNoSigner, func() error {
			_, err := exchange.SignMessage(m, exchange.FormatXML, exchange.Signer{Key: ids.fr.Key})
			return err
		}},
		{"sign what is neither XML nor JSON", exchange.ErrNoFormat, func() error {
			_, err := exchange.Sign([]byte("neither"), exchange.FormatAuto, ids.fr)
			return err
		}},
		{"marshal with FormatAuto", exchange.ErrNoFormat, func() error {
			_, err := exchange.Marshal(m, exchange.FormatAuto)
			return err
		}},
		{"verify without a bundle", exchange.ErrNoTrust, func() error {
			_, err := exchange.Verify([]byte("<a/>"), exchange.FormatXML, exchange.VerifyOptions{})
			return err
		}},
		{"receiver without a bundle", exchange.ErrNoTrust, func() error {
			_, err := exchange.ReceiverOptions(ids.deParty, nil)
			return err
		}},
		{"receiver with an invalid party", trust.ErrInvalidParty, func() error {
			_, err := exchange.ReceiverOptions(exchange.Party{CountryCode: "DEU", UniqueIdentifier: "x"}, ids.bundle)
			return err
		}},
	}
	for _, tc := range cases {
		err := tc.call()
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
			continue
		}
		if errors.Is(err, exchange.ErrInvalid) || errors.Is(err, trust.ErrUntrusted) {
			t.Errorf("%s: %v reads as a refused message", tc.name, err)
		}
		if n := strings.Count(err.Error(), "jcx:"); n > 1 {
			t.Errorf("%s: %q says jcx: %d times", tc.name, err, n)
		}
	}
}
