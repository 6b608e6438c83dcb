package refimpl

import (
	"context"
	"crypto/x509"

	"github.com/jcx-dev/jcx/exchange/httpbinding"
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
