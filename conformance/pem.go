package conformance

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
)

// ParseKeyPair reads a private key (PKCS #8, SEC 1 or PKCS #1 PEM) and its certificate
// chain (PEM, leaf first), and checks that the key belongs to the leaf.
func ParseKeyPair(keyPEM, certPEM []byte) (crypto.Signer, []*x509.Certificate, error) {
	chain, err := ParseCertificates(certPEM)
	if err != nil {
		return nil, nil, err
	}
	block, _ := pem.Decode(keyPEM)
	if block == nil {
		return nil, nil, fmt.Errorf("%w: no PEM block in the key file", ErrConfig)
	}
	var key any
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	default:
		return nil, nil, fmt.Errorf("%w: key file holds a %q block", ErrConfig, block.Type)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%w: key: %v", ErrConfig, err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, nil, fmt.Errorf("%w: key of type %T cannot sign", ErrConfig, key)
	}
	type equaler interface{ Equal(crypto.PublicKey) bool }
	if eq, ok := signer.Public().(equaler); !ok || !eq.Equal(chain[0].PublicKey) {
		return nil, nil, fmt.Errorf("%w: the key does not belong to the certificate", ErrConfig)
	}
	return signer, chain, nil
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

// ParseTrust reads a PEM trust bundle into a pool of trust anchors.
func ParseTrust(b []byte) (*x509.CertPool, error) {
	certs, err := ParseCertificates(b)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	for _, c := range certs {
		pool.AddCert(c)
	}
	return pool, nil
}
