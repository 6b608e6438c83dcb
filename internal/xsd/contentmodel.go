package xsd

import (
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
// A particle whose bounds would take more than countFrom copies
// (maxOccurs="1000000"), or whose copies would be large, is not expanded:
// its term is built once and given a counter, which counts the
// iterations of the term. Every transition says what it does to the
// counters of the positions it leaves and enters (countEdge): go on, start
// one more iteration (below maxOccurs), or leave (at minOccurs or more) and
// start again at 1. Large bounds, on an element or a group, nested or not,
// therefore cost no positions; validate_counted.go runs such automata. Up
// to maxCounters counted particles may be nested; beyond that, bounds are
// expanded again, up to Options.MaxPositions.
type automaton struct {
	pos    []position
	follow [][]int32 // per state, the positions that may come next; state 0 is the start
	final  []bool    // per state
	// With counters: per state, every transition with its effect on the
	// counters (a position may be reached in several ways, as in
	// (a+){2,100}, where a second a goes on or starts an iteration).
	edges    [][]countEdge
	counters []bounds // per counted particle (per copy, if a group around it is expanded)
	counted  bool     // some particle is counted
}

type position struct {
	p    *particle // the schema particle this position copies
	ctrs []int32   // the counters around it, outermost first (a counted element's own is last)
}

// bounds are the occurrence bounds a counter enforces; max may be
// unbounded. A counted term that matches the empty sequence has min 0:
// empty iterations make up any minimum.
type bounds struct{ min, max int }

// countEdge is a transition to position to: the first keep counters of
// the position left go on unchanged; with inc, the counter at index keep
// starts one more iteration; the other counters of the position left are
// left, and those of the position entered start at 1.
type countEdge struct {
	to   int32
	keep int8
	inc  bool
}

// countFrom is the number of copies above which a particle is counted
// rather than expanded.
const countFrom = 64

// maxCounters is the number of counted particles that may be nested.
const maxCounters = 4

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
	follow [][]countEdge // per position
	limit  int
	edges  int // follow entries and first/last entries copied so far; bounded so that (a?){n} cannot cost n²
	err    error
	stack  []int32 // the counters of the counted particles being built
	ctrs   []bounds
	// countAbove is Options.countAbove with its default.
	countAbove int
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
	b := &builder{limit: c.l.opts.MaxPositions, countAbove: c.l.opts.countAbove}
	if b.countAbove == 0 {
		b.countAbove = countFrom
	}
	f := b.occurrences(p)
	if b.err != nil {
		c.fail(ct.node, ErrLimit, "content model of %s: %v", typeLabel(ct), b.err)
		return
	}
	n := len(b.pos)
	a := &automaton{pos: b.pos, follow: make([][]int32, n+1), final: make([]bool, n+1),
		counters: b.ctrs, counted: len(b.ctrs) > 0}
	start := make([]countEdge, len(f.first))
	for i, p := range f.first {
		start[i] = countEdge{to: p}
	}
	if a.counted {
		a.edges = make([][]countEdge, n+1)
	}
	for s := range n + 1 {
		e := start
		if s > 0 {
			e = b.follow[s-1]
		}
		e = dedupeEdges(e)
		if a.counted {
			a.edges[s] = e
		}
		a.follow[s] = targets(e)
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

// dedupeEdges sorts transitions by target and drops repeated ones.
func dedupeEdges(s []countEdge) []countEdge {
	if len(s) < 2 {
		return s
	}
	slices.SortFunc(s, func(x, y countEdge) int {
		if x.to != y.to {
			return int(x.to - y.to)
		}
		if x.keep != y.keep {
			return int(x.keep - y.keep)
		}
		return b2i(x.inc) - b2i(y.inc)
	})
	return slices.Compact(s)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// targets lists the distinct positions of sorted transitions.
func targets(s []countEdge) []int32 {
	out := make([]int32, 0, len(s))
	for _, e := range s {
		if len(out) == 0 || out[len(out)-1] != e.to {
			out = append(out, e.to)
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

// link adds transitions from every position of from to every position of
// to; the counters being built go on, and with inc the innermost of them
// starts one more iteration.
func (b *builder) link(from, to []int32, inc bool) {
	if b.charge(len(from) * len(to)); b.err != nil {
		return
	}
	keep := int8(len(b.stack))
	for _, f := range from {
		for _, t := range to {
			b.follow[f] = append(b.follow[f], countEdge{to: t, keep: keep, inc: inc})
		}
	}
}

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

// countable reports whether p's bounds are counted rather than expanded:
// they would take more than countFrom copies, or copies larger together
// than a quarter of the position limit.
func (b *builder) countable(p *particle) bool {
	if len(b.stack) >= maxCounters || p.kind == pkAll || b.countAbove < 0 {
		return false
	}
	copies := p.max
	if p.max == unbounded {
		copies = p.min
	}
	return copies > b.countAbove || copies > 1 && copies*leaves(p, b.limit) > b.limit/4
}

// leaves counts the element and wildcard particles in p, stopping past
// limit.
func leaves(p *particle, limit int) int {
	if p.kind == pkElement || p.kind == pkWildcard {
		return 1
	}
	n := 0
	for _, k := range p.kids {
		if n += leaves(k, limit); n > limit {
			break
		}
	}
	return n
}

func seqFrag(b *builder, x, y frag) frag {
	b.link(x.last, y.first, false)
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

// occurrences expands the bounds of p around copies of its term, or
// counts them.
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
		id := int32(len(b.ctrs))
		b.ctrs = append(b.ctrs, bounds{p.min, p.max})
		b.stack = append(b.stack, id)
		t := b.term(p)
		b.stack = b.stack[:len(b.stack)-1]
		if t.nullable {
			b.ctrs[id].min = 0
		}
		// Back among the counters around p: the end of the term starts
		// p's next iteration, whose counter is at index len(b.stack).
		b.link(t.last, t.first, true)
		t.nullable = t.nullable || p.min == 0
		return t
	}
	out := frag{nullable: true}
	n := p.min
	if p.max == unbounded && n == 0 {
		t := b.term(p)
		b.link(t.last, t.first, false)
		t.nullable = true
		return t
	}
	for i := 0; i < n; i++ {
		t := b.term(p)
		if i == n-1 && p.max == unbounded {
			b.link(t.last, t.first, false) // the last mandatory copy repeats
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
		b.link(t.last, rest.first, false)
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
		b.pos = append(b.pos, position{p: p, ctrs: slices.Clone(b.stack)})
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
