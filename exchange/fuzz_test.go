package exchange_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jcx-dev/jcx/exchange"
)

// The fuzz targets feed arbitrary bytes to the decoders. Whatever the input, decoding
// must not panic, hang or grow without bound; and whatever it accepts must be a message
// that encodes and decodes again to the same model, in both encodings, so that
// acceptance never depends on details the model drops.

func FuzzUnmarshalXML(f *testing.F) {
	seedFuzz(f, ".xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, data, exchange.FormatXML)
	})
}

func FuzzUnmarshalJSON(f *testing.F) {
	seedFuzz(f, ".json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, data, exchange.FormatJSON)
	})
}

// seedFuzz adds every valid and invalid fixture with the extension as a seed.
func seedFuzz(f *testing.F, ext string) {
	for _, dir := range []string{validDir, invalidDir} {
		names, err := filepath.Glob(filepath.Join(dir, "*"+ext))
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

func fuzzDecode(t *testing.T, data []byte, f exchange.Format) {
	m, err := exchange.Unmarshal(data, f)
	// Validation runs the rules too, which must not panic on anything the schema let in.
	r := fxValidator.Validate(data, f)
	if err != nil {
		if r.Valid() {
			t.Fatalf("Unmarshal refused what Validate accepted: %v", err)
		}
		return
	}
	for _, g := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		enc, err := exchange.Marshal(m, g)
		if err != nil {
			t.Fatalf("accepted message does not encode as %s: %v", g, err)
		}
		back, err := exchange.Unmarshal(enc, g)
		if err != nil {
			t.Fatalf("accepted message re-encoded as %s is refused: %v\n%s", g, err, enc)
		}
		if diff := cmp.Diff(m, back, ignoreXMLName); diff != "" {
			t.Fatalf("accepted message changes through %s (-before +after):\n%s", g, diff)
		}
	}
}
