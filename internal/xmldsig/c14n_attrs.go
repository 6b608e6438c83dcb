package xmldsig

import (
	"bytes"
	"slices"
)

// Start tags: attributes, namespace declarations and which of them an
// element renders under exclusive C14N.

const (
	nsXML   = "http://www.w3.org/XML/1998/namespace"
	nsXMLNS = "http://www.w3.org/2000/xmlns/"
)

// attr is one attribute of a start tag.
type attr struct {
	qname, prefix, local []byte
	value                []byte // decoded and normalized
	uri                  []byte // namespace URI, empty for an unprefixed attribute
	decl                 bool   // xmlns or xmlns:prefix
}

// startTag handles <name attr="value" ...> and <name .../>.
func (c *c14n) startTag(i int) (int, error) {
	d := c.doc
	p := i + 1
	n := nameEnd(d[p:])
	name := d[p : p+n]
	if !c.checkName(name) {
		return 0, c14nError(i, "malformed start tag")
	}
	p += n
	c.attrs = c.attrs[:0]
	selfClose, closeAt := false, 0
	for {
		q := skipSpace(d, p)
		if q >= len(d) {
			return 0, c14nError(i, "unterminated start tag")
		}
		if d[q] == '>' {
			p = q + 1
			break
		}
		if d[q] == '/' {
			if q+1 >= len(d) || d[q+1] != '>' {
				return 0, c14nError(q, "malformed start tag")
			}
			p, selfClose, closeAt = q+2, true, q
			break
		}
		if q == p { // XML 1.0 §3.1 (encoding/xml does not check it)
			c.later(q, "attributes not separated by white space")
		}
		a, next, err := c.attribute(q)
		if err != nil {
			return 0, err
		}
		c.attrs = append(c.attrs, a)
		p = next
	}
	if len(c.stack) == 0 {
		if c.res.content != nil {
			return 0, c14nError(i, "more than one root element")
		}
		c.res.layout.rootStart = i
		c.res.layout.selfClose = selfClose
	}
	if err := c.open(i, name); err != nil {
		return 0, err
	}
	if selfClose {
		c.closeElement(closeAt)
	}
	return p, nil
}

// attribute reads name="value" at d[q].
func (c *c14n) attribute(q int) (attr, int, error) {
	d := c.doc
	var a attr
	n := nameEnd(d[q:])
	a.qname = d[q : q+n]
	p := skipSpace(d, q+n)
	if !c.checkName(a.qname) || p >= len(d) || d[p] != '=' {
		return a, 0, c14nError(q, "malformed attribute")
	}
	p = skipSpace(d, p+1)
	if p >= len(d) || (d[p] != '"' && d[p] != '\'') {
		return a, 0, c14nError(q, "malformed attribute")
	}
	end := bytes.IndexByte(d[p+1:], d[p])
	if end < 0 {
		return a, 0, c14nError(q, "unterminated attribute value")
	}
	raw := d[p+1 : p+1+end]
	if indexIn(raw, &attrSpecial) < 0 {
		a.value = raw // the common case: no copy
	} else {
		var ok bool
		if a.value, ok = appendAttrValue(nil, raw); !ok {
			return a, 0, c14nError(q, "malformed attribute value")
		}
	}
	var ok bool
	if a.prefix, a.local, ok = splitQName(a.qname); !ok {
		c.later(q, "attribute name is not a QName")
		a.prefix, a.local = nil, a.qname
	}
	a.decl = string(a.prefix) == "xmlns" || (a.prefix == nil && string(a.local) == "xmlns")
	return a, p + 1 + end + 1, nil
}

// open enters an element whose attributes are in c.attrs: declares its
// namespaces, resolves its names and writes its start tag to the outputs
// it belongs to.
func (c *c14n) open(off int, name []byte) error {
	if len(c.stack) >= c.maxDepth {
		return c14nError(off, "element nesting too deep")
	}
	f := frame{name: name, scope: c.scope.len()}
	for _, a := range c.attrs {
		if !a.decl {
			continue
		}
		var prefix []byte
		if a.prefix != nil {
			prefix = a.local
		}
		if why := checkDecl(prefix, a.value); why != "" {
			c.later(off, why)
		}
		c.scope.push(prefix, a.value)
	}
	prefix, local, ok := splitQName(name)
	if !ok {
		c.later(off, "element name is not a QName")
		prefix, local = nil, name
	}
	uri, ok := c.lookup(prefix)
	if !ok {
		c.later(off, "undeclared namespace prefix "+string(prefix))
	}
	for k := range c.attrs {
		a := &c.attrs[k]
		if a.decl || a.prefix == nil {
			continue
		}
		if a.uri, ok = c.lookup(a.prefix); !ok {
			c.later(off, "undeclared namespace prefix "+string(a.prefix))
		}
	}
	c.checkUnique(off)

	// Which outputs the element belongs to, and its part in the signature.
	depth := len(c.stack)
	var parent *frame
	if depth > 0 {
		parent = &c.stack[depth-1]
		f.active = parent.active
	} else {
		f.active = 1 << outContent
	}
	isSig := string(local) == "Signature" && string(uri) == NamespaceDSig
	if c.cfg.qnames {
		c.trackQNameProfile(depth, local, uri)
	}
	if depth == 1 && c.res.sigInRoot {
		c.res.sigLast = false // an element after the signature
	}
	switch {
	case isSig && c.res.sig == nil:
		f.active &^= 1 << outContent
		f.sigRoot = true
		f.node = newNode(prefix, local, uri, c.attrs)
		c.res.sig = f.node
		c.res.sigInRoot, c.res.sigLast = depth == 1, false
	case parent != nil && parent.node != nil:
		f.node = newNode(prefix, local, uri, c.attrs)
		parent.node.kids = append(parent.node.kids, item{el: f.node})
		parent.elements++
		if parent.sigRoot && parent.elements == 1 && c.res.signedInfo == nil &&
			string(local) == "SignedInfo" && string(uri) == NamespaceDSig {
			f.siRoot = true
			f.active |= 1 << outSignedInfo
		}
	}
	if isSig && c.res.sigs < 2 {
		c.res.sigs++
	}

	for k := range numOut {
		f.marks[k] = c.out[k].rendered.len()
		if f.active&(1<<k) != 0 {
			c.writeStart(k, name, prefix, uri, f.scope)
		}
	}
	c.stack = append(c.stack, f)
	return nil
}

// checkDecl refuses declarations Namespaces in XML 1.0 forbids: binding
// the xmlns prefix, binding xml to anything but its namespace or its
// namespace to another prefix, and undeclaring a prefix (XML 1.1 only).
func checkDecl(prefix, uri []byte) string {
	switch {
	case string(prefix) == "xmlns", string(uri) == nsXMLNS:
		return "xmlns prefix or namespace declared"
	case (string(prefix) == "xml") != (string(uri) == nsXML):
		return "xml prefix bound to another namespace, or its namespace to another prefix"
	case len(prefix) > 0 && len(uri) == 0:
		return "namespace prefix undeclared"
	}
	return ""
}

// lookup returns the namespace URI prefix is bound to in the current scope.
// The default namespace is empty when not declared.
func (c *c14n) lookup(prefix []byte) ([]byte, bool) {
	if string(prefix) == "xml" {
		return []byte(nsXML), true
	}
	if k, ok := c.scope.find(prefix); ok {
		return c.scope.b[k].uri, true
	}
	return nil, len(prefix) == 0
}

// checkUnique refuses two attributes with the same expanded name, or two
// declarations of one prefix: not well-formed (XML 1.0 §3.1, Namespaces in
// XML §6.3), and a canonical form could keep only one of them.
func (c *c14n) checkUnique(off int) {
	if len(c.attrs) <= 16 { // the usual case: pairwise is cheapest
		for x := range c.attrs {
			for y := range x {
				if attrKeyCompare(&c.attrs[x], &c.attrs[y]) == 0 {
					c.later(off, "duplicate attribute "+string(c.attrs[x].qname))
					return
				}
			}
		}
		return
	}
	// Many attributes: sort positions by key (keeping document order in
	// c.attrs) and compare neighbours.
	c.order = c.order[:0]
	for x := range c.attrs {
		c.order = append(c.order, x)
	}
	slices.SortFunc(c.order, func(x, y int) int { return attrKeyCompare(&c.attrs[x], &c.attrs[y]) })
	for k := 1; k < len(c.order); k++ {
		if a := &c.attrs[c.order[k]]; attrKeyCompare(a, &c.attrs[c.order[k-1]]) == 0 {
			c.later(off, "duplicate attribute "+string(a.qname))
			return
		}
	}
}

// attrKeyCompare orders attributes by what must be unique on one element:
// a declaration by the prefix it declares, an attribute by its expanded
// name (namespace URI, empty when unprefixed, and local name).
func attrKeyCompare(a, b *attr) int {
	switch {
	case a.decl != b.decl:
		if a.decl {
			return 1
		}
		return -1
	case a.decl:
		return bytes.Compare(a.local, b.local) // the prefix, or "xmlns" for the default
	}
	if c := bytes.Compare(a.uri, b.uri); c != 0 {
		return c
	}
	return bytes.Compare(a.local, b.local)
}

// writeStart writes the start tag of the element to output k: the
// namespace declarations it must render, then its attributes, each group
// in canonical order.
//
// declStart is where the element's own declarations start on c.scope.
func (c *c14n) writeStart(k int, name, prefix, uri []byte, declStart int) {
	o := &c.out[k]
	mark := o.rendered.len()
	apex := len(o.buf) == 0
	// Visibly utilized prefixes: the element's own (the default namespace
	// when it has none) and those of its attributes, except xml, which is
	// never declared.
	o.renderIfNeeded(mark, prefix, uri)
	for _, a := range c.attrs {
		if !a.decl && a.prefix != nil && string(a.prefix) != "xml" {
			o.renderIfNeeded(mark, a.prefix, a.uri)
		}
	}
	if o.mode.inclusive || len(o.mode.prefixes) > 0 {
		c.renderMode(o, mark, declStart, apex)
	}
	// Sorted in a copy: the stack's index knows the bindings by position.
	o.decls = append(o.decls[:0], o.rendered.b[mark:]...)
	decls := o.decls
	if len(decls) > 1 {
		slices.SortFunc(decls, func(x, y binding) int { return bytes.Compare(x.prefix, y.prefix) })
	}

	b := append(o.buf, '<')
	b = append(b, name...)
	for _, d := range decls {
		if len(d.prefix) == 0 {
			b = append(b, ` xmlns="`...)
		} else {
			b = append(append(append(b, " xmlns:"...), d.prefix...), `="`...)
		}
		b = append(escapeAttr(b, d.uri), '"')
	}
	attrs := c.attrs
	if apex && o.mode.inclusive && len(c.stack) > 0 {
		attrs = c.inheritXMLAttrs(attrs, o.mode)
	}
	if len(attrs) > 0 {
		sortAttrs(attrs)
		for _, a := range attrs {
			if a.decl {
				continue
			}
			b = append(append(append(b, ' '), a.qname...), `="`...)
			b = append(escapeAttr(b, a.value), '"')
		}
	}
	o.buf = append(b, '>')
	if c.cfg.qnames && k == outContent {
		c.checkQNames(o, name)
	}
}

// renderIfNeeded renders prefix=uri on the element whose declarations
// start at position mark of the rendered stack, unless the nearest output ancestor that uses
// the prefix already rendered the same value (or the element already did).
// An unrendered default namespace counts as empty, which is what makes
// xmlns="" appear exactly where a default namespace must be undone.
func (o *output) renderIfNeeded(mark int, prefix, uri []byte) {
	k, ok := o.rendered.find(prefix)
	switch {
	case ok && (k >= mark || bytes.Equal(o.rendered.b[k].uri, uri)):
		return // rendered by the element itself, or by an ancestor with this value
	case !ok && len(prefix) == 0 && len(uri) == 0:
		return // no default namespace, and none rendered to undo
	}
	o.rendered.push(prefix, uri)
}

// sortAttrs orders attributes by namespace URI, then local name
// (Canonical XML §2.2: unprefixed attributes have no namespace URI and so
// come first). Declarations are written separately.
func sortAttrs(attrs []attr) {
	slices.SortFunc(attrs, func(x, y attr) int {
		if c := bytes.Compare(x.uri, y.uri); c != 0 {
			return c
		}
		return bytes.Compare(x.local, y.local)
	})
}
