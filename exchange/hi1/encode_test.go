package hi1

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestEncodeGolden holds the encoding of messages built in Go to the golden files, checks
// that they decode back to the same model, and that the ETSI schema set accepts them
// (with the pure-Go engine and with xmllint).
func TestEncodeGolden(t *testing.T) {
	tests := []struct {
		golden string
		msg    *HI1Message
	}{
		{"request.xml", sampleRequest()},
		{"response.xml", sampleResponse()},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			got, err := Encode(tt.msg)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("encoding differs from %s (go test -update rewrites it):\n%s", path, got)
			}
			back, err := Decode(got, exchange.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if again, _ := Encode(back); !bytes.Equal(again, got) {
				t.Errorf("decoding and encoding again changes the document:\n%s", again)
			}
			if f := Check(back); len(f) != 0 {
				t.Errorf("Check: %v", f)
			}
		})
	}
}

func TestEncodedSchemaValid(t *testing.T) {
	xmllint := testtool.Need(t, "xmllint", "libxml2-utils")
	entry := entrySchema(t)
	set := etsiSet(t)
	for _, m := range []*HI1Message{sampleRequest(), sampleResponse()} {
		doc, err := Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		if ok, msg := schemaValid(t, xmllint, entry, doc); !ok {
			t.Errorf("xmllint refuses the encoding: %s\n%s", msg, doc)
		}
		if f := set.ValidateBytes(doc); len(f) != 0 {
			t.Errorf("schemas/xmlschema refuses the encoding: %v", f)
		}
	}
}

// TestEncodeRefuses checks that a message that cannot be written is an error, not a
// document with something missing or injected.
func TestEncodeRefuses(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(m *HI1Message)
	}{
		{"CREATE without object", func(m *HI1Message) { m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object = nil }},
		{"extension that is not XML", func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object.Base().NationalHandlingParameters = &Extension{
				Name: xmlName(NSCore, "NationalHandlingParameters"), XML: []byte("<NationalHandlingParameters>")}
		}},
		{"extension that injects a sibling", func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object.Base().NationalHandlingParameters = &Extension{
				Name: xmlName(NSCore, "NationalHandlingParameters"),
				XML:  []byte(`<NationalHandlingParameters xmlns="` + NSCore + `"/><Injected/>`)}
		}},
		{"extension under another name", func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object.Base().NationalHandlingParameters = &Extension{
				Name: xmlName(NSCore, "NationalHandlingParameters"), XML: []byte(`<Other xmlns="` + NSCore + `"/>`)}
		}},
		{"unknown object without type", func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object = &UnknownObject{ObjectBase: ObjectBase{ObjectIdentifier: idAuth}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sampleRequest()
			tt.mutate(m)
			if doc, err := Encode(m); !errors.Is(err, ErrEncode) {
				t.Errorf("Encode = %s, %v; want ErrEncode", doc, err)
			}
		})
	}
}
