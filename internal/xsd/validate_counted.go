package xsd

import "slices"

// matchCounted runs n's children through an automaton with counters (see
// contentmodel.go). A run is a state and, for each counter around its
// position, the counts it may have reached: (a+){2,100} reads "aaa" as one,
// two or three iterations, so a count is an interval, not a number. Runs
// that agree but for one count are merged, and a run another one does
// better than is dropped (see add), so the runs stay few while every
// reading of the children is kept. matchModel does the same for automata
// without counters, without the counts.
func (v *validator) matchCounted(n *inode, a *automaton, first *inode) {
	var buf [2][2]countedRun
	runs := append(buf[0][:0], countedRun{})
	next := buf[1][:0]
	failed := false
	for k := first; k != nil; k = v.next(n) {
		if failed || v.full {
			v.lax(k)
			continue
		}
		next = next[:0]
		var hit *particle
		for _, r := range runs {
			for _, e := range a.edges[r.state] {
				part := a.pos[e.to].p
				if !part.accepts(k) {
					continue
				}
				if to, ok := a.step(r, e); ok {
					next = append(next, to)
					if hit == nil {
						hit = part
					}
				}
			}
		}
		if len(next) == 0 {
			v.report(k, "", "unexpected element %s, expected %s", qname{k.ns, k.local}, a.expectedCounted(runs, true))
			failed = true
			v.lax(k)
			continue
		}
		var ok bool
		if next, ok = a.compact(next); !ok {
			v.report(k, "", "element %s: more than %d ways to count the occurrences so far (a content model this ambiguous is not validated)", qname{k.ns, k.local}, maxRunsPerState)
			failed = true
			v.lax(k)
			continue
		}
		runs, next = next, runs
		v.child(k, hit)
	}
	if failed {
		return
	}
	for _, r := range runs {
		if a.ends(r) {
			return
		}
	}
	v.report(n, "", "element %s is incomplete, expected %s", n.local, a.expectedCounted(runs, false))
}

// maxRunsPerState bounds the runs matchCounted keeps per state, and so
// the work per child: nested counters whose counts can be read several
// ways keep runs none of which does all another does, and a hostile model
// could make them many. The W3C suite's models keep at most 2 per state,
// the random models of TestCountedAgreesWithExpanded at most 11.
const maxRunsPerState = 64

// countedRun is a state and, per counter of its position (outermost
// first), the interval of counts reached.
type countedRun struct {
	state  int32
	lo, hi [maxCounters]int
}

func (a *automaton) ctrsOf(state int32) []int32 {
	if state == 0 {
		return nil
	}
	return a.pos[state-1].ctrs
}

// step follows transition e from run r, or reports that the counts allow
// no such move: another iteration needs a count below maxOccurs, leaving
// a counter needs one at minOccurs or more.
func (a *automaton) step(r countedRun, e countEdge) (countedRun, bool) {
	from, to := a.ctrsOf(r.state), a.pos[e.to].ctrs
	out := countedRun{state: e.to + 1}
	k := int(e.keep)
	copy(out.lo[:k], r.lo[:k])
	copy(out.hi[:k], r.hi[:k])
	if e.inc {
		b := a.counters[from[k]]
		lo, hi := r.lo[k], r.hi[k]
		if b.max != unbounded {
			if lo >= b.max {
				return out, false
			}
			hi = min(hi, b.max-1)
		}
		out.lo[k], out.hi[k] = lo+1, hi+1
		a.tighten(&out, k, from[k])
		k++
	}
	for i := k; i < len(from); i++ {
		if r.hi[i] < a.counters[from[i]].min {
			return out, false
		}
	}
	for i := k; i < len(to); i++ {
		out.lo[i], out.hi[i] = 1, 1
		a.tighten(&out, i, to[i])
	}
	return out, true
}

// tighten keeps of the counts at index i only those that matter: past
// minOccurs the lowest count does all a higher one can (it may leave, and
// has more iterations left), and past minOccurs of an unbounded counter
// all counts are alike.
func (a *automaton) tighten(r *countedRun, i int, id int32) {
	b := a.counters[id]
	if r.lo[i] >= b.min {
		r.hi[i] = r.lo[i]
	} else {
		r.hi[i] = min(r.hi[i], b.min)
	}
	if b.max == unbounded {
		top := max(b.min, 1)
		r.lo[i], r.hi[i] = min(r.lo[i], top), min(r.hi[i], top)
	}
}

// ends reports whether the element may end in run r.
func (a *automaton) ends(r countedRun) bool {
	if !a.final[r.state] {
		return false
	}
	for i, id := range a.ctrsOf(r.state) {
		if r.hi[i] < a.counters[id].min {
			return false
		}
	}
	return true
}

// compact sorts runs by state and, per state, keeps only runs no other
// one does at least all of (see add); false means a state kept more than
// maxRunsPerState.
func (a *automaton) compact(runs []countedRun) ([]countedRun, bool) {
	if len(runs) < 2 {
		return runs, true
	}
	slices.SortFunc(runs, func(x, y countedRun) int { return int(x.state - y.state) })
	out := runs[:0]
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[j].state == runs[i].state {
			j++
		}
		// The group is copied before out, which trails it, overwrites it.
		group := runs[i:j]
		if len(group) == 1 {
			out = append(out, group[0])
			i = j
			continue
		}
		var buf [maxRunsPerState + 1]countedRun
		kept := buf[:0]
		for _, r := range group {
			if kept = a.add(kept, r); len(kept) > maxRunsPerState {
				return runs, false
			}
		}
		out = append(out, kept...)
		i = j
	}
	return out, true
}

// add adds run r to runs of the same state unless one of them does at
// least all r does; runs r does all of are dropped, and two runs whose
// counts differ in one counter by adjacent intervals become one.
func (a *automaton) add(runs []countedRun, r countedRun) []countedRun {
	ctrs := a.ctrsOf(r.state)
	for i := 0; i < len(runs); i++ {
		o := &runs[i]
		if a.covers(*o, r, ctrs) {
			return runs
		}
		if a.covers(r, *o, ctrs) {
			runs[i] = runs[len(runs)-1]
			runs = runs[:len(runs)-1]
			i--
			continue
		}
		if d, ok := oneApart(*o, r, len(ctrs)); ok {
			o.lo[d], o.hi[d] = min(o.lo[d], r.lo[d]), max(o.hi[d], r.hi[d])
			return runs
		}
	}
	return append(runs, r)
}

// covers reports whether run x does all run y does: per counter, every
// count of y is one of x's, or is above one of x's that has reached
// minOccurs (it may leave as well, and has more iterations left).
func (a *automaton) covers(x, y countedRun, ctrs []int32) bool {
	for i, id := range ctrs {
		if y.lo[i] < x.lo[i] || y.hi[i] > x.hi[i] && x.hi[i] < a.counters[id].min {
			return false
		}
	}
	return true
}

// oneApart reports the one counter whose intervals differ in x and y,
// when they overlap or touch, so that their union is an interval.
func oneApart(x, y countedRun, depth int) (int, bool) {
	d := -1
	for i := range depth {
		if x.lo[i] == y.lo[i] && x.hi[i] == y.hi[i] {
			continue
		}
		if d >= 0 || x.lo[i] > y.hi[i]+1 || y.lo[i] > x.hi[i]+1 {
			return 0, false
		}
		d = i
	}
	return d, d >= 0
}

func (a *automaton) expectedCounted(runs []countedRun, orEnd bool) string {
	var buf []int32
	end := false
	for _, r := range runs {
		end = end || a.ends(r)
		for _, e := range a.edges[r.state] {
			if _, ok := a.step(r, e); ok {
				buf = append(buf, e.to)
			}
		}
	}
	return describeExpected(a, buf, end && orEnd)
}
