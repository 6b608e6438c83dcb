package safexml

import (
	"bytes"
	"strings"
)

// maxDeclBytes bounds the XML declaration (and so how far the start of a
// document is read before its charset is known). A real declaration is
// under 100 bytes; the slack is for whitespace between pseudo-attributes.
const maxDeclBytes = 4096

// xmlDecl is a parsed XML declaration. Offsets index the bytes it was
// parsed from.
type xmlDecl struct {
	end              int    // length of the declaration, "?>" included
	encStart, encEnd int    // the encoding label, quotes excluded; 0, 0 when absent
	encoding         string // the label as written
}

// parseDecl parses the XML declaration at the start of b, which holds the
// first bytes of the document as ASCII-compatible text. found is false
// when the document has no declaration. eof reports that b is the whole
// document.
//
// Grammar (XML 1.0 §2.8, §4.3.3):
//
//	'<?xml' S 'version' Eq ("'1.0'" | '"1.0"') (S 'encoding' Eq QuotedEncName)?
//	        (S 'standalone' Eq QuotedYesNo)? S? '?>'
func parseDecl(b []byte, eof bool) (d xmlDecl, found bool, err error) {
	if !bytes.HasPrefix(b, []byte("<?xml")) || len(b) < 6 {
		return d, false, nil
	}
	if !isSpace(b[5]) && b[5] != '?' {
		return d, false, nil // a processing instruction such as <?xml-stylesheet; the guard refuses it
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		if !eof && len(b) >= maxDeclBytes {
			return d, true, declError(b, maxDeclBytes, "the XML declaration is longer than %d bytes", maxDeclBytes)
		}
		return d, true, declError(b, len(b), "the XML declaration is not closed with ?>")
	}
	d.end = end + 2
	for i := 0; i < end; i++ {
		if b[i] >= 0x80 || (b[i] < 0x20 && !isSpace(b[i])) {
			return d, true, declError(b, i, "the XML declaration may contain only ASCII characters")
		}
	}

	p := declParser{b: b[:end], i: 5}
	seen := 0 // 0: nothing yet, 1: version, 2: encoding, 3: standalone
	for {
		hadSpace := p.space()
		if p.i == len(p.b) {
			break
		}
		if !hadSpace {
			return d, true, declError(b, p.i, "malformed XML declaration: expected whitespace before %q", p.rest())
		}
		nameAt := p.i
		// name and val are subslices; only the encoding is kept as a string.
		name := p.name()
		val, vs, ve, ok := p.eqValue()
		if !ok {
			return d, true, declError(b, p.i, "malformed XML declaration: expected %s=\"…\"", name)
		}
		switch {
		case string(name) == "version" && seen == 0:
			if string(val) != "1.0" {
				return d, true, declError(b, vs, "XML version %q is not supported: declare version=\"1.0\"", val)
			}
			seen = 1
		case string(name) == "encoding" && seen == 1:
			if !isEncName(val) {
				return d, true, declError(b, vs, "%q is not a valid encoding name in the XML declaration", val)
			}
			d.encStart, d.encEnd, d.encoding = vs, ve, string(val)
			seen = 2
		case string(name) == "standalone" && (seen == 1 || seen == 2):
			if string(val) != "yes" && string(val) != "no" {
				return d, true, declError(b, vs, "standalone must be \"yes\" or \"no\", not %q", val)
			}
			seen = 3
		case seen == 0:
			return d, true, declError(b, nameAt, "malformed XML declaration: version=\"1.0\" must come first")
		default:
			return d, true, declError(b, nameAt, "malformed XML declaration: unexpected %q (only version, encoding and standalone, in that order)", name)
		}
	}
	if seen == 0 {
		return d, true, declError(b, 5, "malformed XML declaration: version=\"1.0\" is missing")
	}
	return d, true, nil
}

// rewriteDecl returns the declaration d of b with its encoding label
// replaced by UTF-8, or nil when b had no declaration. Only the label
// changes, so line numbers stay as they were.
func rewriteDecl(b []byte, d xmlDecl, found bool) []byte {
	if !found {
		return nil
	}
	if d.encEnd == 0 {
		return bytes.Clone(b[:d.end])
	}
	out := make([]byte, 0, d.end+5)
	out = append(out, b[:d.encStart]...)
	out = append(out, "UTF-8"...)
	return append(out, b[d.encEnd:d.end]...)
}

type declParser struct {
	b []byte
	i int
}

func (p *declParser) space() bool {
	start := p.i
	for p.i < len(p.b) && isSpace(p.b[p.i]) {
		p.i++
	}
	return p.i > start
}

func (p *declParser) rest() string {
	r := string(p.b[p.i:])
	if len(r) > 20 {
		r = r[:20] + "…"
	}
	return r
}

func (p *declParser) name() []byte {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= 'a' && p.b[p.i] <= 'z' {
		p.i++
	}
	return p.b[start:p.i]
}

// eqValue parses Eq and a quoted value, returning the value and its offsets.
func (p *declParser) eqValue() (val []byte, start, end int, ok bool) {
	p.space()
	if p.i == len(p.b) || p.b[p.i] != '=' {
		return nil, 0, 0, false
	}
	p.i++
	p.space()
	if p.i == len(p.b) || (p.b[p.i] != '"' && p.b[p.i] != '\'') {
		return nil, 0, 0, false
	}
	q := p.b[p.i]
	p.i++
	start = p.i
	n := bytes.IndexByte(p.b[p.i:], q)
	if n < 0 {
		return nil, 0, 0, false
	}
	p.i += n + 1
	return p.b[start : start+n], start, start + n, true
}

// isEncName reports whether s matches EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*.
func isEncName(s []byte) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		case i > 0 && (c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return true
}

func declError(b []byte, off int, format string, args ...any) *Error {
	line := 1 + bytes.Count(b[:off], []byte{'\n'})
	col := off - bytes.LastIndexByte(b[:off], '\n')
	return errorf(ErrSyntax, line, col, format+" (line %d, column %d)", append(args, line, col)...)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isUTF8Label reports whether an encoding label names UTF-8 in a form
// encoding/xml accepts without a CharsetReader.
func isUTF8Label(s string) bool { return strings.EqualFold(s, "utf-8") }
