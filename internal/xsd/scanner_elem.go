package xsd

import (
	"bytes"
	"fmt"
)

// element parses the root element and everything inside it, iteratively so
// that depth is bounded by Options.MaxDepth rather than the Go stack.
func (s *scanner) element() (*inode, error) {
	root, closed, err := s.startTag(nil)
	if err != nil || closed {
		return root, err
	}
	a := s.a
	for {
		if s.i >= len(s.b) {
			return nil, s.errf("unexpected end of document inside <%s>", a.raw[len(a.raw)-1])
		}
		top := a.stack[len(a.stack)-1]
		if s.b[s.i] != '<' {
			if err := s.text(top); err != nil {
				return nil, err
			}
			continue
		}
		switch {
		case s.has("</"):
			s.i += 2
			name := s.name()
			s.skipSpace()
			if s.i >= len(s.b) || s.b[s.i] != '>' {
				return nil, s.errf("malformed end tag")
			}
			s.i++
			if !bytes.Equal(name, a.raw[len(a.raw)-1]) {
				return nil, s.errf("end tag </%s> does not match <%s>", name, a.raw[len(a.raw)-1])
			}
			s.endElement(top)
			if len(a.stack) == 0 {
				return root, nil
			}
		case s.has("<!--"):
			if err := s.comment(); err != nil {
				return nil, err
			}
		case s.has("<![CDATA["):
			s.i += 9
			start := s.i
			if _, err := s.skipTo("]]>"); err != nil {
				return nil, err
			}
			s.appendText(top, normalizeNewlines(s.str[start:s.i-3]))
		case s.has("<?"):
			if err := s.pi(); err != nil {
				return nil, err
			}
		case s.has("<!"):
			return nil, s.errf("markup declaration inside an element")
		default:
			if _, _, err := s.startTag(top); err != nil {
				return nil, err
			}
		}
	}
}

// endElement pops n, the top element, giving it its children and text.
func (s *scanner) endElement(n *inode) {
	a := s.a
	s.flushText(n)
	k := len(a.stack) - 1
	if from := a.starts[k]; from < len(a.pend) {
		n.kids = a.kidSlice(a.pend[from:])
		clear(a.pend[from:])
		a.pend = a.pend[:from]
	}
	a.stack, a.raw, a.starts = a.stack[:k], a.raw[:k], a.starts[:k]
}

type rawAttr struct {
	name  []byte
	value string
}

// startTag parses <name attr="v" …> or <name …/>; the new element is
// pushed on the stack unless it is empty-element syntax.
func (s *scanner) startTag(parent *inode) (*inode, bool, error) {
	line := s.line
	s.i++
	qn := s.name()
	if len(qn) == 0 {
		return nil, false, s.errf("invalid element name")
	}
	if len(s.a.stack) >= s.o.MaxDepth {
		return nil, false, &InstanceError{Line: line, Msg: fmt.Sprintf("elements nested deeper than %d", s.o.MaxDepth), Err: ErrLimit}
	}
	n := s.newNode()
	n.line, n.parent = line, parent
	if parent != nil {
		n.bind = parent.bind
	}
	attrs := s.a.ra[:0]
	closed := false
	for {
		spaced := s.i < len(s.b) && isSpaceByte(s.b[s.i])
		s.skipSpace()
		if s.i >= len(s.b) {
			return nil, false, s.errf("unexpected end of document in a start tag")
		}
		if s.b[s.i] == '>' {
			s.i++
			break
		}
		if s.has("/>") {
			s.i += 2
			closed = true
			break
		}
		if !spaced {
			return nil, false, s.errf("missing whitespace before an attribute")
		}
		an := s.name()
		if len(an) == 0 {
			return nil, false, s.errf("invalid attribute name")
		}
		s.skipSpace()
		if s.i >= len(s.b) || s.b[s.i] != '=' {
			return nil, false, s.errf("attribute %s without a value", an)
		}
		s.i++
		s.skipSpace()
		v, err := s.attrValue()
		if err != nil {
			return nil, false, err
		}
		for _, a := range attrs {
			if bytes.Equal(a.name, an) {
				return nil, false, s.errf("duplicate attribute %s", an)
			}
		}
		if len(attrs) >= s.o.MaxAttributes {
			return nil, false, &InstanceError{Line: line, Msg: "too many attributes", Err: ErrLimit}
		}
		attrs = append(attrs, rawAttr{an, v})
	}
	s.a.ra = attrs[:0] // keep the grown buffer for the next start tag
	// Namespace declarations first: they apply to the element's own name
	// and attributes.
	for _, a := range attrs {
		switch {
		case string(a.name) == "xmlns":
			n.bind = &nsBind{"", a.value, n.bind}
		case bytes.HasPrefix(a.name, []byte("xmlns:")):
			p := string(a.name[6:])
			if p == "" || p == "xmlns" || (p == "xml") != (a.value == nsXML) || a.value == "" || bytes.IndexByte(a.name[6:], ':') >= 0 {
				return nil, false, s.errf("invalid namespace declaration %s", a.name)
			}
			n.bind = &nsBind{s.intern(a.name[6:]), a.value, n.bind}
		}
	}
	prefix, local, err := s.splitQName(qn)
	if err != nil {
		return nil, false, err
	}
	var ok bool
	if n.ns, ok = n.lookupNS(string(prefix)); !ok {
		return nil, false, s.errf("unbound prefix %q", prefix)
	}
	n.local = s.intern(local)
	plain := 0
	for _, a := range attrs {
		if !isNSDecl(a.name) {
			plain++
		}
	}
	if plain > 0 {
		n.attrs = s.a.attrSlice(plain)
	}
	for _, a := range attrs {
		if isNSDecl(a.name) {
			continue
		}
		p, l, err := s.splitQName(a.name)
		if err != nil {
			return nil, false, err
		}
		at := iattr{local: s.intern(l), value: a.value}
		if p != nil {
			if at.ns, ok = n.lookupNS(string(p)); !ok || at.ns == "" {
				return nil, false, s.errf("unbound prefix %q", p)
			}
		}
		for _, prev := range n.attrs {
			if prev.ns == at.ns && prev.local == at.local {
				return nil, false, s.errf("duplicate attribute %s", a.name)
			}
		}
		n.attrs = append(n.attrs, at)
	}
	if s.schema {
		n.line = s.line
	}
	if parent != nil {
		s.flushText(parent)
		s.a.pend = append(s.a.pend, n)
	}
	if !closed {
		s.a.stack = append(s.a.stack, n)
		s.a.raw = append(s.a.raw, qn)
		s.a.starts = append(s.a.starts, len(s.a.pend))
	}
	return n, closed, nil
}

func isNSDecl(name []byte) bool {
	return string(name) == "xmlns" || bytes.HasPrefix(name, []byte("xmlns:"))
}

// attrValue reads a quoted attribute value, decoding references and
// normalising whitespace characters to spaces (XML 1.0 §3.3.3).
func (s *scanner) attrValue() (string, error) {
	if s.i >= len(s.b) || (s.b[s.i] != '"' && s.b[s.i] != '\'') {
		return "", s.errf("attribute value must be quoted")
	}
	q := s.b[s.i]
	s.i++
	k := bytes.IndexByte(s.b[s.i:], q)
	if k < 0 {
		return "", s.errf("unterminated attribute value")
	}
	raw := s.b[s.i : s.i+k]
	if bytes.IndexByte(raw, '<') >= 0 {
		return "", s.errf("'<' in an attribute value")
	}
	if bytes.IndexByte(raw, '&') < 0 && !bytes.ContainsAny(raw, "\t\n\r") {
		v := s.str[s.i : s.i+k]
		s.i += k + 1
		return v, nil
	}
	if bytes.ContainsAny(raw, "\t\n\r") {
		// encoding/xml does not normalise these to spaces.
		s.diverges = true
	}
	end := s.i + k
	out := make([]byte, 0, k)
	for s.i < end {
		c := s.b[s.i]
		switch c {
		case '&':
			var err error
			if out, err = s.reference(out); err != nil {
				return "", err
			}
			continue
		case '\r':
			if s.i+1 < end && s.b[s.i+1] == '\n' {
				s.i++
			}
			out = append(out, ' ')
			s.line++
		case '\n':
			s.line++
			out = append(out, ' ')
		case '\t':
			out = append(out, ' ')
		default:
			out = append(out, c)
		}
		s.i++
	}
	if s.i != end {
		return "", s.errf("reference crosses the end of an attribute value")
	}
	s.i++
	return string(out), nil
}
