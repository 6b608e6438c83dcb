package xsd

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// sameSchemaTree explains the first difference between two schema
// document trees, or returns "".
func sameSchemaTree(a, b *xnode) string {
	switch {
	case a.name != b.name:
		return fmt.Sprintf("name %s vs %s", a.name, b.name)
	case a.line != b.line:
		return fmt.Sprintf("%s: line %d vs %d", a.name, a.line, b.line)
	case !slices.Equal(a.attrs, b.attrs) || (a.attrs == nil) != (b.attrs == nil):
		return fmt.Sprintf("%s: attributes %v vs %v", a.name, a.attrs, b.attrs)
	case !maps.Equal(a.scope, b.scope) || (a.scope == nil) != (b.scope == nil):
		return fmt.Sprintf("%s: scope %v vs %v", a.name, a.scope, b.scope)
	case len(a.kids) != len(b.kids):
		return fmt.Sprintf("%s: %d vs %d children", a.name, len(a.kids), len(b.kids))
	case a.text != b.text:
		return fmt.Sprintf("%s: text %v vs %v", a.name, a.text, b.text)
	case a.doc != b.doc:
		return "different documents"
	}
	for i := range a.kids {
		if d := sameSchemaTree(a.kids[i], b.kids[i]); d != "" {
			return d
		}
	}
	return ""
}

// checkSchemaDocFast compares the fast reader with encoding/xml on data:
// where the fast one gives a tree, encoding/xml must give the same one.
func checkSchemaDocFast(t *testing.T, data []byte) (fast bool) {
	t.Helper()
	doc := &schemaDoc{file: "s.xsd"}
	got, ok := parseSchemaDocFast(data, doc, 256)
	if !ok {
		return false
	}
	want, err := parseSchemaDocXML(data, doc, 256)
	if err != nil {
		t.Fatalf("fast reader accepted what encoding/xml refuses (%v):\n%q", err, data)
	}
	if d := sameSchemaTree(got, want); d != "" {
		t.Fatalf("trees differ: %s\n%q", d, data)
	}
	return true
}

// TestSchemaDocFast reads every schema document of the tests and of the
// project both ways. The project's schemas must take the fast path, or
// compiling them quietly becomes slow again.
func TestSchemaDocFast(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.xsd")
	more, _ := filepath.Glob("testdata/*/*/*.xsd")
	project, _ := filepath.Glob("../../schemas/xsd/*.xsd")
	for _, f := range append(append(files, more...), project...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !checkSchemaDocFast(t, data) && slices.Contains(project, f) {
			t.Errorf("%s: not read by the fast path", f)
		}
	}
	for _, tc := range []string{
		"<s xmlns='u' a='1'\n b='2'\n/>",
		"<?xml version='1.0' encoding='UTF-8'?>\n<s/>",
		"<?xml version='1.1'?><s/>",
		"<?xml version='1.0' encoding='latin1'?><s/>",
		"\xEF\xBB\xBF<s/>",
		"<s a='x\ny'/>",
		"<s a='&#10;'/>",
		"<s a='x\ty\r\nz\rw'\tb='&#9;'/>",
		"<s a='&#9;\t'/>",
		"<p:s xmlns:p='u'><p:t xmlns:q='v' q:a='1' xml:lang='en'/></p:s>",
		"<s xmlns:p=''/>",
		"<p:s/>",
		"<s/><t/>",
		"<s a='1' a='2'/>",
		"<é/>",
		"<s>\r\n<!-- c --><?pi x?><![CDATA[<]]>&lt;</s>",
		"<s> <t/>\n<![CDATA[ ]]><u>&amp;</u>x</s>",
		"x<s/>",
	} {
		checkSchemaDocFast(t, []byte(tc))
	}
}

// FuzzSchemaDoc checks the fast schema document reader against
// encoding/xml on arbitrary input.
func FuzzSchemaDoc(f *testing.F) {
	files, _ := filepath.Glob("testdata/schemas/*/*.xsd")
	for _, file := range files[:min(len(files), 40)] {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<?xml version='1.0'?>\n<s xmlns='u' xmlns:p='v'><p:t a='1'\n/></s>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSchemaDocFast(t, data)
	})
}

// TestAttributeWhitespace: both readers give a schema document's attribute
// values with tabs and line ends as spaces (XML 1.0 §3.3.3), so a pattern
// written with a tab between two groups matches a space there; a
// reference to a tab stays a tab.
func TestAttributeWhitespace(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{"<s v='(Foo)\t(Bar)'/>", "(Foo) (Bar)"},
		{"<s v='(Foo)\r(Bar)'/>", "(Foo) (Bar)"},
		{"<s v='a\r\nb\nc'/>", "a b c"},
		{"<s v='a&#9;b'/>", "a\tb"},
		{"<s v='a&#9;\tb'/>", "a\t\tb"}, // encoding/xml cannot tell the two apart
		{"<s a='=' v=\"x\ty\"/>", "x y"},
	} {
		doc := &schemaDoc{file: "s.xsd"}
		slow, err := parseSchemaDocXML([]byte(tc.doc), doc, 8)
		if err != nil {
			t.Fatal(err)
		}
		if got := slow.attrOr("v", ""); got != tc.want {
			t.Errorf("%q: encoding/xml reader gives %q, want %q", tc.doc, got, tc.want)
		}
		if fast, ok := parseSchemaDocFast([]byte(tc.doc), doc, 8); ok {
			if got := fast.attrOr("v", ""); got != tc.want {
				t.Errorf("%q: fast reader gives %q, want %q", tc.doc, got, tc.want)
			}
		}
	}
}
