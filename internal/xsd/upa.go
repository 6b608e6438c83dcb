package xsd

import "slices"

// Unique Particle Attribution (XSD 1.0 §3.8.6, cos-nonambig): no two
// positions reachable from one state of a content model's automaton accept
// the same element name, unless they copy one particle or a counter tells
// them apart (see exclusive), and an xs:all names each element once.

// match returns the element declaration in e's substitution group (e
// itself included) named ns:local.
func (e *elementDecl) match(ns, local string) *elementDecl {
	if e.name.local == local && e.name.ns == ns && !e.abstract {
		return e
	}
	for _, m := range e.subst {
		if m.name.local == local && m.name.ns == ns {
			return m
		}
	}
	return nil
}

// names lists the expanded names a position's element accepts.
func (e *elementDecl) names() []qname {
	var out []qname
	if !e.abstract {
		out = append(out, e.name)
	}
	for _, m := range e.subst {
		out = append(out, m.name)
	}
	return out
}

// eachName yields what names returns, without building the list: checkUPA asks for
// the names of every position of every state.
func (e *elementDecl) eachName(yield func(qname) bool) {
	if !e.abstract && !yield(e.name) {
		return
	}
	for _, m := range e.subst {
		if !yield(m.name) {
			return
		}
	}
}

func overlap(a, b *particle) (string, bool) {
	switch {
	case a.kind == pkElement && b.kind == pkElement:
		for _, n := range a.elem.names() {
			if b.elem.match(n.ns, n.local) != nil {
				return "element " + n.String(), true
			}
		}
	case a.kind == pkWildcard && b.kind == pkWildcard:
		if a.wc.any || b.wc.any || a.wc.not && b.wc.not {
			return "two wildcards", true
		}
		for ns := range a.wc.set {
			if !a.wc.not && b.wc.allows(ns) {
				return "two wildcards", true
			}
		}
		for ns := range b.wc.set {
			if !b.wc.not && a.wc.allows(ns) {
				return "two wildcards", true
			}
		}
	default:
		if a.kind == pkWildcard {
			a, b = b, a
		}
		for _, n := range a.elem.names() {
			if b.wc.allows(n.ns) {
				return "element " + n.String() + " and a wildcard", true
			}
		}
	}
	return "", false
}

func (c *compiler) checkUPA(ct *complexType, a *automaton) {
	// Per state, element names go through a map and only wildcards are
	// compared pairwise, so a choice of thousands of elements stays linear.
	seen := map[qname][]countEdge{}
	var wcs, plain []countEdge
	// Without counters, ambiguity is between two positions, so the
	// positions of a state that are all in the last state found
	// unambiguous are unambiguous too. In a sequence of optional
	// particles, as real schemas write them, every state's list is within
	// the one before, and the check is skipped. With counters, whether two
	// transitions exclude each other depends on the state's counters.
	okMark := make([]int32, len(a.pos))
	okStamp := int32(0)
	for s, f := range a.follow {
		edges := a.stateEdges(s, &plain)
		if len(edges) < 2 {
			continue // one transition cannot be ambiguous with itself
		}
		if !a.counted && okStamp > 0 && allMarked(f, okMark, okStamp) {
			continue
		}
		if len(seen) > 0 {
			clear(seen)
		}
		wcs = wcs[:0]
		for _, e := range edges {
			p := a.pos[e.to].p
			if p.kind == pkWildcard {
				wcs = append(wcs, e)
				continue
			}
			for n := range p.elem.eachName {
				known := seen[n]
				for _, o := range known {
					if a.pos[o.to].p != p && !a.exclusive(s, e, o) {
						c.fail(ct.node, ErrSchema, "content model of %s is not deterministic (Unique Particle Attribution): element %s is ambiguous", typeLabel(ct), n)
						return
					}
				}
				if !slices.ContainsFunc(known, func(o countEdge) bool { return a.pos[o.to].p == p && o.keep == e.keep && o.inc == e.inc }) {
					seen[n] = append(known, e)
				}
			}
		}
		for i, w := range wcs {
			wp := a.pos[w.to].p
			for _, w2 := range wcs[i+1:] {
				if w2p := a.pos[w2.to].p; wp != w2p && !a.exclusive(s, w, w2) {
					if what, bad := overlap(wp, w2p); bad {
						c.fail(ct.node, ErrSchema, "content model of %s is not deterministic (Unique Particle Attribution): %s is ambiguous", typeLabel(ct), what)
						return
					}
				}
			}
			for n, known := range seen {
				if !wp.wc.allows(n.ns) {
					continue
				}
				for _, o := range known {
					if !a.exclusive(s, w, o) {
						c.fail(ct.node, ErrSchema, "content model of %s is not deterministic (Unique Particle Attribution): element %s and a wildcard are ambiguous", typeLabel(ct), n)
						return
					}
				}
			}
		}
		okStamp++
		for _, pi := range f {
			okMark[pi] = okStamp
		}
	}
}

// stateEdges returns the transitions of state s; buf holds them for an
// automaton without counters.
func (a *automaton) stateEdges(s int, buf *[]countEdge) []countEdge {
	if a.counted {
		return a.edges[s]
	}
	*buf = (*buf)[:0]
	for _, p := range a.follow[s] {
		*buf = append(*buf, countEdge{to: p})
	}
	return *buf
}

// exclusive reports whether transitions e and o from state s can never
// both be open: one starts another iteration of a counter the other
// leaves, and the counter's bounds are equal, so the count is either below
// maxOccurs or at minOccurs, never both (a{100,100} followed by a? is
// deterministic).
func (a *automaton) exclusive(s int, e, o countEdge) bool {
	if s == 0 {
		return false
	}
	ctrs := a.pos[s-1].ctrs
	for d, id := range ctrs {
		if b := a.counters[id]; b.min != b.max {
			continue
		}
		if e.startsAgain(d) && o.leaves(d) || o.startsAgain(d) && e.leaves(d) {
			return true
		}
	}
	return false
}

// startsAgain reports whether e starts another iteration of the counter
// at index d.
func (e countEdge) startsAgain(d int) bool { return e.inc && int(e.keep) == d }

// leaves reports whether e leaves the counter at index d of its source.
func (e countEdge) leaves(d int) bool { return d >= int(e.keep) && !e.startsAgain(d) }

// allMarked reports whether every position of f has the mark stamp.
func allMarked(f []int32, mark []int32, stamp int32) bool {
	for _, pi := range f {
		if mark[pi] != stamp {
			return false
		}
	}
	return true
}

func (c *compiler) checkAllUPA(ct *complexType, p *particle) {
	for i, a := range p.kids {
		for _, b := range p.kids[i+1:] {
			if what, bad := overlap(a, b); bad {
				c.fail(ct.node, ErrSchema, "content model of %s is not deterministic: %s appears twice in xs:all", typeLabel(ct), what)
				return
			}
		}
	}
}
