package safexml

import (
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// utf16Decoder is a strict UTF-16 to UTF-8 transform.Transformer. Unlike
// x/text's decoder, which substitutes U+FFFD, it refuses unpaired
// surrogates and a dangling odd byte: a document that cannot be decoded
// exactly is not a document we can vouch for.
type utf16Decoder struct {
	bigEndian bool
	line      int // newlines decoded so far, for error positions
}

func (d *utf16Decoder) Reset() { d.line = 0 }

func (d *utf16Decoder) unit(b []byte) rune {
	if d.bigEndian {
		return rune(b[0])<<8 | rune(b[1])
	}
	return rune(b[1])<<8 | rune(b[0])
}

func (d *utf16Decoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if len(src)-nSrc < 2 {
			if atEOF {
				return nDst, nSrc, d.fail("the UTF-16 document ends in the middle of a character")
			}
			return nDst, nSrc, transform.ErrShortSrc
		}
		r, size := d.unit(src[nSrc:]), 2
		switch {
		case utf16.IsSurrogate(r) && r < 0xDC00:
			if len(src)-nSrc < 4 {
				if atEOF {
					return nDst, nSrc, d.fail("the UTF-16 document ends with an unpaired surrogate")
				}
				return nDst, nSrc, transform.ErrShortSrc
			}
			lo := d.unit(src[nSrc+2:])
			r = utf16.DecodeRune(r, lo)
			if r == utf8.RuneError {
				return nDst, nSrc, d.fail("unpaired UTF-16 surrogate")
			}
			size = 4
		case utf16.IsSurrogate(r):
			return nDst, nSrc, d.fail("unpaired UTF-16 surrogate")
		}
		if len(dst)-nDst < utf8.RuneLen(r) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
		if r == '\n' {
			d.line++
		}
	}
	return nDst, nSrc, nil
}

func (d *utf16Decoder) fail(what string) *Error {
	return errorf(ErrCharset, d.line+1, 0, "%s at line %d: the document is not valid UTF-16", what, d.line+1)
}
