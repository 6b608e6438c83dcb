package xmldsig

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"

	"github.com/jcx-dev/jcx/internal/ecdsasig"
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
// raw fixed-size r‖s, so they are converted here, with a low S (package
// ecdsasig says why).
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
	raw, err := ecdsasig.FromDER(key.Public().(*ecdsa.PublicKey), sig)
	if err != nil {
		return nil, invalid("%v", err)
	}
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
		var err error
		if ok, err = ecdsasig.Verify(pub.(*ecdsa.PublicKey), digest, value); err != nil {
			return invalid("%v", err) // a high S: the twin of another SignatureValue
		}
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
