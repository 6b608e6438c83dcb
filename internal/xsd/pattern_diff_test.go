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

// TestDifferentialPatterns runs the pattern table through xmllint too: each
// pattern becomes a simple type, each input an instance.
func TestDifferentialPatterns(t *testing.T) {
	xmllint(t)
	f, err := os.Open("testdata/regex/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type tc struct{ pattern, input string }
	var cases []tc
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		input := strings.ReplaceAll(cols[1], `\n`, "\n")
		if cols[0] == `\\` || cols[0] == `\.` {
			input = cols[1]
		}
		cases = append(cases, tc{cols[0], input})
	}
	dir := t.TempDir()
	var schema strings.Builder
	schema.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n")
	for i, c := range cases {
		fmt.Fprintf(&schema, `<xs:element name="p%d"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="%s"/></xs:restriction></xs:simpleType></xs:element>`+"\n",
			i, mutant.Escape(c.pattern, true))
	}
	schema.WriteString("</xs:schema>\n")
	schemaPath := filepath.Join(dir, "patterns.xsd")
	if err := os.WriteFile(schemaPath, []byte(schema.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Compile(os.DirFS(dir), "patterns.xsd")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for i, c := range cases {
		name := filepath.Join(dir, fmt.Sprintf("p%03d.xml", i))
		doc := fmt.Sprintf("<p%d>%s</p%d>", i, mutant.Escape(c.input, true), i)
		if err := os.WriteFile(name, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	oracle := oracleVerdicts(t, schemaPath, files)
	for i, f := range files {
		data, _ := os.ReadFile(f)
		if ours, _ := ourVerdict(s, data); ours != oracle[f] {
			t.Errorf("pattern %s on %q: ours match=%v, xmllint %v", cases[i].pattern, cases[i].input, ours, oracle[f])
		}
	}
}
