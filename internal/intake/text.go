package intake

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jcx-dev/jcx/exchange"
)

// MaxText bounds a description or path in a response (the schema allows 65535).
const MaxText = 4096

// Text makes a finding's message or path fit the schema's free text: valid UTF-8, no
// control characters but tab, line feed and carriage return, at most MaxText bytes. A
// finding may quote hostile input, and the response must stay a valid, signable message.
func Text(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return '\uFFFD'
		}
		return r
	}, s)
	return cut(s, MaxText)
}

// Clip shortens a value quoted in a message, so hostile input cannot make it large.
func Clip(s string) string { return cut(s, 64) }

func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// PlausibleParty reports whether a response can be addressed to p: a refused request may
// name a sender that is not a valid party at all.
func PlausibleParty(p exchange.Party) bool {
	cc := p.CountryCode
	if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
		return false
	}
	id := p.UniqueIdentifier
	if id == "" || len(id) > 255 || !utf8.ValidString(id) {
		return false
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return false
		}
	}
	return true
}
