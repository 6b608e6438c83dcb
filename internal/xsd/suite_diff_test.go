package xsd

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDifferentialSuite validates every document of each construct suite
// (testdata/suite*/{valid,invalid}) with this package and with xmllint.
// Both must agree with each other and with the folder the document is in.
func TestDifferentialSuite(t *testing.T) {
	xmllint(t)
	suites, _ := filepath.Glob("testdata/suite*")
	if len(suites) < 3 {
		t.Fatalf("found %d suites", len(suites))
	}
	for _, dir := range suites {
		t.Run(filepath.Base(dir), func(t *testing.T) { runSuite(t, dir) })
	}
}

func runSuite(t *testing.T, suite string) {
	s, err := Compile(os.DirFS(suite), "schema.xsd")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"valid", "invalid"} {
		m, _ := filepath.Glob(filepath.Join(suite, dir, "*.xml"))
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d suite documents", len(files))
	}
	oracle := oracleVerdicts(t, filepath.Join(suite, "schema.xsd"), files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		wantFolder := filepath.Base(filepath.Dir(f)) == "valid"
		ours, why := ourVerdict(s, data)
		if oracle[f] != wantFolder {
			t.Errorf("%s: xmllint valid=%v, but the file is in %s/ (test data is wrong)", f, oracle[f], filepath.Base(filepath.Dir(f)))
		}
		if ours != oracle[f] {
			t.Errorf("%s: ours valid=%v, xmllint valid=%v\n%s", f, ours, oracle[f], why)
		}
	}
}
