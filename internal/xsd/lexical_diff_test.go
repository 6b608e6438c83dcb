package xsd

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/mutant"
)

// TestDifferentialLexical checks every built-in type against xmllint on the
// values in testdata/lexical/values.txt, each used as element content and
// as an attribute value. The file lists "type value" pairs; the value may
// be empty and uses \t \n \s escapes for whitespace.
func TestDifferentialLexical(t *testing.T) {
	xmllint(t)
	f, err := os.Open("testdata/lexical/values.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type tc struct{ typ, val string }
	var cases []tc
	types := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		typ, val, _ := strings.Cut(line, " ")
		val = strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\s`, " ").Replace(val)
		cases = append(cases, tc{typ, val})
		types[typ] = true
	}
	dir := t.TempDir()
	var schema strings.Builder
	schema.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n")
	for typ := range types {
		fmt.Fprintf(&schema, `<xs:element name="e_%s" type="xs:%s"/>`+"\n", typ, typ)
		if typ == "anySimpleType" || typ == "NOTATION" {
			fmt.Fprintf(&schema, `<xs:element name="d_%s" type="xs:%s"/>`+"\n", typ, typ)
			continue
		}
		fmt.Fprintf(&schema, `<xs:element name="d_%s"><xs:simpleType><xs:restriction base="xs:%s"><xs:pattern value="(.|\s)*"/></xs:restriction></xs:simpleType></xs:element>`+"\n", typ, typ)
		fmt.Fprintf(&schema, `<xs:element name="a_%s"><xs:complexType><xs:attribute name="v" type="xs:%s"/></xs:complexType></xs:element>`+"\n", typ, typ)
		// Derived without facets, directly and in two steps, as element
		// content and attribute value.
		fmt.Fprintf(&schema, `<xs:simpleType name="r_%s"><xs:restriction base="xs:%s"/></xs:simpleType>`+"\n", typ, typ)
		fmt.Fprintf(&schema, `<xs:simpleType name="s_%s"><xs:restriction base="r_%s"/></xs:simpleType>`+"\n", typ, typ)
		fmt.Fprintf(&schema, `<xs:element name="r_%s" type="r_%s"/>`+"\n", typ, typ)
		fmt.Fprintf(&schema, `<xs:element name="s_%s" type="s_%s"/>`+"\n", typ, typ)
		fmt.Fprintf(&schema, `<xs:element name="ra_%s"><xs:complexType><xs:attribute name="v" type="r_%s"/></xs:complexType></xs:element>`+"\n", typ, typ)
	}
	schema.WriteString(`</xs:schema>`)
	schemaPath := filepath.Join(dir, "types.xsd")
	if err := os.WriteFile(schemaPath, []byte(schema.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Compile(os.DirFS(dir), "types.xsd")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	contents := map[string]string{}
	for i, c := range cases {
		forms := []string{"e", "a", "d", "r", "s", "ra"}
		if c.typ == "anySimpleType" || c.typ == "NOTATION" {
			forms = forms[:3]
		}
		for _, form := range forms {
			name := filepath.Join(dir, fmt.Sprintf("%04d%s.xml", i, form))
			doc := fmt.Sprintf(`<%s_%s xmlns:p="urn:p">%s</%s_%s>`, form, c.typ, mutant.Escape(c.val, true), form, c.typ)
			if strings.HasSuffix(form, "a") {
				doc = fmt.Sprintf(`<%s_%s xmlns:p="urn:p" v="%s"/>`, form, c.typ, mutant.Escape(c.val, false))
			}
			if err := os.WriteFile(name, []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, name)
			contents[name] = fmt.Sprintf("%s %q (%s)", c.typ, c.val, form)
		}
	}
	oracle := oracleVerdicts(t, schemaPath, files)
	bad := 0
	for _, f := range files {
		data, _ := os.ReadFile(f)
		ours, why := ourVerdict(s, data)
		want, ok := oracle[f]
		if !ok {
			t.Errorf("%s: no xmllint verdict", contents[f])
			continue
		}
		if ours != want {
			bad++
			t.Errorf("%s: ours valid=%v, xmllint valid=%v %s", contents[f], ours, want, strings.TrimSpace(why))
		}
	}
	t.Logf("%d values × up to 6 forms, %d disagreements", len(cases), bad)
}
