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
	for {
		if s.i >= len(s.b) {
			return nil, s.errf("unexpected end of document inside <%s>", s.raw[len(s.raw)-1])
		}
		top := s.stack[len(s.stack)-1]
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
			if !bytes.Equal(name, s.raw[len(s.raw)-1]) {
				return nil, s.errf("end tag </%s> does not match <%s>", name, s.raw[len(s.raw)-1])
			}
			s.stack, s.raw = s.stack[:len(s.stack)-1], s.raw[:len(s.raw)-1]
			if len(s.stack) == 0 {
				return root, nil
			}
		case s.has("<!--"):
			if err := s.comment(); err != nil {
				return nil, err
			}
		case s.has("<![CDATA["):
			s.i += 9
			body, err := s.skipTo("]]>")
			if err != nil {
				return nil, err
			}
			appendText(top, normalizeNewlines(body))
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

// appendText adds character data to n. The first segment may alias the
// input; capping its capacity makes a later append copy.
func appendText(n *inode, seg []byte) {
	if len(seg) == 0 {
		return
	}
	if len(n.kids) > 0 {
		// Text after a child element is only ever checked for being
		// whitespace: element content cannot have a simple value.
		if !n.textNonWS {
			for _, c := range seg {
				if !isSpaceByte(c) {
					n.textNonWS = true
					break
				}
			}
		}
		return
	}
	if len(n.text) == 0 {
		n.text = seg[:len(seg):len(seg)]
	} else {
		n.text = append(n.text, seg...)
	}
	if !n.textNonWS {
		for _, c := range seg {
			if !isSpaceByte(c) {
				n.textNonWS = true
				break
			}
		}
	}
}

func normalizeNewlines(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// text reads character data up to the next '<'.
func (s *scanner) text(n *inode) error {
	k := bytes.IndexByte(s.b[s.i:], '<')
	if k < 0 {
		return s.errf("unexpected end of document in text")
	}
	seg := s.b[s.i : s.i+k]
	if bytes.Contains(seg, []byte("]]>")) {
		return s.errf("']]>' in text")
	}
	if bytes.IndexByte(seg, '&') < 0 {
		s.line += bytes.Count(seg, []byte{'\n'})
		s.i += k
		appendText(n, normalizeNewlines(seg))
		return nil
	}
	end := s.i + k
	out := make([]byte, 0, k)
	for s.i < end {
		c := s.b[s.i]
		switch c {
		case '&':
			var err error
			if out, err = s.reference(out); err != nil {
				return err
			}
			continue
		case '\r':
			out = append(out, '\n')
			if s.i+1 < end && s.b[s.i+1] == '\n' {
				s.i++
			}
		case '\n':
			s.line++
			out = append(out, c)
		default:
			out = append(out, c)
		}
		s.i++
	}
	if s.i != end {
		return s.errf("reference crosses markup")
	}
	appendText(n, out)
	return nil
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
	if len(s.stack) >= s.o.MaxDepth {
		return nil, false, &InstanceError{Line: line, Msg: fmt.Sprintf("elements nested deeper than %d", s.o.MaxDepth), Err: ErrLimit}
	}
	n := s.newNode()
	n.line, n.parent = line, parent
	if parent != nil {
		n.bind = parent.bind
	}
	var attrs []rawAttr
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
	for _, a := range attrs {
		if string(a.name) == "xmlns" || bytes.HasPrefix(a.name, []byte("xmlns:")) {
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
	if parent != nil {
		parent.kids = append(parent.kids, n)
	}
	if !closed {
		s.stack = append(s.stack, n)
		s.raw = append(s.raw, qn)
	}
	return n, closed, nil
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
		s.i += k + 1
		return string(raw), nil
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
