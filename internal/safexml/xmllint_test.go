package safexml

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// TestAgainstXmllint holds the test documents to libxml2's verdict, so
// that each "refuse" case is refused for the reason it claims: either the
// document is not well-formed XML with namespaces (xmllint objects too),
// or it is well-formed and refused by this package's policy (xmllint is
// silent). Every "accept" case must pass xmllint without a word.
func TestAgainstXmllint(t *testing.T) {
	xmllint := testtool.Need(t, "xmllint", "libxml2-utils")
	// Well-formed documents refused by policy, not by XML.
	policy := map[string]bool{
		"xxe-file.xml":              true,
		"xxe-parameter.xml":         true,
		"doctype-system.xml":        true,
		"doctype-after-comment.xml": true,
		"stylesheet-pi.xml":         true,
		"pi-in-body.xml":            true,
		"charset-bom-conflict.xml":  true, // libxml2 lets the byte order mark win
		"utf16-declares-utf8.xml":   true, // likewise
	}
	// libxml2 refuses the billion laughs by its own amplification limit.
	either := map[string]bool{"billion-laughs.xml": true}

	lint := func(file string) (complaint string) {
		cmd := exec.Command(xmllint, "--noout", "--nonet", file)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if err != nil && stderr.Len() == 0 {
			return err.Error()
		}
		return stderr.String()
	}
	accept, _ := filepath.Glob(filepath.Join("testdata", "accept", "*.xml"))
	for _, file := range accept {
		if c := lint(file); c != "" {
			t.Errorf("%s: xmllint objects to a document we accept:\n%s", file, c)
		}
	}
	refuse, _ := filepath.Glob(filepath.Join("testdata", "refuse", "*.xml"))
	for _, file := range refuse {
		name := filepath.Base(file)
		c := lint(file)
		switch {
		case either[name]:
		case policy[name] && c != "":
			t.Errorf("%s is listed as well-formed, but xmllint objects:\n%s", name, c)
		case !policy[name] && c == "":
			t.Errorf("%s: xmllint finds nothing wrong; if this is a policy refusal, list it as one", name)
		}
	}
}
