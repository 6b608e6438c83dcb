package strictjson

import (
	"unicode/utf16"
	"unicode/utf8"
)

// str reads the string starting at the '"' at c.i and returns its
// contents. It refuses control characters, invalid escapes, invalid UTF-8
// and escapes that leave a surrogate unpaired: "\ud800" decodes to U+FFFD
// in encoding/json, so two different messages would mean the same thing
// (and the same signature would cover both).
func (c *checker) str() (span, error) {
	c.i++
	s := span{start: int32(c.i)}
	data := c.data
	for i := c.i; i < len(data); {
		b := data[i]
		switch {
		case b == '"':
			s.end = int32(i)
			c.i = i + 1
			return s, nil
		case b == '\\':
			s.escaped = true
			n, err := c.escape(i)
			if err != nil {
				return s, err
			}
			i += n
		case b < 0x20:
			return s, c.fail(ErrSyntax, i, "control character U+%04X in a string: write it as an escape such as \\u%04x", b, b)
		case b < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				return s, c.fail(ErrInvalidUTF8, i, "invalid UTF-8 in a string: a message must be UTF-8 (RFC 8259 §8.1)")
			}
			i += n
		}
	}
	return s, c.fail(ErrSyntax, len(data), "the message ends inside a string")
}

// escape checks the escape sequence at data[i] (a backslash) and returns
// its length.
func (c *checker) escape(i int) (int, error) {
	data := c.data
	if i+1 >= len(data) {
		return 0, c.fail(ErrSyntax, len(data), "the message ends inside a string")
	}
	switch data[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
	default:
		return 0, c.fail(ErrSyntax, i, "invalid escape \\%s in a string", string(rune(data[i+1])))
	}
	r, ok := hex4(data, i+2)
	if !ok {
		return 0, c.fail(ErrSyntax, i, "invalid \\u escape: expected four hexadecimal digits")
	}
	switch {
	case !utf16.IsSurrogate(r):
		return 6, nil
	case r >= 0xDC00:
		return 0, c.fail(ErrLoneSurrogate, i, "the escape \\u%04x is a low surrogate without a high surrogate before it", r)
	}
	if i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
		if lo, ok := hex4(data, i+8); ok && lo >= 0xDC00 && lo <= 0xDFFF {
			return 12, nil
		}
	}
	return 0, c.fail(ErrLoneSurrogate, i, "the escape \\u%04x is a high surrogate not followed by a low surrogate escape", r)
}

func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, b := range data[i : i+4] {
		switch {
		case b >= '0' && b <= '9':
			b -= '0'
		case b >= 'a' && b <= 'f':
			b -= 'a' - 10
		case b >= 'A' && b <= 'F':
			b -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(b)
	}
	return r, true
}

// unescape returns the decoded contents of a string already checked by
// str, using scratch buffer k; unescaped strings are returned in place.
func (c *checker) unescape(s span, k int) []byte {
	raw := c.data[s.start:s.end]
	if !s.escaped {
		return raw
	}
	out := c.scratch[k][:0]
	for i := 0; i < len(raw); {
		if raw[i] != '\\' {
			out = append(out, raw[i])
			i++
			continue
		}
		switch e := raw[i+1]; e {
		case 'u':
			r, _ := hex4(raw, i+2)
			i += 6
			if utf16.IsSurrogate(r) {
				lo, _ := hex4(raw, i+2)
				r = utf16.DecodeRune(r, lo)
				i += 6
			}
			out = utf8.AppendRune(out, r)
		default:
			out = append(out, unescapeByte[e])
			i += 2
		}
	}
	c.scratch[k] = out
	return out
}

var unescapeByte = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
