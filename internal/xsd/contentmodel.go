package xsd

import (
	"errors"
	"fmt"
	"slices"
)

// A content model is compiled into a Glushkov (position) automaton:
// occurrence bounds are expanded into copies of their term (a{2,4} becomes
// a a (a (a)?)?, an unbounded tail loops), every element or wildcard copy is
// a position, and state i+1 means "position i was matched last". Matching a
// child is then a lookup in the follow list of the current states.
//
// Unique Particle Attribution (XSD 1.0 §3.8.6) is checked on the result: two
// positions reachable from the same state must not accept the same name,
// unless they are copies of one schema particle (copies made by expanding
// a{2,4} are the same particle, so choosing either is not ambiguous).
//
// A single element or wildcard whose bounds would take more than countFrom
// copies (maxOccurs="1000000") is not expanded: it is one counted
// position, which repeats itself while its count is below maxOccurs and
// is left once the count reaches minOccurs. Large bounds on a single
// element or wildcard therefore cost nothing. A group with bounds is
// expanded, up to Options.MaxPositions, and so is every bound of a model
// whose group repeats a counted particle directly ((a{2,100})*), since a
// count there could go on or start again.
type automaton struct {
	pos     []position
	follow  [][]int32 // per state; state 0 is the start. A counted position's self-repetition is not listed
	final   []bool    // per state
	counted bool      // some position is counted
}

type position struct {
	p       *particle // the schema particle this position copies
	counted bool      // p's bounds are counted, not expanded
}

// countFrom is the number of copies above which a single element or
// wildcard is counted rather than expanded.
const countFrom = 64

// allModel validates xs:all: each member at most once, in any order.
type allModel struct {
	elems    []*particle
	optional bool // minOccurs=0 on the group: the empty sequence is accepted
}

// frag is a fragment of the automaton under construction.
type frag struct {
	first, last []int32
	nullable    bool
}

type builder struct {
	pos    []position
	follow [][]int32
	limit  int
	edges  int // follow entries and first/last entries copied so far; bounded so that (a?){n} cannot cost n²
	err    error
	// expandAll expands every bound, counting none: the model repeats a
	// counted position directly.
	expandAll bool
}

func (c *compiler) buildModel(ct *complexType) {
	if ct.particle == nil || (ct.content != contentElements && ct.content != contentMixed) {
		return
	}
	p := ct.particle
	if p.kind == pkAll {
		if p.max == 0 {
			return
		}
		ct.all = &allModel{elems: p.kids, optional: p.min == 0}
		c.checkAllUPA(ct, p)
		return
	}
	b := &builder{limit: c.l.opts.MaxPositions}
	f := b.occurrences(p)
	if b.err == errRecount {
		b = &builder{limit: c.l.opts.MaxPositions, expandAll: true}
		f = b.occurrences(p)
	}
	if b.err != nil {
		c.fail(ct.node, ErrLimit, "content model of %s: %v", typeLabel(ct), b.err)
		return
	}
	a := &automaton{pos: b.pos, follow: make([][]int32, len(b.pos)+1), final: make([]bool, len(b.pos)+1)}
	a.follow[0] = dedupe(f.first)
	for i := range b.pos {
		a.follow[i+1] = dedupe(b.follow[i])
		a.counted = a.counted || b.pos[i].counted
	}
	a.final[0] = f.nullable
	for _, l := range f.last {
		a.final[l+1] = true
	}
	ct.model = a
	c.checkUPA(ct, a)
}

func typeLabel(ct *complexType) string {
	if ct.name.local == "" {
		return "an anonymous type"
	}
	return "type " + ct.name.String()
}

func dedupe(s []int32) []int32 {
	if len(s) < 2 {
		return s
	}
	if len(s) > 32 {
		// Follow lists of large models: insertion sort would be quadratic.
		slices.Sort(s)
	}
	// Insertion sort: the slices are tiny and this does not allocate.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

// charge counts n units of work against the budget link enforces.
func (b *builder) charge(n int) {
	b.edges += n
	if b.edges > 64*b.limit && b.err == nil {
		b.err = fmt.Errorf("more than %d transitions after expanding occurrence bounds", 64*b.limit)
	}
}

func (b *builder) link(from, to []int32) {
	if b.charge(len(from) * len(to)); b.err != nil {
		return
	}
	for _, f := range from {
		if b.pos[f].counted && slices.Contains(to, f) {
			// A group repeating a counted particle directly ((a{2,100})*):
			// the count could go on or start again, which one state
			// cannot tell. buildModel expands the bounds instead.
			if b.err == nil {
				b.err = errRecount
			}
			return
		}
		b.follow[f] = append(b.follow[f], to...)
	}
}

// errRecount stops a build that counted a position a group repeats
// directly.
var errRecount = errors.New("a counted position is repeated by its group")

// hasPositions reports whether p holds an element or a wildcard that may
// occur.
func hasPositions(p *particle) bool {
	if p.max == 0 {
		return false
	}
	if p.kind == pkElement || p.kind == pkWildcard {
		return true
	}
	return slices.ContainsFunc(p.kids, hasPositions)
}

// countable reports whether p is a single element or wildcard whose bounds
// would take more than countFrom copies.
func (b *builder) countable(p *particle) bool {
	if b.expandAll || p.kind != pkElement && p.kind != pkWildcard {
		return false
	}
	copies := p.max
	if p.max == unbounded {
		copies = p.min
	}
	return copies > countFrom
}

func seqFrag(b *builder, x, y frag) frag {
	b.link(x.last, y.first)
	b.charge(len(x.first) + len(y.first) + len(x.last) + len(y.last))
	out := frag{nullable: x.nullable && y.nullable}
	out.first = append(out.first, x.first...)
	if x.nullable {
		out.first = append(out.first, y.first...)
	}
	out.last = append(out.last, y.last...)
	if y.nullable {
		out.last = append(out.last, x.last...)
	}
	return out
}

// occurrences expands the bounds of p around copies of its term.
func (b *builder) occurrences(p *particle) frag {
	if b.err != nil || p.max == 0 {
		return frag{nullable: true}
	}
	if !hasPositions(p) {
		// Without elements or wildcards every copy is the same: build one,
		// not maxOccurs of them (nested groups would multiply the copies).
		t := b.term(p)
		return frag{nullable: p.min == 0 || t.nullable}
	}
	if b.countable(p) {
		t := b.term(p)
		if b.err == nil {
			b.pos[len(b.pos)-1].counted = true
		}
		t.nullable = p.min == 0
		return t
	}
	out := frag{nullable: true}
	n := p.min
	if p.max == unbounded && n == 0 {
		t := b.term(p)
		b.link(t.last, t.first)
		t.nullable = true
		return t
	}
	for i := 0; i < n; i++ {
		t := b.term(p)
		if i == n-1 && p.max == unbounded {
			b.link(t.last, t.first) // the last mandatory copy repeats
		}
		out = seqFrag(b, out, t)
		if b.err != nil {
			return out
		}
	}
	if p.max == unbounded {
		return out
	}
	// Optional copies nest: (t (t (t)?)?)? keeps the automaton deterministic.
	// Any copy may end the content, so the last positions are every copy's,
	// gathered once: seqFrag would copy the growing set at each level,
	// quadratic in the number of copies (maxOccurs="3224").
	rest := frag{nullable: true}
	var last []int32
	for i := 0; i < p.max-n; i++ {
		t := b.term(p)
		b.link(t.last, rest.first)
		b.charge(len(t.first) + len(t.last))
		last = append(last, t.last...)
		first := t.first
		if t.nullable {
			b.charge(len(rest.first))
			first = append(slices.Clip(first), rest.first...)
		}
		rest = frag{first: first, nullable: true}
		if b.err != nil {
			return out
		}
	}
	rest.last = last
	return seqFrag(b, out, rest)
}

// term builds one copy of p's term, ignoring p's own bounds.
func (b *builder) term(p *particle) frag {
	// Each copy costs a unit, so that copies of a term without positions
	// (<xs:sequence maxOccurs="5000"> around elements that cannot occur)
	// cannot go on forever.
	if b.charge(1); b.err != nil {
		return frag{nullable: true}
	}
	switch p.kind {
	case pkElement, pkWildcard:
		if len(b.pos) >= b.limit {
			b.err = fmt.Errorf("more than %d positions after expanding occurrence bounds", b.limit)
			return frag{nullable: true}
		}
		i := int32(len(b.pos))
		b.pos = append(b.pos, position{p: p})
		b.follow = append(b.follow, nil)
		return frag{first: []int32{i}, last: []int32{i}}
	case pkSequence:
		out := frag{nullable: true}
		for _, k := range p.kids {
			out = seqFrag(b, out, b.occurrences(k))
		}
		return out
	case pkChoice:
		out := frag{} // a choice of nothing matches nothing, not empty content
		for _, k := range p.kids {
			f := b.occurrences(k)
			b.charge(len(out.first) + len(out.last))
			out.first = append(out.first, f.first...)
			out.last = append(out.last, f.last...)
			out.nullable = out.nullable || f.nullable
		}
		return out
	case pkAll:
		b.err = fmt.Errorf("xs:all must be the whole content model")
	}
	return frag{nullable: true}
}
