package xsd

// matchCounted runs n's children through an automaton with counted
// positions (see contentmodel.go): each active state carries how often its
// counted position has repeated. matchModel does the same for automata
// without them, without the counts.
func (v *validator) matchCounted(n *inode, a *automaton, first *inode) {
	runs := []countedRun{{}}
	var next []countedRun
	var options []int32
	failed := false
	for k := first; k != nil; k = v.next(n) {
		if failed || v.full {
			v.lax(k)
			continue
		}
		next = next[:0]
		var hit *particle
		for _, r := range runs {
			if self, ok := a.repeats(r); ok && self.p.accepts(k) {
				next = append(next, countedRun{r.state, a.countOn(self, r.n)})
				if hit == nil {
					hit = self.p
				}
			}
			if !a.leaves(r) {
				continue
			}
			for _, p := range a.follow[r.state] {
				if part := a.pos[p].p; part.accepts(k) {
					next = append(next, countedRun{p + 1, 1})
					if hit == nil {
						hit = part
					}
				}
			}
		}
		if len(next) == 0 {
			v.report(k, "", "unexpected element %s, expected %s", qname{k.ns, k.local}, a.expectedCounted(runs, options, true))
			failed = true
			v.lax(k)
			continue
		}
		runs, next = dedupeRuns(next), runs
		v.child(k, hit)
	}
	if failed {
		return
	}
	for _, r := range runs {
		if a.final[r.state] && a.leaves(r) {
			return
		}
	}
	v.report(n, "", "element %s is incomplete, expected %s", n.local, a.expectedCounted(runs, options, false))
}

// countedRun is an active state and, when its position is counted, how
// often that position has matched in a row.
type countedRun struct {
	state int32
	n     int
}

// repeats returns r's position when it is counted and may match again.
func (a *automaton) repeats(r countedRun) (position, bool) {
	if r.state == 0 {
		return position{}, false
	}
	pos := a.pos[r.state-1]
	return pos, pos.counted && (pos.p.max == unbounded || r.n < pos.p.max)
}

// leaves reports whether r may go on to the positions that follow it (or
// end): a counted position must have matched minOccurs times first.
func (a *automaton) leaves(r countedRun) bool {
	if r.state == 0 {
		return true
	}
	pos := a.pos[r.state-1]
	return !pos.counted || r.n >= pos.p.min
}

// countOn is the count after one more match of a counted position. Past
// minOccurs of an unbounded one the exact count no longer matters, and
// keeping it there keeps equal runs equal.
func (a *automaton) countOn(pos position, n int) int {
	if pos.p.max == unbounded && n >= pos.p.min {
		return n
	}
	return n + 1
}

func (a *automaton) expectedCounted(runs []countedRun, buf []int32, orEnd bool) string {
	buf = buf[:0]
	end := false
	for _, r := range runs {
		if _, ok := a.repeats(r); ok {
			buf = append(buf, r.state-1)
		}
		if a.leaves(r) {
			end = end || a.final[r.state]
			buf = append(buf, a.follow[r.state]...)
		}
	}
	return describeExpected(a, buf, end && orEnd)
}

func dedupeRuns(s []countedRun) []countedRun {
	out := s[:0]
	for _, r := range s {
		dup := false
		for _, o := range out {
			if o == r {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}
