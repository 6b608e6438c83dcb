package jws

import (
	"bytes"
	"crypto/x509"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// The npm "jose" package (panva/jose) is the third JWS implementation the profile is
// held to, beside go-jose and node:crypto: what jcx signs, it verifies; what it signs,
// jcx verifies (a high-S ECDSA signature excepted, as from any signer).

// npmJose runs testdata/npm-jose.mjs with stdin; it returns stdout and whether the
// script exited 0.
func npmJose(t *testing.T, stdin []byte, args ...string) ([]byte, bool, string) {
	t.Helper()
	node, script := testtool.NodeScript(t, filepath.Join("testdata", "npm-jose.mjs"), "jose")
	return testtool.RunNode(t, node, script, stdin, args...)
}

func TestNpmJoseVerifiesOurs(t *testing.T) {
	for _, tc := range algKeys {
		t.Run(tc.alg, func(t *testing.T) {
			signed := signTestMessage(t, tc.key)
			if _, ok, stderr := npmJose(t, signed, "verify"); !ok {
				t.Fatalf("jose refused our JWS: %s\n%s", stderr, signed)
			}
			tampered := bytes.Replace(signed, []byte("prosecutor-1"), []byte("prosecutor-2"), 1)
			if bytes.Equal(tampered, signed) {
				t.Fatal("the test message has no prosecutor-1 to change")
			}
			if _, ok, _ := npmJose(t, tampered, "verify"); ok {
				t.Fatal("jose accepted a tampered JWS: the oracle checks nothing")
			}
		})
	}
}

func TestWeVerifyNpmJose(t *testing.T) {
	for _, tc := range algKeys {
		t.Run(tc.alg, func(t *testing.T) {
			pki := filepath.Join("testdata", "pki", tc.key)
			out, ok, stderr := npmJose(t, testMessage(t), "sign", tc.alg, pki+".key", pki+".pem")
			if !ok {
				t.Fatalf("jose sign: %s", stderr)
			}
			res, err := Verify(checkHighS(t, out))
			if err != nil {
				t.Fatalf("Verify refused jose's JWS: %v\n%s", err, out)
			}
			if res.Algorithm != tc.alg {
				t.Errorf("Algorithm = %s", res.Algorithm)
			}
		})
	}
}

// TestNpmJoseVerifiesAttached: a statement SignAttached writes (a conformance
// certificate's form) verifies with jose, and its typ is the one jose is told.
func TestNpmJoseVerifiesAttached(t *testing.T) {
	for _, tc := range algKeys {
		t.Run(tc.alg, func(t *testing.T) {
			key, cert := testKey(t, tc.key)
			signed, err := SignAttached(attachedPayload, attachedType, key, []*x509.Certificate{cert})
			if err != nil {
				t.Fatal(err)
			}
			out, ok, stderr := npmJose(t, signed, "verify-attached", attachedType)
			if !ok || !bytes.Equal(out, attachedPayload) {
				t.Fatalf("jose: %q, %s", out, stderr)
			}
			if _, ok, _ := npmJose(t, signed, "verify-attached", "other+json"); ok {
				t.Fatal("jose accepted another typ: the oracle checks nothing")
			}
		})
	}
}

// TestNpmJoseRefusesKeyMismatches holds the key confusion rows of TestVerifyRefuses to
// jose: it refuses each one as jcx does (the key's type, or an alg it is not allowed to
// take), and verifies the control, the same header with
// the certificate's own alg signed by its key, as jcx does.
func TestNpmJoseRefusesKeyMismatches(t *testing.T) {
	msg := testMessage(t)
	for _, m := range keyMismatches(t) {
		t.Run(m.name, func(t *testing.T) {
			bad := m.signed(t, msg, false)
			if _, err := Verify(bad); !errors.Is(err, m.want) || !strings.Contains(err.Error(), m.why) {
				t.Fatalf("Verify: %v, want %v about %q", err, m.want, m.why)
			}
			if _, ok, stderr := npmJose(t, bad, "verify"); ok || !strings.Contains(stderr, m.jose) {
				t.Fatalf("jose (accepted: %v) does not refuse for %q: %s", ok, m.jose, stderr)
			}
			ctl := checkHighS(t, m.signed(t, msg, true))
			if _, err := Verify(ctl); err != nil {
				t.Fatalf("Verify refused the control: %v", err)
			}
			if _, ok, stderr := npmJose(t, ctl, "verify"); !ok {
				t.Fatalf("jose refused the control: %s", stderr)
			}
		})
	}
}
