package jws

import (
	"bytes"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// The RFC 8785 (JCS) canonicaliser. It reads JSON that checkJSON has accepted — one value,
// valid UTF-8, no lone surrogate, no duplicate member name, every number within float64 —
// and writes its canonical form in one pass over the bytes, without building a tree of
// interface values:
//
//   - whitespace between tokens is dropped;
//   - the members of each object are sorted by their names compared as UTF-16 code units
//     (§3.2.3), names compared after unescaping;
//   - strings are written with the fewest escapes (§3.2.2.2): \" and \\, the two-letter
//     escapes \b \t \n \f \r, \u00xx with lowercase hex for the other controls below U+0020,
//     and every other character as itself in UTF-8;
//   - numbers are written as ECMAScript's Number.prototype.toString writes the double they
//     denote (§3.2.2.3);
//   - true, false and null are copied.
//
// gowebpki/jcs, which parses into interface values and prints them again, is the oracle
// of the tests (canonical_test.go) and of FuzzCanonicalJSON.

// canonicalizer holds the input and the scratch space reused across objects.
type canonicalizer struct {
	b       []byte
	i       int
	members []canonMember // the members of the objects being written, innermost last
	scratch []byte        // an object's members, while they are put in order
	unesc   []byte        // strings that needed unescaping
}

// canonMember is one member written out: its name, unescaped, and the span of dst that
// holds `"name":value`.
type canonMember struct {
	name       []byte
	start, end int
}

// canonicalJSON returns the RFC 8785 form of b, which checkJSON must have accepted.
func canonicalJSON(b []byte) ([]byte, error) {
	c := &canonicalizer{b: b}
	out, err := c.value(make([]byte, 0, len(b)))
	if err != nil {
		return nil, err
	}
	return out, nil
}

// canonicalMessage is canonicalJSON for a message: b must be an object. The member named
// omit is left out of the canonical form; its value is returned as it is in b (nil when
// there is none), with at, the offset in out where a member of that name would go.
func canonicalMessage(b []byte, omit string) (out, omitted []byte, at int, err error) {
	c := &canonicalizer{b: b}
	c.space()
	if c.i >= len(c.b) || c.b[c.i] != '{' {
		return nil, nil, 0, invalid("message is not a JSON object")
	}
	out = make([]byte, 0, len(b)+len(b)/8)
	out, omitted, at, err = c.object(out, []byte(omit))
	if err != nil {
		return nil, nil, 0, err
	}
	return out, omitted, at, nil
}

// insertMember returns obj, a canonical object whose members sort name at the offset at
// (as canonicalMessage reports it), with the member name: value added there. value must be
// canonical and name need no escaping.
func insertMember(obj []byte, at int, name string, value []byte) []byte {
	out := make([]byte, 0, len(obj)+len(name)+len(value)+4)
	out = append(out, obj[:at]...)
	if at == len(obj)-1 && len(obj) > 2 { // after the last member
		out = append(out, ',')
	}
	out = append(out, '"')
	out = append(out, name...)
	out = append(out, '"', ':')
	out = append(out, value...)
	if at < len(obj)-1 { // before a member
		out = append(out, ',')
	}
	return append(out, obj[at:]...)
}

func (c *canonicalizer) space() {
	for c.i < len(c.b) {
		switch c.b[c.i] {
		case ' ', '\t', '\n', '\r':
			c.i++
		default:
			return
		}
	}
}

// errNotChecked reports input that checkJSON would have refused: a caller's mistake.
func (c *canonicalizer) errNotChecked() error {
	return invalid("cannot canonicalize JSON: unexpected input at byte %d", c.i)
}

func (c *canonicalizer) value(dst []byte) ([]byte, error) {
	c.space()
	if c.i >= len(c.b) {
		return nil, c.errNotChecked()
	}
	switch c.b[c.i] {
	case '{':
		dst, _, _, err := c.object(dst, nil)
		return dst, err
	case '[':
		return c.array(dst)
	case '"':
		s, err := c.str()
		if err != nil {
			return nil, err
		}
		return appendCanonicalString(dst, s), nil
	case 't':
		return c.literal(dst, "true")
	case 'f':
		return c.literal(dst, "false")
	case 'n':
		return c.literal(dst, "null")
	}
	return c.number(dst)
}

func (c *canonicalizer) literal(dst []byte, lit string) ([]byte, error) {
	if !bytes.HasPrefix(c.b[c.i:], []byte(lit)) {
		return nil, c.errNotChecked()
	}
	c.i += len(lit)
	return append(dst, lit...), nil
}

// object writes the object at c.i. With omit set, the member of that name is not written;
// its raw value and the offset where it would sort are returned.
func (c *canonicalizer) object(dst []byte, omit []byte) (_ []byte, omitted []byte, at int, err error) {
	c.i++ // '{'
	start := len(dst)
	base := len(c.members)
	defer func() { c.members = c.members[:base] }()
	c.space()
	for c.i < len(c.b) && c.b[c.i] != '}' {
		if c.b[c.i] != '"' {
			return nil, nil, 0, c.errNotChecked()
		}
		name, err := c.str()
		if err != nil {
			return nil, nil, 0, err
		}
		c.space()
		if c.i >= len(c.b) || c.b[c.i] != ':' {
			return nil, nil, 0, c.errNotChecked()
		}
		c.i++
		if omit != nil && bytes.Equal(name, omit) {
			c.space()
			from := c.i
			// Written past the end of dst and dropped: the walk finds the value's end.
			if _, err := c.value(dst[len(dst):]); err != nil {
				return nil, nil, 0, err
			}
			omitted = c.b[from:c.i]
		} else {
			m := canonMember{name: name, start: len(dst)}
			dst = appendCanonicalString(dst, name)
			dst = append(dst, ':')
			if dst, err = c.value(dst); err != nil {
				return nil, nil, 0, err
			}
			m.end = len(dst)
			c.members = append(c.members, m)
		}
		c.space()
		if c.i < len(c.b) && c.b[c.i] == ',' {
			c.i++
			c.space()
			if c.i < len(c.b) && c.b[c.i] == '}' {
				return nil, nil, 0, c.errNotChecked() // trailing comma
			}
		} else if c.i >= len(c.b) || c.b[c.i] != '}' {
			return nil, nil, 0, c.errNotChecked()
		}
	}
	if c.i >= len(c.b) {
		return nil, nil, 0, c.errNotChecked()
	}
	c.i++ // '}'
	ms := c.members[base:]
	if !slices.IsSortedFunc(ms, compareMembers) {
		slices.SortStableFunc(ms, compareMembers)
	}
	// Lay the members out again, in order and with commas, through the scratch buffer.
	c.scratch = append(c.scratch[:0], dst[start:]...)
	dst = append(dst[:start], '{')
	at = -1
	for k, m := range ms {
		if k > 0 {
			dst = append(dst, ',')
		}
		if omit != nil && at < 0 && compareUTF16(omit, m.name) < 0 {
			at = len(dst)
		}
		dst = append(dst, c.scratch[m.start-start:m.end-start]...)
	}
	if at < 0 {
		at = len(dst)
	}
	return append(dst, '}'), omitted, at - start, nil
}

func compareMembers(a, b canonMember) int { return compareUTF16(a.name, b.name) }

// compareUTF16 orders two UTF-8 strings as their UTF-16 encodings: by code point, except
// that a character beyond U+FFFF, written as a surrogate pair from 0xD800, sorts before
// U+E000–U+FFFF.
func compareUTF16(a, b []byte) int {
	for len(a) > 0 && len(b) > 0 {
		ra, na := utf8.DecodeRune(a)
		rb, nb := utf8.DecodeRune(b)
		if ra != rb {
			if ra > 0xffff && rb > 0xffff {
				return int(ra - rb) // surrogate pairs keep code point order
			}
			return int(utf16Key(ra) - utf16Key(rb))
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

// utf16Key is a rune's position in UTF-16 order: its code point, or for a rune beyond
// U+FFFF its high surrogate, above U+D7FF and below U+E000.
func utf16Key(r rune) rune {
	if r > 0xffff {
		return 0xd800 + (r-0x10000)>>10 // its high surrogate
	}
	return r
}

func (c *canonicalizer) array(dst []byte) ([]byte, error) {
	c.i++ // '['
	dst = append(dst, '[')
	for first := true; ; first = false {
		c.space()
		if c.i >= len(c.b) {
			return nil, c.errNotChecked()
		}
		if c.b[c.i] == ']' {
			c.i++
			return append(dst, ']'), nil
		}
		if !first {
			if c.b[c.i] != ',' {
				return nil, c.errNotChecked()
			}
			c.i++
			dst = append(dst, ',')
		}
		var err error
		if dst, err = c.value(dst); err != nil {
			return nil, err
		}
	}
}

// str reads the string at c.i and returns its value: a slice of the input when it has no
// escape, else the unescaped bytes.
func (c *canonicalizer) str() ([]byte, error) {
	c.i++ // '"'
	start := c.i
	for c.i < len(c.b) {
		switch c.b[c.i] {
		case '"':
			s := c.b[start:c.i]
			c.i++
			return s, nil
		case '\\':
			return c.unescape(start)
		}
		c.i++
	}
	return nil, c.errNotChecked()
}

// unescape finishes a string that holds an escape, from its first byte at start.
func (c *canonicalizer) unescape(start int) ([]byte, error) {
	from := len(c.unesc)
	out := append(c.unesc, c.b[start:c.i]...)
	for c.i < len(c.b) {
		switch ch := c.b[c.i]; ch {
		case '"':
			c.i++
			c.unesc = out
			// Later appends may move c.unesc; the full slice expression keeps this
			// value apart from them.
			return out[from:len(out):len(out)], nil
		case '\\':
			if c.i+1 >= len(c.b) {
				return nil, c.errNotChecked()
			}
			e := c.b[c.i+1]
			c.i += 2
			switch e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := c.hex4()
				if !ok {
					return nil, c.errNotChecked()
				}
				if utf16.IsSurrogate(r) {
					if c.i+1 >= len(c.b) || c.b[c.i] != '\\' || c.b[c.i+1] != 'u' {
						return nil, c.errNotChecked()
					}
					c.i += 2
					lo, ok := c.hex4()
					if r = utf16.DecodeRune(r, lo); !ok || r == utf8.RuneError {
						return nil, c.errNotChecked()
					}
				}
				out = utf8.AppendRune(out, r)
			default:
				return nil, c.errNotChecked()
			}
		default:
			out = append(out, ch)
			c.i++
		}
	}
	return nil, c.errNotChecked()
}

func (c *canonicalizer) hex4() (rune, bool) {
	if c.i+4 > len(c.b) {
		return 0, false
	}
	var r rune
	for _, h := range c.b[c.i : c.i+4] {
		switch {
		case h >= '0' && h <= '9':
			r = r<<4 | rune(h-'0')
		case h >= 'a' && h <= 'f':
			r = r<<4 | rune(h-'a'+10)
		case h >= 'A' && h <= 'F':
			r = r<<4 | rune(h-'A'+10)
		default:
			return 0, false
		}
	}
	c.i += 4
	return r, true
}

const hexDigits = "0123456789abcdef"

// appendCanonicalString writes s, valid UTF-8, as a JSON string with the escapes of
// RFC 8785 §3.2.2.2.
func appendCanonicalString(dst, s []byte) []byte {
	dst = append(dst, '"')
	run := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 0x20 && ch != '"' && ch != '\\' {
			continue
		}
		dst = append(dst, s[run:i]...)
		run = i + 1
		switch ch {
		case '"', '\\':
			dst = append(dst, '\\', ch)
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[ch>>4], hexDigits[ch&0xf])
		}
	}
	dst = append(dst, s[run:]...)
	return append(dst, '"')
}
