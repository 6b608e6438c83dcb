package xsd

import "unicode/utf8"

// fastBlock is a repeated group whose alternatives all have one fixed
// width in characters, as in ([A-Za-z0-9+/]{4})*: every repetition starts
// where the one before ended, so the input decides alone how many whole
// blocks there are, and matching them never backtracks.
type fastBlock []fastSeq

// newBlockItem makes the item repeating group lo..hi times, or reports
// that group is not made of plain sequences of one fixed, non-zero width.
func newBlockItem(group []fastSeq, lo, hi int) (fastItem, bool) {
	width := -1
	var first runeSet
	for _, q := range group {
		w, ok := q.fixedWidth()
		if !ok || w == 0 || (width >= 0 && w != width) {
			return fastItem{}, false
		}
		width = w
		for k := range q {
			if q[k].block != nil {
				return fastItem{}, false
			}
			if q[k].min > 0 {
				first = append(first, q[k].runes()...)
				break
			}
		}
	}
	it := newFastItem(first, lo, hi)
	it.block = fastBlock(group)
	return it, true
}

// fixedWidth reports how many characters q always matches, when it has no
// choice of count.
func (q fastSeq) fixedWidth() (int, bool) {
	w := 0
	for k := range q {
		it := &q[k]
		if it.min != it.max {
			return 0, false
		}
		n := it.min
		if it.block != nil {
			bw, _ := it.block[0].fixedWidth()
			n *= bw
		}
		w += n
	}
	return w, true
}

// repeat matches as many whole blocks from s[i:] as there are, up to max
// (max < 0: unbounded), and fails below min.
func (b fastBlock) repeat(s string, i, lo, hi int) (int, bool) {
	n := 0
	for hi < 0 || n < hi {
		j, ok := b.one(s, i)
		if !ok {
			break
		}
		i = j
		n++
	}
	return i, n >= lo
}

func (b fastBlock) one(s string, i int) (int, bool) {
	for _, q := range b {
		if j, ok := q.run(s, i); ok {
			return j, true
		}
	}
	return i, false
}

func (b fastBlock) equal(o fastBlock) bool {
	if len(b) != len(o) {
		return false
	}
	for i := range b {
		if !b[i].equal(o[i]) {
			return false
		}
	}
	return true
}

func (q fastSeq) equal(o fastSeq) bool {
	if len(q) != len(o) {
		return false
	}
	for k := range q {
		if !q[k].equal(&o[k]) {
			return false
		}
	}
	return true
}

// cutForm matches a union of sequences that each end in a tail of fixed
// width, like the base64 pattern
// ([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|…):
// the greedy head would take the characters its tail needs, but a match
// covers all of s, so the tail's width says where the head must stop.
// The head is matched greedily on what comes before the cut, the tail on
// the rest.
type cutForm struct {
	heads, tails []fastSeq
	widths       []int // characters of each tail
	// same[k]: sequence k has the head and width of k-1, whose verdict on
	// the head stands (the base64 tails all follow one head).
	same []bool
}

// newCutForm splits each sequence of alts before its fixed tail and checks
// that each head is exact when matched greedily on its own.
func newCutForm(alts []fastSeq) (*cutForm, bool) {
	c := &cutForm{}
	for _, q := range alts {
		k := len(q)
		for k > 0 && q[k-1].min == q[k-1].max {
			k--
		}
		head, tail := q[:k:k], q[k:]
		w, _ := tail.fixedWidth()
		if !head.greedyExact() {
			return nil, false
		}
		c.heads = append(c.heads, head)
		c.tails = append(c.tails, tail)
		n := len(c.heads) - 1
		c.same = append(c.same, n > 0 && w == c.widths[n-1] && c.heads[n-1].equal(c.heads[n]))
		c.widths = append(c.widths, w)
	}
	return c, true
}

func (c *cutForm) match(s string) bool {
	cut, headOK := 0, false
	for k := range c.heads {
		if !c.same[k] {
			var ok bool
			if cut, ok = cutBefore(s, c.widths[k]); ok {
				j, ok := c.heads[k].run(s[:cut], 0)
				headOK = ok && j == cut
			} else {
				headOK = false
			}
		}
		if !headOK {
			continue
		}
		if j, ok := c.tails[k].run(s[cut:], 0); ok && j == len(s)-cut {
			return true
		}
	}
	return false
}

// cutBefore returns where the last n characters of s start, characters
// counted as the forward matcher counts them (an invalid byte is one).
func cutBefore(s string, n int) (int, bool) {
	i := len(s)
	for ; n > 0 && i > 0 && s[i-1] < utf8.RuneSelf; n-- {
		// An ASCII byte is a character of its own whatever precedes it.
		i--
	}
	if n == 0 {
		return i, true
	}
	// Something else at the end: count from the start, as run does.
	total := utf8.RuneCountInString(s[:i])
	if total < n {
		return 0, false
	}
	j := 0
	for range total - n {
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return j, true
}
