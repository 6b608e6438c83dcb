package exchange

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The error-code table of docs/errors.md is held to the ErrorCode constants of finding.go:
// one row per constant, in the order of the code, with the constant's name and its
// comment as the meaning. The two other columns (when the code is reported, a typical
// path) are written by hand in the document; -update-errors-doc rewrites the generated
// columns and keeps them.

var updateErrorsDoc = flag.Bool("update-errors-doc", false, "rewrite the code table of docs/errors.md from finding.go")

const (
	errorsDocPath  = "../docs/errors.md"
	errorsDocBegin = "<!-- codes:begin -->"
	errorsDocEnd   = "<!-- codes:end -->"
	errorsDocHead  = "| Code | Name | Meaning | Reported when | Typical path |\n|---:|---|---|---|---|\n"
)

// codeRow is one row of the table.
type codeRow struct {
	Code              int
	Name, Meaning     string
	When, TypicalPath string
}

// declaredCodes reads the ErrorCode constants of finding.go with their line comments.
func declaredCodes(t *testing.T) []codeRow {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "finding.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var rows []codeRow
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "ErrorCode" {
				continue
			}
			lit, ok := vs.Values[0].(*ast.BasicLit)
			if !ok {
				t.Fatalf("%s: value is not a literal", vs.Names[0].Name)
			}
			code, err := strconv.Atoi(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			if vs.Comment == nil {
				t.Fatalf("%s has no line comment to document it", vs.Names[0].Name)
			}
			rows = append(rows, codeRow{Code: code, Name: vs.Names[0].Name, Meaning: strings.TrimSpace(vs.Comment.Text())})
		}
	}
	return rows
}

// documentedCodes parses the table between the markers of docs/errors.md.
func documentedCodes(t *testing.T, doc []byte) (rows []codeRow, before, after []byte) {
	t.Helper()
	i := bytes.Index(doc, []byte(errorsDocBegin))
	j := bytes.Index(doc, []byte(errorsDocEnd))
	if i < 0 || j < i {
		t.Fatalf("%s: no %s … %s block", errorsDocPath, errorsDocBegin, errorsDocEnd)
	}
	before, after = doc[:i+len(errorsDocBegin)], doc[j:]
	for n, line := range strings.Split(string(doc[i+len(errorsDocBegin):j]), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| Code ") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 5 {
			t.Fatalf("%s: table line %d has %d cells, want 5: %s", errorsDocPath, n, len(cells), line)
		}
		for k := range cells {
			cells[k] = strings.TrimSpace(cells[k])
		}
		code, err := strconv.Atoi(cells[0])
		if err != nil {
			t.Fatalf("%s: table line %d: code %q", errorsDocPath, n, cells[0])
		}
		rows = append(rows, codeRow{Code: code, Name: strings.Trim(cells[1], "`"), Meaning: cells[2],
			When: cells[3], TypicalPath: strings.Trim(cells[4], "`")})
	}
	return rows, before, after
}

func renderCodes(rows []codeRow) string {
	var b strings.Builder
	b.WriteString("\n" + errorsDocHead)
	for _, r := range rows {
		path := r.TypicalPath
		if path != "" && !strings.HasPrefix(path, "—") {
			path = "`" + path + "`"
		}
		fmt.Fprintf(&b, "| %d | `%s` | %s | %s | %s |\n", r.Code, r.Name, r.Meaning, r.When, path)
	}
	return b.String()
}

func TestErrorsDoc(t *testing.T) {
	doc, err := os.ReadFile(errorsDocPath)
	if err != nil {
		t.Fatal(err)
	}
	declared := declaredCodes(t)
	documented, before, after := documentedCodes(t, doc)
	want := make([]codeRow, len(declared))
	for i, r := range declared {
		for _, d := range documented {
			if d.Code == r.Code {
				r.When, r.TypicalPath = d.When, d.TypicalPath
			}
		}
		want[i] = r
	}
	if *updateErrorsDoc {
		out := append(append(bytes.Clone(before), renderCodes(want)...), after...)
		if err := os.WriteFile(errorsDocPath, out, 0o644); err != nil {
			t.Fatal(err)
		}
		documented = want
	}

	byCode := map[int]codeRow{}
	for _, r := range documented {
		if _, dup := byCode[r.Code]; dup {
			t.Errorf("%s: code %d is documented twice", errorsDocPath, r.Code)
		}
		byCode[r.Code] = r
	}
	known := map[int]bool{}
	for _, r := range declared {
		known[r.Code] = true
	}
	for _, r := range documented {
		if !known[r.Code] {
			t.Errorf("%s documents code %d (%s), which finding.go does not declare", errorsDocPath, r.Code, r.Name)
		}
	}
	for i, r := range want {
		d, ok := byCode[r.Code]
		switch {
		case !ok:
			t.Errorf("code %d (%s) is missing from %s; run go test ./exchange -run TestErrorsDoc -update-errors-doc and fill in its row", r.Code, r.Name, errorsDocPath)
			continue
		case d.Name != r.Name || d.Meaning != r.Meaning:
			t.Errorf("code %d: %s says %s %q, finding.go says %s %q", r.Code, errorsDocPath, d.Name, d.Meaning, r.Name, r.Meaning)
		case i >= len(documented) || documented[i].Code != r.Code:
			t.Errorf("code %d is out of order in %s: the table follows finding.go", r.Code, errorsDocPath)
		}
		if d.When == "" || d.TypicalPath == "" {
			t.Errorf("code %d: %s leaves \"Reported when\" or \"Typical path\" empty", r.Code, errorsDocPath)
		}
	}
}
