package jws

import (
	"strconv"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// The strict scanner as it was before names were compared without building
// strings: the oracle of FuzzCheckJSONMatchesOld.

func oldCheckJSON(b []byte, lim Limits) error {
	if len(b) > lim.maxBytes() {
		return invalid("JSON of %d bytes exceeds the limit of %d", len(b), lim.maxBytes())
	}
	s := &oldStrictScanner{b: b, maxDepth: lim.maxDepth()}
	if err := s.value(0); err != nil {
		return err
	}
	s.space()
	if s.i != len(s.b) {
		return s.fail("data after the JSON value")
	}
	return nil
}

type oldStrictScanner struct {
	b        []byte
	i        int
	maxDepth int
}

func (s *oldStrictScanner) fail(msg string) error {
	return invalid("JSON at offset %d: %s", s.i, msg)
}

func (s *oldStrictScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *oldStrictScanner) value(depth int) error {
	s.space()
	if s.i >= len(s.b) {
		return s.fail("unexpected end of input")
	}
	switch c := s.b[s.i]; {
	case c == '{' || c == '[':
		if depth >= s.maxDepth {
			return s.fail("nesting exceeds the limit of " + strconv.Itoa(s.maxDepth))
		}
		if c == '{' {
			return s.object(depth + 1)
		}
		return s.array(depth + 1)
	case c == '"':
		_, err := s.str()
		return err
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	default:
		for _, lit := range []string{"true", "false", "null"} {
			if len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit {
				s.i += len(lit)
				return nil
			}
		}
		return s.fail("invalid value")
	}
}

func (s *oldStrictScanner) object(depth int) error {
	s.i++ // '{'
	seen := map[string]bool{}
	s.space()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		return nil
	}
	for {
		s.space()
		if s.i >= len(s.b) || s.b[s.i] != '"' {
			return s.fail("expected a member name")
		}
		name, err := s.str()
		if err != nil {
			return err
		}
		if seen[name] {
			return s.fail("duplicate member name " + strconv.Quote(name))
		}
		seen[name] = true
		s.space()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return s.fail("expected ':'")
		}
		s.i++
		if err := s.value(depth); err != nil {
			return err
		}
		s.space()
		if s.i >= len(s.b) {
			return s.fail("unexpected end of object")
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			return nil
		default:
			return s.fail("expected ',' or '}'")
		}
	}
}

func (s *oldStrictScanner) array(depth int) error {
	s.i++ // '['
	s.space()
	if s.i < len(s.b) && s.b[s.i] == ']' {
		s.i++
		return nil
	}
	for {
		if err := s.value(depth); err != nil {
			return err
		}
		s.space()
		if s.i >= len(s.b) {
			return s.fail("unexpected end of array")
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			return nil
		default:
			return s.fail("expected ',' or ']'")
		}
	}
}

// str reads a string and returns it unescaped.
func (s *oldStrictScanner) str() (string, error) {
	s.i++ // '"'
	var out []byte
	for {
		if s.i >= len(s.b) {
			return "", s.fail("unterminated string")
		}
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return string(out), nil
		case c < 0x20:
			return "", s.fail("control character in string")
		case c == '\\':
			r, err := s.escape()
			if err != nil {
				return "", err
			}
			out = utf8.AppendRune(out, r)
		case c < utf8.RuneSelf:
			out = append(out, c)
			s.i++
		default:
			r, n := utf8.DecodeRune(s.b[s.i:])
			if r == utf8.RuneError && n == 1 {
				return "", s.fail("invalid UTF-8")
			}
			out = append(out, s.b[s.i:s.i+n]...)
			s.i += n
		}
	}
}

// escape reads one escape sequence, pairing \uD8xx\uDCxx surrogates.
func (s *oldStrictScanner) escape() (rune, error) {
	if s.i+1 >= len(s.b) {
		return 0, s.fail("unterminated escape")
	}
	c := s.b[s.i+1]
	s.i += 2
	switch c {
	case '"', '\\', '/':
		return rune(c), nil
	case 'b':
		return '\b', nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'u':
		r, err := s.hex4()
		if err != nil {
			return 0, err
		}
		if !utf16.IsSurrogate(r) {
			return r, nil
		}
		if r >= 0xDC00 || s.i+1 >= len(s.b) || s.b[s.i] != '\\' || s.b[s.i+1] != 'u' {
			return 0, s.fail("lone surrogate")
		}
		s.i += 2
		r2, err := s.hex4()
		if err != nil {
			return 0, err
		}
		if r2 < 0xDC00 || r2 > 0xDFFF {
			return 0, s.fail("lone surrogate")
		}
		return utf16.DecodeRune(r, r2), nil
	}
	return 0, s.fail("invalid escape")
}

func (s *oldStrictScanner) hex4() (rune, error) {
	if s.i+4 > len(s.b) {
		return 0, s.fail("short \\u escape")
	}
	v, err := strconv.ParseUint(string(s.b[s.i:s.i+4]), 16, 32)
	if err != nil {
		return 0, s.fail("invalid \\u escape")
	}
	s.i += 4
	return rune(v), nil
}

// number reads a number per the RFC 8259 grammar and refuses integers that
// a double cannot hold exactly.
func (s *oldStrictScanner) number() error {
	start := s.i
	if s.b[s.i] == '-' {
		s.i++
	}
	digits := s.i
	switch {
	case s.i < len(s.b) && s.b[s.i] == '0':
		s.i++
	case s.i < len(s.b) && s.b[s.i] >= '1' && s.b[s.i] <= '9':
		s.digits()
	default:
		return s.fail("invalid number")
	}
	intEnd := s.i
	integer := true
	if s.i < len(s.b) && s.b[s.i] == '.' {
		integer = false
		s.i++
		if s.digits() == 0 {
			return s.fail("invalid number")
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		integer = false
		s.i++
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		if s.digits() == 0 {
			return s.fail("invalid number")
		}
	}
	if integer {
		if n, err := strconv.ParseUint(string(s.b[digits:intEnd]), 10, 64); err != nil || n > maxSafeInteger {
			s.i = start
			return s.fail("integer beyond ±(2^53−1) cannot be signed exactly")
		}
	} else if _, err := strconv.ParseFloat(string(s.b[start:s.i]), 64); err != nil {
		s.i = start
		return s.fail("number out of range")
	}
	return nil
}

func (s *oldStrictScanner) digits() int {
	n := 0
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
		n++
	}
	return n
}

// FuzzCheckJSONMatchesOld holds checkJSON to the scanner it replaced: the same
// verdict and the same message (offset included) for every input.
func FuzzCheckJSONMatchesOld(f *testing.F) {
	for _, s := range []string{
		`{"a":[1,2.5e3,"\u00e9",true,null]}`, `"\ud83d\ude00"`, `{"a":1,"a":2}`, `{"\u0061":1,"a":2}`,
		`{"a":{"b":1,"a":2},"b":{"a":1}}`, `{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"a":18}`,
		`{"x\"y":1,"x\"y":2}`, `{"":1,"":2}`, `{"é":1,"\u00e9":2}`,
	} {
		f.Add([]byte(s))
	}
	f.Add(testMessage(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, want := checkJSON(b, Limits{MaxDepth: 16}), oldCheckJSON(b, Limits{MaxDepth: 16})
		if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
			t.Fatalf("checkJSON(%q) = %v, the old scanner says %v", b, got, want)
		}
	})
}
