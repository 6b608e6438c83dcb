package xsd

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// xmllint returns the path of the oracle, skipping the test when it is not
// installed — unless CI is set, where a missing oracle is a failure.
func xmllint(t testing.TB) string {
	t.Helper()
	return testtool.Need(t, "xmllint", "libxml2-utils")
}

// oracleVerdicts is xmllint's verdict per file; see testtool.XmllintVerdicts.
func oracleVerdicts(t testing.TB, schema string, files []string) map[string]bool {
	t.Helper()
	return testtool.XmllintVerdicts(t, schema, files)
}

// oracleCompiles reports whether xmllint accepts a schema.
func oracleCompiles(t testing.TB, schema string) (bool, string) {
	t.Helper()
	bin := xmllint(t)
	dir := t.TempDir()
	doc := filepath.Join(dir, "empty.xml")
	if err := os.WriteFile(doc, []byte("<x/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(bin, "--noout", "--nonet", "--schema", schema, doc).CombinedOutput()
	return !strings.Contains(string(out), "failed to compile"), string(out)
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// ourVerdict is the package's verdict on one file.
func ourVerdict(s *Schema, data []byte) (bool, string) {
	fs, err := s.ValidateBytes(data)
	if err != nil {
		return false, err.Error()
	}
	if len(fs) > 0 {
		var b strings.Builder
		for _, f := range fs {
			b.WriteString(f.String() + "\n")
		}
		return false, b.String()
	}
	return true, ""
}
