package httpbinding

import (
	"fmt"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// NewReceiver is a receiver in one call: a Handler that is the party signer's certificate
// names, signs its responses with signer, accepts requests signed by the senders bundle
// vouches for, and hands them to service. Everything else has the defaults of Config, the
// receiver preset: requests addressed to this party only (8010), timestamps within
// exchange.DefaultClockWindow of the clock (8013), deadlines judged at receipt (8031), a
// signature by a trusted sender required (8001–8005), a replay cache in memory (8012),
// exchange.DefaultMaxBytes per request and DefaultMaxBuffered across requests.
//
//	signer, err := trust.LoadSigner(keyPEM, chainPEM) // as the party its certificate names
//	bundle, err := trust.LoadBundle(bundlePEM)        // who may send to us
//	h, err := httpbinding.NewReceiver(signer, bundle, httpbinding.ServiceFunc(perform))
//	http.Handle("/jcx", h)
//
// The certificate must name exactly one party (by the identity rule of package trust).
// For a certificate that names several, or to change a default, use New with a Config.
// A Validator outside HTTP gets the same checks from exchange.ReceiverOptions.
func NewReceiver(signer trust.Signer, bundle *trust.Bundle, service Service) (*Handler, error) {
	me, err := partyOf(signer)
	if err != nil {
		return nil, err
	}
	return New(Config{Identity: me, Signer: signer, Trust: bundle, Service: service})
}

// partyOf returns the one party signer's certificate names.
func partyOf(signer trust.Signer) (exchange.Party, error) {
	cert := signer.Certificate()
	if cert == nil || signer.Key == nil {
		return exchange.Party{}, fmt.Errorf("%w: %w", ErrConfig, exchange.ErrNoSigner)
	}
	var named []exchange.Party
	for _, p := range (trust.Identity{Certificate: cert}).Parties() {
		if trust.CheckSender(cert, p) == nil {
			named = append(named, p)
		}
	}
	if len(named) != 1 {
		return exchange.Party{}, fmt.Errorf("%w: the Signer's certificate names %d parties; set Config.Identity and use New", ErrConfig, len(named))
	}
	return named[0], nil
}

// Identity is the party the Handler receives as and signs its responses as.
func (h *Handler) Identity() exchange.Party { return h.identity }
