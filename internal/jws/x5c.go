package jws

import (
	"crypto/x509"
	"encoding/base64"
	"sync"
)

// A sender signs every message with the same certificate chain, so Verify meets the same
// x5c entries again and again, and parsing a certificate costs about as much as the
// canonicalisation of a 5 KB message. Parsed certificates are kept by their exact x5c
// text: the same text always parses to the same certificate, so the cache changes no
// verdict, and only successful parses are kept.

const (
	maxCachedCertificates = 256
	maxCachedX5CLen       = 8 << 10 // base64 characters; larger certificates are parsed each time
)

type certificateCache struct {
	mu    sync.Mutex
	certs map[string]*x509.Certificate
}

var x5cCertificates = &certificateCache{certs: map[string]*x509.Certificate{}}

// parse decodes one x5c entry, standard base64 with padding (RFC 7515 §4.1.6), not
// base64url, and parses the certificate. Callers must not modify the certificate.
func (c *certificateCache) parse(x5c string) (*x509.Certificate, error) {
	c.mu.Lock()
	cert, ok := c.certs[x5c]
	c.mu.Unlock()
	if ok {
		return cert, nil
	}
	der, err := base64.StdEncoding.Strict().DecodeString(x5c)
	if err != nil {
		return nil, wrap(CodeInvalid, "x5c is not base64", err)
	}
	if cert, err = x509.ParseCertificate(der); err != nil {
		return nil, wrap(CodeInvalid, "unparseable x5c certificate", err)
	}
	if len(x5c) <= maxCachedX5CLen {
		c.mu.Lock()
		if len(c.certs) >= maxCachedCertificates {
			// Full: start again rather than track use. A stream of new chains costs
			// the parse it would have cost anyway.
			clear(c.certs)
		}
		c.certs[x5c] = cert
		c.mu.Unlock()
	}
	return cert, nil
}
