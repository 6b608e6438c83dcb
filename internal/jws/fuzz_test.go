package jws

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"path/filepath"
	"testing"
)

// FuzzVerify feeds Verify arbitrary messages, seeded with the golden files.
// It must not panic; what it accepts must come with a JCS payload that is
// itself strict JSON and a certificate.
func FuzzVerify(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	for _, name := range names {
		f.Add(readFile(f, name))
	}
	f.Add([]byte(`{"Signature":{"protected":"e30","signature":"AA"}}`))
	f.Add([]byte(`{"a":"\ud800","a":9007199254740993}`))
	f.Fuzz(func(t *testing.T, msg []byte) {
		res, err := VerifyWithLimits(msg, Limits{MaxBytes: 1 << 16})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			return
		}
		if checkJSON(res.Payload, Limits{}) != nil || len(res.Chain) == 0 {
			t.Fatalf("accepted with a bad payload or no chain: %s", res.Payload)
		}
	})
}

// FuzzCheckJSON holds the strict scanner to encoding/json: it may refuse
// more, never accept what is not JSON.
func FuzzCheckJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"\u00e9",true,null]}`, `"\ud83d\ude00"`, `{"a":1,"a":2}`, `-0.0e-0`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if checkJSON(b, Limits{}) == nil && !json.Valid(b) {
			t.Fatalf("accepted invalid JSON %q", b)
		}
	})
}

// FuzzVerifyAttached feeds VerifyAttached arbitrary JWS, seeded with signed statements
// of every key type. It must not panic; an error is an *Error; what it accepts is the
// payload member's content, signed by the first x5c certificate.
func FuzzVerifyAttached(f *testing.F) {
	for _, name := range []string{"es256", "es384", "ps256", "eddsa"} {
		key, cert := testKey(f, name)
		signed, err := SignAttached(attachedPayload, attachedType, key, []*x509.Certificate{cert})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(signed)
	}
	f.Add([]byte(`{"payload":"e30","protected":"e30","signature":"AA"}`))
	f.Fuzz(func(t *testing.T, jws []byte) {
		res, err := VerifyAttached(jws, attachedType, Limits{MaxBytes: 1 << 16})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			return
		}
		var m struct{ Payload string }
		if json.Unmarshal(jws, &m) != nil || len(res.Chain) == 0 {
			t.Fatalf("accepted %q without a payload member or a chain", jws)
		}
		if b, err := decodeB64URL(m.Payload); err != nil || !bytes.Equal(b, res.Payload) {
			t.Fatalf("payload %q is not the payload member %q", res.Payload, m.Payload)
		}
	})
}
