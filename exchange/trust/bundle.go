package trust

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"io"
	"slices"
	"time"
)

const (
	maxBundleBytes = 8 << 20 // what ReadBundle reads at most
	minRSABits     = 2048    // weakest RSA key accepted anywhere on a path
)

// oidDocumentSigning is id-kp-documentSigning (RFC 9336).
var oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}

// Bundle is a set of trusted certificates: CA certificates anchor chains,
// end-entity certificates are pinned signers trusted as they are.
type Bundle struct {
	roots  *x509.CertPool
	pinned []*x509.Certificate
	all    []*x509.Certificate
	cache  verified
}

// LoadBundle parses a PEM trust bundle. It holds only CERTIFICATE blocks;
// anything else (a private key pasted by mistake, say) is refused, as is an
// empty bundle.
func LoadBundle(pemBytes []byte) (*Bundle, error) {
	certs, err := ParseCertificatesPEM(pemBytes)
	if err != nil {
		return nil, err
	}
	return NewBundle(certs...)
}

// NewBundle makes a trust bundle of certs: CA certificates become anchors,
// end-entity certificates pinned signers. An empty list or a nil certificate
// is refused.
func NewBundle(certs ...*x509.Certificate) (*Bundle, error) {
	b := &Bundle{roots: x509.NewCertPool()}
	if err := b.Add(certs...); err != nil {
		return nil, err
	}
	return b, nil
}

// Add adds certs to the bundle, as NewBundle sorts them. It is not safe to
// call while the bundle verifies chains in another goroutine; build the
// bundle first, then share it.
func (b *Bundle) Add(certs ...*x509.Certificate) error {
	if len(certs) == 0 {
		return misuse(nil, "no certificate to add to the bundle")
	}
	for i, c := range certs {
		if c == nil {
			return misuse(nil, "certificate %d is nil", i+1)
		}
	}
	for _, c := range certs {
		if isCA(c) {
			b.roots.AddCert(c)
		} else {
			b.pinned = append(b.pinned, c)
		}
		b.all = append(b.all, c)
	}
	return nil
}

// ReadBundle reads a PEM trust bundle from r (at most 8 MiB).
func ReadBundle(r io.Reader) (*Bundle, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxBundleBytes+1))
	if err != nil {
		return nil, misuse(err, "cannot read trust bundle")
	}
	if len(b) > maxBundleBytes {
		return nil, misuse(nil, "trust bundle exceeds %d bytes", maxBundleBytes)
	}
	return LoadBundle(b)
}

// Certificates returns the bundle's certificates in file order.
func (b *Bundle) Certificates() []*x509.Certificate { return slices.Clone(b.all) }

// Verify decides whether chain (signer first, then intermediates, as a
// signature presents them) is trusted at time at (zero means now):
//
//   - the signer is not a CA certificate;
//   - it has the digitalSignature key usage;
//   - its extended key usage, if present, includes anyExtendedKeyUsage or
//     id-kp-documentSigning (RFC 9336); a certificate restricted to other
//     purposes (TLS, e-mail) is not for signing messages;
//   - it is a pinned certificate of the bundle, or chain leads to a CA
//     certificate of the bundle (signatures, validity periods, basic and
//     name constraints, path length all checked by crypto/x509);
//   - every certificate on the path is valid at at, and no RSA key on it
//     is shorter than 2048 bits.
//
// at is normally the time of verification; pass an earlier time only to
// re-examine an archived message as of when it was received.
//
// Every refusal is an error with code 8003; a nil bundle is misuse (ErrConfig). Verify says nothing about whom
// the signer speaks for: check that with Identity.CheckSender.
func (b *Bundle) Verify(chain []*x509.Certificate, at time.Time) (Identity, error) {
	if b == nil {
		return Identity{}, misuse(nil, "no trust bundle to verify against")
	}
	if at.IsZero() {
		at = time.Now()
	}
	key, ok := chainKey(chain)
	if ok {
		if id, hit := b.cache.lookup(key, at); hit {
			return id, nil
		}
	}
	id, err := b.verify(chain, at)
	if err == nil && ok {
		b.cache.store(key, id)
	}
	return id, err
}

func (b *Bundle) verify(chain []*x509.Certificate, at time.Time) (Identity, error) {
	if len(chain) == 0 || chain[0] == nil {
		return Identity{}, untrusted(nil, "no signer certificate")
	}
	if at.IsZero() {
		at = time.Now()
	}
	leaf := chain[0]
	if isCA(leaf) {
		return Identity{}, untrusted(nil, "a CA certificate cannot sign messages")
	}
	if leaf.KeyUsage&x509.KeyUsageDigitalSignature == 0 {
		return Identity{}, untrusted(nil, "signer certificate lacks the digitalSignature key usage")
	}
	if !signingEKU(leaf) {
		return Identity{}, untrusted(nil, "signer certificate's extended key usage does not allow document signing")
	}
	for _, p := range b.pinned {
		if p.Equal(leaf) {
			if at.Before(leaf.NotBefore) || at.After(leaf.NotAfter) {
				return Identity{}, untrusted(nil, "pinned signer certificate is not valid at %s", at.UTC().Format(time.RFC3339))
			}
			return Identity{Certificate: leaf, Chain: []*x509.Certificate{leaf}}, nil
		}
	}
	inter := x509.NewCertPool()
	for _, c := range chain[1:] {
		if c != nil {
			inter.AddCert(c)
		}
	}
	paths, err := leaf.Verify(x509.VerifyOptions{
		Roots:         b.roots,
		Intermediates: inter,
		CurrentTime:   at,
		// Extended key usage is checked above on the signer only, by the
		// rule documented there; crypto/x509's nesting check would refuse
		// documentSigning, which it does not know.
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		var inv x509.CertificateInvalidError
		if errors.As(err, &inv) && inv.Reason == x509.Expired {
			return Identity{}, untrusted(err, "certificate expired or not yet valid at %s", at.UTC().Format(time.RFC3339))
		}
		return Identity{}, untrusted(err, "no path to a trusted CA")
	}
	for _, c := range paths[0] {
		if k, ok := c.PublicKey.(*rsa.PublicKey); ok && k.N.BitLen() < minRSABits {
			return Identity{}, untrusted(nil, "%q has an RSA key of %d bits, fewer than %d", c.Subject.CommonName, k.N.BitLen(), minRSABits)
		}
	}
	return Identity{Certificate: leaf, Chain: paths[0]}, nil
}

func isCA(c *x509.Certificate) bool { return c.BasicConstraintsValid && c.IsCA }

func signingEKU(c *x509.Certificate) bool {
	if len(c.ExtKeyUsage) == 0 && len(c.UnknownExtKeyUsage) == 0 {
		return true
	}
	return slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageAny) ||
		slices.ContainsFunc(c.UnknownExtKeyUsage, oidDocumentSigning.Equal)
}

// ParseCertificatesPEM parses every CERTIFICATE block in b. Any other block
// type, trailing garbage or an empty input is an error.
func ParseCertificatesPEM(b []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	rest := b
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			return nil, misuse(nil, "unexpected PEM block %q among certificates", block.Type)
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, misuse(err, "unparseable certificate %d", len(certs)+1)
		}
		certs = append(certs, c)
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return nil, misuse(nil, "data that is not PEM after certificate %d", len(certs))
	}
	if len(certs) == 0 {
		return nil, misuse(nil, "no certificate found")
	}
	return certs, nil
}
