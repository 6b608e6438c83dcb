package testpki_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// The identities must keep meaning what the suite relies on: who they name and whether the
// bundle trusts them, today and for the life of the certificates.
func TestIdentities(t *testing.T) {
	p, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	harness := trust.Party{CountryCode: "FR", UniqueIdentifier: "jcx-harness"}
	cases := []struct {
		name    string
		id      testpki.Identity
		names   trust.Party
		trusted bool
	}{
		{"harness", p.Harness, harness, true},
		{"harness2", p.Harness2, trust.Party{CountryCode: "DE", UniqueIdentifier: "jcx-harness-2"}, true},
		{"wrong signer", p.WrongSigner, trust.Party{CountryCode: "DE", UniqueIdentifier: "intruder"}, true},
		{"expired", p.Expired, harness, false},
		{"untrusted", p.Untrusted, harness, false},
		{"harness-rsa", p.HarnessRSA, harness, true},
		{"implementation", p.Implementation, trust.Party{CountryCode: "LU", UniqueIdentifier: "jcx-reference"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			leaf := tc.id.Signer.Chain[0]
			if err := trust.CheckSender(leaf, tc.names); err != nil {
				t.Errorf("does not name %v: %v", tc.names, err)
			}
			if got := (tc.id.Party); got != tc.names {
				t.Errorf("Party = %v, want %v", got, tc.names)
			}
			if tc.name != "harness" && tc.names != harness && trust.CheckSender(leaf, harness) == nil {
				t.Error("names the harness party too")
			}
			// Trusted now and until shortly before the certificates expire.
			for _, at := range []time.Time{time.Now(), time.Date(2045, 12, 1, 0, 0, 0, 0, time.UTC)} {
				_, err := p.Bundle.Verify(tc.id.Signer.Chain, at)
				if tc.trusted && err != nil {
					t.Errorf("not trusted at %s: %v", at.Format(time.DateOnly), err)
				}
				if !tc.trusted {
					var te *trust.Error
					if err == nil || !errors.As(err, &te) || te.Code() != 8003 {
						t.Errorf("at %s: got %v, want an 8003 refusal", at.Format(time.DateOnly), err)
					}
				}
			}
			// The key types the cases rely on: RSA-3072 for harness-rsa, P-256 for the rest.
			switch k := tc.id.Signer.Key.Public().(type) {
			case *rsa.PublicKey:
				if tc.name != "harness-rsa" || k.N.BitLen() != 3072 {
					t.Errorf("RSA key of %d bits", k.N.BitLen())
				}
			case *ecdsa.PublicKey:
				if tc.name == "harness-rsa" || k.Curve != elliptic.P256() {
					t.Errorf("ECDSA key on %s", k.Curve.Params().Name)
				}
			default:
				t.Errorf("key of type %T", k)
			}
			// The key is the certificate's.
			if !leaf.PublicKey.(interface{ Equal(crypto.PublicKey) bool }).Equal(tc.id.Signer.Key.Public()) {
				t.Error("key does not match the certificate")
			}
		})
	}
}

func TestTLS(t *testing.T) {
	p := testpki.MustLoad()
	leaf := p.Implementation.Signer.Chain[0]
	for _, host := range []string{"localhost", "127.0.0.1", "::1"} {
		if err := leaf.VerifyHostname(host); err != nil {
			t.Errorf("%s: %v", host, err)
		}
	}
	opts := x509.VerifyOptions{Roots: p.Pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	if _, err := p.Harness.Signer.Chain[0].Verify(opts); err != nil {
		t.Errorf("harness certificate is not a TLS client certificate: %v", err)
	}
	if c := p.Harness.TLSCertificate(); c.Leaf == nil || len(c.Certificate) != 2 || c.PrivateKey == nil {
		t.Errorf("TLSCertificate = %+v", c)
	}
}
