package trust

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"net/url"
	"strings"
	"testing"
	"time"
)

var (
	now    = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	sender = Party{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"}
)

func mustCA(t *testing.T, req CARequest) *Authority {
	t.Helper()
	if req.NotBefore.IsZero() {
		req.NotBefore, req.NotAfter = now.AddDate(-1, 0, 0), now.AddDate(5, 0, 0)
	}
	ca, err := NewCA(req)
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

func mustIssue(t *testing.T, req IssueRequest) *x509.Certificate {
	t.Helper()
	if req.NotBefore.IsZero() {
		req.NotBefore, req.NotAfter = now.AddDate(0, -1, 0), now.AddDate(1, 0, 0)
	}
	issued, err := Issue(req)
	cert := issued.Certificate()
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// custom issues a leaf from tmpl, for certificates Issue would never make.
func custom(t *testing.T, issuer *Authority, edit func(*x509.Certificate)) *x509.Certificate {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	u, _ := url.Parse(sender.URI())
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(42), Subject: pkix.Name{Country: []string{"NL"}, CommonName: "custom"},
		NotBefore: now.AddDate(0, -1, 0), NotAfter: now.AddDate(1, 0, 0),
		URIs: []*url.URL{u}, KeyUsage: x509.KeyUsageDigitalSignature, BasicConstraintsValid: true,
	}
	edit(tmpl)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuer.Certificate, key.Public(), issuer.Key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return c
}

func bundleOf(t *testing.T, certs ...*x509.Certificate) *Bundle {
	t.Helper()
	b, err := LoadBundle(MarshalCertificatePEM(certs...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVerify(t *testing.T) {
	root := mustCA(t, CARequest{CommonName: "jcx test root"})
	inter := mustCA(t, CARequest{CommonName: "jcx test issuing CA", Parent: root})
	other := mustCA(t, CARequest{CommonName: "someone else's root"})
	leaf := mustIssue(t, IssueRequest{Party: sender, Issuer: inter})
	selfSigned := mustIssue(t, IssueRequest{Party: sender})
	trusted := bundleOf(t, root.Certificate)
	weak := weakCA(t)

	for _, tc := range []struct {
		name   string
		bundle *Bundle
		chain  []*x509.Certificate
		at     time.Time
		ok     bool
	}{
		{"chain to root", trusted, []*x509.Certificate{leaf, inter.Certificate}, now, true},
		{"issued by the root directly", trusted, []*x509.Certificate{mustIssue(t, IssueRequest{Party: sender, Issuer: root})}, now, true},
		{"intermediate in the bundle", bundleOf(t, inter.Certificate), []*x509.Certificate{leaf}, now, true},
		{"pinned self-signed signer", bundleOf(t, selfSigned), []*x509.Certificate{selfSigned}, now, true},
		{"expired", trusted, []*x509.Certificate{leaf, inter.Certificate}, now.AddDate(2, 0, 0), false},
		{"not yet valid", trusted, []*x509.Certificate{leaf, inter.Certificate}, now.AddDate(0, -2, 0), false},
		{"pinned but expired", bundleOf(t, selfSigned), []*x509.Certificate{selfSigned}, now.AddDate(2, 0, 0), false},
		{"intermediate expired", trusted, []*x509.Certificate{
			mustIssue(t, IssueRequest{Party: sender, Issuer: mustCA(t, CARequest{CommonName: "old", Parent: root,
				NotBefore: now.AddDate(-3, 0, 0), NotAfter: now.AddDate(-1, 0, 0)}),
				NotBefore: now.AddDate(-2, 0, 0), NotAfter: now.AddDate(1, 0, 0)}),
		}, now, false},
		{"wrong CA", bundleOf(t, other.Certificate), []*x509.Certificate{leaf, inter.Certificate}, now, false},
		{"intermediate missing", trusted, []*x509.Certificate{leaf}, now, false},
		{"self-signed, not pinned", trusted, []*x509.Certificate{selfSigned}, now, false},
		{"CA certificate used as signer", trusted, []*x509.Certificate{inter.Certificate}, now, false},
		{"root used as signer", trusted, []*x509.Certificate{root.Certificate}, now, false},
		{"key usage missing", trusted, []*x509.Certificate{custom(t, root, func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageKeyEncipherment })}, now, false},
		{"no key usage extension", trusted, []*x509.Certificate{custom(t, root, func(c *x509.Certificate) { c.KeyUsage = 0 })}, now, false},
		{"EKU TLS server only", trusted, []*x509.Certificate{custom(t, root, func(c *x509.Certificate) { c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth} })}, now, false},
		{"EKU any", trusted, []*x509.Certificate{custom(t, root, func(c *x509.Certificate) { c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageAny} })}, now, true},
		{"EKU documentSigning", trusted, []*x509.Certificate{custom(t, root, func(c *x509.Certificate) {
			c.UnknownExtKeyUsage = []asn1.ObjectIdentifier{{1, 3, 6, 1, 5, 5, 7, 3, 36}}
		})}, now, true},
		{"no certificate", trusted, nil, now, false},
		{"weak RSA CA on the path", bundleOf(t, weak.Certificate), []*x509.Certificate{mustIssue(t, IssueRequest{Party: sender, Issuer: weak})}, now, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, err := tc.bundle.Verify(tc.chain, tc.at)
			if tc.ok {
				if err != nil {
					t.Fatal(err)
				}
				if !id.Certificate.Equal(tc.chain[0]) || len(id.Chain) == 0 {
					t.Errorf("identity does not hold the signer and its path")
				}
				return
			}
			if !errors.Is(err, ErrUntrusted) {
				t.Fatalf("err = %v, want ErrUntrusted", err)
			}
			var coded interface{ Code() ErrorCode }
			if !errors.As(err, &coded) || coded.Code() != 8003 {
				t.Errorf("code = %v, want 8003", coded)
			}
		})
	}
}

func TestCheckSender(t *testing.T) {
	root := mustCA(t, CARequest{CommonName: "jcx test root"})
	leaf := mustIssue(t, IssueRequest{Party: sender, Issuer: root})
	for _, tc := range []struct {
		name  string
		cert  *x509.Certificate
		party Party
		ok    bool
	}{
		{"names the sender", leaf, sender, true},
		{"wrong unique identifier", leaf, Party{"NL", "om-amsterdam"}, false},
		{"unique identifier differs in case", leaf, Party{"NL", "OM-Rotterdam"}, false},
		{"wrong country", leaf, Party{"BE", "om-rotterdam"}, false},
		{"missing SAN", custom(t, root, func(c *x509.Certificate) { c.URIs = nil }), sender, false},
		{"SAN of another scheme", custom(t, root, func(c *x509.Certificate) {
			c.URIs = []*url.URL{{Scheme: "https", Host: "om.nl", Path: "/NL/om-rotterdam"}}
		}), sender, false},
		{"subject country differs from SAN", custom(t, root, func(c *x509.Certificate) { c.Subject.Country = []string{"BE"} }), sender, false},
		{"no subject country", custom(t, root, func(c *x509.Certificate) { c.Subject.Country = nil }), sender, false},
		{"two subject countries", custom(t, root, func(c *x509.Certificate) { c.Subject.Country = []string{"NL", "BE"} }), sender, false},
		{"SAN names the party in another country", custom(t, root, func(c *x509.Certificate) {
			u, _ := url.Parse(Party{"BE", "om-rotterdam"}.URI())
			c.URIs = []*url.URL{u}
		}), sender, false},
		{"one of several SANs", custom(t, root, func(c *x509.Certificate) {
			a, _ := url.Parse(Party{"NL", "other"}.URI())
			b, _ := url.Parse(sender.URI())
			c.URIs = []*url.URL{a, b}
		}), sender, true},
		{"prefix of the identifier", custom(t, root, func(c *x509.Certificate) {
			u, _ := url.Parse(Party{"NL", "om-rotterdam-2"}.URI())
			c.URIs = []*url.URL{u}
		}), sender, false},
		{"nil certificate", nil, sender, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckSender(tc.cert, tc.party)
			if tc.ok != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, tc.ok)
			}
			if err != nil && (!errors.Is(err, ErrNotSender) || err.(*Error).Code() != 8004) {
				t.Fatalf("err = %v, want ErrNotSender (8004)", err)
			}
			if tc.cert != nil && (Identity{Certificate: tc.cert}).Names(tc.party) != tc.ok {
				t.Errorf("Names disagrees with CheckSender")
			}
		})
	}
}

func TestPartyURI(t *testing.T) {
	for _, tc := range []struct {
		party Party
		uri   string
	}{
		{Party{"NL", "om-rotterdam"}, "urn:jcx:party:NL:om-rotterdam"},
		{Party{"FR", "tj-paris.parquet_1~x"}, "urn:jcx:party:FR:tj-paris.parquet_1~x"},
		{Party{"XX", "court & co"}, "urn:jcx:party:XX:court%20%26%20co"},
		{Party{"DE", "a:b/c?d#e%f"}, "urn:jcx:party:DE:a%3Ab%2Fc%3Fd%23e%25f"},
		{Party{"DE", "Staatsanwaltschaft München"}, "urn:jcx:party:DE:Staatsanwaltschaft%20M%C3%BCnchen"},
	} {
		if got := tc.party.URI(); got != tc.uri {
			t.Errorf("%v.URI() = %s, want %s", tc.party, got, tc.uri)
		}
		// What Issue writes, CheckSender reads back.
		cert := mustIssue(t, IssueRequest{Party: tc.party})
		if err := CheckSender(cert, tc.party); err != nil {
			t.Errorf("%v: %v", tc.party, err)
		}
		if got := (Identity{Certificate: cert}).Parties(); len(got) != 1 || got[0] != tc.party {
			t.Errorf("Parties() = %v, want [%v]", got, tc.party)
		}
	}
}

func TestIssue(t *testing.T) {
	root := mustCA(t, CARequest{CommonName: "root", Algorithm: RSA3072})
	issued2, err := Issue(IssueRequest{Party: Party{"XX", strings.Repeat("é", 255)}, Algorithm: RSA3072, Issuer: root})
	key, cert := issued2.Key, issued2.Certificate()
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool }); !ok || !k.Equal(cert.PublicKey) {
		t.Error("key and certificate do not match")
	}
	if cert.PublicKeyAlgorithm != x509.RSA || cert.IsCA || cert.KeyUsage != x509.KeyUsageDigitalSignature || len(cert.ExtKeyUsage) != 0 {
		t.Errorf("unexpected certificate shape: %+v", cert)
	}
	if _, err := bundleOf(t, root.Certificate).Verify([]*x509.Certificate{cert}, time.Time{}); err != nil {
		t.Errorf("fresh certificate not trusted now: %v", err)
	}
	for _, bad := range []IssueRequest{
		{Party: Party{"nl", "x"}},
		{Party: Party{"NLD", "x"}},
		{Party: Party{"NL", ""}},
		{Party: Party{"NL", strings.Repeat("a", 256)}},
		{Party: Party{"NL", "tab\there"}},
		{Party: Party{"NL", "bad\xff"}},
		{Party: sender, Algorithm: "dsa-1024"},
		{Party: sender, NotBefore: now, NotAfter: now.Add(-time.Hour)},
	} {
		if _, err := Issue(bad); err == nil {
			t.Errorf("Issue(%+v) succeeded", bad)
		}
	}
}

// weakCA is a root with a 1024-bit RSA key, which NewCA would never make.
func weakCA(t *testing.T) *Authority {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "weak root"},
		NotBefore: now.AddDate(-1, 0, 0), NotAfter: now.AddDate(1, 0, 0),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return &Authority{Key: key, Certificate: c}
}
