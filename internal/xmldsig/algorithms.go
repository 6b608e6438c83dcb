package xmldsig

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/asn1"
	"math/big"
)

// Algorithm identifiers of the jcx XML profile. Anything else is refused.
const (
	NamespaceDSig = "http://www.w3.org/2000/09/xmldsig#"

	AlgExcC14N    = "http://www.w3.org/2001/10/xml-exc-c14n#"
	AlgEnveloped  = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
	AlgSHA256     = "http://www.w3.org/2001/04/xmlenc#sha256"
	AlgECDSA256   = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
	AlgRSASHA256  = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
	AlgRSAPSS256  = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"
	minRSABits    = 2048
	maxRSABits    = 8192 // bounds verification cost of hostile certificates
	p256ValueSize = 64   // raw r‖s for P-256 (XML-DSig 1.1 §6.4.3)
)

// checkKey reports whether pub may sign with method, the only pairs the
// profile allows: ECDSA P-256 with ecdsa-sha256, RSA 2048–8192 bits with
// rsa-sha256 or RSA-PSS.
func checkKey(pub crypto.PublicKey, method string) error {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() {
			return notAllowed("ECDSA curve %s not allowed, only P-256", k.Curve.Params().Name)
		}
		if method != AlgECDSA256 {
			return notAllowed("signature method %q does not match an ECDSA key", method)
		}
	case *rsa.PublicKey:
		if n := k.N.BitLen(); n < minRSABits || n > maxRSABits {
			return notAllowed("RSA key of %d bits not allowed, need %d to %d", n, minRSABits, maxRSABits)
		}
		if method != AlgRSASHA256 && method != AlgRSAPSS256 {
			return notAllowed("signature method %q does not match an RSA key", method)
		}
	default:
		return notAllowed("public key type %T not allowed", pub)
	}
	return nil
}

// pssOptions are the RSA-PSS parameters implied by sha256-rsa-MGF1 (RFC 6931
// §2.3.10): MGF1 with SHA-256 and a salt as long as the hash.
var pssOptions = &rsa.PSSOptions{SaltLength: sha256.Size, Hash: crypto.SHA256}

// signDigest signs a SHA-256 digest and returns the SignatureValue bytes.
// crypto.Signer returns ECDSA signatures as ASN.1 DER; XML-DSig wants the
// raw fixed-size r‖s, so they are converted here.
func signDigest(key crypto.Signer, method string, digest []byte) ([]byte, error) {
	var opts crypto.SignerOpts = crypto.SHA256
	if method == AlgRSAPSS256 {
		opts = pssOptions
	}
	sig, err := key.Sign(rand.Reader, digest, opts)
	if err != nil {
		return nil, err
	}
	if method != AlgECDSA256 {
		return sig, nil
	}
	r, s, ok := parseDERSignature(sig)
	if !ok || r.BitLen() > 8*p256ValueSize/2 || s.BitLen() > 8*p256ValueSize/2 {
		return nil, invalid("signer returned a malformed ECDSA signature")
	}
	raw := make([]byte, p256ValueSize)
	r.FillBytes(raw[:p256ValueSize/2])
	s.FillBytes(raw[p256ValueSize/2:])
	return raw, nil
}

// verifyDigest checks value over digest with pub. checkKey must have passed.
func verifyDigest(pub crypto.PublicKey, method string, digest, value []byte) error {
	var ok bool
	switch method {
	case AlgECDSA256:
		// A DER value (what goxmldsig emits) is refused rather than
		// accepted: one encoding, no malleability.
		if len(value) != p256ValueSize {
			return invalid("ECDSA SignatureValue is %d bytes, want raw r||s of %d", len(value), p256ValueSize)
		}
		r := new(big.Int).SetBytes(value[:p256ValueSize/2])
		s := new(big.Int).SetBytes(value[p256ValueSize/2:])
		ok = ecdsa.Verify(pub.(*ecdsa.PublicKey), digest, r, s)
	case AlgRSASHA256:
		ok = rsa.VerifyPKCS1v15(pub.(*rsa.PublicKey), crypto.SHA256, digest, value) == nil
	case AlgRSAPSS256:
		ok = rsa.VerifyPSS(pub.(*rsa.PublicKey), crypto.SHA256, digest, value, pssOptions) == nil
	}
	if !ok {
		return invalid("SignatureValue does not verify with the signing certificate's key")
	}
	return nil
}

func parseDERSignature(der []byte) (r, s *big.Int, ok bool) {
	var v struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(der, &v)
	if err != nil || len(rest) != 0 || v.R == nil || v.S == nil || v.R.Sign() <= 0 || v.S.Sign() <= 0 {
		return nil, nil, false
	}
	return v.R, v.S, true
}
