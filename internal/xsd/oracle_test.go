package xsd

import (
	"bufio"
	"bytes"
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

// oracleVerdicts runs `xmllint --noout --schema schema f1 f2 …` in as few
// processes as possible and returns, per file, whether it validates.
// A file with no verdict line (not well-formed, say) counts as invalid.
func oracleVerdicts(t testing.TB, schema string, files []string) map[string]bool {
	t.Helper()
	bin := xmllint(t)
	out := make(map[string]bool, len(files))
	for start := 0; start < len(files); start += 500 {
		end := min(start+500, len(files))
		args := append([]string{"--noout", "--nonet", "--schema", schema}, files[start:end]...)
		cmd := exec.Command(bin, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Stdout = &stderr
		err := cmd.Run()
		if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
			t.Fatalf("running xmllint: %v", err)
		}
		if strings.Contains(stderr.String(), "failed to compile") {
			t.Fatalf("xmllint could not compile %s:\n%s", schema, firstLines(stderr.String(), 20))
		}
		sc := bufio.NewScanner(&stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			line := sc.Text()
			if f, ok := strings.CutSuffix(line, " validates"); ok {
				out[f] = true
			} else if f, ok := strings.CutSuffix(line, " fails to validate"); ok {
				out[f] = false
			}
		}
	}
	return out
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
