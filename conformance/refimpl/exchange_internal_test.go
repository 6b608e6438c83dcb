package refimpl

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\tnewline\ncr\r", "tab\tnewline\ncr\r"},
		{"nul\x00bell\x07", "nul\uFFFDbell\uFFFD"},
		{"c1\u0085", "c1\uFFFD"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
	}
	for _, tc := range cases {
		if got := text(tc.in); got != tc.want {
			t.Errorf("text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := text(strings.Repeat("é", maxText))
	if len(long) > maxText+len("…") || !utf8.ValidString(long) {
		t.Errorf("long text: %d bytes, valid UTF-8 %v", len(long), utf8.ValidString(long))
	}
}
