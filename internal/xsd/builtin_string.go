package xsd

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isNameStart and isNameChar follow the Letter/NameChar productions of
// XML 1.0 (fourth edition) through their Unicode general categories.
func isNameStart(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == ':'
	}
	// XML 1.0's BaseChar includes modifier letters (U+02BB, U+0559, U+06E5…)
	// but not the ones it lists as extenders.
	return unicode.In(r, unicode.Ll, unicode.Lu, unicode.Lo, unicode.Lt, unicode.Nl) ||
		unicode.Is(unicode.Lm, r) && !unicode.Is(xmlExtenders, r)
}

// xmlExtenders is XML 1.0's Extender production: name characters that
// cannot start a name.
var xmlExtenders = &unicode.RangeTable{R16: []unicode.Range16{
	{0x00B7, 0x00B7, 1}, {0x02D0, 0x02D1, 1}, {0x0387, 0x0387, 1}, {0x0640, 0x0640, 1},
	{0x0E46, 0x0E46, 1}, {0x0EC6, 0x0EC6, 1}, {0x3005, 0x3005, 1}, {0x3031, 0x3035, 1},
	{0x309D, 0x309E, 1}, {0x30FC, 0x30FE, 1},
}}

func isNameChar(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '_' || r == ':' || r == '.' || r == '-'
	}
	// U+06DD and U+06DE are combining characters in XML 1.0, though no
	// longer marks in today's Unicode.
	return unicode.Is(xmlExtenders, r) || r == 0x06DD || r == 0x06DE ||
		unicode.In(r, unicode.Ll, unicode.Lu, unicode.Lo, unicode.Lt, unicode.Nl,
			unicode.Mc, unicode.Me, unicode.Mn, unicode.Lm, unicode.Nd)
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if i == 0 && !isNameStart(r) || !isNameChar(r) {
			return false
		}
	}
	return true
}

func isNCName(s string) bool {
	return isName(s) && !strings.Contains(s, ":")
}

func isNmtoken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isNameChar(r) {
			return false
		}
	}
	return true
}

// isLanguage checks [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* (XSD 1.0 §3.3.3).
func isLanguage(s string) bool {
	for i, part := range strings.Split(s, "-") {
		if len(part) < 1 || len(part) > 8 {
			return false
		}
		for j := 0; j < len(part); j++ {
			c := part[j]
			alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !alpha && (i == 0 || !isDigit(c)) {
				return false
			}
		}
	}
	return true
}

func lexHex(s string, _ nsLookup) (value, bool) {
	if len(s)%2 != 0 {
		return value{}, false
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return value{}, false
	}
	return value{prim: pHexBinary, s: string(b)}, true
}

// lexBase64 follows libxml2, the reference for verdicts: characters
// outside the base64 alphabet and '=' are ignored; what remains must be
// canonical padded base64. Strict decoding refuses non-zero padding bits,
// as the XSD grammar does.
func lexBase64(s string, _ nsLookup) (value, bool) {
	clean := true
	for i := 0; i < len(s); i++ {
		if !isBase64Char(s[i]) {
			clean = false
			break
		}
	}
	if !clean {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			if isBase64Char(s[i]) {
				b = append(b, s[i])
			}
		}
		s = string(b)
	}
	if len(s)%4 != 0 {
		return value{}, false
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		return value{}, false
	}
	return value{prim: pBase64Binary, s: string(b)}, true
}

func isBase64Char(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
}
