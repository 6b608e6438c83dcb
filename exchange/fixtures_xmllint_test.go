package exchange_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// TestFixturesXmllint holds the XML fixtures to the XSD through an independent validator,
// libxml2's xmllint: the valid fixtures and those that break only business rules must
// validate, those that break the schema must not. It guards the fixtures (and the
// encoder that wrote them) against drifting from the XSD, the format's source of truth.
func TestFixturesXmllint(t *testing.T) {
	xmllint := testtool.Need(t, "xmllint", "libxml2-utils")
	xsd := filepath.Join("..", "schemas", "xsd", "jcx.xsd")
	glob := func(pattern string) []string {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			t.Fatalf("no files match %s (%v)", pattern, err)
		}
		return files
	}
	pass := append(glob(filepath.Join(validDir, "*.xml")), glob(filepath.Join(invalidDir, "rule-*.xml"))...)
	fail := glob(filepath.Join(invalidDir, "schema-*.xml"))

	verdicts := map[string]bool{}
	var stderr bytes.Buffer
	cmd := exec.Command(xmllint, append([]string{"--noout", "--nonet", "--schema", xsd}, append(pass, fail...)...)...)
	cmd.Stderr = &stderr
	_ = cmd.Run() // the exit status is 3 when any file fails, as some must
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		line := sc.Text()
		if f, ok := strings.CutSuffix(line, " validates"); ok {
			verdicts[f] = true
		} else if f, ok := strings.CutSuffix(line, " fails to validate"); ok {
			verdicts[f] = false
		}
	}
	for _, f := range pass {
		if v, ok := verdicts[f]; !ok || !v {
			t.Errorf("%s: xmllint does not validate it against %s", f, xsd)
		}
	}
	for _, f := range fail {
		if v, ok := verdicts[f]; !ok || v {
			t.Errorf("%s: xmllint validates it, but it breaks the schema", f)
		}
	}
	if t.Failed() {
		t.Logf("xmllint output:\n%s", stderr.String())
	}
}
