package exchange_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jcx-dev/jcx/exchange"
)

// TestFixtureRoundTrip decodes every valid fixture, converts it to the other encoding and
// back, and requires the same model at each step and a valid message in each encoding.
// The XML and JSON files of one name must decode to the same model.
func TestFixtureRoundTrip(t *testing.T) {
	for _, fx := range validFixtures {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			models := map[exchange.Format]*exchange.Message{}
			for _, f := range fxFormats {
				data, err := os.ReadFile(filepath.Join(validDir, fx.name+"."+f.String()))
				if err != nil {
					t.Fatal(err)
				}
				m, err := exchange.Unmarshal(data, f)
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				models[f] = m
				other := exchange.FormatJSON
				if f == exchange.FormatJSON {
					other = exchange.FormatXML
				}
				there := roundTrip(t, m, other)
				back := roundTrip(t, there, f)
				if diff := cmp.Diff(m, back, ignoreXMLName); diff != "" {
					t.Errorf("%s -> %s -> %s changed the model (-before +after):\n%s", f, other, f, diff)
				}
				again, err := exchange.Marshal(back, f)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(again, data) {
					t.Errorf("%s -> %s -> %s is not byte-identical to the canonical file", f, other, f)
				}
			}
			if diff := cmp.Diff(models[exchange.FormatXML], models[exchange.FormatJSON], ignoreXMLName); diff != "" {
				t.Errorf("XML and JSON decode to different models (-xml +json):\n%s", diff)
			}
		})
	}
}

// ignoreXMLName compares models whatever encoding they came from: only XML decoding fills
// in the root element's name.
var ignoreXMLName = cmpopts.IgnoreFields(exchange.Message{}, "XMLName")

// roundTrip encodes m in f, validates the encoding, and decodes it again.
func roundTrip(t *testing.T, m *exchange.Message, f exchange.Format) *exchange.Message {
	t.Helper()
	data, err := exchange.Marshal(m, f)
	if err != nil {
		t.Fatalf("marshal %s: %v", f, err)
	}
	if r := fxValidator.Validate(data, f); !r.Valid() {
		t.Errorf("re-encoded %s is not valid:\n%s", f, findingsText(r.Findings))
	}
	out, err := exchange.Unmarshal(data, f)
	if err != nil {
		t.Fatalf("unmarshal re-encoded %s: %v", f, err)
	}
	return out
}
