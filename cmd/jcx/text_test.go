package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"messages/a b.xml", "messages/a b.xml"},
		{"dossiers/é日本.json", "dossiers/é日本.json"},
		{"lit\uFFFDeral.xml", "lit\uFFFDeral.xml"}, // a real U+FFFD prints as itself
		{"a\nok   forged.xml", `"a\nok   forged.xml"`},
		{"a\r.xml", `"a\r.xml"`},
		{"a\x1b[2J.xml", `"a\x1b[2J.xml"`},
		{"a\x1b]0;title\x07.xml", `"a\x1b]0;title\a.xml"`},
		{"a\tb", `"a\tb"`},
		{"a\x7f", `"a\x7f"`},
		{"a\u0085b", `"a\u0085b"`},             // NEL, a C1 control
		{"a\u202egnp.xml", `"a\u202egnp.xml"`}, // right-to-left override
		{"a\u2028b", `"a\u2028b"`},             // line separator
		{"a\xffb.xml", `"a\xffb.xml"`},         // invalid UTF-8
		{`"quoted".xml`, `"\"quoted\".xml"`},
		{`mid"quote.xml`, `mid"quote.xml`},
	}
	for _, tc := range tests {
		if got := printable(tc.in); got != tc.want {
			t.Errorf("printable(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// hostileNames can forge report lines or drive a terminal when printed raw.
var hostileNames = []string{
	"a\nok   forged.xml",
	"b\r\x1b[2Kok  c.xml",
	"c\x1b]0;pwned\x07.xml",
	"d\u202elmx.xml",
	"e\xff.xml",
}

// checkClean fails when out holds a control character other than a line end, invalid
// UTF-8, or a line that does not start with one of the allowed prefixes.
func checkClean(t *testing.T, what, out string, prefixes ...string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s: invalid UTF-8 in %q", what, out)
	}
	for _, r := range out {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' {
			t.Errorf("%s: raw %U in %q", what, r, out)
			return
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		ok := false
		for _, p := range prefixes {
			ok = ok || strings.HasPrefix(line, p)
		}
		if !ok && line != "" {
			t.Errorf("%s: unexpected line %q in\n%s", what, line, out)
		}
	}
}

// TestHostileNamesInTextOutput names files so that, printed raw, they would forge an
// "ok" line or send escape sequences to the terminal; every command's text output and
// diagnostics must show them escaped, and JSON output keeps them exact.
func TestHostileNamesInTextOutput(t *testing.T) {
	valid, err := os.ReadFile("../../testdata/messages/valid/capabilities-es-fr-request.xml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	for _, n := range hostileNames {
		p := filepath.Join(dir, n)
		// Invalid on purpose (the receiver is checked against nothing, the content is
		// cut short): each file gets a FAIL line and findings.
		if err := os.WriteFile(p, valid[:len(valid)/2], 0o644); err != nil {
			t.Skipf("this file system refuses the name %q: %v", n, err)
		}
		paths = append(paths, p)
	}
	ca := testPKI + "ca.pem"
	for _, p := range paths {
		name := filepath.Base(p)
		t.Run(printable(name), func(t *testing.T) {
			r := jcx(t, "", "validate", p)
			checkClean(t, "validate stdout", r.stdout, "FAIL ", "  ")
			if !strings.Contains(r.stdout, printable(p)) {
				t.Errorf("validate: the quoted name is missing:\n%s", r.stdout)
			}
			checkClean(t, "validate stderr", r.stderr, "0 valid, 1 invalid")

			r = jcx(t, "", "validate", "--output", "json", p)
			if !strings.Contains(r.stdout, "findings") || strings.ContainsAny(r.stdout, "\x1b\r") {
				t.Errorf("validate json: %s", r.stdout)
			}

			r = jcx(t, "", "validate", p+".missing.xml")
			checkClean(t, "validate missing", r.stderr, "jcx validate: ", "0 valid")

			r = jcx(t, "", "verify", "--trust", ca, p)
			checkClean(t, "verify stdout", r.stdout, "FAIL  ", "  ")
			r = jcx(t, "", "verify", "--trust", ca, p+".missing")
			checkClean(t, "verify missing", r.stderr, "jcx verify: ")

			r = jcx(t, "", "convert", "--to", "json", p)
			checkClean(t, "convert", r.stderr, `"`, "  ")
			r = jcx(t, "", "convert", "--to", "json", p+".missing")
			checkClean(t, "convert missing", r.stderr, "jcx convert: ")

			r = jcx(t, "", "sign", "--key", testPKI+"harness.key.pem", "--cert", testPKI+"harness.pem", p)
			checkClean(t, "sign", r.stderr, `"`, "  ")
			r = jcx(t, "", "sign", "--key", p, "--cert", testPKI+"harness.pem", p)
			checkClean(t, "sign key", r.stderr, "jcx sign: ")

			r = jcx(t, "", "conformance", "verify-certificate", "--trust", ca, p)
			checkClean(t, "verify-certificate", r.stderr, "jcx conformance verify-certificate: ")
			r = jcx(t, "", "conformance", "run", "--waivers", p)
			checkClean(t, "conformance run", r.stderr, "jcx conformance run: ")
		})
	}
	// A folder walk meets the names too.
	r := jcx(t, "", "validate", dir)
	checkClean(t, "validate folder", r.stdout, "FAIL ", "  ")
	if n := strings.Count(r.stdout, "FAIL "); n != len(paths) {
		t.Errorf("%d FAIL lines for %d files:\n%s", n, len(paths), r.stdout)
	}
}
