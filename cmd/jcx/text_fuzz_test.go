package main

import (
	"strconv"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzPrintable: whatever a name holds, printable shows it with printable characters
// only (no control, format or invalid byte reaches the terminal), and a name it quotes
// can be read back exactly with strconv.Unquote.
func FuzzPrintable(f *testing.F) {
	for _, s := range append(hostileNames, "plain.xml", `"quoted".xml`, "é日本.json", "\uFFFD") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := printable(s)
		if !utf8.ValidString(p) {
			t.Fatalf("printable(%q) = %q is not UTF-8", s, p)
		}
		for _, r := range p {
			if !unicode.IsPrint(r) {
				t.Fatalf("printable(%q) = %q holds %U", s, p, r)
			}
		}
		if p == s {
			return
		}
		back, err := strconv.Unquote(p)
		if err != nil || back != s {
			t.Fatalf("printable(%q) = %s reads back as %q, %v", s, p, back, err)
		}
	})
}
