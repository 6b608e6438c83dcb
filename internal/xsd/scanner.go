package xsd

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// scanner is a small, strict XML 1.0 parser for instances. It reads a byte
// slice in one pass, several times faster than encoding/xml's token API,
// either building the whole inode tree (schema documents) or handing out
// one element at a time (instances, see next), and it refuses what this
// package never needs: DOCTYPE (hence any entity other than the
// predefined five), other encodings than UTF-8, and text outside the root
// element.
type scanner struct {
	b    []byte
	str  string // b as one string: values needing no decoding are substrings
	i    int
	line int
	o    *Options
	a    *arena
	// tbOwner is the element whose text is being gathered in a.tb because it
	// came in more than one piece (CDATA sections, comments in between).
	tbOwner *inode
	// pull: elements are handed out one at a time by next and their
	// memory is reused once they end (see arena.slots); otherwise the
	// whole tree is built.
	pull bool
	// For schema documents (see parseSchemaDocFast): elements get the line
	// of the end of their start tag, and diverges records a construct that
	// encoding/xml may read differently.
	schema   bool
	diverges bool
}

func (s *scanner) errf(format string, args ...any) error {
	return &InstanceError{Line: s.line, Msg: fmt.Sprintf(format, args...), Err: ErrMalformed}
}

// intern returns a string for an element or attribute name; names repeat
// across the documents of one vocabulary, and the table is recycled with
// the arena. An instance with more distinct names than maxInternedNames
// gets the rest as substrings of the input, so that a flood of names
// costs no memory.
func (s *scanner) intern(b []byte) string {
	// A small direct-mapped cache in front of the map: comparing with one
	// candidate costs less than hashing the whole name.
	var h uint
	if len(b) > 0 {
		h = (uint(len(b))*31 + uint(b[0])*7 + uint(b[len(b)-1])*3 + uint(b[len(b)/2])) % uint(len(s.a.recent))
		if v := s.a.recent[h]; v == string(b) {
			return v
		}
	}
	v, ok := s.a.names[string(b)]
	if !ok {
		if s.pull && len(s.a.names) >= maxInternedNames && len(b) > 0 {
			s.a.overflowed = true
			return unsafe.String(&b[0], len(b))
		}
		v = string(b)
		s.a.names[v] = v
	}
	s.a.recent[h] = v
	return v
}

func (s *scanner) document() (*inode, error) {
	if err := s.prolog(); err != nil {
		return nil, err
	}
	root, err := s.element()
	if err != nil {
		return nil, err
	}
	return root, s.epilogue()
}

// prolog reads the XML declaration and what precedes the root element,
// stopping at its start tag.
func (s *scanner) prolog() error {
	data := s.b
	if bytes.HasPrefix(data, []byte("<?xml")) && len(data) > 5 && isSpaceByte(data[5]) {
		if err := s.xmlDecl(); err != nil {
			return err
		}
	}
	atElement, err := s.misc()
	if err != nil {
		return err
	}
	if !atElement {
		return malformed(s.line, "no root element")
	}
	return nil
}

// epilogue reads what follows the root element.
func (s *scanner) epilogue() error {
	atElement, err := s.misc()
	if err == nil && atElement {
		err = s.errf("more than one root element")
	}
	return err
}

// misc skips whitespace, comments and processing instructions outside the
// root element, stopping at the end of the document or at a start tag
// (atElement).
func (s *scanner) misc() (atElement bool, err error) {
	for {
		s.skipSpace()
		if s.i >= len(s.b) {
			return false, nil
		}
		if s.b[s.i] != '<' {
			return false, s.errf("text outside the root element")
		}
		switch {
		case s.has("<!--"):
			if err := s.comment(); err != nil {
				return false, err
			}
		case s.has("<?"):
			if err := s.pi(); err != nil {
				return false, err
			}
		case s.has("<!DOCTYPE"):
			return false, &InstanceError{Line: s.line, Msg: "DOCTYPE declarations are not allowed", Err: ErrDoctype}
		case s.has("<!"):
			return false, s.errf("unexpected markup declaration")
		default:
			return true, nil
		}
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (s *scanner) has(prefix string) bool {
	return len(s.b)-s.i >= len(prefix) && string(s.b[s.i:s.i+len(prefix)]) == prefix
}

func (s *scanner) skipSpace() {
	for s.i < len(s.b) && isSpaceByte(s.b[s.i]) {
		if s.b[s.i] == '\n' {
			s.line++
		}
		s.i++
	}
}

// skipTo moves past the next occurrence of end, counting lines.
func (s *scanner) skipTo(end string) ([]byte, error) {
	k := bytes.Index(s.b[s.i:], []byte(end))
	if k < 0 {
		return nil, s.errf("unterminated construct, missing %q", end)
	}
	body := s.b[s.i : s.i+k]
	s.line += bytes.Count(body, []byte{'\n'})
	s.i += k + len(end)
	return body, nil
}

func (s *scanner) xmlDecl() error {
	s.i += 5
	start := s.i
	if _, err := s.skipTo("?>"); err != nil {
		return err
	}
	decl := s.str[start : s.i-2]
	if s.schema {
		// Let encoding/xml judge the declaration as it would.
		d := xml.NewDecoder(bytes.NewReader(s.b[:s.i]))
		if _, err := d.RawToken(); err != nil {
			s.diverges = true
		}
	}
	if v := procInstAttr(decl, "version"); !strings.HasPrefix(v, "1.") {
		return s.errf("unsupported XML version %q", v)
	}
	if enc := procInstAttr(decl, "encoding"); enc != "" && !strings.EqualFold(enc, "utf-8") && !strings.EqualFold(enc, "us-ascii") {
		return s.errf("encoding %q is not supported; use UTF-8", enc)
	}
	return nil
}

func (s *scanner) comment() error {
	s.i += 4
	body, err := s.skipTo("-->")
	if err != nil {
		return err
	}
	if bytes.Contains(body, []byte("--")) || bytes.HasSuffix(body, []byte("-")) {
		return s.errf("'--' inside a comment")
	}
	return nil
}

func (s *scanner) pi() error {
	s.i += 2
	start := s.i
	s.name()
	target := string(s.b[start:s.i])
	if target == "" || strings.EqualFold(target, "xml") {
		return s.errf("invalid processing instruction target %q", target)
	}
	if s.i < len(s.b) && !isSpaceByte(s.b[s.i]) && !s.has("?>") {
		return s.errf("invalid processing instruction")
	}
	_, err := s.skipTo("?>")
	return err
}

// name advances over an XML Name and returns it (possibly empty).
func (s *scanner) name() []byte {
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c < utf8.RuneSelf {
			if k := asciiName[c]; k == nameStartByte || k == nameByte && s.i > start {
				s.i++
				continue
			}
			break
		}
		// encoding/xml reads non-ASCII names by other tables.
		s.diverges = true
		r, size := utf8.DecodeRune(s.b[s.i:])
		if s.i == start && !isNameStart(r) || !isNameChar(r) {
			break
		}
		s.i += size
	}
	return s.b[start:s.i]
}

// asciiName classes the ASCII bytes of XML names, so that name spends one
// load on each byte rather than a chain of comparisons.
var asciiName = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':':
			t[c] = nameStartByte
		case c >= '0' && c <= '9' || c == '-' || c == '.':
			t[c] = nameByte
		}
	}
	return t
}()

// Classes of asciiName: a byte that may start a name, one that may only
// follow its first.
const (
	nameStartByte = 1 + iota
	nameByte
)

// splitQName splits prefix:local, refusing names that are not QNames.
func (s *scanner) splitQName(n []byte) (prefix, local []byte, err error) {
	k := colon(n)
	if k < 0 {
		return nil, n, nil
	}
	if k == 0 || k == len(n)-1 || colon(n[k+1:]) >= 0 {
		return nil, nil, s.errf("%q is not a qualified name", n)
	}
	return n[:k], n[k+1:], nil
}

// colon returns the index of the first ':' in a name, or -1. Names are
// short: a loop costs less than a call of bytes.IndexByte.
func colon(name []byte) int {
	for i, c := range name {
		if c == ':' {
			return i
		}
	}
	return -1
}

// reference decodes the entity or character reference at s.i ('&').
func (s *scanner) reference(dst []byte) ([]byte, error) {
	end := bytes.IndexByte(s.b[s.i:], ';')
	if end < 0 || end > 12 {
		return nil, s.errf("bad reference")
	}
	ref := string(s.b[s.i+1 : s.i+end])
	s.i += end + 1
	switch ref {
	case "lt":
		return append(dst, '<'), nil
	case "gt":
		return append(dst, '>'), nil
	case "amp":
		return append(dst, '&'), nil
	case "apos":
		return append(dst, '\''), nil
	case "quot":
		return append(dst, '"'), nil
	}
	if strings.HasPrefix(ref, "#") {
		var n uint64
		var err error
		if strings.HasPrefix(ref, "#x") {
			n, err = strconv.ParseUint(ref[2:], 16, 32)
		} else {
			n, err = strconv.ParseUint(ref[1:], 10, 32)
		}
		r := rune(n)
		if err != nil || strings.ContainsAny(ref[1:], "+-") || !isXMLChar(r) {
			return nil, s.errf("invalid character reference &%s;", ref)
		}
		return utf8.AppendRune(dst, r), nil
	}
	return nil, s.errf("undefined entity &%s;", ref)
}

func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
