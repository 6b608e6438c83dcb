package intake

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jcx-dev/jcx/exchange"
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
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := Text(strings.Repeat("é", MaxText))
	if len(long) > MaxText+len("…") || !utf8.ValidString(long) {
		t.Errorf("long text: %d bytes, valid UTF-8 %v", len(long), utf8.ValidString(long))
	}
	if got := Clip(strings.Repeat("a", 100)); got != strings.Repeat("a", 64)+"…" {
		t.Errorf("Clip = %q", got)
	}
}

func TestPlausibleParty(t *testing.T) {
	cases := []struct {
		p    exchange.Party
		want bool
	}{
		{exchange.Party{CountryCode: "FR", UniqueIdentifier: "pnf"}, true},
		{exchange.Party{CountryCode: "fr", UniqueIdentifier: "pnf"}, false},
		{exchange.Party{CountryCode: "FRA", UniqueIdentifier: "pnf"}, false},
		{exchange.Party{CountryCode: "FR"}, false},
		{exchange.Party{CountryCode: "FR", UniqueIdentifier: "a\x00b"}, false},
		{exchange.Party{CountryCode: "FR", UniqueIdentifier: "a\u0085b"}, false},
		{exchange.Party{CountryCode: "FR", UniqueIdentifier: strings.Repeat("x", 256)}, false},
	}
	for _, tc := range cases {
		if got := PlausibleParty(tc.p); got != tc.want {
			t.Errorf("PlausibleParty(%+v) = %v, want %v", tc.p, got, tc.want)
		}
	}
}
