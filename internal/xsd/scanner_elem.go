package xsd

import (
	"bytes"
	"fmt"
	"unsafe"
)

// element parses the root element and everything inside it into a tree,
// iteratively so that depth is bounded by Options.MaxDepth rather than the
// Go stack. Schema documents are read this way; instances are read one
// element at a time with next instead.
func (s *scanner) element() (*inode, error) {
	root, closed, err := s.startTag(nil)
	if err != nil || closed {
		return root, err
	}
	a := s.a
	for {
		top := a.stack[len(a.stack)-1]
		atEnd, err := s.content(top)
		if err != nil {
			return nil, err
		}
		if !atEnd {
			if _, _, err := s.startTag(top); err != nil {
				return nil, err
			}
			continue
		}
		s.endElement(top)
		if len(a.stack) == 0 {
			return root, nil
		}
	}
}

// content reads the character data, comments, CDATA sections and
// processing instructions inside top, the innermost open element, up to
// the next start tag (left unread) or top's end tag (read and matched, in
// which case atEnd is true).
func (s *scanner) content(top *inode) (atEnd bool, err error) {
	a := s.a
	for {
		if s.i >= len(s.b) {
			return false, s.errf("unexpected end of document inside <%s>", a.raw[len(a.raw)-1])
		}
		if s.b[s.i] != '<' {
			if err := s.text(top); err != nil {
				return false, err
			}
			continue
		}
		// The byte after '<' tells which markup it is: most are start
		// tags, and a switch on it costs less than trying each prefix.
		var next byte
		if s.i+1 < len(s.b) {
			next = s.b[s.i+1]
		}
		switch {
		case next != '/' && next != '!' && next != '?':
			return false, nil
		case next == '/':
			s.i += 2
			name := s.name()
			s.skipSpace()
			if s.i >= len(s.b) || s.b[s.i] != '>' {
				return false, s.errf("malformed end tag")
			}
			s.i++
			if !bytes.Equal(name, a.raw[len(a.raw)-1]) {
				return false, s.errf("end tag </%s> does not match <%s>", name, a.raw[len(a.raw)-1])
			}
			return true, nil
		case s.has("<!--"):
			if err := s.comment(); err != nil {
				return false, err
			}
		case s.has("<![CDATA["):
			s.i += 9
			start := s.i
			if _, err := s.skipTo("]]>"); err != nil {
				return false, err
			}
			s.appendText(top, normalizeNewlines(s.str[start:s.i-3]))
		case s.has("<?"):
			if err := s.pi(); err != nil {
				return false, err
			}
		case s.has("<!"):
			return false, s.errf("markup declaration inside an element")
		default:
			return false, nil
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
	qn, depth, err := s.tagName(line)
	if err != nil {
		return nil, false, err
	}
	n, err := s.allocNode(parent, depth)
	if err != nil {
		return nil, false, err
	}
	n.line, n.parent = line, parent
	if parent != nil {
		n.bind = parent.bind
	}
	attrs, closed, err := s.tagAttrs(line)
	if err != nil {
		return nil, false, err
	}
	decls := countDecls(attrs)
	plain := len(attrs) - decls
	if s.pull {
		n.scope, n.depth = &s.a.scope, depth
		// What remains at this depth belongs to an element that has ended.
		s.a.scope.popFrom(depth)
	}
	if decls > 0 {
		if err := s.declare(n, attrs, decls, depth); err != nil {
			return nil, false, err
		}
	}
	prefix, local, err := s.splitQName(qn)
	if err != nil {
		return nil, false, err
	}
	var ok bool
	if n.ns, ok = n.lookupNS(bytesView(prefix)); !ok {
		return nil, false, s.errf("unbound prefix %q", prefix)
	}
	n.local = s.intern(local)
	if plain > 0 {
		n.attrs = s.attrSlice(n, depth, plain)
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
			if at.ns, ok = n.lookupNS(bytesView(p)); !ok || at.ns == "" {
				return nil, false, s.errf("unbound prefix %q", p)
			}
		}
		if s.seenExpanded(n.attrs, at) {
			return nil, false, s.errf("duplicate attribute %s", a.name)
		}
		n.attrs = append(n.attrs, at)
	}
	if s.schema {
		n.line = s.line
	}
	if parent != nil {
		s.flushText(parent)
		if s.pull {
			parent.hadKid = true
			n.idx = s.a.counters[depth-1].next(n.ns, n.local)
		} else {
			s.a.pend = append(s.a.pend, n)
		}
	}
	n.closed = closed
	if !closed {
		s.a.stack = append(s.a.stack, n)
		s.a.raw = append(s.a.raw, qn)
		if s.pull {
			s.a.counter(depth).reset()
		} else {
			s.a.starts = append(s.a.starts, len(s.a.pend))
		}
	}
	return n, closed, nil
}

// tagName reads the name of a start tag, s.i at its '<', and checks the
// depth the element would have; line is where the tag starts.
func (s *scanner) tagName(line int) (qn []byte, depth int, err error) {
	s.i++
	qn = s.name()
	if len(qn) == 0 {
		return nil, 0, s.errf("invalid element name")
	}
	depth = len(s.a.stack)
	if depth >= s.o.MaxDepth {
		return nil, 0, &InstanceError{Line: line, Msg: fmt.Sprintf("elements nested deeper than %d", s.o.MaxDepth), Err: ErrLimit}
	}
	return qn, depth, nil
}

// tagAttrs reads the attributes of a start tag up to its end, '>' or
// "/>" (closed). The slice is the scanner's, valid until the next tag.
func (s *scanner) tagAttrs(line int) (attrs []rawAttr, closed bool, err error) {
	attrs = s.a.ra[:0]
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
		if s.seenAttr(attrs, an) {
			return nil, false, s.errf("duplicate attribute %s", an)
		}
		if len(attrs) >= s.o.MaxAttributes {
			return nil, false, &InstanceError{Line: line, Msg: "too many attributes", Err: ErrLimit}
		}
		attrs = append(attrs, rawAttr{an, v})
	}
	s.a.ra = attrs[:0] // keep the grown buffer for the next start tag
	return attrs, closed, nil
}

// countDecls counts the namespace declarations among attrs.
func countDecls(attrs []rawAttr) int {
	decls := 0
	for _, a := range attrs {
		if isNSDecl(a.name) {
			decls++
		}
	}
	return decls
}

// declare checks the namespace declarations among attrs (decls of them)
// and brings them into scope for the element at depth: n's bindings when
// building a tree, the scanner's scope when streaming.
func (s *scanner) declare(n *inode, attrs []rawAttr, decls, depth int) error {
	var binds []nsBind
	if !s.pull {
		binds = make([]nsBind, 0, decls)
	}
	for _, a := range attrs {
		var prefix string
		switch {
		case string(a.name) == "xmlns":
		case bytes.HasPrefix(a.name, []byte("xmlns:")):
			p := bytesView(a.name[6:])
			if p == "" || p == "xmlns" || (p == "xml") != (a.value == nsXML) || a.value == "" || bytes.IndexByte(a.name[6:], ':') >= 0 {
				return s.errf("invalid namespace declaration %s", a.name)
			}
			prefix = s.intern(a.name[6:])
		default:
			continue
		}
		if s.pull {
			s.a.scope.push(prefix, a.value, depth)
			continue
		}
		// Linked in order, never reallocated: binds has room for all.
		binds = append(binds, nsBind{prefix, a.value, n.bind})
		n.bind = &binds[len(binds)-1]
	}
	return nil
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
	if bytes.IndexByte(raw, '&') >= 0 && bytes.ContainsAny(raw, "\t\n\r") ||
		bytes.Count(raw, []byte("\r")) != bytes.Count(raw, []byte("\r\n")) {
		// parseSchemaDocXML cannot tell these from references to
		// whitespace characters, which stay as they are, and
		// encoding/xml does not count a lone CR as a line end.
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

// Duplicate attributes are found by comparing with the earlier ones, and
// through a set once an element has more than fewAttrs, so that an element
// with the maximum number of attributes costs linear time.
const fewAttrs = 16

// seenAttr reports whether an attribute named an is among attrs, the
// earlier attributes of the start tag.
func (s *scanner) seenAttr(attrs []rawAttr, an []byte) bool {
	return seenBefore(&s.a.rawSeen, attrs, func(a rawAttr) string { return bytesView(a.name) }, bytesView(an))
}

// seenExpanded reports whether an attribute with at's expanded name is
// among attrs, the earlier attributes of the element.
func (s *scanner) seenExpanded(attrs []iattr, at iattr) bool {
	return seenBefore(&s.a.expSeen, attrs, func(a iattr) qname { return qname{a.ns, a.local} }, qname{at.ns, at.local})
}

// seenBefore reports whether k is the key of one of prev, and records it
// in *set once prev is long enough to use it.
func seenBefore[T any, K comparable](set *map[K]struct{}, prev []T, key func(T) K, k K) bool {
	if len(prev) < fewAttrs {
		for _, p := range prev {
			if key(p) == k {
				return true
			}
		}
		return false
	}
	m := *set
	if len(prev) == fewAttrs {
		if m == nil {
			m = make(map[K]struct{}, 64)
			*set = m
		}
		clear(m)
		for _, p := range prev {
			m[key(p)] = struct{}{}
		}
	}
	if _, dup := m[k]; dup {
		return true
	}
	m[k] = struct{}{}
	return false
}

// bytesView is b as a string sharing its memory, for names that are part
// of the input and do not outlive it (see openInstance).
func bytesView(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
