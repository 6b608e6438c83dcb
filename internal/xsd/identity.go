package xsd

import "strings"

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
	for _, p := range e.paths {
		for _, x := range evalSteps(n, p) {
			if p.attr != nil {
				for _, a := range x.attrs {
					if !p.attr.matches(a.ns, a.local) {
						continue
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
			if !x.hasKey {
				// An element without a simple value, including one that
				// was not assessed at all (its type is then xs:anyType).
				if !x.nilled() {
					ok = false
				}
				continue
			}
			vals = append(vals, x.key)
		}
	}
	return vals, ok, bad
}

func (n *inode) nilled() bool {
	for _, a := range n.attrs {
		if a.ns == nsXSI && a.local == "nil" {
			return collapse(a.value) == "true" || collapse(a.value) == "1"
		}
	}
	return false
}
