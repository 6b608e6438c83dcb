package httpbinding_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// TestNewReceiver: the one-call receiver takes its identity from the certificate and
// applies the receiver checks: a good request is served once, its replay refused (8012),
// a request to another party (8010), a stale one (8013) and an unsigned one (8001) too.
func TestNewReceiver(t *testing.T) {
	p := pki(t)
	svc := &capabilities{}
	h, err := httpbinding.NewReceiver(p.Implementation.Signer, p.Bundle, svc)
	if err != nil {
		t.Fatal(err)
	}
	if h.Identity() != p.Implementation.Party {
		t.Fatalf("Identity() = %s, want %s", h.Identity(), p.Implementation.Party)
	}
	good := signed(t, request(t), exchange.FormatJSON, p.Harness)
	elsewhere := request(t)
	elsewhere.Header.Receiver = p.Harness2.Party
	stale := request(t)
	stale.Header.Timestamp = exchange.NewTimestamp(time.Now().Add(-2 * exchange.DefaultClockWindow))
	for _, tc := range []struct {
		name string
		body []byte
		want []exchange.ErrorCode
	}{
		{"good", good, nil},
		{"replay", good, []exchange.ErrorCode{8012}},
		{"another receiver", signed(t, elsewhere, exchange.FormatJSON, p.Harness), []exchange.ErrorCode{8010}},
		{"stale", signed(t, stale, exchange.FormatJSON, p.Harness), []exchange.ErrorCode{8013}},
		{"unsigned", marshal(t, request(t), exchange.FormatJSON), []exchange.ErrorCode{8001}},
	} {
		answer, _, err := h.Exchange(context.Background(), tc.body, exchange.MediaTypeJSON)
		if err != nil {
			t.Fatal(err)
		}
		if got := codes(verifyResponse(t, answer, exchange.FormatJSON, tc.body)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: codes %v, want %v", tc.name, got, tc.want)
		}
	}
	if svc.calls != 1 {
		t.Errorf("service called %d times, want 1", svc.calls)
	}
}

func TestNewReceiverRefusesMisuse(t *testing.T) {
	p := pki(t)
	if _, err := httpbinding.NewReceiver(p.Implementation.Signer, nil, &capabilities{}); !errors.Is(err, httpbinding.ErrConfig) || !errors.Is(err, exchange.ErrNoTrust) {
		t.Errorf("nil bundle: %v, want ErrConfig and exchange.ErrNoTrust", err)
	}
	noChain := trust.Signer{Key: p.Implementation.Signer.Key}
	if _, err := httpbinding.NewReceiver(noChain, p.Bundle, &capabilities{}); !errors.Is(err, httpbinding.ErrConfig) || !errors.Is(err, exchange.ErrNoSigner) {
		t.Errorf("signer without chain: %v, want ErrConfig and exchange.ErrNoSigner", err)
	}
	if _, err := httpbinding.NewReceiver(p.Implementation.Signer, p.Bundle, nil); !errors.Is(err, httpbinding.ErrConfig) {
		t.Errorf("no service: %v, want ErrConfig", err)
	}
}

// TestClientSignErrorKeepsFindings: a message Send refuses to sign says why with the
// findings, reachable with errors.As, under one prefix per layer.
func TestClientSignErrorKeepsFindings(t *testing.T) {
	p := pki(t)
	c := &httpbinding.Client{URL: "http://127.0.0.1:1/", Signer: p.Harness.Signer, Trust: p.Bundle}
	self := exchange.NewRequest(p.Harness.Party, p.Harness.Party, exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	_, err := c.Send(context.Background(), self)
	var inv *exchange.InvalidError
	if !errors.Is(err, httpbinding.ErrSign) || !errors.As(err, &inv) || !inv.Has(exchange.CodeImproperValue) {
		t.Fatalf("err = %v, want ErrSign carrying the findings", err)
	}
	if strings.Count(err.Error(), "httpbinding:") != 1 || strings.Count(err.Error(), "jcx:") != 1 {
		t.Errorf("%q repeats a prefix", err)
	}
}
