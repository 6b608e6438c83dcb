// Package testpki is the conformance suite's test PKI: a test CA, the identities the
// harness signs with, the identity of the reference implementation, and the deliberately
// broken identities the negative cases need.
//
// The keys are published test keys. They are committed to the repository, embedded in the
// binary, and known to everyone: never trust this CA, or any of these certificates,
// outside testing.
//
// An implementation under test is told to trust ca.pem (the bundle) and to accept
// messages from the harness parties; the harness is told to trust the implementation's
// identity through the same CA. The identities are:
//
//	file            party                 what it is for
//	harness         FR jcx-harness        the requester every case signs as
//	harness2        DE jcx-harness-2      a second requester (isolation between parties)
//	intruder        DE intruder           valid under the CA but not the header's sender (8004)
//	expired         FR jcx-harness        names the harness but expired in 2025 (8003)
//	untrusted       FR jcx-harness        names the harness, issued by another CA (8003)
//	harness-rsa     FR jcx-harness        the harness with an RSA-3072 key: a SignatureMethod
//	                                      or alg of another key type over it is 8005
//	implementation  LU jcx-reference      the reference implementation; also its TLS server
//	                                      certificate for localhost, 127.0.0.1 and ::1
//
// Every key is ECDSA P-256 but harness-rsa's; the certificates are valid from 2026-01-01
// for 20 years except the expired one. gen.go regenerates them (go run gen.go), or issues
// named leaves under the CA already there (go run gen.go harness-rsa); nothing else should.
package testpki

import (
	"crypto"
	"crypto/tls"
	"crypto/x509"
	"embed"
	"errors"
	"fmt"
	"sync"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

//go:embed *.pem
var files embed.FS

// File returns the bytes of one embedded PEM file, e.g. "ca.pem" or "harness.key.pem".
func File(name string) ([]byte, error) { return files.ReadFile(name) }

// Identity is one test identity: its party, the signer that holds its key and
// certificate, and the PEM files they came from.
type Identity struct {
	Party   exchange.Party
	Signer  exchange.Signer
	CertPEM []byte
	KeyPEM  []byte
}

// TLSCertificate returns the identity as a TLS certificate, for HTTPS and mutual TLS.
func (id Identity) TLSCertificate() tls.Certificate {
	c := tls.Certificate{PrivateKey: id.Signer.Key}
	for _, cert := range id.Signer.Chain {
		c.Certificate = append(c.Certificate, cert.Raw)
	}
	if len(id.Signer.Chain) > 0 {
		c.Leaf = id.Signer.Chain[0]
	}
	return c
}

// PKI is the loaded test PKI.
type PKI struct {
	// CA is the test CA that every trusted identity chains to; CAKey lets tests issue
	// more identities.
	CA    *x509.Certificate
	CAKey crypto.Signer
	// BundlePEM is ca.pem, and Bundle the trust bundle made of it.
	BundlePEM []byte
	Bundle    *trust.Bundle
	// Pool holds the CA, for TLS client and server verification.
	Pool *x509.CertPool

	Harness     Identity
	Harness2    Identity
	WrongSigner Identity
	Expired     Identity
	Untrusted   Identity
	// HarnessRSA is the harness party with an RSA-3072 key.
	HarnessRSA     Identity
	Implementation Identity
}

var (
	once   sync.Once
	loaded *PKI
	errPKI error
)

// Load parses the embedded PEM files. The result is shared: callers must not modify it.
func Load() (*PKI, error) {
	once.Do(func() { loaded, errPKI = load() })
	return loaded, errPKI
}

// MustLoad is Load for tests and examples, where the embedded files cannot be missing.
func MustLoad() *PKI {
	p, err := Load()
	if err != nil {
		panic(err)
	}
	return p
}

func load() (*PKI, error) {
	p := &PKI{}
	var err error
	if p.BundlePEM, err = files.ReadFile("ca.pem"); err != nil {
		return nil, err
	}
	if p.CA, err = parseCert(p.BundlePEM); err != nil {
		return nil, fmt.Errorf("testpki: ca.pem: %w", err)
	}
	caKey, err := files.ReadFile("ca.key.pem")
	if err != nil {
		return nil, err
	}
	if p.CAKey, err = parseKey(caKey); err != nil {
		return nil, fmt.Errorf("testpki: ca.key.pem: %w", err)
	}
	if p.Bundle, err = trust.LoadBundle(p.BundlePEM); err != nil {
		return nil, fmt.Errorf("testpki: bundle: %w", err)
	}
	p.Pool = x509.NewCertPool()
	p.Pool.AddCert(p.CA)

	untrustedCA, err := files.ReadFile("untrusted-ca.pem")
	if err != nil {
		return nil, err
	}
	otherCA, err := parseCert(untrustedCA)
	if err != nil {
		return nil, fmt.Errorf("testpki: untrusted-ca.pem: %w", err)
	}
	for _, id := range []struct {
		dst    *Identity
		name   string
		party  exchange.Party
		issuer *x509.Certificate
	}{
		{&p.Harness, "harness", exchange.Party{CountryCode: "FR", UniqueIdentifier: "jcx-harness"}, p.CA},
		{&p.Harness2, "harness2", exchange.Party{CountryCode: "DE", UniqueIdentifier: "jcx-harness-2"}, p.CA},
		{&p.WrongSigner, "intruder", exchange.Party{CountryCode: "DE", UniqueIdentifier: "intruder"}, p.CA},
		{&p.Expired, "expired", exchange.Party{CountryCode: "FR", UniqueIdentifier: "jcx-harness"}, p.CA},
		{&p.Untrusted, "untrusted", exchange.Party{CountryCode: "FR", UniqueIdentifier: "jcx-harness"}, otherCA},
		{&p.HarnessRSA, "harness-rsa", exchange.Party{CountryCode: "FR", UniqueIdentifier: "jcx-harness"}, p.CA},
		{&p.Implementation, "implementation", exchange.Party{CountryCode: "LU", UniqueIdentifier: "jcx-reference"}, p.CA},
	} {
		if *id.dst, err = loadIdentity(id.name, id.party, id.issuer); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func loadIdentity(name string, party exchange.Party, issuer *x509.Certificate) (Identity, error) {
	certPEM, err := files.ReadFile(name + ".pem")
	if err != nil {
		return Identity{}, err
	}
	keyPEM, err := files.ReadFile(name + ".key.pem")
	if err != nil {
		return Identity{}, err
	}
	cert, err := parseCert(certPEM)
	if err != nil {
		return Identity{}, fmt.Errorf("testpki: %s.pem: %w", name, err)
	}
	key, err := parseKey(keyPEM)
	if err != nil {
		return Identity{}, fmt.Errorf("testpki: %s.key.pem: %w", name, err)
	}
	// The chain carries the issuing CA too, so a verifier that trusts only the CA finds
	// the path from the message alone.
	return Identity{
		Party:   party,
		Signer:  exchange.Signer{Key: key, Chain: []*x509.Certificate{cert, issuer}},
		CertPEM: certPEM,
		KeyPEM:  keyPEM,
	}, nil
}

func parseCert(data []byte) (*x509.Certificate, error) {
	certs, err := trust.ParseCertificatesPEM(data)
	if err != nil {
		return nil, err
	}
	if len(certs) != 1 {
		return nil, errors.New("want exactly one certificate")
	}
	return certs[0], nil
}

func parseKey(data []byte) (crypto.Signer, error) { return trust.ParsePrivateKeyPEM(data) }
