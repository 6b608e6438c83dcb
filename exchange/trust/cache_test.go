package trust

import (
	"crypto/x509"
	"errors"
	"testing"
	"time"
)

// A chain verified once is served from the cache only within its validity period: a later
// time still gets the full check and its refusal.
func TestVerifyCacheKeepsValidity(t *testing.T) {
	now := time.Now()
	ca, err := NewCA(CARequest{CommonName: "cache test CA"})
	if err != nil {
		t.Fatal(err)
	}
	issued, err := Issue(IssueRequest{Party: Party{CountryCode: "FR", UniqueIdentifier: "pj-paris"}, Issuer: ca,
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour)})
	cert := issued.Certificate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadBundle(MarshalCertificatePEM(ca.Certificate))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		id, err := b.Verify([]*x509.Certificate{cert}, now)
		if err != nil || !id.Names(Party{CountryCode: "FR", UniqueIdentifier: "pj-paris"}) {
			t.Fatalf("verify %d: %v", i, err)
		}
	}
	if _, err := b.Verify([]*x509.Certificate{cert}, now.Add(2*time.Hour)); !errors.Is(err, ErrUntrusted) {
		t.Errorf("after expiry: err = %v, want ErrUntrusted", err)
	}
	if _, err := b.Verify([]*x509.Certificate{cert}, now.Add(-2*time.Hour)); !errors.Is(err, ErrUntrusted) {
		t.Errorf("before validity: err = %v, want ErrUntrusted", err)
	}
	other, err := NewCA(CARequest{CommonName: "other CA"})
	if err != nil {
		t.Fatal(err)
	}
	issued2, err := Issue(IssueRequest{Party: Party{CountryCode: "FR", UniqueIdentifier: "pj-paris"}, Issuer: other})
	stranger := issued2.Certificate()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Verify([]*x509.Certificate{stranger}, now); !errors.Is(err, ErrUntrusted) {
		t.Errorf("same party from another CA: err = %v, want ErrUntrusted", err)
	}
}
