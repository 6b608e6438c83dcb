package trust

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
)

// MarshalPrivateKeyPEM encodes key as an unencrypted PKCS #8 "PRIVATE KEY"
// block. Keep the file private (mode 0600).
func MarshalPrivateKeyPEM(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, misuse(err, "cannot encode private key")
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// ParsePrivateKeyPEM decodes the first private key block of b: PKCS #8
// ("PRIVATE KEY"), SEC 1 ("EC PRIVATE KEY") or PKCS #1 ("RSA PRIVATE KEY").
// Encrypted keys are refused; decrypt them first (openssl pkcs8).
func ParsePrivateKeyPEM(b []byte) (crypto.Signer, error) {
	for {
		var block *pem.Block
		block, b = pem.Decode(b)
		if block == nil {
			return nil, misuse(nil, "no private key PEM block found")
		}
		var key any
		var err error
		switch block.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(block.Bytes)
		case "RSA PRIVATE KEY":
			if _, encrypted := block.Headers["DEK-Info"]; encrypted {
				return nil, misuse(nil, "encrypted private keys are not supported")
			}
			key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		case "ENCRYPTED PRIVATE KEY":
			return nil, misuse(nil, "encrypted private keys are not supported")
		default:
			continue // e.g. EC PARAMETERS before the key
		}
		if err != nil {
			return nil, misuse(err, "unparseable %s", block.Type)
		}
		signer, ok := key.(crypto.Signer)
		if !ok {
			return nil, misuse(nil, "key type %T cannot sign", key)
		}
		return signer, nil
	}
}

// MarshalCertificatePEM encodes certs as consecutive CERTIFICATE blocks.
func MarshalCertificatePEM(certs ...*x509.Certificate) []byte {
	var out []byte
	for _, c := range certs {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return out
}
