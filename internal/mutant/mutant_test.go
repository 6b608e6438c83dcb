package mutant

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"
)

const sample = `<?xml version="1.0"?>
<p:Root xmlns:p="urn:example" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="r1">
  <p:A kind="x">one &amp; two</p:A>
  <p:B><p:C>3</p:C><p:C>4</p:C></p:B>
</p:Root>`

// A parsed document serialises back to the same elements, attributes and text.
func TestParseBytesKeepsTheDocument(t *testing.T) {
	n, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tokens(t, n.Bytes()), tokens(t, []byte(sample)); got != want {
		t.Errorf("round trip changed the document:\n got %s\nwant %s", got, want)
	}
	if _, err := Parse([]byte("<a><b></a>")); err == nil {
		t.Error("Parse accepted a malformed document")
	}
	if _, err := Parse([]byte("  ")); err == nil {
		t.Error("Parse accepted a document without a root element")
	}
}

// Every mutant is well-formed XML, the same seed gives the same mutants,
// and most mutants differ from their seed.
func TestGenerate(t *testing.T) {
	root, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	a := Generate([]*Node{root}, 300, 7)
	b := Generate([]*Node{root}, 300, 7)
	if len(a) != 300 {
		t.Fatalf("%d mutants, want 300", len(a))
	}
	changed := 0
	orig := root.Bytes()
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) || a[i].What != b[i].What {
			t.Fatalf("mutant %d differs between two runs with one seed", i)
		}
		if _, err := Parse(a[i].Data); err != nil {
			t.Errorf("mutant %d (%s) is not well-formed: %v", i, a[i].What, err)
		}
		if !bytes.Equal(a[i].Data, orig) {
			changed++
		}
	}
	if changed < 250 {
		t.Errorf("only %d of 300 mutants differ from the seed", changed)
	}
	if Generate(nil, 10, 1) != nil {
		t.Error("Generate without seeds returned mutants")
	}
}

func TestEscape(t *testing.T) {
	for _, tc := range []struct {
		in   string
		refs bool
		want string
	}{
		{"a<b&c\"d", false, "a&lt;b&amp;c&quot;d"},
		{"a\tb\n", false, "a\tb\n"},
		{"a\tb\n", true, "a&#9;b&#10;"},
	} {
		if got := Escape(tc.in, tc.refs); got != tc.want {
			t.Errorf("Escape(%q, %v) = %q, want %q", tc.in, tc.refs, got, tc.want)
		}
	}
}

// tokens renders the elements, attributes and text of a document in one line.
func tokens(t *testing.T, data []byte) string {
	t.Helper()
	var b bytes.Buffer
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			b.WriteString("<" + x.Name.Space + ":" + x.Name.Local)
			for _, a := range x.Attr {
				b.WriteString(" " + a.Name.Space + ":" + a.Name.Local + "=" + a.Value)
			}
			b.WriteString(">")
		case xml.EndElement:
			b.WriteString("</>")
		case xml.CharData:
			b.Write(x)
		}
	}
}
