package xsd

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// countingFS counts the files opened through it (to be read: Stat is
// answered without opening).
type countingFS struct {
	fs.FS
	opens map[string]int
}

func (c countingFS) Open(name string) (fs.File, error) {
	c.opens[name]++
	return c.FS.Open(name)
}

func (c countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// sharedSet is a set whose documents all import one common document, and
// which includes one no-namespace document into two namespaces.
var sharedSet = fstest.MapFS{
	"entry.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="urn:a" schemaLocation="a.xsd"/>
  <xs:import namespace="urn:b" schemaLocation="b.xsd"/>
  <xs:import namespace="urn:common" schemaLocation="common.xsd"/>
</xs:schema>`)},
	"a.xsd": importer("a"),
	"b.xsd": importer("b"),
	"common.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:common">
  <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}"/></xs:restriction></xs:simpleType>
</xs:schema>`)},
	"chameleon.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="Name"><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>
</xs:schema>`)},
}

// importer is a document of namespace urn:x (x the name given) that imports
// common.xsd and includes chameleon.xsd, declaring x of the first's type and
// xn of the second's.
func importer(x string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:` + x + `" xmlns:c="urn:common" xmlns:t="urn:` + x + `">
  <xs:import namespace="urn:common" schemaLocation="common.xsd"/>
  <xs:include schemaLocation="chameleon.xsd"/>
  <xs:element name="` + x + `" type="c:Code"/>
  <xs:element name="` + x + `n" type="t:Name"/>
</xs:schema>`)}
}

// TestLoadReadsEachDocumentOnce: a document that several others import is
// read and parsed once; one included into two namespaces is read for each,
// since its components are new ones in each. Verdicts are as before.
func TestLoadReadsEachDocumentOnce(t *testing.T) {
	c := countingFS{sharedSet, map[string]int{}}
	s, err := Compile(c, "entry.xsd")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"entry.xsd": 1, "a.xsd": 1, "b.xsd": 1, "common.xsd": 1, "chameleon.xsd": 2}
	for name, n := range want {
		if c.opens[name] != n {
			t.Errorf("%s opened %d times, want %d (all: %v)", name, c.opens[name], n, c.opens)
		}
	}
	for doc, valid := range map[string]bool{
		`<a xmlns="urn:a">AB</a>`:     true,
		`<a xmlns="urn:a">ab</a>`:     false,
		`<b xmlns="urn:b">XY</b>`:     true,
		`<bn xmlns="urn:b">abcd</bn>`: false,
		`<an xmlns="urn:a">abc</an>`:  true,
	} {
		fs, err := s.ValidateBytes([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		if (len(fs) == 0) != valid {
			t.Errorf("%s: findings %v, want valid=%v", doc, fs, valid)
		}
	}
}

// TestLoadLimitsCountEveryReference: a reference to a document already read
// counts against MaxSchemaFiles and MaxSchemaBytes as a read would, so the
// limits refuse the same sets as when each reference was read again.
func TestLoadLimitsCountEveryReference(t *testing.T) {
	// entry, a, common, chameleon, b, common again, chameleon into urn:b,
	// common from the entry: 8 references.
	if _, err := CompileOptions(sharedSet, "entry.xsd", &Options{MaxSchemaFiles: 8}); err != nil {
		t.Fatalf("8 files allowed: %v", err)
	}
	_, err := CompileOptions(sharedSet, "entry.xsd", &Options{MaxSchemaFiles: 7})
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "exceeds 7 files") {
		t.Fatalf("7 files allowed: got %v, want ErrLimit", err)
	}
	total := 0
	for _, name := range []string{"entry.xsd", "a.xsd", "common.xsd", "chameleon.xsd", "b.xsd", "common.xsd", "chameleon.xsd", "common.xsd"} {
		total += len(sharedSet[name].Data)
	}
	if _, err := CompileOptions(sharedSet, "entry.xsd", &Options{MaxSchemaBytes: int64(total)}); err != nil {
		t.Fatalf("%d bytes allowed: %v", total, err)
	}
	if _, err := CompileOptions(sharedSet, "entry.xsd", &Options{MaxSchemaBytes: int64(total - 1)}); !errors.Is(err, ErrLimit) {
		t.Fatalf("%d bytes allowed: got %v, want ErrLimit", total-1, err)
	}
}

// TestLoadSecondReferenceChecksNamespace: a document already read and then
// imported under another namespace is refused as when it was read again.
func TestLoadSecondReferenceChecksNamespace(t *testing.T) {
	fsys := fstest.MapFS{
		"entry.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:e">
  <xs:include schemaLocation="chameleon.xsd"/>
  <xs:import namespace="urn:other" schemaLocation="chameleon.xsd"/>
</xs:schema>`)},
		"chameleon.xsd": sharedSet["chameleon.xsd"],
	}
	_, err := Compile(fsys, "entry.xsd")
	if !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), `chameleon.xsd has targetNamespace "", expected "urn:other"`) {
		t.Fatalf("got %v, want the namespace mismatch", err)
	}
}
