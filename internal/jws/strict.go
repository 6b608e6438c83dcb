package jws

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits bound the JSON accepted. The zero value means the defaults.
type Limits struct {
	MaxBytes int // message size; default 16 MiB
	MaxDepth int // nesting of objects and arrays; default 64
}

const (
	defaultMaxBytes = 16 << 20
	defaultMaxDepth = 64
	// maxSafeInteger is 2^53 − 1, the largest integer every JSON reader
	// holds exactly (I-JSON, RFC 7493 §2.2). JCS prints numbers as IEEE
	// doubles, so a larger integer would be signed as a different number.
	maxSafeInteger = 1<<53 - 1
)

func (l Limits) maxBytes() int {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return defaultMaxBytes
}

func (l Limits) maxDepth() int {
	if l.MaxDepth > 0 {
		return l.MaxDepth
	}
	return defaultMaxDepth
}

// checkJSON accepts exactly one JSON value (RFC 8259) that is also safe to
// canonicalize with JCS and to read with any JSON library: no duplicate
// member names (after unescaping), no lone surrogates, valid UTF-8, no
// integer beyond ±(2^53 − 1), nesting and size within limits, nothing but
// whitespace after the value. encoding/json would silently keep the last
// duplicate and replace bad text with U+FFFD, so it cannot be the judge.
func checkJSON(b []byte, lim Limits) error {
	if len(b) > lim.maxBytes() {
		return invalid("JSON of %d bytes exceeds the limit of %d", len(b), lim.maxBytes())
	}
	s := &strictScanner{b: b, maxDepth: lim.maxDepth()}
	if err := s.value(0); err != nil {
		return err
	}
	s.space()
	if s.i != len(s.b) {
		return s.fail("data after the JSON value")
	}
	return nil
}

type strictScanner struct {
	b        []byte
	i        int
	maxDepth int
	names    [][]byte // member names of the objects being read, innermost last
}

func (s *strictScanner) fail(msg string) error {
	return invalid("JSON at offset %d: %s", s.i, msg)
}

func (s *strictScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *strictScanner) value(depth int) error {
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

func (s *strictScanner) object(depth int) error {
	s.i++ // '{'
	base := len(s.names)
	defer func() { s.names = s.names[:base] }()
	var seen map[string]bool // for large objects only; small ones are searched in s.names
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
		if s.duplicate(name, base, &seen) {
			return s.fail("duplicate member name " + strconv.Quote(string(name)))
		}
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

// maxLinearNames is the member count up to which duplicates are found by
// comparing with each earlier name: for the small objects of a message that
// is cheaper than a map, which a large object gets.
const maxLinearNames = 16

// duplicate records name, unescaped, as a member of the object whose names
// start at s.names[base], and reports whether the object already had it.
func (s *strictScanner) duplicate(name []byte, base int, seen *map[string]bool) bool {
	names := s.names[base:]
	if *seen == nil && len(names) < maxLinearNames {
		for _, n := range names {
			if string(n) == string(name) {
				return true
			}
		}
		s.names = append(s.names, name)
		return false
	}
	if *seen == nil {
		*seen = make(map[string]bool, 2*len(names))
		for _, n := range names {
			(*seen)[string(n)] = true
		}
	}
	if (*seen)[string(name)] {
		return true
	}
	(*seen)[string(name)] = true
	s.names = append(s.names, name)
	return false
}

func (s *strictScanner) array(depth int) error {
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

// str reads a string and returns it unescaped: a slice of the input when it
// holds no escape, so that a string is copied only when it must be.
func (s *strictScanner) str() ([]byte, error) {
	s.i++ // '"'
	start := s.i
	var out []byte // the unescaped string, once an escape has been met
	for {
		if s.i >= len(s.b) {
			return nil, s.fail("unterminated string")
		}
		c := s.b[s.i]
		switch {
		case c == '"':
			if out == nil {
				out = s.b[start:s.i:s.i]
			}
			s.i++
			return out, nil
		case c < 0x20:
			return nil, s.fail("control character in string")
		case c == '\\':
			if out == nil {
				out = append(make([]byte, 0, s.i-start+16), s.b[start:s.i]...)
			}
			r, err := s.escape()
			if err != nil {
				return nil, err
			}
			out = utf8.AppendRune(out, r)
		case c < utf8.RuneSelf:
			if out != nil {
				out = append(out, c)
			}
			s.i++
		default:
			r, n := utf8.DecodeRune(s.b[s.i:])
			if r == utf8.RuneError && n == 1 {
				return nil, s.fail("invalid UTF-8")
			}
			if out != nil {
				out = append(out, s.b[s.i:s.i+n]...)
			}
			s.i += n
		}
	}
}

// escape reads one escape sequence, pairing \uD8xx\uDCxx surrogates.
func (s *strictScanner) escape() (rune, error) {
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

func (s *strictScanner) hex4() (rune, error) {
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
func (s *strictScanner) number() error {
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

func (s *strictScanner) digits() int {
	n := 0
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
		n++
	}
	return n
}
