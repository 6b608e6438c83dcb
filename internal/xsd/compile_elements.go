package xsd

func (c *compiler) globalElement(q qname, from *xnode) *elementDecl {
	if e, ok := c.elems[q]; ok {
		return e
	}
	n := c.l.comps[kindElement][q]
	if n == nil {
		c.fail(from, ErrSchema, "element %s is not declared", q)
		return &elementDecl{name: q, typ: c.anyType}
	}
	c.checkAttrs(n, "name", "type", "default", "fixed", "nillable", "abstract", "substitutionGroup", "block", "final")
	e := &elementDecl{name: q, global: true, node: n}
	e.final = c.derivSetAttr(n, "final", finalElement)
	c.elems[q] = e
	if h, ok := c.qnameAttr(n, "substitutionGroup"); ok {
		if c.l.comps[kindElement][h] != nil {
			e.head = h
		} else {
			c.warn(n, "substitution group head %s is not declared; element %s substitutes for no element (a missing component, XSD 1.0 §5.3)", h, q)
		}
	}
	c.fillElement(e, n)
	return e
}

// fillElement reads the type, value constraint and identity constraints
// of an element declaration.
func (c *compiler) fillElement(e *elementDecl, n *xnode) {
	c.allElems = append(c.allElems, e)
	e.nillable = parseBool(n, "nillable")
	e.abstract = parseBool(n, "abstract")
	e.block = c.derivSetAttr(n, "block", blockElement)
	var inline *xnode
	var idcs []*xnode
	for _, k := range n.xs() {
		switch k.name.local {
		case "simpleType", "complexType":
			if inline != nil || len(idcs) > 0 {
				c.fail(k, ErrSchema, "unexpected xs:%s in xs:element", k.name.local)
			}
			inline = k
		case "unique", "key", "keyref":
			idcs = append(idcs, k)
		default:
			c.fail(k, ErrSchema, "unexpected xs:%s in xs:element", k.name.local)
		}
	}
	q, hasType := c.qnameAttr(n, "type")
	switch {
	case hasType && inline != nil:
		c.fail(n, ErrSchema, "element %s has both a type attribute and an inline type", e.name)
	case hasType && e.global && !hasValueConstraint(n) && !c.typeDeclared(q):
		e.typ = c.absentType(q, n, "element "+e.name.String()+" is invalid wherever it occurs")
	case hasType && !hasValueConstraint(n):
		e.typ = c.elementType(q, n)
	case hasType:
		e.typ = c.typeByName(q, n)
	case inline != nil && inline.name.local == "simpleType":
		e.typ = c.compileSimple(inline, qname{})
	case inline != nil && !hasValueConstraint(n):
		// Compiled once the enclosing components are done, as a named type
		// is (elementType): the type may refer to the group it is declared
		// in (only a group within its own particles is circular,
		// mg-props-correct.2) or derive from the type it is declared in.
		ct := &complexType{node: inline}
		c.pending = append(c.pending, ct)
		e.typ = ct
	case inline != nil:
		ct := &complexType{node: inline}
		c.compileComplex(ct, inline)
		e.typ = ct
	case e.head != (qname{}):
		head := c.globalElement(e.head, n)
		if head.typ == nil {
			c.fail(n, ErrSchema, "substitution group %s is circular", e.head)
			e.typ = c.anyType
		} else {
			e.typ = head.typ
		}
	default:
		e.typ = c.anyType
	}
	e.fixed, e.deflt = c.valueConstraint(n)
	for _, lit := range []*string{e.fixed, e.deflt} {
		if lit == nil {
			continue
		}
		switch t := e.typ.(type) {
		case *simpleType:
			e.fixedVal = c.constraintValue(n, t, *lit)
			if t.id == idID {
				c.fail(n, ErrSchema, "an element of type xs:ID cannot have a value constraint")
			}
		case *complexType:
			switch {
			case t.content == contentSimple && t.simple != nil:
				e.fixedVal = c.constraintValue(n, t.simple, *lit)
			case t.content == contentMixed && emptiable(t.particle):
				e.fixedVal = value{prim: pString, s: *lit}
			case t.state == 1:
				// The type is still being compiled (recursion); its kind is
				// known only later. Accept: such types are complex.
				c.fail(n, ErrSchema, "element %s has a value constraint but complex content", e.name)
			default:
				c.fail(n, ErrSchema, "element %s has a value constraint but its type has element content", e.name)
			}
		}
	}
	for _, k := range idcs {
		e.idcs = append(e.idcs, c.compileIDC(k))
	}
}

// particle compiles xs:element, xs:any, xs:sequence, xs:choice, xs:all or
// a group reference inside a content model.
func (c *compiler) particle(n *xnode) *particle {
	lo, hi := c.occurs(n)
	p := &particle{min: lo, max: hi, line: n.line}
	switch n.name.local {
	case "element":
		if q, ok := c.qnameAttr(n, "ref"); ok {
			c.checkAttrs(n, "ref", "minOccurs", "maxOccurs")
			if r := n.xs(); len(r) > 0 {
				c.fail(r[0], ErrSchema, "an element reference holds at most an annotation, not xs:%s (src-element.2.2)", r[0].name.local)
			}
			p.elem = c.globalElement(q, n)
			if c.elemRefs[q] == nil {
				c.elemRefs[q] = n
			}
		} else {
			c.checkAttrs(n, "name", "type", "default", "fixed", "nillable", "block", "form", "minOccurs", "maxOccurs")
			name, ok := n.nameAttr()
			if !ok {
				c.fail(n, ErrSchema, "xs:element needs a name or a ref")
			}
			q := qname{"", name}
			form := n.attrOr("form", "")
			if form == "qualified" || (form == "" && n.doc.elemQual) {
				q.ns = n.doc.tns
			}
			e := &elementDecl{name: q, node: n}
			c.fillElement(e, n)
			p.elem = e
		}
		p.kind = pkElement
	case "any":
		c.checkAttrs(n, "namespace", "processContents", "minOccurs", "maxOccurs")
		p.kind = pkWildcard
		p.wc = c.wildcard(n)
	case "sequence", "choice", "all":
		c.checkAttrs(n, "minOccurs", "maxOccurs")
		p.kind = map[string]particleKind{"sequence": pkSequence, "choice": pkChoice, "all": pkAll}[n.name.local]
		for _, k := range n.xs() {
			switch k.name.local {
			case "element", "any", "sequence", "choice", "group":
				if p.kind == pkAll && k.name.local != "element" {
					c.fail(k, ErrSchema, "xs:all may contain only xs:element")
					continue
				}
				kid := c.particle(k)
				if p.kind == pkAll && kid.max > 1 {
					c.fail(k, ErrSchema, "maxOccurs of an element in xs:all must be 0 or 1")
				}
				p.kids = append(p.kids, kid)
			default:
				c.fail(k, ErrSchema, "unexpected xs:%s in xs:%s", k.name.local, n.name.local)
			}
		}
		if p.kind == pkAll && (p.max != 1 || p.min > 1) {
			c.fail(n, ErrSchema, "xs:all must have maxOccurs=1 and minOccurs 0 or 1")
		}
	case "group":
		c.checkAttrs(n, "ref", "minOccurs", "maxOccurs")
		q, ok := c.qnameAttr(n, "ref")
		if !ok {
			c.fail(n, ErrSchema, "a group reference needs ref")
			return p
		}
		g := c.group(q, n)
		if g == nil {
			return p
		}
		p.kind, p.kids = g.kind, g.kids
		if g.kind == pkAll && (p.max != 1 || p.min > 1) {
			c.fail(n, ErrSchema, "a reference to an xs:all group must have maxOccurs=1")
		}
	default:
		c.fail(n, ErrSchema, "unexpected xs:%s in a content model", n.name.local)
	}
	return p
}

// group returns the model group of a named group definition.
func (c *compiler) group(q qname, from *xnode) *particle {
	if g, ok := c.groups[q]; ok {
		return g
	}
	n := c.l.comps[kindGroup][q]
	if n == nil {
		c.fail(from, ErrSchema, "group %s is not declared", q)
		return nil
	}
	if c.groupState[q] == 1 {
		c.fail(from, ErrSchema, "group %s refers to itself", q)
		return nil
	}
	c.groupState[q] = 1
	kids := n.xs()
	if len(kids) != 1 || (kids[0].name.local != "sequence" && kids[0].name.local != "choice" && kids[0].name.local != "all") {
		c.fail(n, ErrSchema, "xs:group needs exactly one sequence, choice or all")
		return nil
	}
	if _, ok := kids[0].attr("minOccurs"); ok {
		c.fail(kids[0], ErrSchema, "the model group of a group definition cannot have minOccurs")
	}
	if _, ok := kids[0].attr("maxOccurs"); ok {
		c.fail(kids[0], ErrSchema, "the model group of a group definition cannot have maxOccurs")
	}
	g := c.particle(kids[0])
	c.groups[q] = g
	c.groupState[q] = 2
	return g
}

// linkSubstitutions records, on each head, the members that may appear in
// its place, transitively: a member's type must derive from its head's
// type by methods the head's final allows, and a head's block (with its
// type's) keeps out members whose type derives by the methods it names.
func (c *compiler) linkSubstitutions() {
	for _, e := range c.elems {
		if e.head != (qname{}) {
			if head := c.elems[e.head]; head != nil && e.typ != nil && head.typ != nil {
				m, ok := derivationMethods(e.typ, head.typ, c.anyType)
				switch {
				case !ok:
					c.fail(e.node, ErrSchema, "the type of %s is not derived from the type of its substitution group head %s", e.name, head.name)
				case m&head.final != 0:
					c.fail(e.node, ErrSchema, "substitution group head %s is final for %s, by which the type of %s is derived", head.name, m&head.final, e.name)
				}
			}
		}
		seen := map[*elementDecl]bool{e: true}
		for h := e.head; h != (qname{}); {
			head := c.elems[h]
			if head == nil {
				c.fail(e.node, ErrSchema, "substitution group head %s is not declared", h)
				return
			}
			if seen[head] {
				c.fail(e.node, ErrSchema, "substitution group of %s is circular", e.name)
				return
			}
			seen[head] = true
			if !e.abstract && head.block&setSubstitution == 0 && blockedBy(e.typ, head.typ, head.block, c.anyType) == 0 {
				head.subst = append(head.subst, e)
			}
			h = head.head
		}
	}
}

func hasValueConstraint(n *xnode) bool {
	_, fixed := n.attr("fixed")
	_, deflt := n.attr("default")
	return fixed || deflt
}
