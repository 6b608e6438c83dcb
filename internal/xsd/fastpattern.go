package xsd

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pattern is a compiled pattern facet. Most patterns in message schemas
// are runs of ASCII classes with counts (UUIDs, codes, dates); those are
// matched by fastPattern without the regexp engine, which dominates
// validation time otherwise. Everything else uses regexp.
type pattern struct {
	src  string
	re   *regexp.Regexp
	fast fastPattern
}

func (p *pattern) match(s string) bool {
	if p.fast != nil {
		return p.fast.match(s)
	}
	return p.re.MatchString(s)
}

func newPattern(src string) (*pattern, error) {
	re, err := compilePattern(src)
	if err != nil {
		return nil, err
	}
	p := &pattern{src: src, re: re}
	if f, ok := compileFast(src); ok {
		p.fast = f
	}
	return p, nil
}

// fastItem is a character class repeated min..max times (max < 0:
// unbounded). ASCII members are a 128-bit set; the rest sorted ranges.
type fastItem struct {
	set      [2]uint64
	high     runeSet
	min, max int
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

type fastPattern []fastItem

// match is greedy and never backtracks. compileFast only accepts patterns
// where that is exact: the class of every item with a variable count is
// disjoint from the classes of the items after it up to and including the
// next mandatory one, so a character it could take can never be the one
// the rest of the pattern needs next.
func (f fastPattern) match(s string) bool {
	i := 0
	for k := range f {
		it := &f[k]
		n := 0
		for (it.max < 0 || n < it.max) && i < len(s) {
			ok, size := it.has(s, i)
			if !ok {
				break
			}
			i += size
			n++
		}
		if n < it.min {
			return false
		}
	}
	return i == len(s)
}

func compileFast(src string) (fastPattern, bool) {
	p := &rxParser{s: []rune(src)}
	var f fastPattern
	for p.i < len(p.s) {
		var set runeSet
		switch c := p.peek(); c {
		case '(', ')', '|', '.', '?', '*', '+', '{', '}', ']':
			return nil, false
		case '[':
			s, err := p.classExpr()
			if err != nil {
				return nil, false
			}
			set = s
		case '\\':
			s, single, err := p.escape()
			if err != nil {
				return nil, false
			}
			if single >= 0 {
				s = runeSet{{single, single}}
			}
			set = s
		default:
			p.i++
			set = runeSet{{c, c}}
		}
		it := fastItem{min: 1, max: 1}
		for _, r := range set.norm() {
			for c := r.lo; c <= r.hi && c < 128; c++ {
				it.set[c>>6] |= 1 << (c & 63)
			}
			if r.hi >= 128 {
				it.high = append(it.high, runeRange{max(r.lo, 128), r.hi})
			}
		}
		switch p.peek() {
		case '?':
			it.min, it.max = 0, 1
			p.i++
		case '*':
			it.min, it.max = 0, -1
			p.i++
		case '+':
			it.min, it.max = 1, -1
			p.i++
		case '{':
			end := p.i
			for end < len(p.s) && p.s[end] != '}' {
				end++
			}
			if end == len(p.s) {
				return nil, false
			}
			q := string(p.s[p.i+1 : end])
			p.i = end + 1
			lo, hi, comma := strings.Cut(q, ",")
			var err error
			if it.min, err = strconv.Atoi(lo); err != nil || it.min < 0 || lo[0] == '+' {
				return nil, false
			}
			switch {
			case !comma:
				it.max = it.min
			case hi == "":
				it.max = -1
			default:
				if it.max, err = strconv.Atoi(hi); err != nil || it.max < it.min || hi[0] == '+' {
					return nil, false
				}
			}
		}
		f = append(f, it)
	}
	for i := range f {
		if f[i].min == f[i].max {
			continue
		}
		for j := i + 1; j < len(f); j++ {
			if !f[i].disjoint(&f[j]) {
				return nil, false
			}
			if f[j].min > 0 {
				break
			}
		}
	}
	return f, true
}
