package xsd

import (
	"errors"
	"fmt"
	"strings"
)

// xs:redefine (XSD 1.0 Structures §4.2.2) includes a schema document and
// replaces some of its types, groups and attribute groups with new
// definitions built from the old ones. Every reference to the name,
// in the redefined document as well as anywhere else, means the new
// definition; only the new definition's own self-reference (its base, or
// its one group or attribute group reference to its own name) means the
// old one.
//
// The loader does this by renaming: the old definition moves to a name no
// schema can write (it holds spaces), the new one takes the name, and the
// self-reference is redirected to the old definition's new name.

// redirect sends one QName-valued attribute of one schema element to the
// definition a redefinition displaced.
type redirect struct {
	attr     string
	from, to qname
}

// restriction is a redefined group or attribute group without a reference
// to its old definition: it must then restrict it (src-redefine.6.2.2,
// 7.2.2), which the compiler checks once both are compiled.
type restriction struct {
	kind      int
	name, old qname
	def       *xnode
}

// redefine loads the document an xs:redefine names, like an include, then
// puts the redefinitions in place of the definitions they replace.
func (l *loader) redefine(doc *schemaDoc, n *xnode) error {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local != "id" && a.Name.Local != "schemaLocation" {
			return l.errf(doc.file, n.line, ErrSchema, "attribute %s is not allowed on xs:redefine", a.Name.Local)
		}
	}
	loc, ok := n.attr("schemaLocation")
	if !ok {
		return l.errf(doc.file, n.line, ErrSchema, "xs:redefine without schemaLocation")
	}
	target, err := l.reachable(doc, n, strings.TrimSpace(loc))
	if err != nil {
		// As for xs:include (§4.2.1), a schemaLocation that fails to
		// resolve includes nothing; but then nothing can be redefined.
		if len(n.xs()) > 0 {
			why := err.Error()
			if se, ok := errors.AsType[*SchemaError](err); ok {
				why = se.Msg
			}
			return l.errf(doc.file, n.line, ErrSchema, "xs:redefine redefines components of %q, which cannot be followed: %s", loc, why)
		}
		l.warnings = append(l.warnings, fmt.Errorf("redefine skipped: %w", err))
		return nil
	}
	tns := doc.tns
	if err := l.load(target, &tns, true, n); err != nil {
		return err
	}
	for _, def := range n.xs() {
		if err := l.redefineOne(doc, n, def); err != nil {
			return err
		}
	}
	return nil
}

var redefinableKind = map[string]int{
	"simpleType": kindType, "complexType": kindType, "group": kindGroup, "attributeGroup": kindAttrGroup,
}

func (l *loader) redefineOne(doc *schemaDoc, redef, def *xnode) error {
	kind, ok := redefinableKind[def.name.local]
	if !ok {
		return l.errf(doc.file, def.line, ErrSchema, "xs:%s is not allowed in xs:redefine", def.name.local)
	}
	name, ok := def.attr("name")
	name = strings.TrimSpace(name)
	if !ok || !isNCName(name) {
		return l.errf(doc.file, def.line, ErrSchema, "xs:%s in xs:redefine needs a valid name", def.name.local)
	}
	q := qname{doc.tns, name}
	old := l.comps[kind][q]
	if old == nil {
		return l.errf(doc.file, def.line, ErrSchema,
			"src-redefine: %s %s is not defined in the redefined schema, so it cannot be redefined", kindNames[kind], q)
	}
	if kind == kindType && old.name.local != def.name.local {
		return l.errf(doc.file, def.line, ErrSchema,
			"src-redefine: %s is an xs:%s, so it cannot be redefined by an xs:%s", q, old.name.local, def.name.local)
	}
	var refs []*xnode
	var msg string
	switch def.name.local {
	case "simpleType", "complexType":
		refs, msg = selfDerivation(def, q)
	case "group":
		refs, msg = selfReferences(def, "group", q)
		if len(refs) == 1 && (refs[0].attrOr("minOccurs", "1") != "1" || refs[0].attrOr("maxOccurs", "1") != "1") {
			msg = fmt.Sprintf("src-redefine.6.1.2: the reference to group %s in its redefinition must have minOccurs and maxOccurs 1", q)
		}
	case "attributeGroup":
		refs, msg = selfReferences(def, "attributeGroup", q)
	}
	if msg != "" {
		at := def
		if len(refs) > 0 {
			at = refs[len(refs)-1]
		}
		return l.errf(doc.file, at.line, ErrSchema, "%s", msg)
	}
	displaced := qname{q.ns, fmt.Sprintf("%s (before xs:redefine at %s:%d)", q.local, doc.file, redef.line)}
	if _, dup := l.comps[kind][displaced]; dup {
		return l.errf(doc.file, def.line, ErrSchema, "src-redefine: %s %s is redefined twice by one xs:redefine", kindNames[kind], q)
	}
	l.comps[kind][displaced] = old
	delete(l.comps[kind], q)
	attr := "ref"
	if kind == kindType {
		attr = "base"
	}
	for _, r := range refs {
		l.redirects[r] = redirect{attr: attr, from: q, to: displaced}
	}
	if kind != kindType && len(refs) == 0 {
		l.restrictions = append(l.restrictions, restriction{kind, q, displaced, def})
	}
	return l.register(doc, def)
}

// selfDerivation finds the restriction or extension by which a redefined
// type derives from its old definition; src-redefine.5 requires one.
func selfDerivation(def *xnode, q qname) ([]*xnode, string) {
	d := def
	if def.name.local == "complexType" {
		kids := def.xs()
		if len(kids) != 1 || (kids[0].name.local != "complexContent" && kids[0].name.local != "simpleContent") {
			return nil, fmt.Sprintf("src-redefine.5: the redefinition of type %s must derive from it through complexContent or simpleContent", q)
		}
		d = kids[0]
	}
	for _, k := range d.xs() {
		if k.name.local != "restriction" && k.name.local != "extension" {
			continue
		}
		base, ok := k.attr("base")
		if !ok {
			break
		}
		if bq, err := k.resolveQName(base); err == nil && bq == q {
			return []*xnode{k}, ""
		}
		break
	}
	return nil, fmt.Sprintf("src-redefine.5: the redefinition of type %s must have %s itself as its base", q, q)
}

// selfReferences finds the references of a redefined group or attribute
// group to its own name: at most one (src-redefine.6.1.1, 7.1).
func selfReferences(def *xnode, elem string, q qname) ([]*xnode, string) {
	var refs []*xnode
	var walk func(n *xnode)
	walk = func(n *xnode) {
		for _, k := range n.xs() {
			if k.name.local == elem {
				if ref, ok := k.attr("ref"); ok {
					if rq, err := k.resolveQName(ref); err == nil && rq == q {
						refs = append(refs, k)
					}
				}
			}
			walk(k)
		}
	}
	walk(def)
	if len(refs) > 1 {
		rule := "6.1.1"
		if elem == "attributeGroup" {
			rule = "7.1"
		}
		return refs, fmt.Sprintf("src-redefine.%s: the redefinition of %s %s refers to it %d times, at most once is allowed", rule, elem, q, len(refs))
	}
	return refs, ""
}

// checkRestrictions checks that each redefined attribute group without a
// self-reference restricts its old definition, as clauses 2 to 4 of
// derivation-ok-restriction say for a complex type's attributes.
func (c *compiler) checkRestrictions() {
	for _, r := range c.l.restrictions {
		if r.kind != kindAttrGroup {
			continue
		}
		c.attrGroupRestricts(r.def, r.name, c.attrGroup(r.name, r.def), c.attrGroup(r.old, r.def))
	}
}

// checkGroupRestrictions checks that each redefined model group without a
// self-reference restricts its old definition (src-redefine.6.2.2) by the
// particle rules of §3.9.6, as a complex type's content restricts its base's.
// It runs once substitution groups are linked, which those rules read.
func (c *compiler) checkGroupRestrictions() {
	for _, r := range c.l.restrictions {
		if r.kind != kindGroup || c.err != nil {
			continue
		}
		derived, base := c.group(r.name, r.def), c.group(r.old, r.def)
		if derived == nil || base == nil {
			continue
		}
		if err := c.restricts(effectiveParticle(derived), effectiveParticle(base)); err != nil {
			c.fail(r.def, ErrSchema, "src-redefine.6.2.2: the redefinition of group %s must restrict it: %v", r.name, err)
		}
	}
}

func (c *compiler) attrGroupRestricts(at *xnode, q qname, derived, base *attrGroup) {
	const rule = "src-redefine.7.2.2: the redefinition of attribute group %s must restrict it: "
	old := map[qname]*attrUse{}
	for _, u := range base.uses {
		old[u.decl.name] = u
	}
	now := map[qname]*attrUse{}
	for _, u := range derived.uses {
		now[u.decl.name] = u
		b, ok := old[u.decl.name]
		switch {
		case !ok && (base.wc == nil || !base.wc.allows(u.decl.name.ns)):
			c.fail(at, ErrSchema, rule+"attribute %s is neither in it nor allowed by its wildcard", q, u.decl.name)
		case !ok:
		case b.required && !u.required:
			c.fail(at, ErrSchema, rule+"attribute %s is required in it", q, u.decl.name)
		case !derivesFromType(u.decl.typ, b.decl.typ, c.anyType):
			c.fail(at, ErrSchema, rule+"the type of attribute %s does not derive from %s", q, u.decl.name, typeDefName(b.decl.typ))
		case fixedOf(b) != nil && (fixedOf(u) == nil || !fixedValueOf(u).equal(fixedValueOf(b))):
			c.fail(at, ErrSchema, rule+"attribute %s must keep the fixed value %s", q, u.decl.name, quote(*fixedOf(b)))
		}
	}
	for _, b := range base.uses {
		if b.required && now[b.decl.name] == nil {
			c.fail(at, ErrSchema, rule+"required attribute %s is missing", q, b.decl.name)
		}
	}
	if derived.wc != nil && (base.wc == nil || !wildcardSubset(derived.wc, base.wc)) {
		c.fail(at, ErrSchema, rule+"its attribute wildcard allows namespaces the old one does not", q)
	}
}

// fixedOf is the fixed value an attribute use imposes: its own, or its
// declaration's.
func fixedOf(u *attrUse) *string {
	if u.fixed != nil {
		return u.fixed
	}
	return u.decl.fixed
}

func fixedValueOf(u *attrUse) value {
	if u.fixed != nil {
		return u.fixedVal
	}
	return u.decl.fixedVal
}

// wildcardSubset reports whether every namespace a allows, b allows too
// (cos-ns-subset).
func wildcardSubset(a, b *wildcard) bool {
	switch {
	case b.any:
		return true
	case a.any:
		return false
	case a.not && b.not:
		for ns := range b.set {
			if !a.set[ns] {
				return false
			}
		}
		return true
	case a.not:
		return false
	}
	for ns := range a.set {
		if !b.allows(ns) {
			return false
		}
	}
	return true
}
