package exchange

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// scanXML is held to encoding/xml: over any document the hardened parse accepts, it
// sees the same elements, at the same depths and offsets, in the same namespaces, and the
// positions findings are given from it are those encoding/xml's offsets give.

func scanned(doc []byte) []string {
	var out []string
	scanXML(doc, func(depth int, space string, local []byte, at int) scanStep {
		out = append(out, fmt.Sprintf("%d {%s}%s @%d", depth, space, local, at))
		return scanChildren
	})
	return out
}

func decoded(doc []byte) []string {
	var out []string
	d := xml.NewDecoder(bytes.NewReader(doc))
	depth := 0
	for {
		at := d.InputOffset()
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			out = append(out, fmt.Sprintf("%d {%s}%s @%d", depth, t.Name.Space, t.Name.Local, at))
			depth++
		case xml.EndElement:
			depth--
		}
	}
}

func checkScan(t *testing.T, data []byte) {
	doc, fs := prepareXML(data, Limits{}.withDefaults())
	if fs != nil {
		return
	}
	if got, want := scanned(doc), decoded(doc); !slices.Equal(got, want) {
		t.Fatalf("scanXML differs from encoding/xml on %q:\n got  %q\n want %q", doc, got, want)
	}
	// And the positions findings are given: every element's line and byte column.
	want := positionsByXML(doc)
	got := make(map[string]position, len(want))
	for p := range want {
		got[p] = position{}
	}
	elementPositions(doc, got)
	for p, w := range want {
		if got[p] != w {
			t.Fatalf("%s of %q is at %+v, encoding/xml says %+v", p, doc, got[p], w)
		}
	}
}

func TestScanXMLMatchesEncodingXML(t *testing.T) {
	for _, s := range scanSeeds {
		checkScan(t, []byte(s))
	}
	files, _ := filepath.Glob("../testdata/messages/*/*.xml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkScan(t, data)
	}
}

var scanSeeds = []string{
	`<a/>`,
	`<a x="1>2" y='/>'><b/><!-- <c> --><![CDATA[<d>]]><?pi <e>?><f z = "q"/></a>`,
	`<p:a xmlns:p="urn:p" xmlns="urn:d"><b><p:c xmlns:p="urn:q"/><p:c/></b><x:y xmlns:x="urn:x"/></p:a>`,
	`<?xml version="1.0"?>` + "\n<a\n  b=\"&lt;c&gt;\"\n>\r\n<d\t/></a>",
	`<a xmlns="urn:a"><b xmlns=""><c/></b><d/></a>`,
	`<a><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature></a>`,
	// Elements after multi-byte characters, tabs and CR LF line ends, where a column
	// counted in characters or a line counted on CR would differ.
	"<a>é€😀<b/>\r\n\t<c/><c>ü<d/></c></a>",
	"<a>\n\n   <b>\r\n</b><b/>\n<b\n/></a>",
	"<?xml version=\"1.0\"?>\n<!-- é\n -->\n<a><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n  <ds:SignedInfo/></ds:Signature></a>",
}

func FuzzScanXML(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../testdata/messages/*/*.xml")
	for _, file := range files[:min(len(files), 8)] {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScan(t, data)
	})
}

// BenchmarkElementLines: the line pass over a document at the size limit, with the finding
// at its end, stays far below the CPU budget of a whole validation.
func BenchmarkElementLines(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`<Message xmlns="` + Namespace + `"><Payload><Request>`)
	for buf.Len() < 16<<20-200 {
		buf.WriteString("<Offence><Description>x</Description></Offence>\n")
	}
	buf.WriteString(`<Atomicity>x</Atomicity></Request></Payload></Message>`)
	doc := buf.Bytes()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		fs := []Finding{{Path: "/Message/Payload[1]/Request[1]/Atomicity[1]"}}
		addXMLLines(doc, fs)
		if fs[0].Line == 0 {
			b.Fatal("no line")
		}
	}
}
