package xsd

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// compiler turns the loaded schema documents into components. Global
// components are compiled on first reference (types before the elements
// that use them); cycles through type derivation or group references are
// schema errors.
type compiler struct {
	l           *loader
	err         error
	elems       map[qname]*elementDecl
	attrs       map[qname]*attrDecl
	types       map[qname]typeDef
	typeState   map[qname]uint8
	groups      map[qname]*particle
	groupState  map[qname]uint8
	attrGroups  map[qname]*attrGroup
	idcs        map[qname]*idc
	simpleFinal map[*simpleType]derivSet
	pending     []*complexType // complex types of elements, compiled later (elementType, fillElement)
	complex     []*complexType
	allElems    []*elementDecl
	anyType     *complexType
	elemRefs    map[qname]*xnode // the first reference to each global element from a content model
	warnings    []error          // what compiled without being needed (missing.go)
}

type attrGroup struct {
	uses  []*attrUse
	wc    *wildcard
	state uint8
}

func compileSet(l *loader) (*Schema, error) {
	c := &compiler{
		l:           l,
		elems:       map[qname]*elementDecl{},
		attrs:       map[qname]*attrDecl{},
		types:       map[qname]typeDef{},
		typeState:   map[qname]uint8{},
		groups:      map[qname]*particle{},
		groupState:  map[qname]uint8{},
		attrGroups:  map[qname]*attrGroup{},
		idcs:        map[qname]*idc{},
		simpleFinal: map[*simpleType]derivSet{},
		elemRefs:    map[qname]*xnode{},
	}
	c.anyType = newAnyType()
	c.complex = append(c.complex, c.anyType)
	// Compile every global component, referenced or not, so that errors in
	// unused parts of the schema are reported as well.
	for _, kind := range []int{kindType, kindAttribute, kindAttrGroup, kindGroup, kindElement} {
		names := sortedNames(l.comps[kind])
		for _, q := range names {
			n := l.comps[kind][q]
			switch kind {
			case kindType:
				c.typeByName(q, n)
			case kindAttribute:
				c.globalAttr(q, n)
			case kindAttrGroup:
				c.attrGroup(q, n)
			case kindGroup:
				c.group(q, n)
			case kindElement:
				c.globalElement(q, n)
			}
			c.compilePending()
		}
	}
	c.builtinXMLAttrs()
	c.checkAbsentElements()
	c.checkRestrictions()
	c.linkSubstitutions()
	c.resolveKeyrefs()
	c.checkContentRestrictions()
	c.checkGroupRestrictions()
	c.checkConsistent()
	if c.err != nil {
		return nil, c.err
	}
	for _, ct := range c.complex {
		c.buildModel(ct)
		if c.err != nil {
			return nil, c.err
		}
	}
	return &Schema{opts: l.opts, elements: c.elems, attrs: c.attrs, types: c.types, anyType: c.anyType,
		hasIDC: len(c.idcs) > 0, warnings: append(l.warnings, c.warnings...)}, nil
}

// fail records the first error; compilation continues with placeholders so
// that the code stays free of early-return plumbing.
func (c *compiler) fail(n *xnode, sentinel error, format string, args ...any) {
	if c.err != nil {
		return
	}
	e := &SchemaError{Msg: fmt.Sprintf(format, args...), Err: sentinel}
	if n != nil {
		e.File, e.Line, e.Construct = n.doc.file, n.line, n.construct()
	}
	c.err = e
}

func (c *compiler) qnameAttr(n *xnode, attr string) (qname, bool) {
	v, ok := n.attr(attr)
	if !ok {
		return qname{}, false
	}
	q, err := n.resolveQName(v)
	if err != nil {
		c.fail(n, ErrSchema, "attribute %s: %v", attr, err)
		return qname{}, false
	}
	c.checkImported(n, q)
	if r, ok := c.l.redirects[n]; ok && r.attr == attr && r.from == q {
		q = r.to
	}
	return q, true
}

// checkImported refuses a reference into a namespace that the referring
// schema document neither targets nor imports (src-resolve.4.2), even when
// another document of the set imports it. The XML namespace is exempt: its
// attributes are built in.
func (c *compiler) checkImported(n *xnode, q qname) {
	if q.ns == n.doc.tns || q.ns == nsXSD || q.ns == nsXML {
		return
	}
	for _, k := range n.doc.root.kids {
		if k.name.ns == nsXSD && k.name.local == "import" && k.attrOr("namespace", "") == q.ns {
			return
		}
	}
	c.fail(n, ErrSchema, "%s is in namespace %s, which this schema document does not import (src-resolve.4.2)", q.local, quote(q.ns))
}

func newAnyType() *complexType {
	wc := &wildcard{any: true, process: pcLax}
	return &complexType{
		name:      qname{nsXSD, "anyType"},
		content:   contentMixed,
		particle:  &particle{kind: pkWildcard, min: 0, max: unbounded, wc: wc},
		attrs:     map[qname]*attrUse{},
		anyAttr:   wc,
		isAnyType: true,
		state:     2,
	}
}

// typeByName resolves a type reference.
func (c *compiler) typeByName(q qname, from *xnode) typeDef {
	if q.ns == nsXSD {
		if q.local == "anyType" {
			return c.anyType
		}
		if t := builtinByName(q.local); t != nil {
			return t
		}
	}
	if t, ok := c.types[q]; ok {
		if ct, ok := t.(*complexType); ok && ct.state == 0 {
			c.compileNamedComplex(ct) // a type an element referred to first
		}
		return t // possibly still being compiled; callers needing its content check state
	}
	n := c.l.comps[kindType][q]
	if n == nil {
		c.fail(from, ErrSchema, "type %s is not declared", q)
		return c.anyType
	}
	if c.typeState[q] == 1 {
		c.fail(n, ErrSchema, "type %s is derived from itself", q)
		return c.anyType
	}
	c.typeState[q] = 1
	defer func() { c.typeState[q] = 2 }()
	if n.name.local == "simpleType" {
		t := c.compileSimple(n, q)
		c.types[q] = t
		return t
	}
	ct := &complexType{name: q, node: n}
	c.types[q] = ct
	c.compileNamedComplex(ct)
	return ct
}

func (c *compiler) compileNamedComplex(ct *complexType) {
	c.typeState[ct.name] = 1
	defer func() { c.typeState[ct.name] = 2 }()
	c.compileComplex(ct, ct.node)
}

// elementType resolves the type an element declaration names. A named
// complex type not compiled yet is only registered, and compiled once the
// components being compiled are done: an element's type may contain, or
// derive from a type containing, that element again (HL7 CDA's ED holds a
// thumbnail, a restriction of ED), which is legal recursion in any
// declaration order, not a type derived from itself.
func (c *compiler) elementType(q qname, from *xnode) typeDef {
	if _, done := c.types[q]; !done && q.ns != nsXSD {
		if n := c.l.comps[kindType][q]; n != nil && n.name.local == "complexType" {
			ct := &complexType{name: q, node: n}
			c.types[q] = ct
			c.pending = append(c.pending, ct)
			return ct
		}
	}
	return c.typeByName(q, from)
}

// compilePending compiles the complex types elementType and fillElement
// deferred.
func (c *compiler) compilePending() {
	for len(c.pending) > 0 {
		ct := c.pending[0]
		c.pending = c.pending[1:]
		switch {
		case ct.state != 0:
		case ct.name == (qname{}):
			c.compileComplex(ct, ct.node)
		default:
			c.compileNamedComplex(ct)
		}
	}
}

func (c *compiler) simpleByName(q qname, from *xnode) *simpleType {
	t := c.typeByName(q, from)
	if st, ok := t.(*simpleType); ok {
		return st
	}
	c.fail(from, ErrSchema, "type %s is not a simple type", q)
	return builtinByName("anySimpleType")
}

func parseBool(n *xnode, attr string) bool {
	v := n.attrOr(attr, "false")
	return v == "true" || v == "1"
}

// occurs reads minOccurs/maxOccurs. A bound beyond hugeOccurs (the suite
// has 79228162514244337593543950335) is read as hugeOccurs, which no
// document reaches: counted bounds cost nothing, whatever their size.
func (c *compiler) occurs(n *xnode) (int, int) {
	lo, hi := 1, 1
	var loText, hiText string
	if v, ok := n.attr("minOccurs"); ok {
		x, digits, ok := parseOccurs(v)
		if !ok {
			c.fail(n, ErrSchema, "invalid minOccurs %q", v)
		}
		lo, loText = x, digits
	}
	if v, ok := n.attr("maxOccurs"); ok {
		v = strings.TrimSpace(v)
		if v == "unbounded" {
			hi = unbounded
		} else {
			x, digits, ok := parseOccurs(v)
			if !ok {
				c.fail(n, ErrSchema, "invalid maxOccurs %q", v)
			}
			hi, hiText = x, digits
		}
	}
	if hi != unbounded && (lo > hi || lo == hugeOccurs && hi == hugeOccurs && decimalLess(hiText, loText)) {
		c.fail(n, ErrSchema, "minOccurs %s is greater than maxOccurs %s", strings.TrimSpace(n.attrOr("minOccurs", "")), strings.TrimSpace(n.attrOr("maxOccurs", "")))
	}
	return lo, hi
}

// hugeOccurs stands for every occurrence bound at or above it: 2^30, which
// fits an int on every platform, and which no document reaches (that many
// elements take over 4 GiB).
const hugeOccurs = 1 << 30

// parseOccurs reads a nonNegativeInteger, saturating at hugeOccurs, and
// returns its digits without leading zeros.
func parseOccurs(v string) (n int, digits string, ok bool) {
	v = strings.TrimSpace(v)
	if neg := strings.HasPrefix(v, "-"); neg || strings.HasPrefix(v, "+") {
		v = v[1:]
		if neg && strings.Trim(v, "0") != "" {
			return 0, "", false
		}
	}
	if v == "" || strings.Trim(v, "0123456789") != "" {
		return 0, "", false
	}
	digits = strings.TrimLeft(v, "0")
	if len(digits) > 9 { // 10^9 and more: at hugeOccurs's scale, and Atoi's range on 32 bits
		return hugeOccurs, digits, true
	}
	x, err := strconv.Atoi(v)
	if err != nil {
		return 0, "", false
	}
	return min(x, hugeOccurs), digits, true
}

// decimalLess compares two digit strings without leading zeros.
func decimalLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// checkAttrs refuses attributes that the element does not allow; this
// catches typos such as minOccurs on a global element.
func (c *compiler) checkAttrs(n *xnode, allowed ...string) {
	for _, a := range n.attrs {
		if a.Name.Space != "" {
			continue // foreign attributes are allowed on schema elements
		}
		ok := a.Name.Local == "id"
		for _, x := range allowed {
			if a.Name.Local == x {
				ok = true
				break
			}
		}
		if !ok {
			c.fail(n, ErrSchema, "attribute %s is not allowed on xs:%s", a.Name.Local, n.name.local)
		}
	}
}

// sortedNames returns the names of comps in the order of their String forms, each
// formed once: formed in the comparison, they were a tenth of compiling a large set.
func sortedNames[V any](comps map[qname]V) []qname {
	type keyed struct {
		key string
		q   qname
	}
	ks := make([]keyed, 0, len(comps))
	for q := range comps {
		ks = append(ks, keyed{q.String(), q})
	}
	slices.SortFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	names := make([]qname, len(ks))
	for i, k := range ks {
		names[i] = k.q
	}
	return names
}
