package xsd

import (
	"strings"
	"testing"
)

// TestCollapse holds collapse to whiteSpace="collapse" as the
// specification words it (runs of #x20 become one, leading and trailing
// ones go, after #x9, #xA and #xD became #x20), written here the plain way.
func TestCollapse(t *testing.T) {
	plain := func(s string) string {
		return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\n' || r == '\r'
		}), " ")
	}
	for _, s := range []string{
		"", " ", "\t\n\r ", "a", " a", "a ", " a ", "a b", "a  b", "a\tb", "a\nb", "a \n b",
		"\n  -122.08,37.42,0\n  -122.09,37.43,0\n  ", "x\u00a0 y", "é  ü", "a b c", "  a  b  c  ",
	} {
		if got, want := collapse(s), plain(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzCollapse compares collapse with the plain definition on any text.
func FuzzCollapse(f *testing.F) {
	f.Add(" a \n\t b  ")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.FieldsFunc(s, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\n' || r == '\r'
		}), " ")
		if got := collapse(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}
