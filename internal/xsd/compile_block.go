package xsd

import (
	"slices"
	"strings"
)

// block and final (XSD 1.0 §3.3.2, §3.4.2, §3.14.2): final stops a type
// being derived, or an element's type being derived for its substitution
// group, by the methods it names; block stops an element (or a complex
// type) being replaced in an instance by xsi:type or by substitution when
// the replacement's type is derived by the methods it names. Without the
// attribute the schema document's blockDefault or finalDefault applies,
// as far as it names methods the component can have.

// derivSet is a set of derivation methods.
type derivSet uint8

const (
	setExtension derivSet = 1 << iota
	setRestriction
	setSubstitution
	setList
	setUnion
)

var derivTokens = map[string]derivSet{
	"extension": setExtension, "restriction": setRestriction, "substitution": setSubstitution,
	"list": setList, "union": setUnion,
}

func (s derivSet) String() string {
	var names []string
	for name, bit := range derivTokens {
		if s&bit != 0 {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, " ")
}

// What each attribute may name; #all means all of them.
const (
	blockElement = setExtension | setRestriction | setSubstitution
	blockComplex = setExtension | setRestriction
	finalElement = setExtension | setRestriction
	finalComplex = setExtension | setRestriction
	finalSimple  = setRestriction | setList | setUnion
	blockDefault = blockElement
	finalDefault = setExtension | setRestriction | setList | setUnion
)

// derivSetAttr reads n's block or final attribute (attr), or the schema
// document's default for it.
func (c *compiler) derivSetAttr(n *xnode, attr string, allowed derivSet) derivSet {
	if v, ok := n.attr(attr); ok {
		return c.parseDerivSet(n, attr, v, allowed)
	}
	root := n.doc.root
	def := blockDefault
	if attr == "final" {
		def = finalDefault
	}
	if v, ok := root.attr(attr + "Default"); ok {
		return c.parseDerivSet(root, attr+"Default", v, def) & allowed
	}
	return 0
}

func (c *compiler) parseDerivSet(n *xnode, attr, v string, allowed derivSet) derivSet {
	tokens := strings.Fields(v)
	if len(tokens) == 1 && tokens[0] == "#all" {
		return allowed
	}
	var s derivSet
	for _, tok := range tokens {
		bit := derivTokens[tok]
		if bit == 0 || bit&allowed == 0 {
			c.fail(n, ErrSchema, "%s=%s: %s is not one of #all, %s", attr, quote(v), quote(tok), allowed)
			return 0
		}
		s |= bit
	}
	return s
}

// checkFinal refuses a derivation by method from a base that is final
// for it.
func (c *compiler) checkFinal(n *xnode, base typeDef, method derivSet) {
	var final derivSet
	switch b := base.(type) {
	case *complexType:
		final = b.final
	case *simpleType:
		final = c.simpleFinal[b]
	}
	if final&method != 0 {
		c.fail(n, ErrSchema, "%s is final for %s: it cannot be the base of this derivation", typeDefName(base), method)
	}
}

func typeDefName(t typeDef) string {
	switch x := t.(type) {
	case *complexType:
		if x.name.local == "" {
			return "the anonymous base type"
		}
		return "type " + x.name.String()
	case *simpleType:
		return x.String()
	}
	return "the base type"
}

// derivationMethods reports whether t is derived from base (or is base)
// and by which methods along the way. A member of a union counts as
// derived from the union (XSD 1.0 §3.14.6, clause 2.2.4), by restriction.
func derivationMethods(t, base typeDef, anyType *complexType) (derivSet, bool) {
	var methods derivSet
	for i := 0; t != nil && i < 1000; i++ {
		if t == base {
			return methods, true
		}
		if st, ok := t.(*simpleType); ok {
			if ub, ok := base.(*simpleType); ok && ub.variety == union && slices.Contains(ub.members, st) {
				return methods | setRestriction, true
			}
		}
		switch x := t.(type) {
		case *complexType:
			if x.base == nil || x.isAnyType {
				return methods, base == typeDef(anyType)
			}
			if x.derivation == derivExtension {
				methods |= setExtension
			} else {
				methods |= setRestriction
			}
			t = x.base
		case *simpleType:
			if x.base == nil {
				// Every simple type derives from anySimpleType and so,
				// by restriction, from anyType.
				return methods | setRestriction, base == typeDef(anyType)
			}
			methods |= setRestriction
			t = x.base
		}
	}
	return methods, false
}

// derivesFromType reports whether t is base or derived from it.
func derivesFromType(t, base typeDef, anyType *complexType) bool {
	_, ok := derivationMethods(t, base, anyType)
	return ok
}

// blockedBy returns what of blocking (an element's block together with
// the block of its declared type) the derivation of t from declared uses.
func blockedBy(t, declared typeDef, block derivSet, anyType *complexType) derivSet {
	if ct, ok := declared.(*complexType); ok {
		block |= ct.block
	}
	m, _ := derivationMethods(t, declared, anyType)
	return m & block & (setExtension | setRestriction)
}
