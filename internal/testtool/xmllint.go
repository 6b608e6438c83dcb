package testtool

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// XmllintVerdicts runs `xmllint --noout --nonet --schema schema f1 f2 …` over
// the files in as few processes as possible (500 files each) and returns,
// per file, whether it validates. A file with no verdict line (not
// well-formed, say) counts as invalid. A schema xmllint cannot compile fails
// t; without xmllint t is skipped, or failed when CI is set.
func XmllintVerdicts(t testing.TB, schema string, files []string) map[string]bool {
	t.Helper()
	bin := Need(t, "xmllint", "libxml2-utils")
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
			lines := strings.SplitN(stderr.String(), "\n", 21)
			t.Fatalf("xmllint could not compile %s:\n%s", schema, strings.Join(lines[:min(len(lines), 20)], "\n"))
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
