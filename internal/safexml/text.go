package safexml

import (
	"errors"
	"sync"
)

// checkText checks a whole UTF-8 document without encoding/xml: the
// guard's byte loop with wf's checks hooked into its lexer.
func checkText(text []byte, lim Limits) error {
	return checkTextMode(text, lim, true)
}

// checkTextMode is checkText; fast enables the shortcuts of fast.go,
// which tests hold to the byte-at-a-time lexer with fast false: the same
// verdict, sentinel, position and message on every document.
func checkTextMode(text []byte, lim Limits, fast bool) error {
	c := checkers.Get().(*textChecker)
	defer c.release()
	g, w := &c.g, &c.w
	*g = guard{lim: lim, line: 1}
	w.text = text
	w.attrs, w.open = c.attrs[:0], c.open[:0]
	w.ns.binds, w.ns.marks, w.ns.latest = c.binds[:0], c.marks[:0], c.latest
	g.wf = w
	n := len(text)
	for i := 0; i < n; i++ {
		if fast && !w.off && g.u.need == 0 {
			// Shortcuts that replace whole calls of step; with a
			// refusal pending they are off, so that the pending
			// refusal is returned at the same byte as without them.
			if g.st == stText && g.depth > 0 && textRun[text[i]] {
				if k := g.skipText(text[i:]); k > 0 {
					i += k - 1
					continue
				}
			}
			if g.st == stText && text[i] == '<' {
				if k, e := g.fastTag(text[i:]); k > 0 {
					if e != nil {
						if errors.Is(e, errFallback) {
							return errFallback
						}
						return e
					}
					i += k - 1
					if w.off && g.off >= w.pendEnd {
						return w.pending
					}
					continue
				}
			}
			if handled, e := g.fastStep(text[i]); handled {
				if e != nil {
					if errors.Is(e, errFallback) {
						return errFallback
					}
					return e
				}
				if w.off && g.off >= w.pendEnd {
					return w.pending
				}
				continue
			}
		}
		// The guard's fast path. In text, ']' and '>' take the slow
		// path too, for the "]]>" check.
		if g.u.need == 0 && (g.st == stText && g.depth > 0 && plainText[text[i]] || g.st == stAttrValue && plain[text[i]]) {
			tbl := &plain
			if g.st == stText {
				tbl = &plainText
			}
			j := i + 1
			for j < n && tbl[text[j]] {
				j++
			}
			k := min(j-i, g.lim.MaxTokenBytes-g.run)
			if k > 0 {
				g.off += int64(k)
				g.col += k
				g.run += k
				if g.st == stText {
					w.brackets = 0
				}
				i += k - 1
				continue
			}
		}
		// Inside a name after its first byte, ASCII name bytes only
		// count towards MaxNameLen: wf and the guard do nothing else.
		// The first byte of an end tag's name joins them when it is a
		// letter: it only clears badStart.
		if g.u.need == 0 && (g.st == stStartName || g.st == stAttrName || g.st == stEndName && (g.name > 0 || fast && !w.off && nameStart[text[i]])) && nameBytes[text[i]] {
			j := i + 1
			for j < n && nameBytes[text[j]] {
				j++
			}
			k := min(j-i, g.lim.MaxNameLen-g.name)
			if k > 0 {
				if g.st == stEndName && g.name == 0 {
					w.badStart = false
				}
				g.off += int64(k)
				g.col += k
				g.name += k
				i += k - 1
				continue
			}
		}
		if e := g.step(text[i]); e != nil {
			if errors.Is(e, errFallback) {
				return errFallback
			}
			if w.off && g.off > w.pendEnd {
				// A run of plain text skipped in bulk can carry the
				// loop past the end of the pending refusal's buffer to
				// a byte the guard refuses. In the streaming path the
				// guard reads that byte only with the next buffer, after
				// encoding/xml has reported the pending refusal.
				return w.pending
			}
			return e
		}
		if w.off && g.off >= w.pendEnd {
			return w.pending
		}
	}
	if w.off {
		return w.pending
	}
	if err := g.finish(); err != nil {
		return err
	}
	switch {
	case g.st != stText:
		return g.errHere(ErrSyntax, "the document ends in the middle of markup (line %d)", g.line)
	case len(w.open) > 0:
		return g.errHere(ErrSyntax, "the document ends before <%s> is closed", w.bytes(w.open[len(w.open)-1]))
	case g.roots == 0:
		return errorf(ErrSyntax, 1, 1, "the document has no root element")
	}
	return nil
}

// textChecker holds the state of checkText: the element stack, the
// attributes of a tag and the namespace bindings, whose memory is kept
// for the next document up to a bound. Checkers are pooled: allocating
// and collecting one per message cost a tenth of checkText, and making
// the prefix table and growing the slices for a message with a dozen
// namespaces most of what checkText allocated.
type textChecker struct {
	g      guard
	w      wf
	attrs  []wfAttr
	open   []span
	marks  []int
	binds  []wfBind
	latest map[string]int
}

var checkers = sync.Pool{New: func() any {
	return &textChecker{attrs: make([]wfAttr, 0, 8), open: make([]span, 0, 24), marks: make([]int, 0, 24), binds: make([]wfBind, 0, 8)}
}}

// maxKept bounds the slices and the prefix table a pooled checker keeps,
// so that one hostile document does not pin memory in the pool.
const maxKept = 1024

// release returns c to the pool without any reference to the document,
// so that a pooled checker does not keep a message alive: attribute
// values, URIs and prefixes are views of it.
func (c *textChecker) release() {
	c.attrs = keep(c.w.attrs, c.attrs)
	c.open = keep(c.w.open, c.open)
	c.marks = keep(c.w.ns.marks, c.marks)
	c.binds = keep(c.w.ns.binds, c.binds)
	c.latest = c.w.ns.latest
	if len(c.latest) > maxKept {
		c.latest = nil
	}
	clear(c.latest)
	c.g, c.w = guard{}, wf{}
	checkers.Put(c)
}

// keep returns the grown slice used, emptied and cleared, unless it is
// larger than maxKept; then the one it grew from.
func keep[T any](used, before []T) []T {
	if cap(used) > maxKept {
		used = before
	}
	clear(used[:cap(used)])
	return used[:0]
}
