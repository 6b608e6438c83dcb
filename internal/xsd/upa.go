package xsd

// Unique Particle Attribution (XSD 1.0 §3.8.6, cos-nonambig): no two
// positions reachable from one state of a content model's automaton accept
// the same element name, and an xs:all names each element once.

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
	seen := map[qname]*particle{}
	var wcs []*particle
	var withSelf []int32
	// Ambiguity is between two positions, so the positions of a state that
	// are all in the last state found unambiguous are unambiguous too. In a
	// sequence of optional particles, as real schemas write them, every
	// state's list is within the one before, and the check is skipped.
	okMark := make([]int32, len(a.pos))
	okStamp := int32(0)
	for s, f := range a.follow {
		if s > 0 && a.pos[s-1].counted {
			// Going on and leaving are both open while the count is
			// between the bounds.
			if p := a.pos[s-1].p; p.min != p.max {
				withSelf = append(append(withSelf[:0], f...), int32(s-1))
				f = withSelf
			}
		}
		if len(f) < 2 {
			continue // one position cannot be ambiguous with itself
		}
		if okStamp > 0 && allMarked(f, okMark, okStamp) {
			continue
		}
		if len(seen) > 0 {
			clear(seen)
		}
		wcs = wcs[:0]
		for _, pi := range f {
			p := a.pos[pi].p
			if p.kind == pkWildcard {
				wcs = append(wcs, p)
				continue
			}
			for n := range p.elem.eachName {
				if q, dup := seen[n]; dup && q != p {
					c.fail(ct.node, ErrSchema, "content model of %s is not deterministic (Unique Particle Attribution): element %s is ambiguous", typeLabel(ct), n)
					return
				}
				seen[n] = p
			}
		}
		for i, w := range wcs {
			for _, w2 := range wcs[i+1:] {
				if w == w2 {
					continue
				}
				if what, bad := overlap(w, w2); bad {
					c.fail(ct.node, ErrSchema, "content model of %s is not deterministic (Unique Particle Attribution): %s is ambiguous", typeLabel(ct), what)
					return
				}
			}
			for n := range seen {
				if w.wc.allows(n.ns) {
					c.fail(ct.node, ErrSchema, "content model of %s is not deterministic (Unique Particle Attribution): element %s and a wildcard are ambiguous", typeLabel(ct), n)
					return
				}
			}
		}
		okStamp++
		for _, pi := range f {
			okMark[pi] = okStamp
		}
	}
}

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
