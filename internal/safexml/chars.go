package safexml

// utf8State validates UTF-8 one byte at a time, so that a sequence split
// across two reads is checked like any other. It follows the table of
// well-formed sequences in the Unicode Standard (Table 3-7), which rules
// out overlong forms, surrogates and code points above U+10FFFF.
type utf8State struct {
	need   int  // continuation bytes still expected
	lo, hi byte // allowed range of the next continuation byte
	r      rune // code point decoded so far
}

// checkChar validates b as part of UTF-8 text and refuses characters that
// XML 1.0 §2.2 does not allow anywhere in a document: C0 controls other
// than tab, newline and carriage return, and U+FFFE and U+FFFF.
// Surrogates are already excluded by UTF-8 validity.
func (g *guard) checkChar(b byte) error {
	u := &g.u
	if u.need > 0 {
		if b < u.lo || b > u.hi {
			return g.errHere(ErrInvalidUTF8, "invalid UTF-8 at line %d, column %d (byte offset %d): the document must be UTF-8 or declare its charset", g.line, g.col, g.off-1)
		}
		u.r = u.r<<6 | rune(b&0x3F)
		u.lo, u.hi = 0x80, 0xBF
		u.need--
		if u.need == 0 {
			return g.checkRune(u.r)
		}
		return nil
	}
	switch {
	case b < 0x80:
		if b < 0x20 && !isSpace(b) {
			return g.errHere(ErrSyntax, "control character U+%04X at line %d, column %d is not allowed in XML", b, g.line, g.col)
		}
		return nil
	case b >= 0xC2 && b <= 0xDF:
		u.need, u.lo, u.hi, u.r = 1, 0x80, 0xBF, rune(b&0x1F)
	case b == 0xE0:
		u.need, u.lo, u.hi, u.r = 2, 0xA0, 0xBF, rune(b&0x0F)
	case b == 0xED:
		u.need, u.lo, u.hi, u.r = 2, 0x80, 0x9F, rune(b&0x0F)
	case b >= 0xE1 && b <= 0xEF:
		u.need, u.lo, u.hi, u.r = 2, 0x80, 0xBF, rune(b&0x0F)
	case b == 0xF0:
		u.need, u.lo, u.hi, u.r = 3, 0x90, 0xBF, rune(b&0x07)
	case b >= 0xF1 && b <= 0xF3:
		u.need, u.lo, u.hi, u.r = 3, 0x80, 0xBF, rune(b&0x07)
	case b == 0xF4:
		u.need, u.lo, u.hi, u.r = 3, 0x80, 0x8F, rune(b&0x07)
	default:
		return g.errHere(ErrInvalidUTF8, "invalid UTF-8 at line %d, column %d (byte offset %d): the document must be UTF-8 or declare its charset", g.line, g.col, g.off-1)
	}
	return nil
}

func (g *guard) checkRune(r rune) error {
	switch {
	case r == 0xFFFE || r == 0xFFFF:
		return g.errHere(ErrSyntax, "the non-character U+%04X at line %d, column %d is not allowed in XML", r, g.line, g.col)
	case r == 0xFFFD && g.legacy != "":
		// x/text decoders substitute U+FFFD for bytes the charset does
		// not define. Only GB18030 can encode U+FFFD itself; such a
		// document is refused too, which is the safe side.
		return g.errHere(ErrCharset, "a byte at line %d, column %d is not valid in the declared charset %s: fix the declaration or re-encode the document as UTF-8", g.line, g.col, g.legacy)
	}
	return nil
}
