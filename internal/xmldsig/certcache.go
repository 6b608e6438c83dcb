package xmldsig

import (
	"crypto/x509"
	"sync"
)

// A sender signs every message with the same chain, so Verify meets the same
// X509Certificate values again and again, and parsing one costs about a tenth
// of a whole verification. Parsed certificates are kept by their exact DER
// bytes: the same bytes always parse to the same certificate, so the cache
// changes no verdict, and only successful parses are kept.

const (
	maxCachedCertificates = 256
	maxCachedDERLen       = 6 << 10 // larger certificates are parsed each time
)

type certificateCache struct {
	mu    sync.Mutex
	certs map[string]*x509.Certificate
}

var parsedCertificates = &certificateCache{certs: map[string]*x509.Certificate{}}

// parse returns the certificate of der. Callers must not modify it.
func (c *certificateCache) parse(der []byte) (*x509.Certificate, error) {
	c.mu.Lock()
	cert, ok := c.certs[string(der)]
	c.mu.Unlock()
	if ok {
		return cert, nil
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	if len(der) <= maxCachedDERLen {
		c.mu.Lock()
		if len(c.certs) >= maxCachedCertificates {
			// Full: start again rather than track use. A stream of new
			// chains costs the parse it would have cost anyway.
			clear(c.certs)
		}
		c.certs[string(der)] = cert
		c.mu.Unlock()
	}
	return cert, nil
}
