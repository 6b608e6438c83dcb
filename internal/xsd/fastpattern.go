package xsd

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// pattern is a compiled pattern facet. Most patterns in message schemas
// are runs of ASCII classes with counts (UUIDs, codes, dates, timestamps
// with alternative zone forms); those are matched by fastPattern without
// the regexp engine, which dominates validation time otherwise. Everything
// else uses regexp.
type pattern struct {
	src  string
	fast *fastPattern
	// The Go regexp is compiled on first use only: most patterns never
	// need it, and compiling them all was a sixth of every process's
	// start-up. goSrc has been parsed already, so compiling cannot fail.
	goSrc string
	once  sync.Once
	re    *regexp.Regexp
}

func (p *pattern) match(s string) bool {
	if p.fast != nil {
		return p.fast.match(s)
	}
	p.once.Do(func() { p.re, _ = regexp.Compile(p.goSrc) })
	return p.re != nil && p.re.MatchString(s)
}

// newPattern checks src as compilePattern does, with the same errors, but
// leaves compiling the regexp to the first match that needs it.
func newPattern(src string) (*pattern, error) {
	goSrc, err := translateRegex(src)
	if err != nil {
		return nil, err
	}
	// regexp.Compile fails only where this parse does (same flags).
	if _, err := syntax.Parse(goSrc, syntax.Perl); err != nil {
		return nil, fmt.Errorf("pattern %s: %v", quote(src), err)
	}
	p := &pattern{src: src, goSrc: goSrc}
	if f, ok := compileFast(src); ok {
		p.fast = f
	}
	return p, nil
}

// fastItem is a character class repeated min..max times (max < 0:
// unbounded). ASCII members are a 128-bit set; the rest sorted ranges.
// A block item repeats a group of fixed width instead (see block); its
// class is then the union of the classes the group can start with.
type fastItem struct {
	set      [2]uint64
	high     runeSet
	min, max int
	block    fastBlock
}

func (it *fastItem) has(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return it.set[c>>6]&(1<<(c&63)) != 0, 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	lo, hi := 0, len(it.high)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case r < it.high[m].lo:
			hi = m
		case r > it.high[m].hi:
			lo = m + 1
		default:
			return true, size
		}
	}
	return false, size
}

func (it *fastItem) disjoint(o *fastItem) bool {
	if it.set[0]&o.set[0] != 0 || it.set[1]&o.set[1] != 0 {
		return false
	}
	return len(it.high.subtract(o.high.negate())) == 0
}

// fastSeq is a sequence of items matched greedily, never backtracking.
// compileFast only accepts a sequence where that is exact: the class of
// every item with a variable count is disjoint from the classes of the
// items after it up to and including the next mandatory one, so a
// character it could take can never be the one the rest needs next.
type fastSeq []fastItem

// run matches q from s[i:] and returns where it stopped. How much an item
// takes depends only on the item and the input, never on what follows.
func (q fastSeq) run(s string, i int) (int, bool) {
	for k := range q {
		it := &q[k]
		if it.block != nil {
			var ok bool
			if i, ok = it.block.repeat(s, i, it.min, it.max); !ok {
				return i, false
			}
			continue
		}
		n := 0
		for (it.max < 0 || n < it.max) && i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				// ASCII, the common case, without the call.
				if it.set[c>>6]&(1<<(c&63)) == 0 {
					break
				}
				i++
				n++
				continue
			}
			ok, size := it.has(s, i)
			if !ok {
				break
			}
			i += size
			n++
		}
		if n < it.min {
			return i, false
		}
	}
	return i, true
}

// fastPattern is a finite union of fast sequences: a pattern whose groups
// are alternations of sequences, made optional at most, expands into one
// (A(B|C)D? is ABD|ACD|AB|AC). The union matches when one sequence
// matches all of s. Since greedy items decide alone, the items every
// sequence starts with are run once.
type fastPattern struct {
	prefix fastSeq
	alts   []fastSeq // what follows prefix in each sequence
	// cut, when set, is the form of sequences ending in a fixed width
	// (see cutForm); prefix and alts are then unused.
	cut *cutForm
}

func (f *fastPattern) match(s string) bool {
	if f.cut != nil {
		return f.cut.match(s)
	}
	i, ok := f.prefix.run(s, 0)
	if !ok {
		return false
	}
	for _, a := range f.alts {
		if j, ok := a.run(s, i); ok && j == len(s) {
			return true
		}
	}
	return false
}

// maxFastAlts bounds the expansion; a pattern that needs more sequences is
// left to regexp.
const maxFastAlts = 32

// compileFast builds the fast matcher of src, a pattern compilePattern has
// accepted, or reports that the pattern is outside what it can match
// exactly.
func compileFast(src string) (*fastPattern, bool) {
	p := &fastParser{rxParser{s: []rune(src)}}
	alts, ok := p.regExp()
	if !ok || p.i != len(p.s) {
		return nil, false
	}
	for _, q := range alts {
		if !q.greedyExact() {
			if c, ok := newCutForm(alts); ok {
				return &fastPattern{cut: c}, true
			}
			return nil, false
		}
	}
	n := len(alts[0])
	for _, q := range alts[1:] {
		k := 0
		for k < min(n, len(q)) && q[k].equal(&alts[0][k]) {
			k++
		}
		n = k
	}
	f := &fastPattern{prefix: alts[0][:n:n]}
	for _, q := range alts {
		f.alts = append(f.alts, q[n:])
	}
	return f, true
}

func (q fastSeq) greedyExact() bool {
	for i := range q {
		if q[i].min == q[i].max {
			continue
		}
		if q[i].block != nil && i+1 < len(q) {
			// Greedy on whole blocks is exact only with nothing after.
			return false
		}
		for j := i + 1; j < len(q); j++ {
			if !q[i].disjoint(&q[j]) {
				return false
			}
			if q[j].min > 0 {
				break
			}
		}
	}
	return true
}

func (it *fastItem) equal(o *fastItem) bool {
	if it.set != o.set || it.min != o.min || it.max != o.max || len(it.high) != len(o.high) || !it.block.equal(o.block) {
		return false
	}
	for i := range it.high {
		if it.high[i] != o.high[i] {
			return false
		}
	}
	return true
}

func newFastItem(set runeSet, lo, hi int) fastItem {
	it := fastItem{min: lo, max: hi}
	for _, r := range set.norm() {
		for c := r.lo; c <= r.hi && c < 128; c++ {
			it.set[c>>6] |= 1 << (c & 63)
		}
		if r.hi >= 128 {
			it.high = append(it.high, runeRange{max(r.lo, 128), r.hi})
		}
	}
	return it
}

// fastParser reads a pattern into the sequences of its union; each method
// returns false for a construct the union cannot express.
type fastParser struct{ rxParser }

func (p *fastParser) regExp() ([]fastSeq, bool) {
	alts, ok := p.branch()
	for ok && p.peek() == '|' {
		p.i++
		var more []fastSeq
		more, ok = p.branch()
		alts = append(alts, more...)
	}
	return alts, ok && len(alts) <= maxFastAlts
}

// branch expands a concatenation: every combination of the alternatives
// of its pieces.
func (p *fastParser) branch() ([]fastSeq, bool) {
	acc := []fastSeq{nil}
	for p.i < len(p.s) && p.peek() != '|' && p.peek() != ')' {
		piece, ok := p.piece()
		if !ok || len(acc)*len(piece) > maxFastAlts {
			return nil, false
		}
		if len(piece) == 1 {
			// Each sequence of acc has an array of its own (see below),
			// so the one alternative is appended in place: copying the
			// sequences for every piece made a long pattern cost its
			// length squared.
			for i := range acc {
				acc[i] = append(acc[i], piece[0]...)
			}
			continue
		}
		next := make([]fastSeq, 0, len(acc)*len(piece))
		for _, a := range acc {
			for _, b := range piece {
				next = append(next, append(a[:len(a):len(a)], b...))
			}
		}
		acc = next
	}
	return acc, true
}

func (p *fastParser) piece() ([]fastSeq, bool) {
	var set runeSet
	var group []fastSeq
	switch c := p.peek(); c {
	case '(':
		p.i++
		alts, ok := p.regExp()
		if !ok || p.peek() != ')' {
			return nil, false
		}
		p.i++
		group = alts
	case '[':
		s, err := p.classExpr()
		if err != nil {
			return nil, false
		}
		set = s
	case '.':
		p.i++
		set = rangesOf('\n', '\n', '\r', '\r').negate()
	case '\\':
		s, single, err := p.escape()
		if err != nil {
			return nil, false
		}
		if single >= 0 {
			s = runeSet{{single, single}}
		}
		set = s
	case '?', '*', '+', '{', '}', ')', ']', '|':
		return nil, false
	default:
		p.i++
		set = runeSet{{c, c}}
	}
	lo, hi, ok := p.quantifier()
	if !ok {
		return nil, false
	}
	if group == nil {
		return []fastSeq{{newFastItem(set, lo, hi)}}, true
	}
	switch {
	case lo == 1 && hi == 1:
		return group, true
	case lo == 0 && hi == 1:
		return append(group, nil), true
	}
	// (a|[bc]|\d)* is [abc\d]*: a group of single characters repeated is
	// one class repeated.
	var union runeSet
	for _, q := range group {
		if len(q) != 1 || q[0].min != 1 || q[0].max != 1 || q[0].block != nil {
			if it, ok := newBlockItem(group, lo, hi); ok {
				return []fastSeq{{it}}, true
			}
			return nil, false
		}
		union = append(union, q[0].runes()...)
	}
	return []fastSeq{{newFastItem(union, lo, hi)}}, true
}

// runes returns the class of it as ranges.
func (it *fastItem) runes() runeSet {
	var out runeSet
	for c := rune(0); c < 128; c++ {
		if it.set[c>>6]&(1<<(c&63)) != 0 {
			out = append(out, runeRange{c, c})
		}
	}
	return append(out, it.high...)
}

// quantifier reads ?, *, +, {n}, {n,} or {n,m}; none is {1,1}. Max -1 is
// unbounded.
func (p *fastParser) quantifier() (lo, hi int, ok bool) {
	switch p.peek() {
	case '?':
		p.i++
		return 0, 1, true
	case '*':
		p.i++
		return 0, -1, true
	case '+':
		p.i++
		return 1, -1, true
	case '{':
	default:
		return 1, 1, true
	}
	end := p.i
	for end < len(p.s) && p.s[end] != '}' {
		end++
	}
	if end == len(p.s) {
		return 0, 0, false
	}
	q := string(p.s[p.i+1 : end])
	p.i = end + 1
	l, h, comma := strings.Cut(q, ",")
	lo, err := strconv.Atoi(l)
	if err != nil || lo < 0 || l[0] == '+' {
		return 0, 0, false
	}
	switch {
	case !comma:
		return lo, lo, true
	case h == "":
		return lo, -1, true
	}
	if hi, err = strconv.Atoi(h); err != nil || hi < lo || h[0] == '+' {
		return 0, 0, false
	}
	return lo, hi, true
}
