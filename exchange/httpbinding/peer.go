package httpbinding

import (
	"context"
	"crypto/x509"
	"fmt"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/intake"
)

type peerKey struct{}

// WithPeerCertificate records in ctx the certificate the transport authenticated (the
// mutual-TLS client certificate). A Handler then refuses a request whose header names a
// sender the certificate does not name, by the trust package's identity rule (8011).
// ServeHTTP does this itself for TLS connections with a client certificate; call it when
// TLS ends in front of the handler (a proxy that forwards the client certificate) or
// when calling Handler.Exchange directly.
func WithPeerCertificate(ctx context.Context, cert *x509.Certificate) context.Context {
	return context.WithValue(ctx, peerKey{}, cert)
}

// PeerCertificate returns the certificate WithPeerCertificate recorded in ctx, or nil.
func PeerCertificate(ctx context.Context) *x509.Certificate {
	cert, _ := ctx.Value(peerKey{}).(*x509.Certificate)
	return cert
}

// peerFinding checks the transport identity against the header's sender.
func peerFinding(ctx context.Context, m *exchange.Message, f exchange.Format) *exchange.Finding {
	cert := PeerCertificate(ctx)
	if cert == nil {
		return nil
	}
	s := m.Header.Sender
	if trust.CheckSender(cert, s) == nil {
		return nil
	}
	return &exchange.Finding{Code: exchange.CodeSenderNotAuth, Path: headerPath(f, "Sender"),
		Message: fmt.Sprintf("the TLS client certificate (%s) does not name the header's sender %s",
			intake.Clip(cert.Subject.String()), intake.Clip(s.String()))}
}
