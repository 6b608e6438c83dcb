package xsd

import "fmt"

// Missing components (XSD 1.0 §5.3). A reference that does not resolve
// leaves a property of its component absent, and §5.3 makes that an error
// only when an instance is validated against the component. Yet the
// representation constraint src-resolve asks every QName to resolve, and
// almost every test of the W3C suite with an unresolved reference expects
// the schema to be refused. The two are told apart by what needs the
// missing component: where nothing but the validation of an instance
// would consult it, the schema compiles with a warning and an element
// that needs it is invalid; where compiling the schema needs it, the
// schema is refused. Tolerated, with a warning:
//
//   - the type of a top-level element declaration that nothing refers to
//     (no content model, no substitution group) and that has no default or
//     fixed value;
//   - the substitution group head of a top-level element declaration: the
//     element then substitutes for nothing, and without a type of its own
//     its type is xs:anyType, as when it names no head;
//   - the item type of a list: every value of the list is then invalid, so
//     a default, fixed or enumerated value of it still refuses the schema.
//
// Refused as before: a base type (the derived type's content, facets and
// derivation are built from it), a group or attribute group (its content
// is copied into the type that refers to it), a union member, an element
// or attribute reference (content models and attribute uses are checked
// when the schema is compiled: determinism, consistency, restriction,
// one ID attribute), and the type of a local or value-constrained
// declaration.

// warn records a warning about the construct n, in the form of a schema
// error that compilation went past.
func (c *compiler) warn(n *xnode, format string, args ...any) {
	e := &SchemaError{Msg: fmt.Sprintf(format, args...), Err: ErrSchema}
	if n != nil {
		e.File, e.Line, e.Construct = n.doc.file, n.line, n.construct()
	}
	c.warnings = append(c.warnings, e)
}

// typeDeclared reports whether a type reference resolves.
func (c *compiler) typeDeclared(q qname) bool {
	if q.ns == nsXSD && (q.local == "anyType" || builtinByName(q.local) != nil) {
		return true
	}
	if _, ok := c.types[q]; ok {
		return true
	}
	return c.l.comps[kindType][q] != nil
}

// absentType stands for the type q, which from names but the schema does
// not declare. No value is valid for it, and an element declared with it
// is invalid wherever it occurs.
func (c *compiler) absentType(q qname, from *xnode, effect string) *simpleType {
	c.warn(from, "type %s is not declared; %s (a missing component, XSD 1.0 §5.3)", q, effect)
	return &simpleType{name: q, absent: true, base: builtinByName("anySimpleType"), builtin: "anySimpleType",
		lex: func(string, nsLookup) (value, bool) { return value{}, false }}
}

// isAbsent reports whether t stands for a missing type.
func isAbsent(t typeDef) bool {
	st, ok := t.(*simpleType)
	return ok && st.absent
}

// checkAbsentElements refuses the schema when something other than an
// instance needs the type of an element declaration that is missing it.
func (c *compiler) checkAbsentElements() {
	heads := map[qname]*elementDecl{}
	for _, e := range c.elems {
		if e.head != (qname{}) {
			heads[e.head] = e
		}
	}
	for _, q := range sortedNames(c.elems) {
		e := c.elems[q]
		if !isAbsent(e.typ) {
			continue
		}
		switch ref, member := c.elemRefs[q], heads[q]; {
		case ref != nil:
			c.fail(e.node, ErrSchema, "type %s is not declared, and the content model at %s:%d refers to element %s", e.typ.typeName(), ref.doc.file, ref.line, q)
		case member != nil:
			c.fail(e.node, ErrSchema, "type %s is not declared, and element %s is the substitution group head of %s", e.typ.typeName(), q, member.name)
		case e.head != (qname{}):
			c.fail(e.node, ErrSchema, "type %s is not declared, and element %s is a member of the substitution group of %s", e.typ.typeName(), q, e.head)
		}
	}
}
