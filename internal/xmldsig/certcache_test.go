package xmldsig

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"testing"
)

func TestCertificateCache(t *testing.T) {
	der := testCert(t, "ca").Raw
	c := &certificateCache{certs: map[string]*x509.Certificate{}}

	first, err := c.parse(der)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.parse(bytes.Clone(der))
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Error("the same DER parsed twice: want the cached certificate")
	}
	if !bytes.Equal(first.Raw, der) {
		t.Error("the cached certificate is not the one given")
	}

	// A failed parse is not kept, and is refused every time.
	bad := append(bytes.Clone(der[:len(der)-1]), der[len(der)-1]^0xff, 0)
	for range 2 {
		if _, err := c.parse(bad); err == nil {
			t.Fatal("a corrupted certificate parsed")
		}
	}
	if len(c.certs) != 1 {
		t.Errorf("cache holds %d entries, want 1", len(c.certs))
	}

	// The cache is bounded: full, it starts again rather than grow.
	c.mu.Lock()
	for i := len(c.certs); i < maxCachedCertificates; i++ {
		c.certs[fmt.Sprint(i)] = first
	}
	c.mu.Unlock()
	if _, err := c.parse(testCert(t, "ecdsa").Raw); err != nil {
		t.Fatal(err)
	}
	if n := len(c.certs); n != 1 {
		t.Errorf("a full cache holds %d entries after one more parse, want 1", n)
	}
}
