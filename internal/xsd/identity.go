package xsd

import (
	"slices"
	"strings"
)

// identity checks the identity constraints declared on n's element
// declaration. Field values are compared in the value space: the keys
// stored on nodes during validation are canonical per primitive type.
func (v *validator) identity(n *inode, decl *elementDecl) {
	for _, c := range decl.idcs {
		rows := v.idcRows(n, c, true)
		switch c.kind {
		case idcUnique, idcKey:
			seen := make(map[string]bool, len(rows))
			for _, r := range rows {
				if seen[r.key] {
					v.report(r.node, "", "duplicate value %s for %s %s", quote(readableKey(r.key)), idcKindName(c.kind), c.name.local)
				}
				seen[r.key] = true
			}
		case idcKeyref:
			if c.refer == nil {
				continue
			}
			table := map[string]bool{}
			walk(n, func(x *inode) {
				if x.decl == nil {
					return
				}
				for _, k := range x.decl.idcs {
					if k == c.refer {
						for _, r := range v.idcRows(x, k, false) {
							table[r.key] = true
						}
					}
				}
			})
			for _, r := range rows {
				if !table[r.key] {
					v.report(r.node, "", "keyref %s: no %s with value %s", c.name.local, c.refer.name.local, quote(readableKey(r.key)))
				}
			}
		}
	}
}

func idcKindName(k idcKind) string {
	if k == idcKey {
		return "key"
	}
	return "unique constraint"
}

// readableKey strips the type tags of a key for messages.
func readableKey(k string) string {
	parts := strings.Split(k, "\x00")
	for i, p := range parts {
		if len(p) > 0 {
			parts[i] = p[1:]
		}
	}
	return strings.Join(parts, ", ")
}

type idcRow struct {
	node *inode
	key  string
}

// idcRows evaluates the selector and fields of c at n. Rows with a missing
// field are dropped, and reported when c is a key and report is set.
func (v *validator) idcRows(n *inode, c *idc, report bool) []idcRow {
	var rows []idcRow
	for _, s := range selectNodes(n, c.selector) {
		var key strings.Builder
		complete := true
		for fi, f := range c.fields {
			vals, ok, bad := fieldValues(s, f)
			switch {
			case bad:
				complete = false
			case !ok:
				if report {
					v.report(s, "", "field %s of %s selects a node without a simple value", f.src, c.name.local)
				}
				complete = false
			case len(vals) > 1:
				if report {
					v.report(s, "", "field %s of %s selects more than one node", f.src, c.name.local)
				}
				complete = false
			case len(vals) == 0:
				if report && c.kind == idcKey {
					v.report(s, "", "key %s: field %s is missing", c.name.local, f.src)
				}
				complete = false
			default:
				if fi > 0 {
					key.WriteByte(0)
				}
				key.WriteString(vals[0])
			}
		}
		if complete {
			rows = append(rows, idcRow{s, key.String()})
		}
	}
	return rows
}

func walk(n *inode, f func(*inode)) {
	f(n)
	for _, k := range n.kids {
		walk(k, f)
	}
}

// selectNodes evaluates a selector from n.
func selectNodes(n *inode, e *xpathExpr) []*inode {
	var out []*inode
	seen := map[*inode]bool{}
	for _, p := range e.paths {
		for _, x := range evalSteps(n, p) {
			if !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	return out
}

func evalSteps(n *inode, p xpath) []*inode {
	cur := []*inode{n}
	if p.descendant {
		cur = cur[:0]
		walk(n, func(x *inode) { cur = append(cur, x) })
	}
	for _, st := range p.steps {
		if st.self {
			continue
		}
		var next []*inode
		for _, x := range cur {
			for _, k := range x.kids {
				if st.matches(k.ns, k.local) {
					next = append(next, k)
				}
			}
		}
		cur = next
	}
	return cur
}

// fieldValues evaluates a field from a selected node and returns the keys
// of what it selects; ok is false if it selects an element that has no
// simple value.
func fieldValues(n *inode, e *xpathExpr) (vals []string, ok, bad bool) {
	ok = true
	// A union is a node set: a node two of its paths select counts once.
	type attrAt struct {
		x *inode
		i int
	}
	var seen map[any]bool
	if len(e.paths) > 1 {
		seen = map[any]bool{}
	}
	for _, p := range e.paths {
		for _, x := range evalSteps(n, p) {
			if p.attr != nil {
				for i, a := range x.attrs {
					if !p.attr.matches(a.ns, a.local) {
						continue
					}
					if seen != nil {
						if seen[attrAt{x, i}] {
							continue
						}
						seen[attrAt{x, i}] = true
					}
					// An attribute that was not assessed (under a lax or
					// skip wildcard) has no typed value; libxml2 then
					// treats the field as absent, and so do we.
					if a.hasKey {
						vals = append(vals, a.key)
					} else if a.assessed {
						bad = true // invalid value, already reported
					}
				}
				continue
			}
			if seen != nil {
				if seen[x] {
					continue
				}
				seen[x] = true
			}
			if !x.hasKey {
				// An element without a simple value, including one that
				// was not assessed at all (its type is then xs:anyType).
				if !x.nilled() || !x.simpleTyped() {
					ok = false
				}
				continue
			}
			vals = append(vals, x.key)
		}
	}
	return vals, ok, bad
}

// simpleTyped reports whether n's declaration gives it a simple type or
// simple content: only then may a field select n nilled, as a node without
// a value, which the row then lacks. A nilled element of complex content
// (xs:anyType) is a node of non-simple type, as libxml2 says too; libxml2
// also refuses a nilled element of simple type, which XSD 1.0 allows.
func (n *inode) simpleTyped() bool {
	if n.decl == nil {
		return false
	}
	switch t := n.decl.typ.(type) {
	case *simpleType:
		return true
	case *complexType:
		return t.content == contentSimple
	}
	return false
}

func (n *inode) nilled() bool {
	for _, a := range n.attrs {
		if a.ns == nsXSI && a.local == "nil" {
			return collapse(a.value) == "true" || collapse(a.value) == "1"
		}
	}
	return false
}

// fieldTarget reports whether a field of an identity constraint of n or of
// one of its ancestors selects n (attr empty) or n's attribute named attr,
// by walking the path between them, which streaming always has.
func fieldTarget(n *inode, attr string) bool {
	var chain []*inode
	for a := n; a != nil; a = a.parent {
		chain = append(chain, a)
		if a.decl == nil || len(a.decl.idcs) == 0 {
			continue
		}
		down := slices.Clone(chain)
		slices.Reverse(down) // a ... n
		for _, c := range a.decl.idcs {
			for j := range down {
				if !c.selector.selectsLast(down[:j+1]) {
					continue
				}
				for _, f := range c.fields {
					if f.selectsField(down[j:], attr) {
						return true
					}
				}
			}
		}
	}
	return false
}

// selectsLast reports whether one of e's paths, evaluated from chain[0],
// selects the last node of chain, each node a child of the one before.
func (e *xpathExpr) selectsLast(chain []*inode) bool {
	for _, p := range e.paths {
		if p.attr == nil && p.selectsLast(chain) {
			return true
		}
	}
	return false
}

// selectsField is selectsLast for a field, which ends at the element last
// in chain (attr empty) or at its attribute named attr.
func (e *xpathExpr) selectsField(chain []*inode, attr string) bool {
	last := chain[len(chain)-1]
	for _, p := range e.paths {
		switch {
		case (p.attr == nil) != (attr == ""):
		case !p.selectsLast(chain):
		case attr == "":
			return true
		default:
			for _, a := range last.attrs {
				if a.local == attr && p.attr.matches(a.ns, a.local) {
					return true
				}
			}
		}
	}
	return false
}

func (p xpath) selectsLast(chain []*inode) bool {
	var steps []xstep
	for _, st := range p.steps {
		if !st.self {
			steps = append(steps, st)
		}
	}
	below := len(chain) - 1 // nodes below chain[0]
	if below < len(steps) || (!p.descendant && below != len(steps)) {
		return false
	}
	tail := chain[len(chain)-len(steps):]
	for i, st := range steps {
		if !st.matches(tail[i].ns, tail[i].local) {
			return false
		}
	}
	return true
}
