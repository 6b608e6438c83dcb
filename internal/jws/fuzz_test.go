package jws

import (
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
