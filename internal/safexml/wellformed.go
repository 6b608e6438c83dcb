package safexml

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

const (
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
	xmlnsNS = "http://www.w3.org/2000/xmlns/"
)

// checkTokens reads every token of d, which reads through the guard, and
// checks what the guard cannot: that end tags match start tags and that
// the document is namespace-well-formed (Namespaces in XML 1.0): every
// prefix is declared, no attribute appears twice by prefixed or expanded
// name, and the reserved prefixes are not rebound. Prefixes matter here:
// exclusive canonicalisation, and so every XML signature, depends on them.
//
// RawToken is used rather than Token so that prefixes are seen as written;
// the element stack is bounded by the guard's depth limit.
func checkTokens(d *xml.Decoder, g *guard) error {
	var open []xml.Name
	ns := nsScope{}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(open) > 0 {
				line, col := d.InputPos()
				return errorf(ErrSyntax, line, col, "the document ends before <%s> is closed", qname(open[len(open)-1]))
			}
			if g.roots == 0 {
				return errorf(ErrSyntax, 1, 1, "the document has no root element")
			}
			return nil
		}
		if err != nil {
			return fromDecoder(err, d)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			ns.push()
			if err := ns.declare(t.Attr, d); err != nil {
				return err
			}
			if err := ns.checkElement(t, d); err != nil {
				return err
			}
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) == 0 {
				return posError(d, ErrSyntax, "</%s> closes no element", qname(t.Name))
			}
			if top := open[len(open)-1]; top != t.Name {
				return posError(d, ErrSyntax, "<%s> is closed by </%s>", qname(top), qname(t.Name))
			}
			open = open[:len(open)-1]
			ns.pop()
		case xml.Directive:
			// The guard refuses every <!…> that is not a comment or CDATA.
			return posError(d, ErrDoctype, "markup declarations are not accepted")
		}
	}
}

// fromDecoder turns an encoding/xml error into an *Error. Errors raised
// by the guard or the charset decoders come through the decoder unchanged.
func fromDecoder(err error, d *xml.Decoder) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		_, col := d.InputPos()
		switch se.Msg {
		case "unexpected EOF":
			return errorf(ErrSyntax, se.Line, col, "the document ends in the middle of markup (line %d)", se.Line)
		case "invalid UTF-8":
			// The guard sees a split sequence only at end of input, and
			// encoding/xml may get there first.
			return errorf(ErrInvalidUTF8, se.Line, col, "invalid UTF-8 at line %d: the document must be UTF-8 or declare its charset", se.Line)
		}
		return errorf(ErrSyntax, se.Line, col, "malformed XML at line %d: %s", se.Line, se.Msg)
	}
	return err // an I/O error from the caller's reader
}

func posError(d *xml.Decoder, kind error, format string, args ...any) *Error {
	line, col := d.InputPos()
	return errorf(kind, line, col, format+" (line %d)", append(args, line)...)
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// nsScope is the stack of in-scope namespace bindings. Lookups must not
// scan the stack: with MaxDepth levels of MaxAttrs declarations each, a
// scan would cost thousands of comparisons per element name.
type nsScope struct {
	uris     map[string][]string // prefix ("" for the default) -> bindings, innermost last
	declared []string            // prefixes in the order declared, for pop
	marks    []int               // len(declared) at each open element
	expanded []xml.Name          // scratch for checkElement
}

func (s *nsScope) push() { s.marks = append(s.marks, len(s.declared)) }

func (s *nsScope) pop() {
	mark := s.marks[len(s.marks)-1]
	for _, p := range s.declared[mark:] {
		u := s.uris[p]
		s.uris[p] = u[:len(u)-1]
	}
	s.declared = s.declared[:mark]
	s.marks = s.marks[:len(s.marks)-1]
}

func (s *nsScope) bind(prefix, uri string) {
	if s.uris == nil {
		s.uris = make(map[string][]string)
	}
	s.uris[prefix] = append(s.uris[prefix], uri)
	s.declared = append(s.declared, prefix)
}

func (s *nsScope) lookup(prefix string) (string, bool) {
	switch prefix {
	case "xml":
		return xmlNS, true
	case "xmlns":
		return xmlnsNS, true
	}
	if u := s.uris[prefix]; len(u) > 0 {
		return u[len(u)-1], true
	}
	return "", false
}

// declare records the namespace declarations among attrs.
func (s *nsScope) declare(attrs []xml.Attr, d *xml.Decoder) error {
	for _, a := range attrs {
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			if a.Value == xmlNS || a.Value == xmlnsNS {
				return posError(d, ErrSyntax, "the default namespace cannot be %q", a.Value)
			}
			s.bind("", a.Value)
		case a.Name.Space == "xmlns":
			p := a.Name.Local
			switch {
			case p == "xmlns":
				return posError(d, ErrSyntax, "the prefix xmlns cannot be declared")
			case p == "xml" && a.Value != xmlNS, p != "xml" && a.Value == xmlNS:
				return posError(d, ErrSyntax, "the prefix xml is bound to %s and nothing else is", xmlNS)
			case a.Value == xmlnsNS:
				return posError(d, ErrSyntax, "no prefix may be bound to %s", xmlnsNS)
			case a.Value == "":
				return posError(d, ErrSyntax, "xmlns:%s=\"\" is not allowed in XML 1.0: a prefix cannot be undeclared", p)
			}
			s.bind(p, a.Value)
		}
	}
	return nil
}

// checkElement checks the names of an element and its attributes against
// the bindings in scope, and that no two attributes share a name, either
// as written or expanded ({namespace}local).
func (s *nsScope) checkElement(t xml.StartElement, d *xml.Decoder) error {
	if err := s.checkName(t.Name, true, d); err != nil {
		return err
	}
	// Expand each name once; the pairwise comparison below is then plain
	// string equality, at most MaxAttrs²/2 of them.
	s.expanded = s.expanded[:0]
	for _, a := range t.Attr {
		if err := s.checkName(a.Name, false, d); err != nil {
			return err
		}
		space := a.Name.Space
		if space != "" {
			space, _ = s.lookup(space) // xmlns maps to its reserved URI, which nothing else may use
		}
		s.expanded = append(s.expanded, xml.Name{Space: space, Local: a.Name.Local})
	}
	for i, a := range t.Attr {
		for j, b := range t.Attr[:i] {
			if a.Name == b.Name || s.expanded[i] == s.expanded[j] {
				return posError(d, ErrSyntax, "the attribute %s appears twice on <%s>", qname(a.Name), qname(t.Name))
			}
		}
	}
	return nil
}

func (s *nsScope) checkName(n xml.Name, element bool, d *xml.Decoder) error {
	if strings.Contains(n.Local, ":") || n.Local == "" || n.Space != "" && !ncNameStart(n.Local) {
		return posError(d, ErrSyntax, "%q is not a valid qualified name: at most one colon, with a prefix and a local part that are both names", qname(n))
	}
	if n.Space == "" || (!element && n.Space == "xmlns") {
		return nil
	}
	if element && n.Space == "xmlns" {
		return posError(d, ErrSyntax, "the prefix xmlns cannot be used on an element (<%s>)", qname(n))
	}
	if _, ok := s.lookup(n.Space); !ok {
		return posError(d, ErrSyntax, "the prefix %q of <%s> is not declared: add xmlns:%s=\"…\"", n.Space, qname(n), n.Space)
	}
	return nil
}

// ncNameStart reports whether the local part of a prefixed name starts
// like a name. encoding/xml checks "p:local" as one name, so it cannot
// see that the part after the colon starts with a digit, '-', '.' or a
// combining character.
func ncNameStart(local string) bool {
	r, _ := utf8.DecodeRuneInString(local)
	switch {
	case r >= '0' && r <= '9', r == '-', r == '.', r == 0xB7,
		r >= 0x300 && r <= 0x36F, r == 0x203F, r == 0x2040:
		return false
	}
	return true
}
