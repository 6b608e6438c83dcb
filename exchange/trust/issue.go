package trust

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net/url"
	"time"
)

// KeyAlgorithm names the key types Issue and NewCA generate.
type KeyAlgorithm string

const (
	ECDSAP256 KeyAlgorithm = "ecdsa-p256" // the default
	RSA3072   KeyAlgorithm = "rsa-3072"   // RSA with a 3072-bit modulus
)

// Authority is a CA key and certificate that issues certificates.
type Authority struct {
	Key         crypto.Signer
	Certificate *x509.Certificate
}

// IssueRequest describes a signer certificate for a party.
type IssueRequest struct {
	Party     Party
	Algorithm KeyAlgorithm // empty means ECDSAP256
	// NotBefore and NotAfter default to five minutes ago and one year on.
	NotBefore, NotAfter time.Time
	// Issuer signs the certificate; nil makes it self-signed (usable only
	// pinned in a bundle).
	Issuer *Authority
}

// Issue generates a key and a certificate for req.Party that satisfies the
// identity rule: Subject C = CountryCode, SAN URI Party.URI(), key usage
// digitalSignature, not a CA, no extended key usage. The Signer it returns
// holds the key and the chain (the certificate, then the issuer's when
// req.Issuer is set) and signs with exchange.Sign as it is.
func Issue(req IssueRequest) (Signer, error) {
	if err := req.Party.Validate(); err != nil {
		return Signer{}, err
	}
	u, err := url.Parse(req.Party.URI())
	if err != nil {
		return Signer{}, misuse(err, "cannot build the party URI")
	}
	tmpl := &x509.Certificate{
		Subject: pkix.Name{
			Country:    []string{req.Party.CountryCode},
			CommonName: commonName(req.Party),
		},
		URIs:                  []*url.URL{u},
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	}
	key, cert, err := create(tmpl, req.Algorithm, req.NotBefore, req.NotAfter, req.Issuer)
	if err != nil {
		return Signer{}, err
	}
	chain := []*x509.Certificate{cert}
	if req.Issuer != nil && req.Issuer.Certificate != nil && !isSelfSigned(req.Issuer.Certificate) {
		chain = append(chain, req.Issuer.Certificate)
	}
	return Signer{Key: key, Chain: chain}, nil
}

// isSelfSigned reports whether c is a root: a receiver anchors on it, so a
// chain need not carry it.
func isSelfSigned(c *x509.Certificate) bool {
	return c.CheckSignatureFrom(c) == nil
}

// CARequest describes a CA certificate, for test PKIs and small deployments.
type CARequest struct {
	CommonName string
	Country    string // optional
	Algorithm  KeyAlgorithm
	// NotBefore and NotAfter default to five minutes ago and ten years on.
	NotBefore, NotAfter time.Time
	// Parent signs an intermediate CA; nil makes a self-signed root.
	Parent *Authority
}

// NewCA generates a CA key and certificate.
func NewCA(req CARequest) (*Authority, error) {
	if req.CommonName == "" {
		return nil, misuse(nil, "a CA needs a common name")
	}
	tmpl := &x509.Certificate{
		Subject:               pkix.Name{CommonName: req.CommonName},
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	if req.Country != "" {
		tmpl.Subject.Country = []string{req.Country}
	}
	if req.NotAfter.IsZero() {
		req.NotAfter = time.Now().AddDate(10, 0, 0)
	}
	key, cert, err := create(tmpl, req.Algorithm, req.NotBefore, req.NotAfter, req.Parent)
	if err != nil {
		return nil, err
	}
	return &Authority{Key: key, Certificate: cert}, nil
}

func create(tmpl *x509.Certificate, alg KeyAlgorithm, notBefore, notAfter time.Time, issuer *Authority) (crypto.Signer, *x509.Certificate, error) {
	key, err := generate(alg)
	if err != nil {
		return nil, nil, err
	}
	if notBefore.IsZero() {
		notBefore = time.Now().Add(-5 * time.Minute)
	}
	if notAfter.IsZero() {
		notAfter = notBefore.AddDate(1, 0, 0)
	}
	if !notAfter.After(notBefore) {
		return nil, nil, misuse(nil, "NotAfter must be after NotBefore")
	}
	// RFC 5280 §4.1.2.2: positive, at most 20 octets; 128 random bits.
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, nil, misuse(err, "cannot draw a serial number")
	}
	tmpl.SerialNumber = serial.Add(serial, big.NewInt(1))
	tmpl.NotBefore, tmpl.NotAfter = notBefore.UTC(), notAfter.UTC()
	parent, parentKey := tmpl, crypto.Signer(key)
	if issuer != nil {
		parent, parentKey = issuer.Certificate, issuer.Key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		return nil, nil, misuse(err, "cannot create certificate")
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, misuse(err, "cannot parse the new certificate")
	}
	return key, cert, nil
}

func generate(alg KeyAlgorithm) (crypto.Signer, error) {
	switch alg {
	case "", ECDSAP256:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case RSA3072:
		return rsa.GenerateKey(rand.Reader, 3072)
	}
	return nil, misuse(nil, "unknown key algorithm %q (want %s or %s)", alg, ECDSAP256, RSA3072)
}

// commonName is a readable label; the identity lives in C and the SAN URI.
// RFC 5280 bounds it to 64 characters.
func commonName(p Party) string {
	cn := []rune(p.CountryCode + " " + p.UniqueIdentifier)
	if len(cn) > 64 {
		cn = cn[:64]
	}
	return string(cn)
}
