package xsd

import (
	"strconv"
	"strings"
)

// compileSimple compiles an xs:simpleType element.
func (c *compiler) compileSimple(n *xnode, name qname) *simpleType {
	c.checkAttrs(n, "name", "final")
	kids := n.xs()
	if len(kids) != 1 {
		c.fail(n, ErrSchema, "xs:simpleType needs exactly one of restriction, list, union")
		return builtinByName("anySimpleType")
	}
	k := kids[0]
	var t *simpleType
	switch k.name.local {
	case "restriction":
		t = c.simpleRestriction(k)
	case "list":
		t = c.simpleList(k)
	case "union":
		t = c.simpleUnion(k)
	default:
		c.fail(k, ErrSchema, "unexpected xs:%s in xs:simpleType", k.name.local)
		return builtinByName("anySimpleType")
	}
	if t == builtinByName(t.builtin) {
		// Error paths answer with a shared built-in type, which every compilation
		// reads: name a copy, never the built-in itself.
		copied := *t
		t = &copied
	}
	t.name = name
	c.simpleFinal[t] = c.derivSetAttr(n, "final", finalSimple)
	return t
}

// inlineOrRef returns the type named by attr or the single inline
// xs:simpleType child.
func (c *compiler) inlineOrRef(n *xnode, attr string) (*simpleType, []*xnode) {
	var rest []*xnode
	var inline *xnode
	for _, k := range n.xs() {
		if k.name.local == "simpleType" && inline == nil {
			inline = k
			continue
		}
		rest = append(rest, k)
	}
	q, hasRef := c.qnameAttr(n, attr)
	switch {
	case hasRef && inline != nil:
		c.fail(n, ErrSchema, "xs:%s has both %s and an inline type", n.name.local, attr)
	case hasRef:
		return c.simpleByName(q, n), rest
	case inline != nil:
		return c.compileSimple(inline, qname{}), rest
	}
	return nil, rest
}

func (c *compiler) simpleRestriction(n *xnode) *simpleType {
	base, facets := c.inlineOrRef(n, "base")
	if base == nil {
		c.fail(n, ErrSchema, "xs:restriction needs a base type")
		return builtinByName("anySimpleType")
	}
	if base.name == (qname{nsXSD, "anySimpleType"}) {
		// Only the built-in primitives restrict the simple ur-type.
		c.fail(n, ErrSchema, "xs:anySimpleType cannot be the base of a restriction (st-props-correct)")
	}
	c.checkFinal(n, base, setRestriction)
	return c.restrict(base, facets)
}

func (c *compiler) simpleList(n *xnode) *simpleType {
	if q, ok := c.qnameAttr(n, "itemType"); ok && !c.typeDeclared(q) && len(n.xs()) == 0 {
		item := c.absentType(q, n, "no value of the list is valid")
		return &simpleType{variety: list, prim: pString, base: builtinByName("anySimpleType"),
			item: item, ws: wsCollapse, builtin: "anySimpleType"}
	}
	item, rest := c.inlineOrRef(n, "itemType")
	if item == nil || len(rest) > 0 {
		c.fail(n, ErrSchema, "xs:list needs exactly one item type")
		return builtinByName("anySimpleType")
	}
	if item.variety == list {
		c.fail(n, ErrSchema, "the item type of a list cannot be a list")
	}
	c.checkFinal(n, item, setList)
	return &simpleType{variety: list, prim: pString, base: builtinByName("anySimpleType"),
		item: item, ws: wsCollapse, builtin: "anySimpleType"}
}

func (c *compiler) simpleUnion(n *xnode) *simpleType {
	t := &simpleType{variety: union, base: builtinByName("anySimpleType"), ws: wsPreserve, builtin: "anySimpleType"}
	if v, ok := n.attr("memberTypes"); ok {
		for _, f := range strings.Fields(v) {
			q, err := n.resolveQName(f)
			if err != nil {
				c.fail(n, ErrSchema, "memberTypes: %v", err)
				continue
			}
			c.checkImported(n, q)
			t.members = append(t.members, c.simpleByName(q, n))
		}
	}
	for _, k := range n.xs() {
		if k.name.local != "simpleType" {
			c.fail(k, ErrSchema, "unexpected xs:%s in xs:union", k.name.local)
			continue
		}
		t.members = append(t.members, c.compileSimple(k, qname{}))
	}
	if len(t.members) == 0 {
		c.fail(n, ErrSchema, "xs:union without member types")
	}
	for _, m := range t.members {
		c.checkFinal(n, m, setUnion)
	}
	// A union's members are flattened: a member that is itself a union
	// contributes its members.
	var flat []*simpleType
	for _, m := range t.members {
		if m.variety == union && len(m.facets) == 0 {
			flat = append(flat, m.members...)
		} else {
			flat = append(flat, m)
		}
	}
	t.members = flat
	return t
}

// xnode as nsLookup, for QName-valued facet values.
func (n *xnode) lookupNS(prefix string) (string, bool) {
	if prefix == "xml" {
		return nsXML, true
	}
	u, ok := n.scope[prefix]
	return u, ok
}

// restrict derives a new simple type from base with the given facets.
func (c *compiler) restrict(base *simpleType, facetNodes []*xnode) *simpleType {
	t := &simpleType{variety: base.variety, prim: base.prim, lex: base.lex, base: base,
		item: base.item, members: base.members, ws: base.ws, id: base.id, builtin: base.builtin}
	t.facets = append([]*facetSet(nil), base.facets...)
	vbase := base // validates the enumeration values
	if base.prim == pNOTATION && base.name == (qname{nsXSD, "NOTATION"}) {
		// xs:NOTATION itself has no values; a restriction's values are
		// QNames, limited by its enumeration to declared notations.
		t.lex = lexQName(pNOTATION)
		copied := *base
		copied.lex = t.lex
		vbase = &copied
	}
	if base.name == (qname{nsXSD, "anySimpleType"}) && len(facetNodes) > 0 {
		c.fail(facetNodes[0], ErrSchema, "xs:anySimpleType cannot be restricted with facets")
	}
	f := newFacetSet()
	seen := map[string]bool{}
	any := false
	for _, fn := range facetNodes {
		name := fn.name.local
		v, ok := fn.attr("value")
		if !ok {
			c.fail(fn, ErrSchema, "facet xs:%s needs a value", name)
			continue
		}
		if !facetApplies(base, name) {
			c.fail(fn, ErrSchema, "facet xs:%s does not apply to %s", name, base)
			continue
		}
		if name != "pattern" && name != "enumeration" {
			if seen[name] {
				c.fail(fn, ErrSchema, "facet xs:%s given twice", name)
			}
			seen[name] = true
		}
		any = true
		switch name {
		case "pattern":
			re, err := newPattern(v)
			if err != nil {
				sentinel := ErrSchema
				if strings.Contains(err.Error(), "invalid repeat count") {
					sentinel = ErrUnsupported
				}
				c.fail(fn, sentinel, "%v", err)
				continue
			}
			f.patterns = append(f.patterns, re)
			f.patternSrc = append(f.patternSrc, v)
		case "enumeration":
			val, err := vbase.validate(v, fn, nil)
			if err != nil {
				c.fail(fn, ErrSchema, "enumeration value is not valid for the base type: %v", err)
				continue
			}
			if b := builtinFacets()[base.builtin]; base.variety == list && b != nil && len(strings.Fields(v)) < b.minLength {
				// Instances of the built-in lists may be empty, as in
				// libxml2 (see doc.go), but a value the schema itself
				// lists must be valid: xs:NMTOKENS has minLength 1.
				c.fail(fn, ErrSchema, "enumeration value %s is not valid for the base type: xs:%s has minLength %d (enumeration-valid-restriction)", quote(v), base.builtin, b.minLength)
				continue
			}
			if t.prim == pNOTATION {
				ns, local, _ := strings.Cut(strings.TrimPrefix(val.s, "{"), "}")
				if c.l.notations[qname{ns, local}] == nil {
					c.fail(fn, ErrSchema, "enumeration value %s does not name a declared notation", quote(v))
				}
			}
			f.hasEnum = true
			f.enums = append(f.enums, val)
			f.enumLex = append(f.enumLex, normalizeWS(v, base.ws))
		case "whiteSpace":
			var ws wsMode
			switch strings.TrimSpace(v) {
			case "preserve":
				ws = wsPreserve
			case "replace":
				ws = wsReplace
			case "collapse":
				ws = wsCollapse
			default:
				c.fail(fn, ErrSchema, "invalid whiteSpace %q", v)
			}
			if ws < base.ws {
				c.fail(fn, ErrSchema, "whiteSpace %s is weaker than the base type's", v)
			}
			t.ws = ws
		case "length", "minLength", "maxLength", "totalDigits", "fractionDigits":
			x, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || x < 0 || (name == "totalDigits" && x == 0) {
				c.fail(fn, ErrSchema, "invalid %s %q", name, v)
				continue
			}
			switch name {
			case "length":
				f.length = x
			case "minLength":
				f.minLength = x
			case "maxLength":
				f.maxLength = x
			case "totalDigits":
				f.totalDig = x
			case "fractionDigits":
				f.fracDig = x
			}
		case "minInclusive", "maxInclusive", "minExclusive", "maxExclusive":
			// A facet's value is whitespace-normalised as a value of the
			// base type is (libxml2's refusal of surrounding whitespace in
			// some instance values does not reach the schema).
			val, err := base.validate(normalizeWS(v, base.ws), fn, nil)
			if err != nil {
				c.fail(fn, ErrSchema, "%s value is not valid for the base type: %v", name, err)
				continue
			}
			val.raw = strings.TrimSpace(v)
			switch name {
			case "minInclusive":
				f.minInc = &val
			case "maxInclusive":
				f.maxInc = &val
			case "minExclusive":
				f.minExc = &val
			case "maxExclusive":
				f.maxExc = &val
			}
		default:
			c.fail(fn, ErrSchema, "unknown facet xs:%s", name)
		}
	}
	if f.length >= 0 && (f.minLength >= 0 || f.maxLength >= 0) && !lengthBoundsInherited(base, f) {
		c.fail(facetNodes[0], ErrSchema, "length cannot be combined with minLength or maxLength (length-minLength-maxLength)")
	}
	if f.minInc != nil && f.minExc != nil || f.maxInc != nil && f.maxExc != nil {
		c.fail(facetNodes[0], ErrSchema, "inclusive and exclusive bounds on the same side")
	}
	if f.totalDig >= 0 && f.fracDig > f.totalDig {
		c.fail(facetNodes[0], ErrSchema, "fractionDigits is greater than totalDigits")
	}
	if rule, msg := facetConflict(base.builtin, base.facets, f); rule != "" && any {
		c.fail(facetNodes[0], ErrSchema, "%s (%s)", msg, rule)
	}
	if any {
		t.facets = append(t.facets, f)
	}
	t.strictWS = derivedStrictWS(base, t, any)
	return t
}

// facetApplies implements the table of applicable facets (XSD 1.0 §4.1.5).
func facetApplies(base *simpleType, facet string) bool {
	switch facet {
	case "pattern", "enumeration":
		return true
	}
	if base.variety == union {
		return false
	}
	if base.variety == list {
		switch facet {
		case "length", "minLength", "maxLength", "whiteSpace":
			return true
		}
		return false
	}
	switch facet {
	case "whiteSpace":
		return true
	case "length", "minLength", "maxLength":
		switch base.prim {
		case pString, pAnySimple, pHexBinary, pBase64Binary, pAnyURI, pQName, pNOTATION:
			return true
		}
	case "minInclusive", "maxInclusive", "minExclusive", "maxExclusive":
		switch base.prim {
		case pDecimal, pFloat, pDouble, pDuration, pDateTime, pTime, pDate,
			pGYearMonth, pGYear, pGMonthDay, pGDay, pGMonth:
			return true
		}
	case "totalDigits", "fractionDigits":
		return base.prim == pDecimal
	}
	return false
}
