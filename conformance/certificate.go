package conformance

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/jws"

	"github.com/jcx-dev/jcx/exchange"
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
	// Profiles are the profiles the run tested (Result.Profiles).
	Profiles     []string               `json:"profiles,omitempty"`
	Issued       time.Time              `json:"issued"`
	Counts       map[Verdict]int        `json:"counts"`
	Requirements []CertifiedRequirement `json:"requirements"`
}

// CertifiedImplementation identifies what was tested.
type CertifiedImplementation struct {
	Party   exchange.Party `json:"party"`
	Name    string         `json:"name,omitempty"`
	Version string         `json:"version,omitempty"`
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
		Profiles: r.Profiles,
		Issued:   now.UTC().Truncate(time.Second), Counts: r.Counts,
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

// certificateMediaType is the JWS typ of a certificate.
const certificateMediaType = "jcx-certificate+json"

// SignCertificate signs the certificate with key, whose certificate is chain[0]; the
// chain goes into the x5c header. The signature follows the profile of jcx's JSON
// message signatures (docs/signatures.md): ES256 or ES384 by curve with a low S, PS256
// for RSA keys of 2048 to 8192 bits, EdDSA for Ed25519 keys.
func SignCertificate(c *Certificate, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	if len(chain) == 0 {
		return nil, fmt.Errorf("%w: no signing certificate", ErrConfig)
	}
	payload, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, err
	}
	signed, err := jws.SignAttached(payload, certificateMediaType, key, chain)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	return signed, nil
}

// maxCertificateBytes bounds what VerifyCertificate reads; a certificate of the
// largest suite is a few tens of kilobytes.
const maxCertificateBytes = 1 << 20

// VerifyCertificate checks a certificate offline: the JWS signature, the signer's chain
// against the trust bundle (at now, by trust.Bundle.Verify: a CA of the bundle or a
// pinned signer, digitalSignature usage), and that the certified suite is suite — same id, version
// and digest. It returns the certificate and the verified chain. The JWS is held to the
// profile of jcx's JSON message signatures: exact header names, the allowed algorithms
// only, no second encoding of a signature (a high-S ECDSA twin, padded base64url).
func VerifyCertificate(data []byte, trusted *trust.Bundle, suite *Suite, now time.Time) (*Certificate, []*x509.Certificate, error) {
	if len(data) > maxCertificateBytes {
		return nil, nil, fmt.Errorf("%w: larger than 1 MiB", ErrCertificate)
	}
	res, err := jws.VerifyAttached(data, certificateMediaType, jws.Limits{MaxBytes: maxCertificateBytes, MaxDepth: 8})
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCertificate, err)
	}
	if trusted == nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, trust.ErrConfig)
	}
	id, err := trusted.Verify(res.Chain, now)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCertificate, err)
	}
	chain := id.Chain
	payload := res.Payload
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
