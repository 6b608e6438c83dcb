package refimpl

import (
	"context"
	"crypto/x509"
	"fmt"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// WithPeerCertificate records in ctx the certificate the transport authenticated (the
// mutual-TLS client certificate). Exchange then refuses a request whose header names a
// sender the certificate does not name, by the trust package's identity rule (8011).
// ServeHTTP does this itself for TLS connections with a client certificate.
//
// Deprecated: use httpbinding.WithPeerCertificate, which this calls.
func WithPeerCertificate(ctx context.Context, cert *x509.Certificate) context.Context {
	return httpbinding.WithPeerCertificate(ctx, cert)
}

// peerFinding checks the transport identity against the header's sender.
func peerFinding(ctx context.Context, m *exchange.Message, f exchange.Format) *exchange.Finding {
	cert := httpbinding.PeerCertificate(ctx)
	if cert == nil {
		return nil
	}
	s := m.Header.Sender
	if trust.CheckSender(cert, trust.Party{CountryCode: s.CountryCode, UniqueIdentifier: s.UniqueIdentifier}) == nil {
		return nil
	}
	return &exchange.Finding{Code: exchange.CodeSenderNotAuth, Path: senderPath(f),
		Message: fmt.Sprintf("the TLS client certificate (%s) does not name the header's sender %s %q",
			clip(cert.Subject.String()), s.CountryCode, clip(s.UniqueIdentifier))}
}
