package trust

import (
	"crypto"
	"crypto/x509"
)

// Signer is a signing identity: a private key and its certificate chain,
// signer first, then any intermediates. exchange.Signer is this type, so what
// Issue and LoadSigner return signs messages as it is. The key is a
// crypto.Signer, so keys held in an HSM or a cloud KMS plug in here.
type Signer struct {
	Key   crypto.Signer
	Chain []*x509.Certificate
}

// Certificate returns the signer certificate, or nil when the chain is empty.
func (s Signer) Certificate() *x509.Certificate {
	if len(s.Chain) == 0 {
		return nil
	}
	return s.Chain[0]
}

// LoadSigner reads a private key (PKCS #8, SEC 1 or PKCS #1 PEM, as
// ParsePrivateKeyPEM) and its certificate chain (PEM, signer first) and checks
// that the key belongs to the first certificate: a key file paired with the
// wrong certificate is refused here rather than producing signatures that no
// receiver verifies.
func LoadSigner(keyPEM, chainPEM []byte) (Signer, error) {
	chain, err := ParseCertificatesPEM(chainPEM)
	if err != nil {
		return Signer{}, err
	}
	key, err := ParsePrivateKeyPEM(keyPEM)
	if err != nil {
		return Signer{}, err
	}
	type equaler interface{ Equal(crypto.PublicKey) bool }
	if eq, ok := key.Public().(equaler); !ok || !eq.Equal(chain[0].PublicKey) {
		return Signer{}, misuse(nil, "the private key does not belong to the first certificate of the chain")
	}
	return Signer{Key: key, Chain: chain}, nil
}
