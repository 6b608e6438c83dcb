package xsd

// compileComplex compiles an xs:complexType element into ct.
func (c *compiler) compileComplex(ct *complexType, n *xnode) {
	c.checkAttrs(n, "name", "mixed", "abstract", "block", "final")
	ct.state = 1
	defer func() { ct.state = 2 }()
	c.complex = append(c.complex, ct)
	ct.abstract = parseBool(n, "abstract")
	ct.block = c.derivSetAttr(n, "block", blockComplex)
	ct.final = c.derivSetAttr(n, "final", finalComplex)
	mixed := parseBool(n, "mixed")
	kids := n.xs()
	if len(kids) > 0 && (kids[0].name.local == "simpleContent" || kids[0].name.local == "complexContent") {
		if len(kids) > 1 {
			c.fail(kids[1], ErrSchema, "unexpected xs:%s after xs:%s", kids[1].name.local, kids[0].name.local)
		}
		if kids[0].name.local == "simpleContent" {
			c.simpleContent(ct, kids[0])
		} else {
			if v, ok := kids[0].attr("mixed"); ok {
				mixed = v == "true" || v == "1"
			}
			c.complexContent(ct, kids[0], mixed)
		}
		return
	}
	// Shorthand: an implicit restriction of xs:anyType.
	ct.base, ct.derivation = c.anyType, derivRestriction
	p, rest := c.contentParticle(kids)
	ct.particle = p
	ct.content = contentKindOf(p, mixed)
	ct.attrs, ct.attrOrder, ct.anyAttr = c.attributes(n, rest, nil, false)
}

// contentParticle splits the children of a type body into its model group
// (if any) and the attribute declarations that follow.
func (c *compiler) contentParticle(kids []*xnode) (*particle, []*xnode) {
	if len(kids) == 0 {
		return nil, nil
	}
	switch kids[0].name.local {
	case "sequence", "choice", "all", "group":
		return c.particle(kids[0]), kids[1:]
	}
	return nil, kids
}

// emptyParticle reports whether p can only match nothing.
func emptyParticle(p *particle) bool {
	if p == nil || p.max == 0 {
		return true
	}
	switch p.kind {
	case pkChoice:
		if len(p.kids) == 0 {
			// A choice of nothing that must occur matches no content at
			// all, not empty content (§3.4.2, explicit content 2.1.3).
			return p.min == 0
		}
		fallthrough
	case pkSequence, pkAll:
		for _, k := range p.kids {
			if !emptyParticle(k) {
				return false
			}
		}
		return true
	}
	return false
}

func contentKindOf(p *particle, mixed bool) contentKind {
	switch {
	case mixed:
		return contentMixed
	case emptyParticle(p):
		return contentEmpty
	}
	return contentElements
}

func (c *compiler) baseComplex(n *xnode) (typeDef, *complexType) {
	q, ok := c.qnameAttr(n, "base")
	if !ok {
		c.fail(n, ErrSchema, "xs:%s needs a base attribute", n.name.local)
		return c.anyType, c.anyType
	}
	t := c.typeByName(q, n)
	ct, _ := t.(*complexType)
	if ct != nil && ct.state == 1 {
		c.fail(n, ErrSchema, "type %s is derived from itself", q)
		return c.anyType, c.anyType
	}
	return t, ct
}

func (c *compiler) complexContent(ct *complexType, n *xnode, mixed bool) {
	kids := n.xs()
	if len(kids) != 1 || (kids[0].name.local != "extension" && kids[0].name.local != "restriction") {
		c.fail(n, ErrSchema, "xs:complexContent needs one xs:extension or xs:restriction")
		return
	}
	d := kids[0]
	t, base := c.baseComplex(d)
	if base == nil {
		c.fail(d, ErrSchema, "the base of complex content must be a complex type, not %s", t.typeName())
		base = c.anyType
	}
	ct.base = base
	c.checkFinal(d, base, map[bool]derivSet{true: setRestriction, false: setExtension}[d.name.local == "restriction"])
	p, rest := c.contentParticle(d.xs())
	if d.name.local == "restriction" {
		ct.derivation = derivRestriction
		ct.particle = p
		ct.content = contentKindOf(p, mixed)
		ct.attrs, ct.attrOrder, ct.anyAttr = c.attributes(d, rest, base, false)
		return
	}
	ct.derivation = derivExtension
	if base.content == contentSimple {
		// Without content of its own the extension keeps the base's
		// simple content and only adds attributes (XSD 1.0 §3.4.2, the
		// content type of a complex content extension, clause 3.2.1).
		if !emptyParticle(p) || mixed {
			c.fail(d, ErrSchema, "complex content cannot extend a type with simple content by elements or mixed content (cos-ct-extends.1.4)")
		}
		ct.content, ct.simple = contentSimple, base.simple
		ct.attrs, ct.attrOrder, ct.anyAttr = c.attributes(d, rest, base, true)
		return
	}
	// An extension that adds content, or is mixed (an empty sequence then
	// counts as its content, §3.4.2), keeps its base's variety: mixed stays
	// mixed and element-only stays element-only. One that adds nothing
	// inherits its base's content type.
	baseMixed := base.content == contentMixed
	if !base.isAnyType && (baseMixed || base.content == contentElements) && (mixed || !emptyParticle(p)) && mixed != baseMixed {
		variety := map[bool]string{true: "mixed", false: "element-only"}[baseMixed]
		c.fail(d, ErrSchema, "the content of %s is %s, so an extension of it must be %s too (cos-ct-extends.1.4.3.2.2.1)", typeDefName(base), variety, variety)
	}
	switch {
	case base.isAnyType:
		ct.particle = p
	case emptyParticle(base.particle):
		ct.particle = p
	case emptyParticle(p):
		ct.particle = base.particle
	default:
		if base.particle.kind == pkAll || p.kind == pkAll {
			c.fail(d, ErrSchema, "xs:all cannot be extended")
		}
		ct.particle = &particle{kind: pkSequence, min: 1, max: 1, kids: []*particle{base.particle, p}, line: d.line}
	}
	if base.content == contentMixed && !base.isAnyType {
		mixed = true
	}
	ct.content = contentKindOf(ct.particle, mixed)
	ct.attrs, ct.attrOrder, ct.anyAttr = c.attributes(d, rest, base, true)
}

func (c *compiler) simpleContent(ct *complexType, n *xnode) {
	kids := n.xs()
	if len(kids) != 1 || (kids[0].name.local != "extension" && kids[0].name.local != "restriction") {
		c.fail(n, ErrSchema, "xs:simpleContent needs one xs:extension or xs:restriction")
		return
	}
	d := kids[0]
	ct.content = contentSimple
	t, base := c.baseComplex(d)
	if base != nil {
		c.checkFinal(d, base, map[bool]derivSet{true: setRestriction, false: setExtension}[d.name.local == "restriction"])
	}
	if d.name.local == "extension" {
		ct.derivation = derivExtension
		switch {
		case base == nil:
			ct.simple = t.(*simpleType)
		case base.content == contentSimple:
			ct.simple = base.simple
		default:
			c.fail(d, ErrSchema, "simple content cannot extend %s, which has complex content", t.typeName())
			ct.simple = builtinByName("anySimpleType")
		}
		ct.base = t
		ct.attrs, ct.attrOrder, ct.anyAttr = c.attributes(d, d.xs(), base, true)
		return
	}
	ct.derivation = derivRestriction
	ct.base = t
	if base == nil || (base.content != contentSimple && !(base.content == contentMixed && emptiable(base.particle))) {
		c.fail(d, ErrSchema, "simple content restriction needs a complex base with simple content, not %s", t.typeName())
		ct.simple = builtinByName("anySimpleType")
		return
	}
	var facets, rest []*xnode
	var inline *simpleType
	for _, k := range d.xs() {
		// The Schema for Schemas orders the content: simpleType?,
		// facets*, then the attribute declarations.
		switch k.name.local {
		case "simpleType":
			if len(facets)+len(rest) > 0 || inline != nil {
				c.fail(k, ErrSchema, "xs:simpleType in a simple content restriction comes once, before its facets and attributes (Schema for Schemas: simpleType?, facets*, attrDecls)")
			}
			inline = c.compileSimple(k, qname{})
		case "attribute", "attributeGroup", "anyAttribute":
			rest = append(rest, k)
		default:
			if len(rest) > 0 {
				c.fail(k, ErrSchema, "facet xs:%s after an attribute declaration: facets come before attributes (Schema for Schemas: simpleType?, facets*, attrDecls)", k.name.local)
			}
			facets = append(facets, k)
		}
	}
	if base.content == contentMixed && inline == nil {
		c.fail(d, ErrSchema, "a simple content restriction of %s, which has mixed content, needs an xs:simpleType for its content (src-ct.2.2)", typeDefName(base))
	}
	st := base.simple
	if inline != nil {
		if base.content == contentSimple && !c.simpleDerives(inline, base.simple) {
			c.fail(d, ErrSchema, "the simple type of %s is not derived from %s, the content type of its base (derivation-ok-restriction.5.1)", typeLabel(ct), base.simple.typeName())
		}
		st = inline
	}
	if st == nil {
		st = builtinByName("anySimpleType")
	}
	if len(facets) > 0 {
		st = c.restrict(st, facets)
	}
	ct.simple = st
	ct.attrs, ct.attrOrder, ct.anyAttr = c.attributes(d, rest, base, false)
}

// emptiable reports whether p accepts the empty sequence.
func emptiable(p *particle) bool {
	if p == nil || p.min == 0 {
		return true
	}
	switch p.kind {
	case pkSequence, pkAll:
		for _, k := range p.kids {
			if !emptiable(k) {
				return false
			}
		}
		return true
	case pkChoice:
		for _, k := range p.kids {
			if emptiable(k) {
				return true
			}
		}
		return len(p.kids) == 0
	}
	return false
}
