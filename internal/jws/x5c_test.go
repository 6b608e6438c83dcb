package jws

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"strconv"
	"testing"
)

func TestCertificateCache(t *testing.T) {
	_, cert := testKey(t, "es256")
	x5c := base64.StdEncoding.EncodeToString(cert.Raw)
	c := &certificateCache{certs: map[string]*x509.Certificate{}}
	first, err := c.parse(x5c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Raw, cert.Raw) {
		t.Fatal("parsed another certificate")
	}
	again, err := c.parse(x5c)
	if err != nil || again != first {
		t.Fatalf("second parse = %p, %v; want the cached %p", again, err, first)
	}
	for _, tc := range []struct{ name, x5c, msg string }{
		{"base64url", base64.RawURLEncoding.EncodeToString(cert.Raw), "x5c is not base64"},
		{"not DER", base64.StdEncoding.EncodeToString([]byte("not a certificate")), "unparseable x5c certificate"},
	} {
		for range 2 { // refused the second time too: errors are not cached
			_, err := c.parse(tc.x5c)
			if !errors.Is(err, ErrInvalid) || !bytes.Contains([]byte(err.Error()), []byte(tc.msg)) {
				t.Errorf("%s: %v, want ErrInvalid with %q", tc.name, err, tc.msg)
			}
		}
	}
	// A full cache makes room for a new certificate and stays within its bound.
	c.certs = map[string]*x509.Certificate{}
	for i := range maxCachedCertificates {
		c.certs[strconv.Itoa(i)] = first
	}
	got, err := c.parse(x5c)
	if err != nil || got == nil || c.certs[x5c] != got || len(c.certs) > maxCachedCertificates {
		t.Errorf("full cache: %d entries (bound %d), new certificate kept: %v", len(c.certs), maxCachedCertificates, c.certs[x5c] != nil)
	}
}
