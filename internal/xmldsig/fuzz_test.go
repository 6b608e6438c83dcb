package xmldsig

import (
	"path/filepath"
	"testing"
)

// FuzzVerify feeds Verify arbitrary documents, seeded with the golden
// signatures. Verify must not panic, and whatever it accepts must yield
// content free of signatures that parses again.
func FuzzVerify(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.xml"))
	for _, name := range names {
		f.Add(readFile(f, name))
	}
	f.Add([]byte(`<r><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></r>`))
	f.Add([]byte(`<!DOCTYPE r><r/>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		res, err := Verify(doc, VerifyOptions{Limits: Limits{MaxBytes: 1 << 16}})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			return
		}
		root, err := parse(res.Content, Limits{}, nil)
		if err != nil {
			t.Fatalf("accepted, but Content does not parse: %v", err)
		}
		if len(findSignatures(root, 1)) != 0 {
			t.Fatal("accepted, but Content still holds a signature")
		}
		if len(res.Chain) == 0 {
			t.Fatal("accepted without a certificate")
		}
	})
}
