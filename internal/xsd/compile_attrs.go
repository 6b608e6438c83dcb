package xsd

import (
	"slices"
	"strings"
)

// attributes computes the attribute uses and wildcard of a complex type
// from its own declarations (kids) and, for derived types, its base.
func (c *compiler) attributes(n *xnode, kids []*xnode, base *complexType, extension bool) (map[qname]*attrUse, []*attrUse, *wildcard) {
	uses, prohibited, wc := c.attrDecls(kids)
	m := map[qname]*attrUse{}
	var order []*attrUse
	add := func(u *attrUse) {
		if prev, dup := m[u.decl.name]; dup {
			// A restriction's use replaces the base's everywhere, so that
			// an optional attribute made required is required.
			order[slices.Index(order, prev)] = u
		} else {
			order = append(order, u)
		}
		m[u.decl.name] = u
	}
	if base != nil && !base.isAnyType {
		for _, u := range base.attrOrder {
			if prohibited[u.decl.name] && !extension {
				if u.required {
					c.fail(n, ErrSchema, "attribute %s is required in the base type; a restriction cannot prohibit it (derivation-ok-restriction.3)", u.decl.name)
				}
				continue
			}
			add(u)
		}
	}
	for _, u := range uses {
		if prev, dup := m[u.decl.name]; dup && extension {
			_ = prev
			c.fail(n, ErrSchema, "attribute %s is already declared in the base type", u.decl.name)
		}
		if prev, dup := m[u.decl.name]; dup && !extension {
			c.restrictsUse(n, prev, u)
		} else if !extension && base != nil && !base.isAnyType && (base.anyAttr == nil || !base.anyAttr.allows(u.decl.name.ns)) {
			c.fail(n, ErrSchema, "attribute %s is neither declared in the base type nor allowed by its attribute wildcard (derivation-ok-restriction.2.2)", u.decl.name)
		}
		add(u)
	}
	if !extension && base != nil && !base.isAnyType {
		c.restrictsWildcard(n, wc, base.anyAttr)
	}
	var ids []string
	for _, u := range order {
		if u.decl.typ.id == idID {
			ids = append(ids, u.decl.name.String())
		}
	}
	if len(ids) > 1 {
		c.fail(n, ErrSchema, "attributes %s are both of type xs:ID (ct-props-correct.5)", strings.Join(ids[:2], " and "))
	}
	if extension && base != nil && !base.isAnyType {
		var ok bool
		if wc, ok = unionWildcard(base.anyAttr, wc); !ok {
			c.fail(n, ErrSchema, "the union of this type's attribute wildcard and its base type's cannot be expressed (cos-aw-union)")
		}
	}
	return m, order, wc
}

// restrictsUse checks that a restriction's attribute use u is a valid
// restriction of the base type's use prev (derivation-ok-restriction.2.1):
// a required attribute stays required, its type derives from the base's,
// and a fixed value stays fixed to the same value.
func (c *compiler) restrictsUse(n *xnode, prev, u *attrUse) {
	if prev.required && !u.required {
		c.fail(n, ErrSchema, "attribute %s is required in the base type (derivation-ok-restriction.2.1.1)", u.decl.name)
	}
	if !c.simpleDerives(u.decl.typ, prev.decl.typ) {
		c.fail(n, ErrSchema, "attribute %s has type %s, which is not derived from %s, its type in the base type (derivation-ok-restriction.2.1.2)", u.decl.name, u.decl.typ.typeName(), prev.decl.typ.typeName())
	}
	if prev.fixed != nil && (u.fixed == nil || !u.fixedVal.equal(prev.fixedVal)) {
		c.fail(n, ErrSchema, "attribute %s is fixed to %s in the base type; a restriction must keep that value (derivation-ok-restriction.2.1.3)", u.decl.name, quote(*prev.fixed))
	}
}

// restrictsWildcard checks a restriction's attribute wildcard wc against
// its base type's, b (derivation-ok-restriction.4): it admits no namespace
// b does not, and processes what it admits no less strictly.
func (c *compiler) restrictsWildcard(n *xnode, wc, b *wildcard) {
	switch {
	case wc == nil:
	case b == nil:
		c.fail(n, ErrSchema, "the base type has no attribute wildcard, so a restriction cannot have one (derivation-ok-restriction.4.1)")
	case !wildcardSubset(wc, b):
		c.fail(n, ErrSchema, "the attribute wildcard allows namespaces the base type's does not (derivation-ok-restriction.4.2)")
	case wc.process > b.process: // strict < lax < skip
		c.fail(n, ErrSchema, "the attribute wildcard processes its attributes less strictly than the base type's (derivation-ok-restriction.4.3)")
	}
}

// attrDecls reads attribute, attributeGroup and anyAttribute children.
// The wildcard is the intersection of the local one and the groups' ones
// (the "complete wildcard" of XSD 1.0 §3.4.2).
func (c *compiler) attrDecls(kids []*xnode) ([]*attrUse, map[qname]bool, *wildcard) {
	var uses []*attrUse
	prohibited := map[qname]bool{}
	var groupWCs []*wildcard
	var local *wildcard
	seen := map[qname]bool{}
	for _, k := range kids {
		if local != nil && (k.name.local == "attribute" || k.name.local == "attributeGroup") {
			// The Schema for Schemas gives attribute declarations the
			// content (attribute | attributeGroup)*, anyAttribute?.
			c.fail(k, ErrSchema, "xs:%s after xs:anyAttribute: the attribute wildcard comes last (Schema for Schemas: (attribute | attributeGroup)*, anyAttribute?)", k.name.local)
		}
		switch k.name.local {
		case "attribute":
			u, prohib := c.localAttr(k)
			if u == nil {
				continue
			}
			if seen[u.decl.name] {
				c.fail(k, ErrSchema, "attribute %s declared twice", u.decl.name)
			}
			seen[u.decl.name] = true
			if prohib {
				prohibited[u.decl.name] = true
				continue
			}
			uses = append(uses, u)
		case "attributeGroup":
			q, ok := c.qnameAttr(k, "ref")
			if !ok {
				c.fail(k, ErrSchema, "xs:attributeGroup reference needs ref")
				continue
			}
			if r := k.xs(); len(r) > 0 {
				c.fail(r[0], ErrSchema, "an attribute group reference holds at most an annotation, not xs:%s", r[0].name.local)
			}
			g := c.attrGroup(q, k)
			for _, u := range g.uses {
				if seen[u.decl.name] {
					c.fail(k, ErrSchema, "attribute %s declared twice", u.decl.name)
				}
				seen[u.decl.name] = true
				uses = append(uses, u)
			}
			if g.wc != nil {
				groupWCs = append(groupWCs, g.wc)
			}
		case "anyAttribute":
			if local != nil {
				c.fail(k, ErrSchema, "more than one xs:anyAttribute")
			}
			// As on xs:any: notNamespace and notQName are XSD 1.1's.
			c.checkAttrs(k, "namespace", "processContents")
			local = c.wildcard(k)
		default:
			c.fail(k, ErrSchema, "unexpected xs:%s among attribute declarations", k.name.local)
		}
	}
	wc := local
	for _, g := range groupWCs {
		if wc == nil {
			wc = g
		} else {
			wc = intersectWildcard(wc, g)
		}
	}
	return uses, prohibited, wc
}

func (c *compiler) attrGroup(q qname, from *xnode) *attrGroup {
	if g, ok := c.attrGroups[q]; ok {
		if g.state == 1 {
			c.fail(from, ErrSchema, "attribute group %s refers to itself", q)
		}
		return g
	}
	n := c.l.comps[kindAttrGroup][q]
	g := &attrGroup{state: 1}
	c.attrGroups[q] = g
	if n == nil {
		c.fail(from, ErrSchema, "attribute group %s is not declared", q)
		return g
	}
	// A prohibited use in an attribute group stands for nothing in XSD 1.0
	// (§3.2.2): it neither removes a base type's attribute nor adds one.
	uses, _, wc := c.attrDecls(n.xs())
	g.uses, g.wc, g.state = uses, wc, 2
	return g
}

func (c *compiler) globalAttr(q qname, from *xnode) *attrDecl {
	if a, ok := c.attrs[q]; ok {
		return a
	}
	n := c.l.comps[kindAttribute][q]
	if n == nil {
		if q.ns == nsXML {
			return c.xmlAttr(q.local, from)
		}
		c.fail(from, ErrSchema, "attribute %s is not declared", q)
		return &attrDecl{name: q, typ: builtinByName("anySimpleType")}
	}
	c.checkAttrs(n, "name", "type", "default", "fixed")
	if q.ns == nsXSI {
		c.fail(n, ErrSchema, "attributes in the xsi namespace cannot be declared (no-xsi)")
	}
	a := &attrDecl{name: q}
	c.attrs[q] = a
	c.fillAttr(a, n)
	return a
}

// fillAttr reads the type and value constraint of an attribute declaration.
func (c *compiler) fillAttr(a *attrDecl, n *xnode) {
	t, rest := c.inlineOrRef(n, "type")
	if len(rest) > 0 {
		c.fail(rest[0], ErrSchema, "unexpected xs:%s in xs:attribute", rest[0].name.local)
	}
	if t == nil {
		t = builtinByName("anySimpleType")
	}
	a.typ = t
	a.fixed, a.deflt = c.valueConstraint(n)
	if a.fixed != nil {
		a.fixedVal = c.constraintValue(n, t, *a.fixed)
	}
	if a.deflt != nil {
		a.defltVal = c.constraintValue(n, t, *a.deflt)
	}
	if t.id == idID && (a.fixed != nil || a.deflt != nil) {
		c.fail(n, ErrSchema, "an attribute of type xs:ID cannot have a value constraint")
	}
}

func (c *compiler) valueConstraint(n *xnode) (fixed, deflt *string) {
	if v, ok := n.attr("fixed"); ok {
		fixed = &v
	}
	if v, ok := n.attr("default"); ok {
		deflt = &v
	}
	if fixed != nil && deflt != nil {
		c.fail(n, ErrSchema, "default and fixed are mutually exclusive")
	}
	return fixed, deflt
}

func (c *compiler) constraintValue(n *xnode, t *simpleType, lit string) value {
	// Normalised first, like a facet value: see restrict.
	v, err := t.validate(normalizeWS(lit, t.ws), n, nil)
	if err != nil {
		c.fail(n, ErrSchema, "value constraint %s is not valid: %v", quote(lit), err)
	}
	return v
}

// localAttr compiles an attribute inside a type or group. It returns the
// use and whether it is prohibited.
func (c *compiler) localAttr(n *xnode) (*attrUse, bool) {
	use := n.attrOr("use", "optional")
	u := &attrUse{required: use == "required"}
	if use != "required" && use != "optional" && use != "prohibited" {
		c.fail(n, ErrSchema, "invalid use %q", use)
	}
	if q, ok := c.qnameAttr(n, "ref"); ok {
		c.checkAttrs(n, "ref", "use", "default", "fixed")
		if k := n.xs(); len(k) > 0 {
			c.fail(n, ErrSchema, "an attribute reference cannot hold xs:%s (src-attribute.3.2)", k[0].name.local)
		}
		u.decl = c.globalAttr(q, n)
		if u.decl.fixed != nil {
			u.fixed, u.fixedVal = u.decl.fixed, u.decl.fixedVal
		}
		fixed, deflt := c.valueConstraint(n)
		if fixed != nil {
			if u.decl.fixed != nil && *u.decl.fixed != *fixed {
				c.fail(n, ErrSchema, "fixed value differs from the declaration's")
			}
			u.fixed, u.fixedVal = fixed, c.constraintValue(n, u.decl.typ, *fixed)
		}
		if deflt != nil {
			if u.decl.fixed != nil {
				c.fail(n, ErrSchema, "default on a reference to an attribute with a fixed value")
			}
			c.constraintValue(n, u.decl.typ, *deflt)
		}
	} else {
		c.checkAttrs(n, "name", "type", "use", "default", "fixed", "form")
		name, ok := n.nameAttr()
		if !ok {
			c.fail(n, ErrSchema, "xs:attribute needs a name or a ref")
			return nil, false
		}
		q := qname{"", name}
		form := n.attrOr("form", "")
		if form == "qualified" || (form == "" && n.doc.attrQual) {
			q.ns = n.doc.tns
		}
		if q.ns == nsXSI {
			c.fail(n, ErrSchema, "attributes in the xsi namespace cannot be declared (no-xsi)")
		}
		a := &attrDecl{name: q}
		c.fillAttr(a, n)
		u.decl = a
		u.fixed, u.fixedVal = a.fixed, a.fixedVal
	}
	if _, ok := n.attr("default"); ok && use != "optional" {
		c.fail(n, ErrSchema, "an attribute with use=%s cannot have a default (src-attribute.2)", quote(use))
	}
	if name, _ := n.attr("name"); strings.TrimSpace(name) == "xmlns" {
		c.fail(n, ErrSchema, "an attribute cannot be named xmlns")
	}
	return u, use == "prohibited"
}

// wildcard reads the namespace and processContents of xs:any or
// xs:anyAttribute.
func (c *compiler) wildcard(n *xnode) *wildcard {
	w := &wildcard{}
	switch n.attrOr("processContents", "strict") {
	case "strict":
		w.process = pcStrict
	case "lax":
		w.process = pcLax
	case "skip":
		w.process = pcSkip
	default:
		c.fail(n, ErrSchema, "invalid processContents")
	}
	ns := strings.TrimSpace(n.attrOr("namespace", "##any"))
	switch ns {
	case "##any":
		w.any = true
	case "##other":
		w.not = true
		w.set = map[string]bool{n.doc.tns: true}
	default:
		w.set = map[string]bool{}
		for _, f := range strings.Fields(ns) {
			switch f {
			case "##targetNamespace":
				w.set[n.doc.tns] = true
			case "##local":
				w.set[""] = true
			case "##any", "##other":
				c.fail(n, ErrSchema, "%s cannot appear in a namespace list", f)
			default:
				w.set[f] = true
			}
		}
	}
	return w
}

// unionWildcard is the union of two attribute wildcards (XSD 1.0 §3.10.6,
// Attribute Wildcard Union). A "not" wildcard excludes absent as well as
// its namespaces, so a union that admits absent but not everything else is
// not expressible (cos-aw-union 5.3): ok is false.
func unionWildcard(a, b *wildcard) (w *wildcard, ok bool) {
	switch {
	case a == nil:
		return b, true
	case b == nil:
		return a, true
	case a.any || b.any:
		return &wildcard{any: true, process: b.process}, true
	case !a.not && !b.not:
		set := map[string]bool{}
		for k := range a.set {
			set[k] = true
		}
		for k := range b.set {
			set[k] = true
		}
		return &wildcard{set: set, process: b.process}, true
	}
	// At least one "not": the union excludes only what both exclude.
	neg, other := a, b
	if !a.not {
		neg, other = b, a
	}
	excl := map[string]bool{"": true}
	for k := range neg.set {
		excl[k] = true
	}
	for k := range excl {
		if other.allows(k) {
			delete(excl, k)
		}
	}
	switch {
	case len(excl) == 0:
		return &wildcard{any: true, process: b.process}, true
	case !excl[""]:
		return nil, false
	}
	if len(excl) > 1 {
		delete(excl, "")
	}
	return &wildcard{not: true, set: excl, process: b.process}, true
}

func intersectWildcard(a, b *wildcard) *wildcard {
	switch {
	case a.any:
		return &wildcard{any: b.any, not: b.not, set: b.set, process: a.process}
	case b.any:
		return &wildcard{not: a.not, set: a.set, process: a.process}
	case a.not && b.not:
		set := map[string]bool{}
		for k := range a.set {
			set[k] = true
		}
		for k := range b.set {
			set[k] = true
		}
		return &wildcard{not: true, set: set, process: a.process}
	}
	set := map[string]bool{}
	pos, other := a, b
	if a.not {
		pos, other = b, a
	}
	for k := range pos.set {
		if other.allows(k) {
			set[k] = true
		}
	}
	return &wildcard{set: set, process: a.process}
}

// xmlAttr supplies the attributes of the XML namespace (xml:lang,
// xml:space, xml:base, xml:id) when a schema references them without
// loading a schema document for that namespace.
func (c *compiler) xmlAttr(local string, from *xnode) *attrDecl {
	q := qname{nsXML, local}
	t := builtinByName("anySimpleType")
	switch local {
	case "lang", "space", "base":
	case "id":
		t = builtinByName("ID")
	default:
		c.fail(from, ErrSchema, "attribute %s is not declared", q)
	}
	a := &attrDecl{name: q, typ: t}
	c.attrs[q] = a
	return a
}

func (c *compiler) builtinXMLAttrs() {
	for _, l := range []string{"lang", "space", "base", "id"} {
		if _, ok := c.attrs[qname{nsXML, l}]; !ok {
			c.xmlAttr(l, nil)
		}
	}
}

// simpleDerives reports whether d is b or derived from it (Type
// Derivation OK (Simple), XSD 1.0 §3.14.6), counting a member of a union
// as derived from the union and every type as derived from anySimpleType.
func (c *compiler) simpleDerives(d, b *simpleType) bool {
	return b == nil || d == nil || b == builtinByName("anySimpleType") || derivesFromType(d, b, c.anyType)
}
