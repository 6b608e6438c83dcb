package xsd

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// A complex type derived by restriction must accept only documents its
// base accepts (XSD 1.0 §3.4.6, derivation-ok-restriction clause 5). For
// content models the specification decides this structurally rather than
// by comparing languages (§3.9.6, cos-particle-restrict): both particles
// lose their pointless groups, a substitution group head becomes a choice
// of its members, and each pairing of particle kinds has its own rule,
// named rcase-* below. The rules are stricter than language inclusion (a
// sequence never restricts an xs:any group of the same names, say), and
// they are what other processors enforce, so a schema they refuse is
// refused here too.

// checkContentRestrictions checks every complex type derived by restriction of
// complex content against its base. It runs once every component is
// compiled and substitution groups are linked.
func (c *compiler) checkContentRestrictions() {
	for _, ct := range c.complex {
		if c.err != nil {
			return
		}
		base, ok := ct.base.(*complexType)
		if ct.derivation != derivRestriction || !ok || base.isAnyType || ct.content == contentSimple {
			continue
		}
		if err := c.contentRestricts(ct, base); err != nil {
			c.fail(derivationNode(ct), ErrSchema, "the content of %s is not a valid restriction of %s (derivation-ok-restriction.5): %v",
				typeLabel(ct), typeDefName(base), err)
		}
	}
}

// derivationNode is the xs:restriction element of ct, or ct's own element
// when its structure is unexpected.
func derivationNode(ct *complexType) *xnode {
	if ct.node == nil {
		return nil
	}
	if kids := ct.node.xs(); len(kids) > 0 {
		if d := kids[0].xs(); len(d) > 0 {
			return d[0]
		}
	}
	return ct.node
}

// contentRestricts applies derivation-ok-restriction clause 5 to the
// content types of r and its base b.
func (c *compiler) contentRestricts(r, b *complexType) error {
	switch {
	case b.content == contentSimple:
		return errors.New("the base has simple content")
	case r.content == contentMixed && b.content == contentElements:
		// Even with no particle: a mixed type's content is then an
		// empty sequence, still mixed (§3.4.2).
		return errors.New("mixed content cannot restrict element-only content")
	case emptyParticle(r.particle):
		if b.content != contentEmpty && !emptiable(b.particle) {
			return errors.New("the base requires content, this type allows none")
		}
		return nil
	case b.content == contentEmpty:
		return errors.New("the base allows no content")
	case r.content == contentMixed && b.content != contentMixed:
		return errors.New("mixed content cannot restrict element-only content")
	}
	return c.restricts(effectiveParticle(r.particle), effectiveParticle(b.particle))
}

// effectiveParticle returns p as §3.9.6 compares it: particles that occur zero
// times and pointless groups removed (an empty group; a group of one
// particle occurring exactly once; a sequence once in a sequence, a
// choice once in a choice), and every element that heads a substitution
// group turned into a choice of the head and its members. p is not
// modified: its parts are shared with the content model.
func effectiveParticle(p *particle) *particle {
	switch p.kind {
	case pkWildcard:
		return p
	case pkElement:
		if len(p.elem.subst) == 0 {
			return p
		}
		// The members in name order: a head restricting a head maps
		// member to member in order (rcase-RecurseLax).
		members := append([]*elementDecl{p.elem}, p.elem.subst...)
		slices.SortFunc(members, func(a, b *elementDecl) int {
			return cmp.Or(cmp.Compare(a.name.ns, b.name.ns), cmp.Compare(a.name.local, b.name.local))
		})
		ch := &particle{kind: pkChoice, min: p.min, max: p.max, line: p.line}
		for _, m := range members {
			ch.kids = append(ch.kids, &particle{kind: pkElement, min: 1, max: 1, elem: m, line: p.line})
		}
		return ch
	}
	g := &particle{kind: p.kind, min: p.min, max: p.max, line: p.line}
	for _, k := range p.kids {
		if k.max == 0 {
			continue
		}
		k = effectiveParticle(k)
		switch {
		case k.kind >= pkSequence && len(k.kids) == 0:
		case k.kind == g.kind && k.kind != pkAll && k.min == 1 && k.max == 1:
			g.kids = append(g.kids, k.kids...)
		default:
			g.kids = append(g.kids, k)
		}
	}
	if len(g.kids) == 1 && g.min == 1 && g.max == 1 {
		return g.kids[0]
	}
	return g
}

// restricts reports why r is not a valid restriction of b
// (cos-particle-restrict), or nil when it is. Both are effective
// particles.
func (c *compiler) restricts(r, b *particle) error {
	if r == b {
		return nil
	}
	switch r.kind {
	case pkElement:
		switch b.kind {
		case pkElement:
			return c.nameAndTypeOK(r, b)
		case pkWildcard:
			return nsCompat(r, b)
		}
		// RecurseAsIfGroup: the element as the only member of a group of
		// b's kind, occurring once. The same element occurring once in a
		// group that occurs as often as it did is the same content, and
		// the only reading under which an optional element restricts an
		// optional repeated choice containing it. It goes beyond the
		// letter of §3.9.6 (an optional a restricts an optional choice of
		// a or b), as libxml2 does, and never admits content the base
		// refuses.
		err := c.restricts(&particle{kind: b.kind, min: 1, max: 1, kids: []*particle{r}, line: r.line}, b)
		if err != nil && (r.min != 1 || r.max != 1) {
			once := &particle{kind: pkElement, min: 1, max: 1, elem: r.elem, line: r.line}
			if c.restricts(&particle{kind: b.kind, min: r.min, max: r.max, kids: []*particle{once}, line: r.line}, b) == nil {
				return nil
			}
		}
		return err
	case pkWildcard:
		if b.kind == pkWildcard {
			return nsSubset(r, b)
		}
	default:
		switch {
		case b.kind == pkWildcard:
			return c.nsRecurseCheckCardinality(r, b)
		case r.kind == b.kind && r.kind != pkChoice:
			return c.recurse(r, b)
		case r.kind == pkChoice && b.kind == pkChoice:
			return c.recurseLax(r, b)
		case r.kind == pkSequence && b.kind == pkAll:
			return c.recurseUnordered(r, b)
		case r.kind == pkSequence && b.kind == pkChoice:
			return c.mapAndSum(r, b)
		}
	}
	return fmt.Errorf("cos-particle-restrict.2: %s cannot restrict %s", describe(r), describe(b))
}

// describe names a particle for a message.
func describe(p *particle) string {
	var s string
	switch p.kind {
	case pkElement:
		s = "element " + p.elem.name.String()
	case pkWildcard:
		s = "xs:any"
	default:
		s = "xs:" + [...]string{pkSequence: "sequence", pkChoice: "choice", pkAll: "all"}[p.kind]
	}
	if p.line > 0 {
		s += fmt.Sprintf(" (line %d)", p.line)
	}
	return s
}

func bound(n int) string {
	if n == unbounded {
		return "unbounded"
	}
	return fmt.Sprint(n)
}

// rangeOK is Occurrence Range OK (§3.9.6): [lo, hi] lies within
// [blo, bhi].
func rangeOK(lo, hi, blo, bhi int) bool {
	return lo >= blo && (bhi == unbounded || hi != unbounded && hi <= bhi)
}

func occursWithin(rcase string, r, b *particle, lo, hi int) error {
	if rangeOK(lo, hi, b.min, b.max) {
		return nil
	}
	return fmt.Errorf("%s: %s occurs %s to %s times, outside the %s to %s of %s", rcase, describe(r),
		bound(lo), bound(hi), bound(b.min), bound(b.max), describe(b))
}

// nameAndTypeOK is rcase-NameAndTypeOK: the same element, no more often,
// no less constrained.
func (c *compiler) nameAndTypeOK(r, b *particle) error {
	re, be := r.elem, b.elem
	if re.name != be.name {
		return fmt.Errorf("rcase-NameAndTypeOK.1: %s does not match %s", describe(r), describe(b))
	}
	if err := occursWithin("rcase-NameAndTypeOK.3", r, b, r.min, r.max); err != nil || re == be {
		return err
	}
	if re.nillable && !be.nillable {
		return fmt.Errorf("rcase-NameAndTypeOK.2: %s is nillable, %s is not", describe(r), describe(b))
	}
	if be.fixed != nil && (re.fixed == nil || !re.fixedVal.equal(be.fixedVal)) {
		return fmt.Errorf("rcase-NameAndTypeOK.4: %s must be fixed to %q like %s", describe(r), *be.fixed, describe(b))
	}
	for _, k := range re.idcs {
		if !containsIDC(be.idcs, k) {
			return fmt.Errorf("rcase-NameAndTypeOK.5: %s has identity constraint %s, %s does not", describe(r), k.name, describe(b))
		}
	}
	if re.block&be.block != be.block {
		return fmt.Errorf("rcase-NameAndTypeOK.6: %s must block at least %s like %s", describe(r), be.block, describe(b))
	}
	if m, ok := derivationMethods(re.typ, be.typ, c.anyType); !ok || m&setExtension != 0 {
		return fmt.Errorf("rcase-NameAndTypeOK.7: the type of %s is not derived by restriction from %s, the type of %s",
			describe(r), typeDefName(be.typ), describe(b))
	}
	return nil
}

func containsIDC(list []*idc, k *idc) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

// nsCompat is rcase-NSCompat: an element restricting a wildcard.
func nsCompat(r, b *particle) error {
	if !b.wc.allows(r.elem.name.ns) {
		return fmt.Errorf("rcase-NSCompat.1: the namespace of %s is not allowed by %s", describe(r), describe(b))
	}
	return occursWithin("rcase-NSCompat.2", r, b, r.min, r.max)
}

// nsSubset is rcase-NSSubset: a wildcard restricting a wildcard.
func nsSubset(r, b *particle) error {
	if err := occursWithin("rcase-NSSubset.1", r, b, r.min, r.max); err != nil {
		return err
	}
	if !wildcardSubset(r.wc, b.wc) { // cos-ns-subset
		return fmt.Errorf("rcase-NSSubset.2: %s allows namespaces %s does not", describe(r), describe(b))
	}
	// Strict is stronger than lax, lax than skip (pcStrict < pcLax < pcSkip).
	if r.wc.process > b.wc.process {
		return fmt.Errorf("rcase-NSSubset.3: %s processes its contents less strictly than %s", describe(r), describe(b))
	}
	return nil
}

// nsRecurseCheckCardinality is rcase-NSRecurseCheckCardinality: a group
// restricting a wildcard.
func (c *compiler) nsRecurseCheckCardinality(r, b *particle) error {
	// Each member is held to the wildcard's namespaces and to its maximum;
	// the minimum applies to the group's total (clause 2), not to each
	// member.
	wc := &particle{kind: pkWildcard, min: 0, max: b.max, wc: b.wc, line: b.line}
	for _, k := range r.kids {
		if err := c.restricts(k, wc); err != nil {
			return err
		}
	}
	lo, hi := totalRange(r)
	return occursWithin("rcase-NSRecurseCheckCardinality.2", r, b, lo, hi)
}

// recurse is rcase-Recurse (sequence for sequence, all for all): an
// order-preserving mapping of r's particles onto b's, which skips only
// emptiable particles of b.
func (c *compiler) recurse(r, b *particle) error {
	if err := occursWithin("rcase-Recurse.1", r, b, r.min, r.max); err != nil {
		return err
	}
	i := 0
	for _, rk := range r.kids {
		for {
			if i == len(b.kids) {
				return fmt.Errorf("rcase-Recurse.2: %s has no counterpart in %s", describe(rk), describe(b))
			}
			bk := b.kids[i]
			i++
			err := c.restricts(rk, bk)
			if err == nil {
				break
			}
			if !emptiable(bk) {
				return fmt.Errorf("rcase-Recurse.2: %s does not restrict %s, which the base requires: %w", describe(rk), describe(bk), err)
			}
		}
	}
	for _, bk := range b.kids[i:] {
		if !emptiable(bk) {
			return fmt.Errorf("rcase-Recurse.2.2: %s is required by the base and missing", describe(bk))
		}
	}
	return nil
}

// recurseLax is rcase-RecurseLax (choice for choice): an
// order-preserving mapping of r's particles onto b's.
func (c *compiler) recurseLax(r, b *particle) error {
	if err := occursWithin("rcase-RecurseLax.1", r, b, r.min, r.max); err != nil {
		return err
	}
	i := 0
	for _, rk := range r.kids {
		var last error
		for {
			if i == len(b.kids) {
				if last != nil {
					return last
				}
				return fmt.Errorf("rcase-RecurseLax.2: %s has no counterpart in %s", describe(rk), describe(b))
			}
			last = c.restricts(rk, b.kids[i])
			i++
			if last == nil {
				break
			}
		}
	}
	return nil
}

// recurseUnordered is rcase-RecurseUnordered (sequence for all): each of
// r's particles restricts a distinct particle of b; the rest of b is
// emptiable.
func (c *compiler) recurseUnordered(r, b *particle) error {
	if err := occursWithin("rcase-RecurseUnordered.1", r, b, r.min, r.max); err != nil {
		return err
	}
	used := make([]bool, len(b.kids))
	for _, rk := range r.kids {
		var last error
		found := false
		for i, bk := range b.kids {
			if used[i] {
				continue
			}
			if last = c.restricts(rk, bk); last == nil {
				used[i], found = true, true
				break
			}
		}
		if !found {
			if last != nil {
				return last
			}
			return fmt.Errorf("rcase-RecurseUnordered.2: %s has no counterpart in %s", describe(rk), describe(b))
		}
	}
	for i, bk := range b.kids {
		if !used[i] && !emptiable(bk) {
			return fmt.Errorf("rcase-RecurseUnordered.2.3: %s is required by the base and missing", describe(bk))
		}
	}
	return nil
}

// mapAndSum is rcase-MapAndSum (sequence for choice): each of r's
// particles restricts one of b's, and r as a whole occurs no more often
// than b allows choices.
func (c *compiler) mapAndSum(r, b *particle) error {
	n := len(r.kids)
	hi := unbounded
	if r.max != unbounded {
		hi = mulSat(r.max, n)
	}
	if err := occursWithin("rcase-MapAndSum.2", r, b, mulSat(r.min, n), hi); err != nil {
		return err
	}
	for _, rk := range r.kids {
		var last error
		for _, bk := range b.kids {
			if last = c.restricts(rk, bk); last == nil {
				break
			}
		}
		if last != nil {
			return last
		}
		if len(b.kids) == 0 {
			return fmt.Errorf("rcase-MapAndSum.1: %s has no counterpart in %s", describe(rk), describe(b))
		}
	}
	return nil
}

// totalRange is the Effective Total Range of a particle (§3.8.6): how
// few and how many elements or wildcard matches it accounts for.
func totalRange(p *particle) (lo, hi int) {
	if p.kind == pkElement || p.kind == pkWildcard {
		return p.min, p.max
	}
	if p.kind == pkChoice {
		if len(p.kids) == 0 {
			return 0, 0
		}
		lo, hi = math.MaxInt, 0
		for _, k := range p.kids {
			klo, khi := totalRange(k)
			lo = min(lo, klo)
			if hi != unbounded && (khi == unbounded || khi > hi) {
				hi = khi
			}
		}
	} else {
		for _, k := range p.kids {
			klo, khi := totalRange(k)
			lo = addSat(lo, klo)
			if hi != unbounded {
				if khi == unbounded {
					hi = unbounded
				} else {
					hi = addSat(hi, khi)
				}
			}
		}
	}
	lo = mulSat(lo, p.min)
	switch {
	case p.max == 0 || hi == 0:
		hi = 0
	case hi == unbounded || p.max == unbounded:
		hi = unbounded
	default:
		hi = mulSat(hi, p.max)
	}
	return lo, hi
}

// addSat and mulSat saturate at math.MaxInt: occurrence bounds may be as
// large as the schema says.
func addSat(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

func mulSat(a, b int) int {
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}
