package xsd

import (
	"slices"
	"sort"
	"strings"
)

// attributes validates the attributes of n against a complex type.
func (v *validator) attributes(n *inode, ct *complexType) {
	for i := range n.attrs {
		a := &n.attrs[i]
		if a.ns == nsXSI {
			continue
		}
		q := qname{a.ns, a.local}
		if u := ct.attrs[q]; u != nil {
			a.assessed = true
			lit := a.value
			if u.fixed != nil {
				// With a fixed value libxml2 validates the normalised
				// literal, so its whitespace quirk (see simpleType.strictWS)
				// does not apply.
				lit = normalizeWS(lit, u.decl.typ.ws)
			}
			val, ok := v.simpleValue(n, a.local, u.decl.typ, lit)
			if !ok {
				continue
			}
			if v.s.hasIDC {
				a.key, a.hasKey = val.key(), true
			}
			if u.fixed != nil && !val.equal(u.fixedVal) {
				v.report(n, a.local, "value %s does not equal the fixed value %s", quote(a.value), quote(*u.fixed))
			}
			continue
		}
		if ct.anyAttr == nil || !ct.anyAttr.allows(a.ns) {
			v.report(n, a.local, "attribute %s is not allowed%s", q, expectedAttrs(ct))
			continue
		}
		if ct.anyAttr.process == pcSkip {
			continue
		}
		g := v.s.attrs[q]
		if g == nil {
			if ct.anyAttr.process == pcStrict {
				v.report(n, a.local, "no global declaration for attribute %s (strict wildcard)", q)
			}
			continue
		}
		a.assessed = true
		if val, ok := v.simpleValue(n, a.local, g.typ, a.value); ok {
			if v.s.hasIDC {
				a.key, a.hasKey = val.key(), true
			}
			if g.fixed != nil && !val.equal(g.fixedVal) {
				v.report(n, a.local, "value %s does not equal the fixed value %s", quote(a.value), quote(*g.fixed))
			}
		}
	}
	v.oneIDAttr(n, ct)
	if v.s.hasIDC {
		defaultedAttrs(n, ct)
	}
	for _, u := range ct.attrOrder {
		if !u.required {
			continue
		}
		found := false
		for _, a := range n.attrs {
			if a.local == u.decl.name.local && a.ns == u.decl.name.ns {
				found = true
				break
			}
		}
		if !found {
			v.report(n, "", "required attribute %s is missing", u.decl.name)
		}
	}
}

// oneIDAttr reports an element with more than one attribute of type xs:ID
// when a wildcard let one in (cvc-complex-type.5); declared uses cannot
// be two (ct-props-correct.5).
func (v *validator) oneIDAttr(n *inode, ct *complexType) {
	if ct.anyAttr == nil || ct.anyAttr.process == pcSkip {
		return
	}
	var ids []string
	for _, a := range n.attrs {
		q := qname{a.ns, a.local}
		d := v.s.attrs[q]
		if u := ct.attrs[q]; u != nil {
			d = u.decl
		}
		if d != nil && d.typ.id == idID && (ct.attrs[q] != nil || ct.anyAttr.allows(a.ns)) {
			ids = append(ids, q.String())
		}
	}
	if len(ids) > 1 {
		v.report(n, "", "attributes %s are both of type xs:ID (cvc-complex-type.5)", strings.Join(ids[:2], " and "))
	}
}

// defaultedAttrs adds to n the attributes its type gives a default or
// fixed value that n leaves out: identity constraints see their values
// (XSD 1.0 §3.11.4: fields select in the post-schema-validation infoset).
func defaultedAttrs(n *inode, ct *complexType) {
	for _, u := range ct.attrOrder {
		var val value
		switch {
		case u.fixed != nil:
			val = u.fixedVal
		case u.decl.deflt != nil:
			val = u.decl.defltVal
		default:
			continue
		}
		if slices.ContainsFunc(n.attrs, func(a iattr) bool { return a.ns == u.decl.name.ns && a.local == u.decl.name.local }) {
			continue
		}
		// A full slice expression: the attributes may share an array
		// with other elements' that appending in place would overwrite.
		n.attrs = append(n.attrs[:len(n.attrs):len(n.attrs)], iattr{ns: u.decl.name.ns, local: u.decl.name.local,
			key: val.key(), hasKey: true, assessed: true})
	}
}

func expectedAttrs(ct *complexType) string {
	if len(ct.attrOrder) == 0 {
		return " (the type declares no attributes)"
	}
	var names []string
	for _, u := range ct.attrOrder {
		names = append(names, u.decl.name.String())
	}
	return ", expected one of {" + strings.Join(names, ", ") + "}"
}

// content validates the children and text of n against a complex type;
// first is n's first child, nil if it has none.
func (v *validator) content(n *inode, decl *elementDecl, ct *complexType, first *inode) {
	textReported := false
	switch ct.content {
	case contentEmpty:
		if first != nil {
			v.report(first, "", "element %s is not allowed: the type of %s has empty content", first.local, n.local)
			v.skipFrom(n, first)
		} else if len(n.text) > 0 {
			// Even whitespace: empty content has no character children.
			v.report(n, "", "character content is not allowed: the type has empty content")
		}
		return
	case contentSimple:
		if first != nil {
			v.report(first, "", "element %s is not allowed: the type of %s has simple content", first.local, n.local)
			v.skipFrom(n, first)
			return
		}
		v.simpleContent(n, decl, ct.simple)
		return
	case contentElements:
		// Text before the first child is known now, text after it only
		// at the end.
		if n.textNonWS {
			v.report(n, "", "character content is not allowed: the type has element-only content")
			textReported = true
		}
	case contentMixed:
		if decl.fixed != nil && first == nil {
			text := n.text
			if text != "" && text != *decl.fixed {
				v.report(n, "", "value %s does not equal the fixed value %s", quote(text), quote(*decl.fixed))
			}
		}
	}
	switch {
	case ct.all != nil:
		v.matchAll(n, ct.all, first)
	case ct.model != nil && ct.model.counted:
		v.matchCounted(n, ct.model, first)
	case ct.model != nil:
		v.matchModel(n, ct.model, first)
	case first != nil:
		v.report(first, "", "element %s is not allowed: the type of %s has no element content", first.local, n.local)
		v.skipFrom(n, first)
	}
	if ct.content == contentElements && !textReported && n.textNonWS {
		v.report(n, "", "character content is not allowed: the type has element-only content")
	}
}

func (p *particle) accepts(k *inode) bool {
	if p.kind == pkWildcard {
		return p.wc.allows(k.ns)
	}
	return p.elem.match(k.ns, k.local) != nil
}

// matchModel runs n's children, from first, through the automaton.
func (v *validator) matchModel(n *inode, a *automaton, first *inode) {
	var buf [2][8]int32
	states := append(buf[0][:0], 0)
	next := buf[1][:0]
	failed := false
	for k := first; k != nil; k = v.next(n) {
		if failed || v.full {
			v.lax(k)
			continue
		}
		next = next[:0]
		var hit *particle
		one := len(states) == 1
		for _, s := range states {
			for _, p := range a.follow[s] {
				part := a.pos[p].p
				switch {
				case hit != nil && one:
					// checkUPA refused the model if another particle
					// of this state's follow set accepted what hit
					// accepts: only hit's other positions (a repeated
					// particle's) remain to be collected.
					if part == hit {
						next = append(next, p+1)
					}
				case part.accepts(k):
					next = append(next, p+1)
					if hit == nil {
						hit = part
					}
				}
			}
		}
		if len(next) == 0 {
			v.report(k, "", "unexpected element %s, expected %s", qname{k.ns, k.local}, expected(a, states, true))
			failed = true
			v.lax(k)
			continue
		}
		states, next = dedupe(next), states
		v.child(k, hit)
	}
	if failed {
		return
	}
	for _, s := range states {
		if a.final[s] {
			return
		}
	}
	v.report(n, "", "element %s is incomplete, expected %s", n.local, expected(a, states, false))
}

// expected describes what the automaton accepts from states.
func expected(a *automaton, states []int32, orEnd bool) string {
	var next []int32
	end := false
	for _, s := range states {
		end = end || a.final[s]
		next = append(next, a.follow[s]...)
	}
	return describeExpected(a, next, end && orEnd)
}

// describeExpected lists what the positions next accept, and the end of
// the element when end is set.
func describeExpected(a *automaton, next []int32, end bool) string {
	seen := map[string]bool{}
	var names []string
	for _, p := range next {
		part := a.pos[p].p
		var labels []string
		if part.kind == pkWildcard {
			labels = []string{"any element" + part.wc.describe()}
		} else {
			for _, q := range part.elem.names() {
				labels = append(labels, q.String())
			}
		}
		for _, l := range labels {
			if !seen[l] {
				seen[l] = true
				names = append(names, l)
			}
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "no more elements"
	}
	s := "one of {" + strings.Join(names, ", ") + "}"
	if end {
		s += " or the end of the element"
	}
	return s
}

func (w *wildcard) describe() string {
	switch {
	case w.any:
		return ""
	case w.not:
		var ns []string
		for k := range w.set {
			ns = append(ns, k)
		}
		sort.Strings(ns)
		return " not in namespace " + strings.Join(ns, ", ")
	}
	var ns []string
	for k := range w.set {
		if k == "" {
			k = "(no namespace)"
		}
		ns = append(ns, k)
	}
	sort.Strings(ns)
	return " in namespace " + strings.Join(ns, ", ")
}

// matchAll matches n's children, from first, against an xs:all group.
func (v *validator) matchAll(n *inode, m *allModel, first *inode) {
	var buf [16]int
	counts := buf[:0]
	for range m.elems {
		counts = append(counts, 0)
	}
	for k := first; k != nil; k = v.next(n) {
		idx := -1
		for i, p := range m.elems {
			if p.max > 0 && p.accepts(k) {
				idx = i
				break
			}
		}
		if idx < 0 || counts[idx] > 0 {
			v.report(k, "", "unexpected element %s in xs:all content", qname{k.ns, k.local})
			v.lax(k)
			continue
		}
		counts[idx]++
		v.child(k, m.elems[idx])
	}
	if first == nil && m.optional {
		return
	}
	for i, p := range m.elems {
		if p.min > 0 && counts[i] == 0 {
			v.report(n, "", "element %s is incomplete, missing %s", n.local, p.elem.name)
		}
	}
}

// child validates k, which matched particle p.
func (v *validator) child(k *inode, p *particle) {
	if p.kind == pkElement {
		d := p.elem.match(k.ns, k.local)
		v.element(k, d, d.typ)
		return
	}
	switch p.wc.process {
	case pcSkip:
		v.skip(k)
	case pcLax:
		v.lax(k)
	case pcStrict:
		g := v.s.elements[qname{k.ns, k.local}]
		if g == nil {
			v.report(k, "", "no global declaration for element %s (strict wildcard)", qname{k.ns, k.local})
			v.skip(k)
			return
		}
		v.element(k, g, g.typ)
	}
}

// lax assesses k laxly: validated if a global declaration exists, else
// its attributes and children are assessed laxly in turn.
func (v *validator) lax(k *inode) {
	if v.full {
		v.skip(k)
		return
	}
	if g := v.s.elements[qname{k.ns, k.local}]; g != nil {
		v.element(k, g, g.typ)
		return
	}
	for c := v.next(k); c != nil; c = v.next(k) {
		v.lax(c)
	}
}
