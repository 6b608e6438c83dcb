package trust

import (
	"crypto/x509"
	"errors"
	"testing"
	"time"
)

func TestLoadSigner(t *testing.T) {
	ca, err := NewCA(CARequest{CommonName: "root"})
	if err != nil {
		t.Fatal(err)
	}
	inter, err := NewCA(CARequest{CommonName: "intermediate", Parent: ca})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Issue(IssueRequest{Party: Party{"FR", "a"}, Issuer: inter})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Issue(IssueRequest{Party: Party{"FR", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Chain) != 2 || a.Chain[1] != inter.Certificate || a.Certificate() != a.Chain[0] {
		t.Fatalf("Issue under an intermediate: chain of %d, want signer then intermediate", len(a.Chain))
	}
	if len(b.Chain) != 1 {
		t.Fatalf("self-signed Issue: chain of %d, want 1", len(b.Chain))
	}
	keyPEM := func(s Signer) []byte {
		k, err := MarshalPrivateKeyPEM(s.Key)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	tests := []struct {
		name        string
		key, chain  []byte
		wantErr     bool
		wantChainOf int
	}{
		{"key with its chain", keyPEM(a), MarshalCertificatePEM(a.Chain...), false, 2},
		{"key with its certificate", keyPEM(b), MarshalCertificatePEM(b.Chain...), false, 1},
		{"key of another certificate", keyPEM(b), MarshalCertificatePEM(a.Chain...), true, 0},
		{"chain whose first certificate is not the key's", keyPEM(a), MarshalCertificatePEM(inter.Certificate, a.Certificate()), true, 0},
		{"no certificate", keyPEM(a), nil, true, 0},
		{"no key", nil, MarshalCertificatePEM(a.Chain...), true, 0},
		{"key and certificate swapped", MarshalCertificatePEM(a.Chain...), keyPEM(a), true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := LoadSigner(tc.key, tc.chain)
			if tc.wantErr {
				if err == nil {
					t.Fatal("accepted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Chain) != tc.wantChainOf || s.Key == nil {
				t.Fatalf("chain of %d, key %v", len(s.Chain), s.Key)
			}
		})
	}
}

func TestNewBundleAndAdd(t *testing.T) {
	ca, err := NewCA(CARequest{CommonName: "root"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewCA(CARequest{CommonName: "other root"})
	if err != nil {
		t.Fatal(err)
	}
	viaCA, err := Issue(IssueRequest{Party: Party{"FR", "a"}, Issuer: ca})
	if err != nil {
		t.Fatal(err)
	}
	viaOther, err := Issue(IssueRequest{Party: Party{"FR", "b"}, Issuer: other})
	if err != nil {
		t.Fatal(err)
	}
	pinned, err := Issue(IssueRequest{Party: Party{"FR", "c"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewBundle(); err == nil {
		t.Error("NewBundle() with no certificate succeeded")
	}
	if _, err := NewBundle(ca.Certificate, nil); err == nil {
		t.Error("NewBundle with a nil certificate succeeded")
	}
	b, err := NewBundle(ca.Certificate)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	verify := func(s Signer) error { _, err := b.Verify(s.Chain, now); return err }
	if err := verify(viaCA); err != nil {
		t.Errorf("signer under the bundle's CA: %v", err)
	}
	for _, s := range []Signer{viaOther, pinned} {
		if err := verify(s); !errors.Is(err, ErrUntrusted) {
			t.Errorf("%s before Add: %v, want ErrUntrusted", s.Certificate().Subject, err)
		}
	}
	if err := b.Add(other.Certificate, pinned.Certificate()); err != nil {
		t.Fatal(err)
	}
	for _, s := range []Signer{viaCA, viaOther, pinned} {
		if err := verify(s); err != nil {
			t.Errorf("%s after Add: %v", s.Certificate().Subject, err)
		}
	}
	if got := b.Certificates(); len(got) != 3 || !got[2].Equal(pinned.Certificate()) {
		t.Errorf("Certificates() = %d certificates, want 3 in order of addition", len(got))
	}
	if err := b.Add(); err == nil {
		t.Error("Add() with no certificate succeeded")
	}
	if err := b.Add((*x509.Certificate)(nil)); err == nil {
		t.Error("Add(nil) succeeded")
	}
}
