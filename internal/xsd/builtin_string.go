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
	return unicode.In(r, unicode.Ll, unicode.Lu, unicode.Lo, unicode.Lt, unicode.Nl)
}

func isNameChar(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '_' || r == ':' || r == '.' || r == '-'
	}
	return r == 0xB7 || unicode.In(r, unicode.Ll, unicode.Lu, unicode.Lo, unicode.Lt, unicode.Nl,
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
