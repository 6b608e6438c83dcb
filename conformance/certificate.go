package conformance

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/cryptosigner"
)

// CertificateType names the certificate format; it changes when the format does.
const CertificateType = "jcx-conformance-certificate/1"

// Certificate is the signed statement that an implementation passed a suite. It is
// written as a JWS (JSON serialization, payload attached) whose x5c header carries the
// issuer's certificate chain, so anyone holding the issuer's trust anchor can check it
// offline with `jcx conformance verify-certificate`.
type Certificate struct {
	Type           string                  `json:"type"`
	Suite          SuiteInfo               `json:"suite"`
	ToolVersion    string                  `json:"toolVersion"`
	Implementation CertifiedImplementation `json:"implementation"`
	Profile        string                  `json:"profile,omitempty"`
	Issued         time.Time               `json:"issued"`
	Counts         map[Verdict]int         `json:"counts"`
	Requirements   []CertifiedRequirement  `json:"requirements"`
}

// CertifiedImplementation identifies what was tested.
type CertifiedImplementation struct {
	Party   Party  `json:"party"`
	Name    string `json:"name,omitempty"`
	Version string `json:"version,omitempty"`
}

// CertifiedRequirement is the verdict on one requirement.
type CertifiedRequirement struct {
	ID      string  `json:"id"`
	Level   Level   `json:"level"`
	Verdict Verdict `json:"verdict"`
}

// ErrNotCertifiable reports a run a certificate cannot be issued for.
var ErrNotCertifiable = errors.New("conformance: run is not certifiable")

// NewCertificate returns the certificate content for a run. It refuses a run that is not
// conformant, waived a case, skipped cases by choice or ran one shard only, and a run of
// a suite whose digest is not embedded's: a certificate names the suite everyone has.
func NewCertificate(r *Result, embedded *Suite, now time.Time) (*Certificate, error) {
	if len(r.NotCertifiable) > 0 {
		return nil, fmt.Errorf("%w: %v", ErrNotCertifiable, r.NotCertifiable)
	}
	if embedded == nil || r.Suite.Digest != embedded.Digest {
		return nil, fmt.Errorf("%w: the suite was modified (digest %s is not the shipped suite's)", ErrNotCertifiable, r.Suite.Digest)
	}
	c := &Certificate{
		Type: CertificateType, Suite: r.Suite, ToolVersion: r.ToolVersion, Profile: r.Selection.Profile,
		Issued: now.UTC().Truncate(time.Second), Counts: r.Counts,
		Implementation: CertifiedImplementation{Party: r.Implementation},
	}
	if r.Capabilities != nil {
		c.Implementation.Name = r.Capabilities.Implementation.Name
		c.Implementation.Version = r.Capabilities.Implementation.Version
	}
	for _, q := range r.Requirements {
		c.Requirements = append(c.Requirements, CertifiedRequirement{q.ID, q.Level, q.Verdict})
	}
	return c, nil
}

// SignCertificate signs the certificate with key, whose certificate is chain[0]; the
// chain goes into the x5c header. ECDSA keys sign with ES256/ES384/ES512 by curve, RSA
// keys with PS256, Ed25519 keys with EdDSA.
func SignCertificate(c *Certificate, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	if len(chain) == 0 {
		return nil, fmt.Errorf("%w: no signing certificate", ErrConfig)
	}
	alg, err := algorithmFor(key.Public())
	if err != nil {
		return nil, err
	}
	x5c := make([]string, len(chain))
	for i, cert := range chain {
		x5c[i] = base64.StdEncoding.EncodeToString(cert.Raw)
	}
	opts := (&jose.SignerOptions{}).WithType("jcx-certificate+json").WithHeader("x5c", x5c)
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: cryptosigner.Opaque(key)}, opts)
	if err != nil {
		return nil, err
	}
	payload, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, err
	}
	jws, err := s.Sign(payload)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(jws.FullSerialize()), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func algorithmFor(pub crypto.PublicKey) (jose.SignatureAlgorithm, error) {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return jose.ES256, nil
		case elliptic.P384():
			return jose.ES384, nil
		case elliptic.P521():
			return jose.ES512, nil
		}
	case *rsa.PublicKey:
		if k.N.BitLen() >= 2048 {
			return jose.PS256, nil
		}
	case ed25519.PublicKey:
		return jose.EdDSA, nil
	}
	return "", fmt.Errorf("%w: unsupported certificate signing key %T", ErrConfig, pub)
}

// certificateAlgorithms is the allow-list on verification: never none, never HMAC.
var certificateAlgorithms = []jose.SignatureAlgorithm{jose.ES256, jose.ES384, jose.ES512, jose.PS256, jose.EdDSA}

// VerifyCertificate checks a certificate offline: the JWS signature, the signer's chain
// up to one of roots (at now), and that the certified suite is suite — same id, version
// and digest. It returns the certificate and the verified chain.
func VerifyCertificate(data []byte, roots *x509.CertPool, suite *Suite, now time.Time) (*Certificate, []*x509.Certificate, error) {
	if len(data) > 1<<20 {
		return nil, nil, fmt.Errorf("%w: larger than 1 MiB", ErrCertificate)
	}
	jws, err := jose.ParseSignedJSON(string(data), certificateAlgorithms)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCertificate, err)
	}
	if len(jws.Signatures) != 1 {
		return nil, nil, fmt.Errorf("%w: %d signatures, want one", ErrCertificate, len(jws.Signatures))
	}
	chains, err := jws.Signatures[0].Protected.Certificates(x509.VerifyOptions{
		Roots: roots, CurrentTime: now, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		return nil, nil, fmt.Errorf("%w: signer not trusted: %v", ErrCertificate, err)
	}
	chain := chains[0]
	payload, err := jws.Verify(chain[0].PublicKey)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCertificate, err)
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	var c Certificate
	if err := dec.Decode(&c); err != nil {
		return nil, nil, fmt.Errorf("%w: content: %v", ErrCertificate, err)
	}
	if c.Type != CertificateType {
		return nil, nil, fmt.Errorf("%w: type %q, want %q", ErrCertificate, c.Type, CertificateType)
	}
	if suite != nil {
		want := SuiteInfo{suite.Manifest.ID, suite.Manifest.Version, suite.Digest}
		if c.Suite != want {
			return nil, nil, fmt.Errorf("%w: certifies suite %s %s (digest %s), not the suite at hand %s %s (digest %s)",
				ErrCertificate, c.Suite.ID, c.Suite.Version, c.Suite.Digest, want.ID, want.Version, want.Digest)
		}
	}
	return &c, chain, nil
}
