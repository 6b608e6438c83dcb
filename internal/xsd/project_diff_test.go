package xsd

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestDifferentialProjectFixtures compares verdicts with xmllint on the
// message schema's own fixtures (valid and invalid), when they exist.
func TestDifferentialProjectFixtures(t *testing.T) {
	root := filepath.Join("..", "..")
	entry := filepath.Join(root, "schemas/xsd/jcx.xsd")
	if _, err := os.Stat(entry); err != nil {
		t.Skip("schemas/xsd/jcx.xsd not present yet")
	}
	xmllint(t)
	var files []string
	for _, g := range []string{"schemas/testdata/*/*.xml", "testdata/messages/*/*.xml"} {
		m, _ := filepath.Glob(filepath.Join(root, g))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no message fixtures yet")
	}
	s, err := Compile(os.DirFS(filepath.Join(root, "schemas/xsd")), "jcx.xsd")
	if err != nil {
		t.Fatal(err)
	}
	oracle := oracleVerdicts(t, entry, files)
	refused := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// A DOCTYPE is refused by design (no DTD processing at all) while
		// xmllint still validates such a document: not a disagreement.
		if _, err := s.ValidateBytes(data); errors.Is(err, ErrDoctype) {
			refused++
			continue
		}
		if ours, why := ourVerdict(s, data); ours != oracle[f] {
			t.Errorf("%s: ours valid=%v, xmllint valid=%v\n%s", f, ours, oracle[f], why)
		}
	}
	t.Logf("%d fixtures compared, %d refused for their DOCTYPE", len(files)-refused, refused)
}
