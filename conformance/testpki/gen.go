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

func main() {
	ca, caKey := newCA("jcx conformance test CA", "ca")
	other, otherKey := newCA("jcx untrusted test CA", "untrusted-ca")

	leaf("harness", party{"FR", "jcx-harness"}, ca, caKey, notBefore, notAfter, false)
	leaf("harness2", party{"DE", "jcx-harness-2"}, ca, caKey, notBefore, notAfter, false)
	leaf("intruder", party{"DE", "intruder"}, ca, caKey, notBefore, notAfter, false)
	// The expired and untrusted identities name the harness party, so that the only thing
	// wrong with a message they sign is the certificate itself (8003), not the sender (8004).
	leaf("expired", party{"FR", "jcx-harness"}, ca, caKey, expiredFrom, expiredTo, false)
	leaf("untrusted", party{"FR", "jcx-harness"}, other, otherKey, notBefore, notAfter, false)
	// The implementation's certificate doubles as its TLS server certificate on loopback.
	leaf("implementation", party{"LU", "jcx-reference"}, ca, caKey, notBefore, notAfter, true)
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

func leaf(file string, p party, ca *x509.Certificate, caKey crypto.Signer, from, to time.Time, loopback bool) {
	key := newKey()
	u := &url.URL{Scheme: "urn", Opaque: "jcx:party:" + p.country + ":" + p.id}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject: pkix.Name{
			Country:      []string{p.country},
			Organization: []string{"jcx test PKI (never trust outside testing)"},
			CommonName:   p.id,
		},
		NotBefore: from,
		NotAfter:  to,
		// No extended key usage: the same certificate signs messages and, for the
		// implementation, serves TLS on loopback.
		KeyUsage:       x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		URIs:           []*url.URL{u},
		SubjectKeyId:   keyID(key.Public()),
		AuthorityKeyId: ca.SubjectKeyId,
	}
	if loopback {
		tmpl.DNSNames = []string{"localhost"}
		tmpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
	check(err)
	write(file, der, key)
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
