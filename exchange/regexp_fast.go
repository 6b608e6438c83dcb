package exchange

import (
	"regexp"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The JSON Schema's regexp engine. Every string value of a message goes through at least
// one "pattern" keyword, and the library runs each through Go's regexp package. A handful
// of patterns of the generated schema take almost all of that time: the free-text ones
// (no control characters), identifiers, timestamps and media types. For exactly those
// sources the engine answers with a loop over the bytes; every other pattern, and any
// source not spelled exactly as below, is compiled by regexp as before. The loops are held
// to regexp's answer for the same source by a table and a fuzz target
// (regexp_fast_test.go), including on invalid UTF-8, where regexp reads each bad byte as
// U+FFFD.

// schemaRegexpEngine is a jsonschema.RegexpEngine: the byte loop for a recognised
// source, regexp otherwise.
func schemaRegexpEngine(src string) (jsonschema.Regexp, error) {
	if m, ok := fastPatterns[src]; ok {
		return fastRegexp{src: src, match: m}, nil
	}
	return regexp.Compile(src)
}

// fastRegexp is a recognised pattern: String returns the source, which the library puts
// in its error message, so the findings read as they did with regexp.
type fastRegexp struct {
	src   string
	match func(string) bool
}

func (r fastRegexp) String() string            { return r.src }
func (r fastRegexp) MatchString(s string) bool { return r.match(s) }

// fastPatterns maps each recognised source, spelled as in the generated schema, to its
// matcher.
var fastPatterns = map[string]func(string) bool{
	`^\P{Cc}*$`:            func(s string) bool { return reNoControl(s, false) },
	`^(\P{Cc}|[\t\n\r])*$`: func(s string) bool { return reNoControl(s, true) },
	`^[A-Z]{2}$`:           func(s string) bool { return reFixed(s, reUpper, reUpper) },
	`^[A-Z]{3}$`:           func(s string) bool { return reFixed(s, reUpper, reUpper, reUpper) },
	`^[a-z]{2}$`:           func(s string) bool { return reFixed(s, reLower, reLower) },
	`^[0-9a-f]{64}$`:       func(s string) bool { return len(s) == 64 && reAllIn(s, reLowerHex) },
	`^(?:[0-9a-f]{64}|[0-9a-f]{128})$`: func(s string) bool {
		return (len(s) == 64 || len(s) == 128) && reAllIn(s, reLowerHex)
	},
	`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`: reUUID,
	`^V[0-9]+\.[0-9]+\.[0-9]+$`:                                      reVersion,
	`^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$`:                              func(s string) bool { n, ok := reDate(s); return ok && n == len(s) },
	`^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+\-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$`: func(s string) bool {
		return reDateTime(s, 0)
	},
	`^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{6}(Z|[+\-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$`: func(s string) bool {
		return reDateTime(s, 6)
	},
	`^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+/][AQgw]==)$`:                                                    reCanonicalBase64,
	`^[A-Za-z0-9][A-Za-z0-9!#$&\-\^_.+]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&\-\^_.+]{0,126}(; ?[A-Za-z0-9!#$&\-\^_.+]{1,127}=[A-Za-z0-9!#$&\-\^_.+]{1,127})*$`: reMediaType,
}

// reNoControl reports whether s holds no character of the Unicode category Cc (U+0000–U+001F,
// U+007F–U+009F), tab, line feed and carriage return excepted when tnr is set. In UTF-8
// the C1 controls are exactly the two-byte sequences 0xC2 0x80–0x9F, and 0xC2 never
// continues another sequence, so bytes are enough; a byte that is not valid UTF-8 is
// U+FFFD to regexp, which is not a control.
func reNoControl(s string, tnr bool) bool {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20:
			if !tnr || (b != '\t' && b != '\n' && b != '\r') {
				return false
			}
		case b == 0x7f:
			return false
		case b == 0xc2:
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return false
			}
		}
	}
	return true
}

// A byte class, as a 256-bit set.
type reClass [4]uint64

func (c *reClass) has(b byte) bool { return c[b>>6]&(1<<(b&63)) != 0 }

func reClassOf(ranges ...string) *reClass {
	var c reClass
	for _, r := range ranges {
		lo, hi := r[0], r[len(r)-1] // "a" is one byte, "az" a range
		for b := int(lo); b <= int(hi); b++ {
			c[b>>6] |= 1 << (b & 63)
		}
	}
	return &c
}

var (
	reUpper    = reClassOf("AZ")
	reLower    = reClassOf("az")
	reDigit    = reClassOf("09")
	reLowerHex = reClassOf("09", "af")
	reAlnum    = reClassOf("AZ", "az", "09")
	// reMediaTok is the class [A-Za-z0-9!#$&\-\^_.+] of the media-type pattern.
	reBase64   = reClassOf("AZ", "az", "09", "+", "/")
	reMediaTok = reClassOf("AZ", "az", "09", "!", "#", "$", "&", "-", "^", "_", ".", "+")
)

func reAllIn(s string, c *reClass) bool {
	for i := 0; i < len(s); i++ {
		if !c.has(s[i]) {
			return false
		}
	}
	return true
}

// reFixed reports whether s is exactly one byte of each class in turn.
func reFixed(s string, cs ...*reClass) bool {
	if len(s) != len(cs) {
		return false
	}
	for i, c := range cs {
		if !c.has(s[i]) {
			return false
		}
	}
	return true
}

func reUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if s[i] != '-' {
				return false
			}
		} else if !reLowerHex.has(s[i]) {
			return false
		}
	}
	return true
}

// reDigits returns the length of the run of ASCII digits at the start of s.
func reDigits(s string) int {
	n := 0
	for n < len(s) && reDigit.has(s[n]) {
		n++
	}
	return n
}

func reVersion(s string) bool {
	if len(s) == 0 || s[0] != 'V' {
		return false
	}
	s = s[1:]
	for part := 0; part < 3; part++ {
		n := reDigits(s)
		if n == 0 {
			return false
		}
		s = s[n:]
		if part < 2 {
			if len(s) == 0 || s[0] != '.' {
				return false
			}
			s = s[1:]
		}
	}
	return len(s) == 0
}

// reDate matches [1-9][0-9]{3}-[0-9]{2}-[0-9]{2} at the start of s and returns its length.
func reDate(s string) (int, bool) {
	if len(s) < 10 || s[0] < '1' || s[0] > '9' || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	for _, i := range [...]int{1, 2, 3, 5, 6, 8, 9} {
		if !reDigit.has(s[i]) {
			return 0, false
		}
	}
	return 10, true
}

// reDateTime matches the two timestamp patterns: a date, T, ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9],
// a fraction — (\.[0-9]+)? when frac is 0, exactly \.[0-9]{frac} otherwise — and a zone
// (Z|[+\-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)).
func reDateTime(s string, frac int) bool {
	n, ok := reDate(s)
	if !ok {
		return false
	}
	s = s[n:]
	if len(s) < 9 || s[0] != 'T' || s[3] != ':' || s[6] != ':' ||
		!reHour(s[1], s[2]) || !reSixty(s[4], s[5]) || !reSixty(s[7], s[8]) {
		return false
	}
	s = s[9:]
	if len(s) > 0 && s[0] == '.' {
		d := reDigits(s[1:])
		if d == 0 || (frac > 0 && d != frac) {
			return false
		}
		s = s[1+d:]
	} else if frac > 0 {
		return false
	}
	switch {
	case s == "Z":
		return true
	case len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':':
		return false
	case s[1:] == "14:00":
		return true
	}
	zh := (s[1] == '0' && reDigit.has(s[2])) || (s[1] == '1' && s[2] >= '0' && s[2] <= '3')
	return zh && reSixty(s[4], s[5])
}

// reHour is ([01][0-9]|2[0-3]); reSixty is [0-5][0-9].
func reHour(a, b byte) bool {
	return ((a == '0' || a == '1') && reDigit.has(b)) || (a == '2' && b >= '0' && b <= '3')
}

func reSixty(a, b byte) bool { return a >= '0' && a <= '5' && reDigit.has(b) }

// reToken returns the length of the run of media-type token bytes at the start of s.
func reToken(s string) int {
	n := 0
	for n < len(s) && reMediaTok.has(s[n]) {
		n++
	}
	return n
}

// reMediaType matches type/subtype with parameters:
// [A-Za-z0-9]T{0,126}/[A-Za-z0-9]T{0,126}(; ?T{1,127}=T{1,127})* with T the token class.
// T holds none of '/', ';', ' ' and '=', so each run ends exactly where the next
// separator is, and reading runs greedily decides the match.
func reMediaType(s string) bool {
	for part := 0; part < 2; part++ {
		n := reToken(s)
		if n == 0 || n > 127 || !reAlnum.has(s[0]) {
			return false
		}
		s = s[n:]
		if part == 0 {
			if len(s) == 0 || s[0] != '/' {
				return false
			}
			s = s[1:]
		}
	}
	for len(s) > 0 {
		if s[0] != ';' {
			return false
		}
		s = s[1:]
		if len(s) > 0 && s[0] == ' ' {
			s = s[1:]
		}
		for part := 0; part < 2; part++ {
			n := reToken(s)
			if n == 0 || n > 127 {
				return false
			}
			s = s[n:]
			if part == 0 {
				if len(s) == 0 || s[0] != '=' {
					return false
				}
				s = s[1:]
			}
		}
	}
	return true
}

// reBase64 is canonical padded base64: groups of four from the standard alphabet, the
// last one possibly padded, with the bits the padding leaves unused at zero. An inline
// document is megabytes of it, which regexp's general matcher reads at about 6 MB/s.
func reCanonicalBase64(s string) bool {
	if len(s) == 0 || len(s)%4 != 0 {
		return false
	}
	last := s[len(s)-4:]
	if !reAllIn(s[:len(s)-4], reBase64) {
		return false
	}
	switch {
	case last[3] != '=':
		return reAllIn(last, reBase64)
	case last[2] != '=':
		return reBase64.has(last[0]) && reBase64.has(last[1]) && strings.IndexByte("AEIMQUYcgkosw048", last[2]) >= 0
	default:
		return reBase64.has(last[0]) && strings.IndexByte("AQgw", last[1]) >= 0
	}
}
