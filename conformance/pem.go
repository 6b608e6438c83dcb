package conformance

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"

	"github.com/jcx-dev/jcx/exchange/trust"
)

// ParseKeyPair reads a private key and its certificate chain (PEM, leaf first) with
// trust.LoadSigner, which checks that the key belongs to the leaf; a refusal matches
// ErrConfig.
func ParseKeyPair(keyPEM, certPEM []byte) (trust.Signer, error) {
	s, err := trust.LoadSigner(keyPEM, certPEM)
	if err != nil {
		return trust.Signer{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	return s, nil
}

// ParseCertificates reads every CERTIFICATE block of a PEM file; there must be one.
func ParseCertificates(b []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for {
		var block *pem.Block
		block, b = pem.Decode(b)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: certificate: %v", ErrConfig, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no certificate in the PEM data", ErrConfig)
	}
	return out, nil
}

// ParseTrust reads a PEM trust bundle with trust.LoadBundle: CA certificates become
// anchors, end-entity certificates pinned signers, and any block but CERTIFICATE is
// refused. A refusal matches ErrConfig.
func ParseTrust(b []byte) (*trust.Bundle, error) {
	bundle, err := trust.LoadBundle(b)
	if err != nil {
		return nil, fmt.Errorf("%w: trust bundle: %w", ErrConfig, err)
	}
	return bundle, nil
}
