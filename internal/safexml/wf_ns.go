package safexml

import (
	"bytes"
	"unsafe"
)

// startTag checks a complete start tag: its namespace declarations, that
// every prefix it uses is declared, and that no two attributes share a
// name as written or expanded. It mirrors nsScope.declare and
// nsScope.checkElement.
func (g *guard) startTag(self bool) error {
	w := g.wf
	if w.off {
		return nil
	}
	elem := w.bytes(w.elem)
	if !qualified(elem) {
		return g.refuse("<%s> is not a valid qualified name", elem)
	}
	for _, a := range w.attrs {
		if !qualified(a.name) {
			return g.refuse("%s is not a valid qualified name", a.name)
		}
	}
	if self && len(w.attrs) == 0 {
		// <name/>: nothing to declare, to compare or to leave open; only
		// the prefix to check.
		return g.checkPrefix(elem)
	}
	w.ns.push()
	for i := range w.attrs {
		a := &w.attrs[i]
		a.prefix, a.local = split(a.name)
		a.nameSum = sumOf(fnvBasis, a.name)
		switch {
		case a.prefix == nil && string(a.name) == "xmlns":
			if a.raw {
				return errFallback
			}
			if string(a.value) == xmlNS || string(a.value) == xmlnsNS {
				return g.refuse("the default namespace cannot be %q", a.value)
			}
			w.ns.bind("", a.value)
		case string(a.prefix) == "xmlns":
			if a.raw {
				return errFallback
			}
			// Views of the document: the binding and the prefix table
			// forget them when the checker is released.
			p, v := unsafe.String(unsafe.SliceData(a.local), len(a.local)), unsafe.String(unsafe.SliceData(a.value), len(a.value))
			switch {
			case p == "xmlns":
				return g.refuse("the prefix xmlns cannot be declared")
			case p == "xml" && v != xmlNS, p != "xml" && v == xmlNS:
				return g.refuse("the prefix xml is bound to %s and nothing else is", xmlNS)
			case v == xmlnsNS:
				return g.refuse("no prefix may be bound to %s", xmlnsNS)
			case v == "":
				return g.refuse("xmlns:%s=\"\" is not allowed in XML 1.0: a prefix cannot be undeclared", p)
			}
			w.ns.bind(p, a.value)
		}
	}
	if err := g.checkPrefix(elem); err != nil || w.off {
		return err
	}
	for i := range w.attrs {
		a := &w.attrs[i]
		a.value = nil // from here on: the expanded name's namespace
		nsSum := uint32(fnvBasis)
		if a.prefix != nil {
			uri, sum, ok := w.ns.lookupSum(a.prefix)
			if !ok {
				return g.refuse("the prefix %q of %s is not declared", a.prefix, a.name)
			}
			a.value, nsSum = uri, sum
		}
		// A space cannot be in a URI or a name: it separates them. The URI's
		// digest was taken once, where it was bound.
		a.expSum = sumOf(sumOf(nsSum, space), a.local)
	}
	for i := range w.attrs {
		a := &w.attrs[i]
		for j := range w.attrs[:i] {
			b := &w.attrs[j]
			if a.nameSum == b.nameSum && bytes.Equal(a.name, b.name) ||
				a.expSum == b.expSum && (a.prefix == nil) == (b.prefix == nil) && bytes.Equal(a.value, b.value) && bytes.Equal(a.local, b.local) {
				return g.refuse("the attribute %s appears twice on <%s>", a.name, elem)
			}
		}
	}
	w.open = append(w.open, w.elem)
	if self {
		return g.wfEndTag(elem)
	}
	return nil
}

// checkPrefix checks the prefix of an element's name, if it has one.
func (g *guard) checkPrefix(elem []byte) error {
	prefix, _ := split(elem)
	if prefix == nil {
		return nil
	}
	if string(prefix) == "xmlns" {
		return g.refuse("the prefix xmlns cannot be used on an element (<%s>)", elem)
	}
	if _, ok := g.wf.ns.lookup(prefix); !ok {
		return g.refuse("the prefix %q of <%s> is not declared", prefix, elem)
	}
	return nil
}

// wfEndTag checks that an end tag closes the innermost open element.
func (g *guard) wfEndTag(name []byte) error {
	w := g.wf
	if w.off {
		return nil
	}
	if len(w.open) == 0 {
		return g.refuse("</%s> closes no element", name)
	}
	if top := w.bytes(w.open[len(w.open)-1]); !bytes.Equal(top, name) {
		return g.refuse("<%s> is closed by </%s>", top, name)
	}
	w.open = w.open[:len(w.open)-1]
	w.ns.pop()
	return nil
}

// wfScope is nsScope over byte slices of the document: the bindings in
// a stack, and for each prefix the index of its innermost binding, so
// that a lookup costs one map access however deep the document. The
// default namespace, the only one most messages declare, has its own
// field, so that they need no map.
type wfScope struct {
	binds  []wfBind
	latest map[string]int // prefix -> 1 + index in binds; 0 when unbound
	def    int            // latest for the default namespace
	marks  []int
}

type wfBind struct {
	prefix string
	uri    []byte
	sum    uint32 // sumOf(fnvBasis, uri)
	prev   int
}

func (s *wfScope) push() { s.marks = append(s.marks, len(s.binds)) }

func (s *wfScope) pop() {
	mark := s.marks[len(s.marks)-1]
	for i := len(s.binds) - 1; i >= mark; i-- {
		if b := &s.binds[i]; b.prefix == "" {
			s.def = b.prev
		} else {
			s.latest[b.prefix] = b.prev
		}
	}
	s.binds = s.binds[:mark]
	s.marks = s.marks[:len(s.marks)-1]
}

func (s *wfScope) bind(prefix string, uri []byte) {
	if prefix == "" {
		s.binds = append(s.binds, wfBind{uri: uri, sum: sumOf(fnvBasis, uri), prev: s.def})
		s.def = len(s.binds)
		return
	}
	if s.latest == nil {
		s.latest = make(map[string]int)
	}
	s.binds = append(s.binds, wfBind{prefix: prefix, uri: uri, sum: sumOf(fnvBasis, uri), prev: s.latest[prefix]})
	s.latest[prefix] = len(s.binds)
}

const fnvBasis = 2166136261

var space = []byte{' '}

var (
	xmlNSBytes   = []byte(xmlNS)
	xmlnsNSBytes = []byte(xmlnsNS)
	xmlNSSum     = sumOf(fnvBasis, xmlNSBytes)
	xmlnsNSSum   = sumOf(fnvBasis, xmlnsNSBytes)
)

func (s *wfScope) lookup(prefix []byte) ([]byte, bool) {
	uri, _, ok := s.lookupSum(prefix)
	return uri, ok
}

// lookupSum is lookup, with the digest of the URI.
func (s *wfScope) lookupSum(prefix []byte) ([]byte, uint32, bool) {
	switch string(prefix) {
	case "xml":
		return xmlNSBytes, xmlNSSum, true
	case "xmlns":
		return xmlnsNSBytes, xmlnsNSSum, true
	}
	i := s.def
	if len(prefix) > 0 {
		i = s.latest[string(prefix)]
	}
	if i > 0 {
		b := &s.binds[i-1]
		return b.uri, b.sum, true
	}
	return nil, 0, false
}

// sumOf continues FNV-1a from h over b: cheap, and different for names that differ in
// one byte. fnvBasis starts it.
func sumOf(h uint32, b []byte) uint32 {
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}
