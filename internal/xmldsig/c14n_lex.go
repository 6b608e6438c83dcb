package xmldsig

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// Byte-level pieces of the canonicalizer: references, line ends and the
// two escaping rules of Canonical XML (§2.3 of W3C Canonical XML 1.0, which
// exclusive C14N inherits).

// c14nError is a canonicalization failure at a byte offset of the input.
func c14nError(off int, what string) error {
	return invalid("cannot canonicalize document: %s at byte %d", what, off)
}

// isSpace reports the XML white space characters (production S).
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isXMLChar reports whether r may appear in an XML 1.0 document (production
// Char), so a character reference to anything else is refused.
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// appendRef decodes the reference at s[0] == '&' (one of the five predefined
// entities or a character reference), appends its character to dst and
// returns the number of input bytes used, or 0 if it is not a valid one.
// The document has no DOCTYPE, so no other entity can exist.
func appendRef(dst, s []byte) ([]byte, int) {
	end := bytes.IndexByte(s, ';')
	if end < 2 {
		return dst, 0
	}
	name := s[1:end]
	switch string(name) {
	case "amp":
		return append(dst, '&'), end + 1
	case "lt":
		return append(dst, '<'), end + 1
	case "gt":
		return append(dst, '>'), end + 1
	case "quot":
		return append(dst, '"'), end + 1
	case "apos":
		return append(dst, '\''), end + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return dst, 0
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return dst, 0
	}
	var r rune
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return dst, 0
		}
		if r = r*base + d; r > utf8.MaxRune {
			return dst, 0
		}
	}
	if !isXMLChar(r) {
		return dst, 0
	}
	return utf8.AppendRune(dst, r), end + 1
}

// appendText decodes raw character data (between tags): references are
// replaced and line ends normalized (CR LF and lone CR become LF, XML 1.0
// §2.11). It returns false on a malformed reference or a '<'.
func appendText(dst, raw []byte) ([]byte, bool) {
	for len(raw) > 0 {
		i := indexIn(raw, &textSpecial)
		if i < 0 {
			return append(dst, raw...), true
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		switch raw[0] {
		case '&':
			var n int
			if dst, n = appendRef(dst, raw); n == 0 {
				return dst, false
			}
			raw = raw[n:]
		case '\r':
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
		default:
			return dst, false
		}
	}
	return dst, true
}

// appendCDATA appends the content of a CDATA section with line ends
// normalized; nothing else is special inside it.
func appendCDATA(dst, raw []byte) []byte {
	for {
		i := bytes.IndexByte(raw, '\r')
		if i < 0 {
			return append(dst, raw...)
		}
		dst = append(append(dst, raw[:i]...), '\n')
		raw = raw[i+1:]
		if len(raw) > 0 && raw[0] == '\n' {
			raw = raw[1:]
		}
	}
}

// appendAttrValue decodes a raw attribute value and applies attribute-value
// normalization for CDATA attributes (XML 1.0 §3.3.3; without a DTD every
// attribute is CDATA): each literal TAB, LF, CR or CR LF becomes one space,
// while the same characters written as references are kept.
func appendAttrValue(dst, raw []byte) ([]byte, bool) {
	for len(raw) > 0 {
		i := indexIn(raw, &attrSpecial)
		if i < 0 {
			return append(dst, raw...), true
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		switch raw[0] {
		case '&':
			var n int
			if dst, n = appendRef(dst, raw); n == 0 {
				return dst, false
			}
			raw = raw[n:]
		case '\r':
			dst = append(dst, ' ')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
		case '\t', '\n':
			dst = append(dst, ' ')
			raw = raw[1:]
		default:
			return dst, false
		}
	}
	return dst, true
}

// escapeText appends text in canonical form: & < > and CR escaped.
func escapeText(dst, s []byte) []byte {
	for {
		i := indexIn(s, &textEscaped)
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		switch s[i] {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '\r':
			dst = append(dst, "&#xD;"...)
		}
		s = s[i+1:]
	}
}

// escapeAttr appends an attribute value in canonical form: & < " and the
// white space characters that normalization would otherwise turn into
// spaces, as character references.
func escapeAttr(dst, s []byte) []byte {
	for {
		i := indexIn(s, &attrEscaped)
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		switch s[i] {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '"':
			dst = append(dst, "&quot;"...)
		case '\t':
			dst = append(dst, "&#x9;"...)
		case '\n':
			dst = append(dst, "&#xA;"...)
		case '\r':
			dst = append(dst, "&#xD;"...)
		}
		s = s[i+1:]
	}
}

// nameEnd returns the length of the name at the start of s: the bytes up
// to white space or one of / > = ? (encoding/xml has checked the name's
// characters already).
func nameEnd(s []byte) int {
	for i, c := range s {
		switch c {
		case ' ', '\t', '\n', '\r', '/', '>', '=', '?':
			return i
		}
	}
	return len(s)
}

// splitQName splits a qualified name at its colon. It reports false for a
// name that is not a QName of Namespaces in XML 1.0 (an empty part or a
// second colon).
func splitQName(q []byte) (prefix, local []byte, ok bool) {
	i := bytes.IndexByte(q, ':')
	if i < 0 {
		return nil, q, len(q) > 0
	}
	prefix, local = q[:i], q[i+1:]
	return prefix, local, len(prefix) > 0 && len(local) > 0 && bytes.IndexByte(local, ':') < 0
}

func skipSpace(s []byte, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// checkName checks a name (production Name of XML 1.0) made of ASCII
// characters. A name with other characters is left to encoding/xml, which
// knows the Unicode classes: the pass no longer vouches for the document.
func (c *c14n) checkName(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	for i, b := range s {
		switch {
		case b >= 0x80:
			c.res.vouched = false
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b == '_', b == ':':
		case i > 0 && (b >= '0' && b <= '9' || b == '.' || b == '-'):
		default:
			return false
		}
	}
	return true
}

// validChars reports whether doc is valid UTF-8 made only of characters
// XML allows (production Char). Eight bytes at a time while they are
// printable ASCII, the bulk of any document.
func validChars(doc []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(doc); {
		if i+8 <= len(doc) {
			x := binary.LittleEndian.Uint64(doc[i:])
			// No byte below 0x20 (the borrow trick) and none above 0x7F.
			if ((x-0x20*ones)&^x|x)&highs == 0 {
				i += 8
				continue
			}
		}
		b := doc[i]
		if b < utf8.RuneSelf {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(doc[i:])
		if r == utf8.RuneError && n == 1 || !isXMLChar(r) {
			return false
		}
		i += n
	}
	return true
}

// byteSet is a set of ASCII bytes, for the hot loops that look for the
// next byte needing attention (bytes.IndexAny builds its set on every call).
type byteSet [256]bool

func newByteSet(chars string) (s byteSet) {
	for i := range len(chars) {
		s[chars[i]] = true
	}
	return s
}

var (
	textSpecial = newByteSet("&\r<")       // raw text: references, line ends
	textAny     = newByteSet("&\r<>]")     // raw text that needs more than a copy
	attrSpecial = newByteSet("&\t\n\r<")   // raw attribute values: also normalized white space
	textEscaped = newByteSet("&<>\r")      // canonical text escapes
	attrEscaped = newByteSet("&<\"\t\n\r") // canonical attribute escapes
)

// indexIn returns the index of the first byte of s in set, or -1.
func indexIn(s []byte, set *byteSet) int {
	for i, b := range s {
		if set[b] {
			return i
		}
	}
	return -1
}
