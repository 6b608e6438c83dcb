package xsd

import (
	"testing"
	"testing/fstest"
)

// TestEntryDocuments: several schema documents, of one namespace, of
// several or of none, form one schema through the entry documents built
// for them.
func TestEntryDocuments(t *testing.T) {
	doc := func(tns, body string) *fstest.MapFile {
		attr := ""
		if tns != "" {
			attr = ` targetNamespace="` + tns + `"`
		}
		return &fstest.MapFile{Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"` + attr + `>` + body + `</xs:schema>`)}
	}
	fsys := fstest.MapFS{
		"a1.xsd":     doc("urn:a", `<xs:element name="a1"/>`),
		"sub/a2.xsd": doc("urn:a", `<xs:element name="a2"/>`),
		"b.xsd":      doc("urn:b", `<xs:element name="b"/>`),
		"none.xsd":   doc("", `<xs:element name="n"/>`),
	}
	files := []EntryFile{{"a1.xsd", "urn:a"}, {"b.xsd", "urn:b"}, {"sub/a2.xsd", "urn:a"}, {"none.xsd", ""}}
	for name, data := range EntryDocuments(files) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	s, err := Compile(fsys, EntryName)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{`<a1 xmlns="urn:a"/>`, `<a2 xmlns="urn:a"/>`, `<b xmlns="urn:b"/>`, `<n/>`} {
		if ok, why := ourVerdict(s, []byte(d)); !ok {
			t.Errorf("%s: %s", d, why)
		}
	}
	if len(s.Warnings()) != 0 {
		t.Errorf("warnings: %v", s.Warnings())
	}
}
