package xsd

import (
	"fmt"
	"strconv"
	"strings"
)

// validator holds the state of one validation run.
type validator struct {
	s        *Schema
	findings []Finding
	ids      map[string]bool
	idrefs   []pendingRef
	full     bool
}

type pendingRef struct {
	n     *inode
	attr  string
	value string
}

func newValidator(s *Schema) *validator {
	return &validator{s: s}
}

func (v *validator) report(n *inode, attr string, format string, args ...any) {
	if v.full {
		return
	}
	if len(v.findings) >= v.s.opts.MaxFindings {
		v.full = true
		v.findings = append(v.findings, Finding{Line: n.line, Path: pathOf(n, ""), Message: "too many findings; stopped reporting"})
		return
	}
	v.findings = append(v.findings, Finding{Line: n.line, Path: pathOf(n, attr), Message: fmt.Sprintf(format, args...)})
}

// pathOf builds /a/b[2]/c[1] (local names, index among same-named siblings).
func pathOf(n *inode, attr string) string {
	var parts []string
	for x := n; x != nil; x = x.parent {
		if x.parent == nil {
			parts = append(parts, "/"+x.local)
			break
		}
		idx := 0
		for _, s := range x.parent.kids {
			if s.local == x.local && s.ns == x.ns {
				idx++
			}
			if s == x {
				break
			}
		}
		parts = append(parts, "/"+x.local+"["+strconv.Itoa(idx)+"]")
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	if attr != "" {
		b.WriteString("/@" + attr)
	}
	return b.String()
}

func (v *validator) validateRoot(root *inode) {
	decl := v.s.elements[qname{root.ns, root.local}]
	if decl == nil {
		v.report(root, "", "no global declaration for the root element %s", qname{root.ns, root.local})
		return
	}
	v.element(root, decl, decl.typ)
	for _, r := range v.idrefs {
		if !v.ids[r.value] {
			v.report(r.n, r.attr, "IDREF %s does not match any ID in the document", quote(r.value))
		}
	}
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
			}
			v.ids[val] = true
		case idIDREF:
			if !v.s.opts.ResolveIDREFs {
				return
			}
			v.idrefs = append(v.idrefs, pendingRef{n, attr, val})
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
	if err != nil {
		v.report(n, attr, "%v", err)
		return value{}, false
	}
	return val, true
}

func (v *validator) element(n *inode, decl *elementDecl, typ typeDef) {
	n.decl = decl
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
		if len(n.kids) > 0 || len(n.text) > 0 {
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
	} else {
		switch t := typ.(type) {
		case *simpleType:
			v.noAttributes(n)
			if len(n.kids) > 0 {
				v.report(n, "", "element %s has a simple type and cannot contain element %s", decl.name, n.kids[0].local)
				break
			}
			v.simpleContent(n, decl, t)
		case *complexType:
			v.attributes(n, t)
			v.content(n, decl, t)
		}
	}
	if len(decl.idcs) > 0 {
		v.identity(n, decl)
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
	val, ok := lexQName(pQName)(collapse(lit), n)
	if !ok {
		v.report(n, "xsi:type", "value %s is not a valid QName", quote(lit))
		return nil
	}
	ns, local, _ := strings.Cut(strings.TrimPrefix(val.s, "{"), "}")
	q := qname{ns, local}
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
