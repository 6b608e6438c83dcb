package xmlschema

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// schemaDoc is a schema document with the given target namespace ("" for
// none) and body.
func schemaDoc(tns, body string) *fstest.MapFile {
	attr := ""
	if tns != "" {
		attr = ` targetNamespace="` + tns + `" xmlns:t="` + tns + `" elementFormDefault="qualified"`
	}
	return &fstest.MapFile{Data: []byte(`<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"` + attr + `>
` + body + `
</xs:schema>
`)}
}

// A set of two namespaces that import a common one, an older copy of the
// common one nobody imports, and a no-namespace document.
var sampleSet = fstest.MapFS{
	"a/order.xsd": schemaDoc("urn:order", `<xs:import namespace="urn:common" schemaLocation="../common/common.xsd"/>
<xs:element name="Order"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>`),
	"a/invoice.xsd": schemaDoc("urn:invoice", `<xs:import namespace="urn:common" schemaLocation="../common/common.xsd"/>
<xs:element name="Invoice" type="xs:string"/>`),
	"common/common.xsd":     schemaDoc("urn:common", `<xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:length value="2"/></xs:restriction></xs:simpleType>`),
	"common/common-old.xsd": schemaDoc("urn:common", `<xs:simpleType name="Code"><xs:restriction base="xs:string"/></xs:simpleType>`),
	"plain.xsd":             schemaDoc("", `<xs:element name="Note" type="xs:string"/>`),
}

func TestLoadEntries(t *testing.T) {
	for _, tc := range []struct {
		name     string
		entries  []string
		valid    []string // documents the set accepts
		invalid  []string // documents it refuses
		warnings int
		entry    bool // an entry document is built
	}{
		{"one file", []string{"a/order.xsd"},
			[]string{`<Order xmlns="urn:order"><Id>1</Id></Order>`},
			[]string{`<Invoice xmlns="urn:invoice">x</Invoice>`, `<Order xmlns="urn:order"><Id>x</Id></Order>`}, 0, false},
		{"several files", []string{"a/order.xsd", "a/invoice.xsd", "plain.xsd"},
			[]string{`<Order xmlns="urn:order"><Id>1</Id></Order>`, `<Invoice xmlns="urn:invoice">x</Invoice>`, `<Note>n</Note>`},
			[]string{`<Other/>`}, 0, true},
		{"folder", []string{"."},
			[]string{`<Order xmlns="urn:order"><Id>1</Id></Order>`, `<Invoice xmlns="urn:invoice">x</Invoice>`, `<Note>n</Note>`},
			[]string{`<Other/>`}, 1, true},
		{"no entries is the whole file system", nil,
			[]string{`<Note>n</Note>`}, nil, 1, true},
		{"a folder and a file", []string{"a", "plain.xsd"},
			[]string{`<Invoice xmlns="urn:invoice">x</Invoice>`, `<Note>n</Note>`}, nil, 0, true},
		{"a file named twice", []string{"plain.xsd", "./plain.xsd"},
			[]string{`<Note>n</Note>`}, nil, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, err := Load(sampleSet, tc.entries...)
			if err != nil {
				t.Fatal(err)
			}
			for _, doc := range tc.valid {
				if f := set.ValidateBytes([]byte(doc)); len(f) != 0 {
					t.Errorf("%s: %v, want valid", doc, f)
				}
			}
			for _, doc := range tc.invalid {
				if f := set.ValidateBytes([]byte(doc)); len(f) == 0 {
					t.Errorf("%s: valid, want findings", doc)
				}
			}
			if len(set.Warnings()) != tc.warnings {
				t.Errorf("warnings %q, want %d", set.Warnings(), tc.warnings)
			}
			if (set.Entry() != nil) != tc.entry {
				t.Errorf("entry document %q, want one: %v", set.Entry(), tc.entry)
			}
		})
	}
}

// The folder rule leaves out the older copy of a namespace the set imports,
// and says so.
func TestFolderLeavesOutASecondFileForANamespace(t *testing.T) {
	set, err := Load(sampleSet, ".")
	if err != nil {
		t.Fatal(err)
	}
	w := set.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "common/common-old.xsd left out") || !strings.Contains(w[0], "common/common.xsd") {
		t.Errorf("warnings %q, want common-old.xsd left out for common.xsd", w)
	}
	// The Code type of common.xsd (length 2) is the one in force.
	if strings.Contains(string(set.Entry()), "common-old") {
		t.Errorf("entry document names the file left out:\n%s", set.Entry())
	}
}

// Named files of one namespace are combined by one more document, which
// includes each of them.
func TestSeveralFilesOfOneNamespace(t *testing.T) {
	fsys := fstest.MapFS{
		"a.xsd": schemaDoc("urn:x", `<xs:element name="A" type="xs:string"/>`),
		"b.xsd": schemaDoc("urn:x", `<xs:element name="B" type="xs:int"/>`),
	}
	set, err := Load(fsys, "a.xsd", "b.xsd")
	if err != nil {
		t.Fatal(err)
	}
	for doc, valid := range map[string]bool{`<A xmlns="urn:x">a</A>`: true, `<B xmlns="urn:x">1</B>`: true, `<B xmlns="urn:x">b</B>`: false} {
		if got := len(set.ValidateBytes([]byte(doc))) == 0; got != valid {
			t.Errorf("%s: valid=%v, want %v", doc, got, valid)
		}
	}
	if !strings.Contains(string(set.Entry()), `schemaLocation="jcx-entry-1.xsd"`) {
		t.Errorf("entry document does not import the combined namespace:\n%s", set.Entry())
	}
}

// Documents that only reference each other are entered by the first one.
func TestFolderCycle(t *testing.T) {
	fsys := fstest.MapFS{
		"a.xsd": schemaDoc("urn:a", `<xs:import namespace="urn:b" schemaLocation="b.xsd"/><xs:element name="A" type="xs:string"/>`),
		"b.xsd": schemaDoc("urn:b", `<xs:import namespace="urn:a" schemaLocation="a.xsd"/><xs:element name="B" type="xs:string"/>`),
	}
	set, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if f := set.ValidateBytes([]byte(`<B xmlns="urn:b">b</B>`)); len(f) != 0 {
		t.Errorf("B: %v", f)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fsys      fstest.MapFS
		entries   []string
		kind      error
		file      string
		line      int
		construct string
		msg       string
	}{
		{"missing entry", sampleSet, []string{"nope.xsd"}, fs.ErrNotExist, "nope.xsd", 0, "", "cannot read"},
		{"path outside", sampleSet, []string{"../x.xsd"}, ErrSchema, "../x.xsd", 0, "", "not a relative path"},
		{"empty folder", fstest.MapFS{"x/readme.txt": {}}, []string{"x"}, ErrSchema, "x", 0, "", "no schema document"},
		{"not a schema", fstest.MapFS{"a.xsd": {Data: []byte("<a/>")}, "b.xsd": schemaDoc("", "")}, nil, ErrSchema, "a.xsd", 1, "", "not xs:schema"},
		{"malformed in a folder", fstest.MapFS{"a.xsd": {Data: []byte("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>\n<x></y>")}, "b.xsd": schemaDoc("", "")}, nil, ErrSchema, "a.xsd", 2, "", "not a well-formed schema document"},
		{"malformed entry", fstest.MapFS{"a.xsd": {Data: []byte("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>\n\n<x></y>")}}, []string{"a.xsd"}, ErrSchema, "a.xsd", 3, "", "not a well-formed schema document"},
		{"undeclared type", fstest.MapFS{"s.xsd": schemaDoc("urn:s", `<xs:attribute name="E" type="t:Missing"/>`)}, nil, ErrSchema, "s.xsd", 3, `xs:attribute name="E"`, "not declared"},
		{"error in an imported file", fstest.MapFS{
			"a.xsd":     schemaDoc("urn:a", `<xs:import namespace="urn:b" schemaLocation="sub/b.xsd"/>`),
			"sub/b.xsd": schemaDoc("urn:b", "\n\n<xs:complexType name=\"T\"><xs:sequence><xs:element name=\"x\" minOccurs=\"2\" maxOccurs=\"1\"/></xs:sequence></xs:complexType>"),
		}, []string{"a.xsd"}, ErrSchema, "sub/b.xsd", 5, `xs:element name="x"`, "minOccurs"},
		{"unsupported pattern", fstest.MapFS{"a.xsd": schemaDoc("", `<xs:simpleType name="T"><xs:restriction base="xs:string"><xs:pattern value="(ab){1001}"/></xs:restriction></xs:simpleType>`)},
			nil, ErrUnsupported, "a.xsd", 3, "xs:pattern", "repeat count"},
		{"entry name taken", fstest.MapFS{"jcx-entry.xsd": schemaDoc("urn:a", ""), "b.xsd": schemaDoc("urn:b", "")}, []string{"jcx-entry.xsd", "b.xsd"}, ErrSchema, "jcx-entry.xsd", 0, "", "rename"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.fsys, tc.entries...)
			if err == nil {
				t.Fatal("loaded, want an error")
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %v does not wrap %v", err, tc.kind)
			}
			se, ok := errors.AsType[*SchemaError](err)
			if !ok {
				t.Fatalf("error %v is not a *SchemaError", err)
			}
			if se.File != tc.file || se.Line != tc.line || se.Construct != tc.construct || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("got file %q line %d construct %q msg %q\nwant file %q line %d construct %q msg containing %q",
					se.File, se.Line, se.Construct, se.Msg, tc.file, tc.line, tc.construct, tc.msg)
			}
		})
	}
}

// An import or include that cannot be followed is a warning that names the
// file, as the engine reports it; the set loads, and nothing is fetched.
func TestImportThatCannotBeFollowed(t *testing.T) {
	dir := t.TempDir()
	fsys := fstest.MapFS{"a.xsd": schemaDoc("urn:a", `<xs:import namespace="urn:b" schemaLocation="https://example.com/b.xsd"/>
<xs:element name="A" type="xs:string"/>`), "c.xsd": schemaDoc("", `<xs:include schemaLocation="https://example.com/d.xsd"/>
<xs:element name="C" type="xs:string"/>`)}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	set, err := LoadDir(dir, "a.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if w := set.Warnings(); len(w) != 1 || !strings.Contains(w[0], filepath.Join(dir, "a.xsd")+":3") || !strings.Contains(w[0], "urn:b") {
		t.Errorf("warnings %q, want the skipped import of urn:b at %s:3", w, filepath.Join(dir, "a.xsd"))
	}
	if f := set.ValidateBytes([]byte(`<A xmlns="urn:a">a</A>`)); len(f) != 0 {
		t.Errorf("A: %v", f)
	}
	set, err = LoadDir(dir, "c.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if w := set.Warnings(); len(w) != 1 || !strings.Contains(w[0], filepath.Join(dir, "c.xsd")+`:3: schemaLocation "https://example.com/d.xsd" is not a relative path`) {
		t.Errorf("warnings %q, want the skipped include at %s:3", w, filepath.Join(dir, "c.xsd"))
	}
	if f := set.ValidateBytes([]byte(`<C>c</C>`)); len(f) != 0 {
		t.Errorf("C: %v", f)
	}
}

func TestSchemaSetLimit(t *testing.T) {
	_, err := Options{MaxSchemaFiles: 2}.Load(sampleSet)
	if !errors.Is(err, ErrLimit) {
		t.Errorf("a folder of 5 documents under a limit of 2: %v, want ErrLimit", err)
	}
	_, err = Options{MaxSchemaBytes: 100}.Load(sampleSet, "a/order.xsd")
	if !errors.Is(err, ErrLimit) {
		t.Errorf("a set over the byte limit: %v, want ErrLimit", err)
	}
}

// LoadDir names files by their path on disk, and takes absolute entries.
func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, sampleSet); err != nil {
		t.Fatal(err)
	}
	set, err := LoadDir(dir, filepath.Join(dir, "a", "order.xsd"), "plain.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if f := set.ValidateBytes([]byte(`<Note>n</Note>`)); len(f) != 0 {
		t.Errorf("Note: %v", f)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.xsd"), schemaDoc("", `<xs:attribute name="E" type="Nope"/>`).Data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadDir(dir, "bad.xsd")
	if se, ok := errors.AsType[*SchemaError](err); !ok || se.File != filepath.Join(dir, "bad.xsd") {
		t.Errorf("error %v does not name %s", err, filepath.Join(dir, "bad.xsd"))
	}
	// A message that names another file names it the same way.
	_, err = LoadDir(dir, "common/common.xsd", "common/common-old.xsd")
	old := filepath.Join(dir, "common", "common-old.xsd")
	if se, ok := errors.AsType[*SchemaError](err); !ok || !strings.Contains(se.Msg, "first declared at "+filepath.Join(dir, "common", "common.xsd")) || se.File != old {
		t.Errorf("error %v: want a duplicate in %s first declared in common.xsd, both on disk", err, old)
	}
}

// A reference that resolves to nothing where only an instance needs it is a
// warning that names file, line and construct; the set loads, and an element
// that needs the missing type is invalid.
func TestMissingComponentWarning(t *testing.T) {
	dir := t.TempDir()
	fsys := fstest.MapFS{"a.xsd": schemaDoc("urn:a", `<xs:element name="A" type="xs:string"/>
<xs:element name="B" type="t:Gone"/>`)}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	set, err := LoadDir(dir, "a.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if w := set.Warnings(); len(w) != 1 || !strings.Contains(w[0], filepath.Join(dir, "a.xsd")+`:4: xs:element name="B": type {urn:a}Gone is not declared`) {
		t.Errorf("warnings %q, want the missing type of B at %s:4", w, filepath.Join(dir, "a.xsd"))
	}
	if f := set.ValidateBytes([]byte(`<A xmlns="urn:a">a</A>`)); len(f) != 0 {
		t.Errorf("A: %v", f)
	}
	if f := set.ValidateBytes([]byte(`<B xmlns="urn:a">b</B>`)); len(f) != 1 || !strings.Contains(f[0].Message, "type {urn:a}Gone is not declared") {
		t.Errorf("B: %v, want one finding naming the missing type", f)
	}
}

// opensFS counts the files opened through it; Stat does not open them.
type opensFS struct {
	fstest.MapFS
	opens map[string]int
}

func (o opensFS) Open(name string) (fs.File, error) {
	o.opens[name]++
	return o.MapFS.Open(name)
}

func (o opensFS) Stat(name string) (fs.FileInfo, error) { return o.MapFS.Stat(name) }

// TestLoadReadsEachFileOnce: what planning reads (the entries' headers, a
// folder's documents) is what compiling takes, not read a second time.
func TestLoadReadsEachFileOnce(t *testing.T) {
	for _, entries := range [][]string{{"a/order.xsd", "a/invoice.xsd", "plain.xsd"}, {"."}} {
		o := opensFS{sampleSet, map[string]int{}}
		if _, err := Load(o, entries...); err != nil {
			t.Fatal(err)
		}
		for name := range sampleSet {
			if n := o.opens[name]; n > 1 {
				t.Errorf("entries %v: %s opened %d times", entries, name, n)
			}
		}
		if o.opens["common/common.xsd"] != 1 {
			t.Errorf("entries %v: common/common.xsd opened %d times, want 1", entries, o.opens["common/common.xsd"])
		}
	}
}
