package conformance

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"errors"
	"maps"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/ecdsasig"
)

// testCA issues a CA and a leaf signed by it; tests use two, one trusted and one not.
func testCA(t *testing.T, key crypto.Signer) (*trust.Bundle, crypto.Signer, []*x509.Certificate) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Now()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "certifier"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, key.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(leafDER)
	pool, err := trust.NewBundle(ca)
	if err != nil {
		t.Fatal(err)
	}
	return pool, key, []*x509.Certificate{leaf, ca}
}

func certifiableResult(t *testing.T) (*Result, *Suite) {
	t.Helper()
	r, err := runFake(t, "good", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.NotCertifiable) > 0 {
		t.Fatalf("not certifiable: %v", r.NotCertifiable)
	}
	return r, loadMini(t)
}

func TestCertificateRoundTrip(t *testing.T) {
	r, s := certifiableResult(t)
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	for name, key := range map[string]crypto.Signer{"ES256": ec, "PS256": rk} {
		t.Run(name, func(t *testing.T) {
			pool, key, chain := testCA(t, key)
			c, err := NewCertificate(r, s, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			signed, err := SignCertificate(c, key, chain)
			if err != nil {
				t.Fatal(err)
			}
			got, vchain, err := VerifyCertificate(signed, pool, s, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if got.Suite.Digest != s.Digest || len(got.Requirements) != len(s.Requirements) || vchain[0].Subject.CommonName != "certifier" {
				t.Errorf("certificate %+v", got)
			}

			// Any changed byte breaks it.
			for _, i := range []int{len(signed) / 3, len(signed) / 2, len(signed) - 20} {
				b := bytes.Clone(signed)
				b[i] ^= 0x01
				if _, _, err := VerifyCertificate(b, pool, s, time.Now()); err == nil {
					t.Errorf("byte %d changed: verified", i)
				}
			}
			// Another CA's signer is refused.
			other, _, _ := testCA(t, key)
			if _, _, err := VerifyCertificate(signed, other, s, time.Now()); !errors.Is(err, ErrCertificate) {
				t.Errorf("untrusted signer: err = %v", err)
			}
			// A certificate for another suite (digest) is refused.
			changed := *s
			changed.Digest = "00" + s.Digest[2:]
			if _, _, err := VerifyCertificate(signed, pool, &changed, time.Now()); !errors.Is(err, ErrCertificate) {
				t.Errorf("other suite digest: err = %v", err)
			}
		})
	}
}

func TestCertificateRefusals(t *testing.T) {
	r, s := certifiableResult(t)
	modified := *s
	modified.Digest = "ff" + s.Digest[2:]
	if _, err := NewCertificate(r, &modified, time.Now()); !errors.Is(err, ErrNotCertifiable) {
		t.Errorf("modified suite: err = %v", err)
	}
	waived := *r
	waived.NotCertifiable = []string{"1 waived"}
	if _, err := NewCertificate(&waived, s, time.Now()); !errors.Is(err, ErrNotCertifiable) {
		t.Errorf("waived run: err = %v", err)
	}
}

// TestCertificateOneEncoding: a certificate has one encoding of its signature, as a
// signed message has (docs/signatures.md): the high-S twin of a valid ECDSA signature
// and a header parameter named in another case are refused, though each would verify
// under a looser JWS reader.
func TestCertificateOneEncoding(t *testing.T) {
	r, s := certifiableResult(t)
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	pool, key, chain := testCA(t, ec)
	c, err := NewCertificate(r, s, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	signed, err := SignCertificate(c, key, chain)
	if err != nil {
		t.Fatal(err)
	}
	var jws map[string]string
	if err := json.Unmarshal(signed, &jws); err != nil {
		t.Fatal(err)
	}
	sig, _ := base64.RawURLEncoding.DecodeString(jws["signature"])
	twin := maps.Clone(jws)
	twin["signature"] = base64.RawURLEncoding.EncodeToString(ecdsasig.Twin(elliptic.P256(), sig))
	b, _ := json.Marshal(twin)
	if _, _, err := VerifyCertificate(b, pool, s, time.Now()); !errors.Is(err, ErrCertificate) || !strings.Contains(err.Error(), "high S") {
		t.Errorf("high-S twin: %v", err)
	}
	padded := maps.Clone(jws)
	padded["payload"] += strings.Repeat("=", (4-len(jws["payload"])%4)%4)
	if padded["payload"] != jws["payload"] {
		b, _ = json.Marshal(padded)
		if _, _, err := VerifyCertificate(b, pool, s, time.Now()); !errors.Is(err, ErrCertificate) {
			t.Errorf("padded payload: %v", err)
		}
	}
	// The header, re-signed by the same key with "ALG" beside "alg": a valid signature
	// over a header a case-insensitive reader takes another way.
	hdr, _ := base64.RawURLEncoding.DecodeString(jws["protected"])
	hdr = append([]byte(`{"ALG":"none",`), hdr[1:]...)
	protected := base64.RawURLEncoding.EncodeToString(hdr)
	digest := sha256.Sum256([]byte(protected + "." + jws["payload"]))
	der, err := key.Sign(rand.Reader, digest[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ecdsasig.FromDER(ec.Public().(*ecdsa.PublicKey), der)
	if err != nil {
		t.Fatal(err)
	}
	renamed := maps.Clone(jws)
	renamed["protected"], renamed["signature"] = protected, base64.RawURLEncoding.EncodeToString(raw)
	b, _ = json.Marshal(renamed)
	if _, _, err := VerifyCertificate(b, pool, s, time.Now()); !errors.Is(err, ErrCertificate) || !strings.Contains(err.Error(), "case-sensitive") {
		t.Errorf("ALG beside alg: %v", err)
	}
}
