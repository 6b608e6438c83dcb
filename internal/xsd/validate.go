package xsd

import (
	"fmt"
)

// validator holds the state of one validation run. It validates while
// the scanner reads: each element is validated from its start tag to its
// end tag, pulling its children from the scanner one at a time (next), so
// that only the open elements are in memory. Every method given an
// element reads it to its end tag before returning, validating it or not.
type validator struct {
	s        *Schema
	sc       *scanner
	err      error // the scanner's: the document cannot be validated
	findings []Finding
	ids      map[string]bool
	idrefs   []pendingRef
	full     bool
}

// pendingRef is an IDREF value to resolve once every ID is known; its
// element is gone by then, so the finding's place is kept.
type pendingRef struct {
	path  string
	line  int
	value string
}

// next returns the next child of n, nil at n's end or after an error.
func (v *validator) next(n *inode) *inode {
	if v.err != nil {
		return nil
	}
	k, err := v.sc.next(n)
	if err != nil {
		v.err = err
		return nil
	}
	return k
}

// skip reads past n without validating it: the rest of the document is
// still checked for well-formedness.
func (v *validator) skip(n *inode) {
	if v.err != nil {
		return
	}
	if n.keep || v.s.noSkim {
		// Its children are kept for identity constraints: read them as
		// elements.
		for k := v.next(n); k != nil; k = v.next(n) {
			v.skip(k)
		}
		return
	}
	if err := v.sc.skim(n); err != nil {
		v.err = err
	}
}

// skipFrom skips k, a child of n, and every later child of n.
func (v *validator) skipFrom(n, k *inode) {
	if k != nil {
		v.skip(k)
		v.skip(n)
	}
}

func (v *validator) report(n *inode, attr string, format string, args ...any) {
	if v.full {
		return
	}
	if len(v.findings) >= v.s.opts.MaxFindings {
		// Validation stops here; the rest is only read.
		v.full = true
		v.findings = append(v.findings, Finding{Line: n.line, Path: pathOf(n, ""), Message: "too many findings; stopped reporting"})
		return
	}
	v.findings = append(v.findings, Finding{Line: n.line, Path: pathOf(n, attr), Message: fmt.Sprintf(format, args...)})
}

func (v *validator) validateRoot(root *inode) {
	decl := v.s.elements[qname{root.ns, root.local}]
	if decl == nil {
		v.report(root, "", "no global declaration for the root element %s", qname{root.ns, root.local})
		v.skip(root)
		return
	}
	v.element(root, decl, decl.typ)
}

// resolveIDREFs reports the IDREF values that match no ID.
func (v *validator) resolveIDREFs() {
	for _, r := range v.idrefs {
		if v.full {
			return
		}
		if !v.ids[r.value] {
			msg := "IDREF " + quote(r.value) + " does not match any ID in the document"
			if len(v.findings) >= v.s.opts.MaxFindings {
				v.full = true
				msg = "too many findings; stopped reporting"
			}
			v.findings = append(v.findings, Finding{Line: r.line, Path: r.path, Message: msg})
		}
	}
}

// remember counts one more ID or IDREF value against
// Options.MaxIdentityState.
func (v *validator) remember(n *inode) bool {
	a := v.sc.a
	if a.kept+a.idValues >= v.s.opts.MaxIdentityState {
		if v.err == nil {
			v.err = &InstanceError{Line: n.line, Msg: "too many ID and IDREF values", Err: ErrLimit}
		}
		return false
	}
	a.idValues++
	return true
}

// idSink returns the callback that records ID and IDREF values.
func (v *validator) idSink(n *inode, attr string) func(idKind, string) {
	return func(k idKind, val string) {
		switch k {
		case idID:
			if v.ids == nil {
				v.ids = map[string]bool{}
			}
			if v.ids[val] {
				v.report(n, attr, "ID %s is not unique in the document", quote(val))
			} else if v.remember(n) {
				v.ids[val] = true
			}
		case idIDREF:
			if !v.s.opts.ResolveIDREFs || !v.remember(n) {
				return
			}
			v.idrefs = append(v.idrefs, pendingRef{pathOf(n, attr), n.line, val})
		}
	}
}

// simpleValue validates text against t and reports a finding on failure.
func (v *validator) simpleValue(n *inode, attr string, t *simpleType, text string) (value, bool) {
	var ids func(idKind, string)
	if t.mayHaveIDs() {
		ids = v.idSink(n, attr)
	}
	val, err := t.validate(text, n, ids)
	if err != nil && t.strictWS && v.s.hasIDC && normalizeWS(text, t.ws) != text && fieldTarget(n, attr) {
		// libxml2 normalises the value of a node that an identity
		// constraint's field selects before checking it, so its refusal
		// of surrounding whitespace (simpleType.strictWS) stops there.
		val, err = t.validate(normalizeWS(text, t.ws), n, ids)
	}
	if err != nil {
		v.report(n, attr, "%v", err)
		return value{}, false
	}
	return val, true
}

// element validates n, which has just started, against decl and typ,
// reading it to its end tag.
func (v *validator) element(n *inode, decl *elementDecl, typ typeDef) {
	if v.full {
		v.skip(n)
		return
	}
	n.decl = decl
	if isAbsent(decl.typ) {
		v.report(n, "", "element %s cannot be validated: its type %s is not declared in the schema (a missing component, XSD 1.0 §5.3)", decl.name, decl.typ.typeName())
		v.skip(n)
		return
	}
	kept := v.sc.a.kept
	if len(decl.idcs) > 0 {
		// The subtree stays in memory until the constraints are checked.
		n.keep = true
	}
	// Reading up to the first child gives the text before it, and tells
	// whether there is one, as the checks below need.
	first := v.next(n)
	var nilled bool
	for _, a := range n.attrs {
		if a.ns != nsXSI {
			continue
		}
		switch a.local {
		case "nil":
			b, ok := lexBoolean(collapse(a.value), nil)
			if !ok {
				v.report(n, "xsi:nil", "value %s is not a valid xs:boolean", quote(a.value))
				continue
			}
			if !decl.nillable {
				v.report(n, "xsi:nil", "element %s is not nillable", decl.name)
				continue
			}
			nilled = b.b
		case "type":
			t := v.xsiType(n, a.value, typ, decl.block)
			if t != nil {
				typ = t
			}
		case "schemaLocation", "noNamespaceSchemaLocation":
		default:
			v.report(n, "xsi:"+a.local, "attribute xsi:%s is not allowed", a.local)
		}
	}
	if decl.abstract {
		v.report(n, "", "element %s is abstract", decl.name)
	}
	if ct, ok := typ.(*complexType); ok && ct.abstract {
		v.report(n, "", "type %s is abstract", ct.name)
	}
	if nilled {
		if first != nil || len(n.text) > 0 {
			v.report(n, "", "element %s is nil (xsi:nil=\"true\") but has content", decl.name)
		}
		if decl.fixed != nil {
			v.report(n, "", "element %s has a fixed value and cannot be nil", decl.name)
		}
		if ct, ok := typ.(*complexType); ok {
			v.attributes(n, ct)
		} else {
			v.noAttributes(n)
		}
		v.skipFrom(n, first)
	} else {
		switch t := typ.(type) {
		case *simpleType:
			v.noAttributes(n)
			if first != nil {
				v.report(n, "", "element %s has a simple type and cannot contain element %s", decl.name, first.local)
				v.skipFrom(n, first)
				break
			}
			v.simpleContent(n, decl, t)
		case *complexType:
			v.attributes(n, t)
			v.content(n, decl, t, first)
		}
	}
	if len(decl.idcs) > 0 && v.err == nil && !v.full {
		v.identity(n, decl)
	}
	if n.keep && (n.parent == nil || !n.parent.keep) {
		// The outermost kept element: its subtree can go.
		n.kids = nil
		v.sc.a.kept = kept
	}
}

func (v *validator) noAttributes(n *inode) {
	for _, a := range n.attrs {
		if a.ns != nsXSI {
			v.report(n, a.local, "attribute %s is not allowed: the element has a simple type", qname{a.ns, a.local})
		}
	}
}

// simpleContent validates the text of an element with a simple type or
// simple content, applying the declaration's default and fixed values.
func (v *validator) simpleContent(n *inode, decl *elementDecl, t *simpleType) {
	text := n.text
	if text == "" && decl.deflt != nil {
		text = *decl.deflt
	}
	if text == "" && decl.fixed != nil {
		text = *decl.fixed
	}
	val, ok := v.simpleValue(n, "", t, text)
	if !ok {
		return
	}
	if v.s.hasIDC {
		n.key, n.hasKey = val.key(), true
	}
	// libxml2 compares an element's fixed value with the literal text, not
	// in the value space (1.00 differs from 1.0, " a" from "a"); verdicts
	// follow libxml2.
	if decl.fixed != nil && text != *decl.fixed {
		v.report(n, "", "value %s does not equal the fixed value %s", quote(text), quote(*decl.fixed))
	}
}

func (v *validator) xsiType(n *inode, lit string, declared typeDef, block derivSet) typeDef {
	q, ok := resolveQName(collapse(lit), n)
	if !ok {
		v.report(n, "xsi:type", "value %s is not a valid QName", quote(lit))
		return nil
	}
	ns, local := q.ns, q.local
	var t typeDef
	switch {
	case q == qname{nsXSD, "anyType"}:
		t = v.s.anyType
	case ns == nsXSD && builtinByName(local) != nil:
		t = builtinByName(local)
	default:
		t = v.s.types[q]
	}
	if t == nil {
		v.report(n, "xsi:type", "xsi:type %s does not name a type", q)
		return nil
	}
	if !derivesFromType(t, declared, v.s.anyType) {
		v.report(n, "xsi:type", "xsi:type %s is not derived from the declared type", q)
		return nil
	}
	if b := blockedBy(t, declared, block, v.s.anyType); b != 0 {
		v.report(n, "xsi:type", "xsi:type %s is derived by %s, which the element or its type blocks", q, b)
		return nil
	}
	return t
}
