//go:build ignore

// gen writes the suite's test PKI: a test CA, the harness identities, the reference
// implementation's identity and the deliberately broken ones (expired, wrong signer,
// untrusted). The files are committed; run this only to replace them:
//
//	cd conformance/testpki && go run gen.go
//
// It uses the standard library alone so that the PKI never depends on the code it tests.
// Every key is ECDSA P-256 and every certificate follows the party rule: subject C is the
// country code and a SAN URI urn:jcx:party:<CC>:<UniqueIdentifier> names the party.
package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"log"
	"math/big"
	"net"
	"net/url"
	"os"
	"slices"
	"time"
)

var (
	// Valid for 20 years from the start of 2026, long enough that no test run meets expiry.
	notBefore = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	notAfter  = notBefore.AddDate(20, 0, 0)
	// The expired identity was valid during 2024 only.
	expiredFrom = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	expiredTo   = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
)

type party struct{ country, id string }

// A leafSpec is one identity the CA issues.
type leafSpec struct {
	file     string
	party    party
	rsa      bool // an RSA-3072 key instead of ECDSA P-256
	from, to time.Time
	loopback bool // also a TLS server certificate for localhost, 127.0.0.1 and ::1
	// untrusted: issued by the untrusted CA instead of the test CA.
	untrusted bool
}

var harness = party{"FR", "jcx-harness"}

var leaves = []leafSpec{
	{file: "harness", party: harness, from: notBefore, to: notAfter},
	{file: "harness2", party: party{"DE", "jcx-harness-2"}, from: notBefore, to: notAfter},
	{file: "intruder", party: party{"DE", "intruder"}, from: notBefore, to: notAfter},
	// The expired and untrusted identities name the harness party, so that the only thing
	// wrong with a message they sign is the certificate itself (8003), not the sender (8004).
	{file: "expired", party: harness, from: expiredFrom, to: expiredTo},
	{file: "untrusted", party: harness, from: notBefore, to: notAfter, untrusted: true},
	// The harness party again with an RSA key: a message it signs is the harness's own,
	// so a SignatureMethod or alg naming an ECDSA algorithm over it is only a mismatch
	// between the key and the algorithm (8005), which an ECDSA key alone cannot show.
	{file: "harness-rsa", party: harness, rsa: true, from: notBefore, to: notAfter},
	// The implementation's certificate doubles as its TLS server certificate on loopback.
	{file: "implementation", party: party{"LU", "jcx-reference"}, from: notBefore, to: notAfter, loopback: true},
}

func main() {
	only := os.Args[1:] // the leaves to issue; none named: the whole PKI
	var ca, other *x509.Certificate
	var caKey, otherKey crypto.Signer
	if len(only) == 0 {
		ca, caKey = newCA("jcx conformance test CA", "ca")
		other, otherKey = newCA("jcx untrusted test CA", "untrusted-ca")
	} else {
		ca, caKey = readCA("ca")
		other, otherKey = readCA("untrusted-ca")
	}
	issued := 0
	for _, l := range leaves {
		if len(only) > 0 && !slices.Contains(only, l.file) {
			continue
		}
		issued++
		if l.untrusted {
			leaf(l, other, otherKey)
		} else {
			leaf(l, ca, caKey)
		}
	}
	if len(only) > 0 && issued != len(only) {
		log.Fatalf("issued %d of %v: an identity is named twice or not known", issued, only)
	}
}

// readCA reads a CA this program wrote before, to issue more leaves under it.
func readCA(file string) (*x509.Certificate, crypto.Signer) {
	certPEM, err := os.ReadFile(file + ".pem")
	check(err)
	keyPEM, err := os.ReadFile(file + ".key.pem")
	check(err)
	cb, _ := pem.Decode(certPEM)
	kb, _ := pem.Decode(keyPEM)
	if cb == nil || kb == nil {
		log.Fatalf("%s: no PEM block", file)
	}
	cert, err := x509.ParseCertificate(cb.Bytes)
	check(err)
	key, err := x509.ParsePKCS8PrivateKey(kb.Bytes)
	check(err)
	return cert, key.(crypto.Signer)
}

func newCA(name, file string) (*x509.Certificate, crypto.Signer) {
	key := newKey()
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name, Organization: []string{"jcx test PKI (never trust outside testing)"}},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
		SubjectKeyId:          keyID(key.Public()),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	check(err)
	cert, err := x509.ParseCertificate(der)
	check(err)
	write(file, der, key)
	return cert, key
}

func leaf(l leafSpec, ca *x509.Certificate, caKey crypto.Signer) {
	var key crypto.Signer = newKey()
	if l.rsa {
		k, err := rsa.GenerateKey(rand.Reader, 3072)
		check(err)
		key = k
	}
	p := l.party
	u := &url.URL{Scheme: "urn", Opaque: "jcx:party:" + p.country + ":" + p.id}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject: pkix.Name{
			Country:      []string{p.country},
			Organization: []string{"jcx test PKI (never trust outside testing)"},
			CommonName:   p.id,
		},
		NotBefore: l.from,
		NotAfter:  l.to,
		// No extended key usage: the same certificate signs messages and, for the
		// implementation, serves TLS on loopback.
		KeyUsage:       x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		URIs:           []*url.URL{u},
		SubjectKeyId:   keyID(key.Public()),
		AuthorityKeyId: ca.SubjectKeyId,
	}
	if l.loopback {
		tmpl.DNSNames = []string{"localhost"}
		tmpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
	check(err)
	write(l.file, der, key)
}

func newKey() *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	check(err)
	return k
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	check(err)
	return n.Add(n, big.NewInt(1))
}

func keyID(pub crypto.PublicKey) []byte {
	der, err := x509.MarshalPKIXPublicKey(pub)
	check(err)
	sum := sha256.Sum256(der)
	return sum[:20]
}

func write(name string, certDER []byte, key crypto.Signer) {
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER})
	check(os.WriteFile(name+".pem", cert, 0o644))
	der, err := x509.MarshalPKCS8PrivateKey(key)
	check(err)
	k := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	check(os.WriteFile(name+".key.pem", k, 0o600))
	fmt.Println("wrote", name+".pem", name+".key.pem")
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
