package exchange

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// sameAsEncodingXML holds the fast decoder to encoding/xml on one document: whenever the
// fast decoder succeeds, encoding/xml succeeds with the same model. It reports whether the
// fast decoder succeeded.
func sameAsEncodingXML(t *testing.T, name string, doc []byte) bool {
	t.Helper()
	got, err := fastUnmarshalXML(doc)
	want, stdErr := stdUnmarshalXML(doc)
	if err != nil {
		return false
	}
	if stdErr != nil {
		t.Errorf("%s: fast decoder accepted what encoding/xml refuses (%v)", name, stdErr)
		return true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: models differ\nfast:         %+v\nencoding/xml: %+v", name, got, want)
	}
	return true
}

func TestFastXMLCoversTheModel(t *testing.T) {
	if messagePlans() == nil {
		t.Fatal("the message model has a shape the fast XML decoder does not handle; every decode falls back to encoding/xml")
	}
}

// TestFastXMLFixtures decodes every XML fixture the hardened parser accepts both ways;
// the valid ones must take the fast path.
func TestFastXMLFixtures(t *testing.T) {
	var files []string
	for _, pattern := range []string{
		"../testdata/messages/*/*.xml",
		"../schemas/testdata/*/*.xml",
		"../conformance/suites/*/messages/*.xml",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d XML fixtures found", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, fs := prepareXML(data, Limits{}.withDefaults())
		if fs != nil {
			continue
		}
		fast := sameAsEncodingXML(t, f, doc)
		if strings.Contains(f, "/valid/") && !fast {
			t.Errorf("%s: valid fixture fell back to encoding/xml", f)
		}
	}
}

// fastXMLCases are documents around the edges of the fast decoder's subset.
var fastXMLCases = []string{
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender><CountryCode>NL</CountryCode><UniqueIdentifier>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x4E2D;</UniqueIdentifier></Sender></Header></Message>`,
	"<Message xmlns=\"https://jcx.dev/ns/core/2026-11\"><Header><Sender><UniqueIdentifier>line\r\nbreak\rlone&#13;kept</UniqueIdentifier></Sender></Header></Message>",
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender><UniqueIdentifier>a<!-- note -->b<![CDATA[<c&d>]]>e<?pi x?>f<Unknown>g</Unknown>h</UniqueIdentifier></Sender></Header></Message>`,
	`<?xml version="1.0" encoding="UTF-8"?><!-- before --><?pi?><j:Message xmlns:j="https://jcx.dev/ns/core/2026-11"><j:Header><j:Sender/><j:TransactionIdentifier/></j:Header></j:Message>`,
	`<Message xmlns='https://jcx.dev/ns/core/2026-11' other="x>y/z"><Payload><Request><Action><ActionIdentifier> 7 </ActionIdentifier></Action><Action><ActionIdentifier>8</ActionIdentifier></Action></Request></Payload></Message>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Payload><Request><Action><ActionIdentifier>x</ActionIdentifier></Action></Request></Payload></Message>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Payload><Request><Action><ActionIdentifier>99999999999999999999999</ActionIdentifier></Action></Request></Payload></Message>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Payload><Request><Atomicity></Atomicity><Action><ActionIdentifier/><CREATE><Authorisation><ObjectIdentifier>id</ObjectIdentifier></Authorisation></CREATE></Action></Request></Payload></Message>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header/><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:Header>not the header</ds:Header></ds:SignedInfo></ds:Signature></Message>`,
	`<Message xmlns="https://example.org/other"><Header/></Message>`,
	`<Message><Header/></Message>`,
	`<Other xmlns="https://jcx.dev/ns/core/2026-11"/>`,
	`<j:Message xmlns="https://jcx.dev/ns/core/2026-11"/>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender><UniqueIdentifier>&unknown;</UniqueIdentifier></Sender></Header></Message>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender><UniqueIdentifier>&#0;</UniqueIdentifier></Sender></Header></Message>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header></Message>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header></Headers></Message>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender></Header></Sender></Message>`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11"`,
	`<Message xmlns="https://jcx.dev/ns/core/2026-11`,
	``, `<`, `<!DOCTYPE x><Message/>`, `text only`,
}

func TestFastXMLCases(t *testing.T) {
	for i, doc := range fastXMLCases {
		sameAsEncodingXML(t, "case "+string(rune('A'+i)), []byte(doc))
	}
	// Cases the fast decoder must take, so that the comparisons above are not vacuous.
	for _, i := range []int{0, 1, 2, 3, 4, 7, 8} {
		if _, err := fastUnmarshalXML([]byte(fastXMLCases[i])); err != nil {
			t.Errorf("case %c: fast decoder refused: %v", rune('A'+i), err)
		}
	}
}

func TestFastXMLDepth(t *testing.T) {
	doc := `<Message xmlns="https://jcx.dev/ns/core/2026-11"><X>` + strings.Repeat("<X>", 300) + strings.Repeat("</X>", 300) + `</X></Message>`
	if _, err := fastUnmarshalXML([]byte(doc)); err == nil {
		t.Error("300 nested unknown elements decoded; the depth bound did not hold")
	}
}

func FuzzFastXML(f *testing.F) {
	for _, doc := range fastXMLCases {
		f.Add([]byte(doc))
	}
	files, _ := filepath.Glob("../testdata/messages/valid/*.xml")
	for _, file := range files[:min(len(files), 6)] {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	// The fast decoder's precondition is a document the hardened parser accepted; on
	// anything else it must only fail without panicking.
	f.Fuzz(func(t *testing.T, data []byte) {
		fastUnmarshalXML(data)
		if doc, fs := prepareXML(data, Limits{}.withDefaults()); fs == nil {
			sameAsEncodingXML(t, "input", doc)
		}
	})
}

// TestFastXMLGenerated puts awkward text into every string of every valid fixture, encodes
// the message with Marshal and decodes it both ways.
func TestFastXMLGenerated(t *testing.T) {
	files, err := filepath.Glob("../testdata/messages/valid/*.xml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	texts := []string{"a&b<c>\"d'e", "cr\rlf\r\ncrlf\n tab\t", "é中😀", "]]>", " padded ", ""}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, text := range texts {
			m, err := stdUnmarshalXML(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			setStrings(reflect.ValueOf(m).Elem(), text)
			out, err := Marshal(m, FormatXML)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if !sameAsEncodingXML(t, f+" text "+string(rune('0'+i)), out) {
				t.Errorf("%s with text %q: fell back to encoding/xml", f, text)
			}
		}
	}
}

// setStrings sets every string reachable from v, other than the XML name, to s.
func setStrings(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Pointer:
		if !v.IsNil() {
			setStrings(v.Elem(), s)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			setStrings(v.Index(i), s)
		}
	case reflect.Struct:
		if v.Type() == xmlNameType {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				setStrings(v.Field(i), s)
			}
		}
	}
}

// BenchmarkXMLModel compares the two model decoders on the 5 KB fixture.
func BenchmarkXMLModel(b *testing.B) {
	data, err := os.ReadFile("../testdata/messages/valid/epoc-nl-ie-subscriber-emergency-request.xml")
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range []struct {
		name   string
		decode func([]byte) (*Message, error)
	}{{"fast", fastUnmarshalXML}, {"encoding-xml", stdUnmarshalXML}} {
		b.Run(d.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer testtool.ReportCPU(b)()
			for b.Loop() {
				if _, err := d.decode(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
