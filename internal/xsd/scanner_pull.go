package xsd

import (
	"bytes"
	"unsafe"
)

// openInstance prepares the streaming read of an instance and reads up to
// the root element's start tag. The caller then reads the root's content
// with next, then calls epilogue, and releases the returned arena when it
// no longer uses any element; the arena is returned (non-nil) with an
// error too.
//
// Streaming keeps memory proportional to the depth of the document, not
// its size: an element's memory is reused once it has ended and been
// validated (see arena.slots), except under an element with identity
// constraints, whose subtree is kept until the constraints are checked.
func openInstance(data []byte, o *Options, charsChecked bool) (*scanner, *inode, *arena, error) {
	a := getArena()
	if !charsChecked {
		if err := checkChars(data); err != nil {
			return nil, nil, a, err
		}
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	// The document is read through a string sharing data's memory, so
	// that values are substrings rather than copies; copying the document
	// was most of what a validation allocated, and so of its GC work. This
	// is sound because nothing derived from the string outlives
	// ValidateBytes, which does not modify data: names are interned copies
	// or substrings, findings and errors build their own strings, and the
	// arena is cleared before it returns. TestFindingsOwnTheirStrings
	// overwrites the input after validating to keep it so.
	a.sc = scanner{b: data, str: unsafe.String(unsafe.SliceData(data), len(data)), line: 1, o: o, a: a, pull: true}
	s := &a.sc
	if err := s.prolog(); err != nil {
		return nil, nil, a, err
	}
	root, _, err := s.startTag(nil)
	if err != nil {
		return nil, nil, a, err
	}
	return s, root, a, nil
}

// next reads the content of n, the innermost open element, up to the start
// tag of its next child element, which it returns with its attributes read
// and its content unread; at n's end tag it returns nil, as it does for an
// element that has ended. Reading a child's content first is the caller's
// job: n must be the innermost open element.
func (s *scanner) next(n *inode) (*inode, error) {
	if n.closed {
		return nil, nil
	}
	atEnd, err := s.content(n)
	if err != nil {
		return nil, err
	}
	if atEnd {
		s.flushText(n)
		k := len(s.a.stack) - 1
		s.a.scope.popFrom(k + 1) // what n's children declared
		s.a.stack, s.a.raw = s.a.stack[:k], s.a.raw[:k]
		n.closed = true
		return nil, nil
	}
	k, _, err := s.startTag(n)
	return k, err
}

// skim reads the rest of n, the innermost open element, up to and
// including its end tag, as next and startTag would read its children
// and their content, with the same checks in the same order, so that a
// document gets the same error (or none) either way; but it hands out no
// element and keeps nothing of the elements it reads beyond their
// namespace declarations and their names until their end tags. Of n
// itself it keeps what next would: its text before its first child, and
// whether it has text other than whitespace. It serves content that is
// not validated, which would otherwise cost an element per tag.
//
// The children of a kept element (see allocNode) are kept too, so n must
// not be one of them: skim would not keep them.
func (s *scanner) skim(n *inode) error {
	if n.closed {
		return nil
	}
	a := s.a
	base := len(a.stack) // n is a.stack[base-1]
	// The open elements inside n share one element: their text is never
	// looked at, and hadKid makes appendText keep none of it.
	inner := &a.skimmed
	*inner = inode{hadKid: true}
	top := n
	for {
		atEnd, err := s.content(top)
		if err != nil {
			return err
		}
		if atEnd {
			if top == n {
				s.flushText(n)
			}
			k := len(a.stack) - 1
			a.scope.popFrom(k + 1) // what the ended element's children declared
			a.stack, a.raw = a.stack[:k], a.raw[:k]
			if k < base {
				n.closed = true
				return nil
			}
		} else if err := s.skimTag(top, inner); err != nil {
			return err
		}
		top = inner
		if len(a.stack) == base {
			top = n
		}
	}
}

// skimTag reads a start tag inside parent for skim: startTag's checks in
// startTag's order, without an element to fill. An element that is not
// empty-element syntax is pushed on the stack as inner.
func (s *scanner) skimTag(parent, inner *inode) error {
	line := s.line
	qn, depth, err := s.tagName(line)
	if err != nil {
		return err
	}
	attrs, closed, err := s.tagAttrs(line)
	if err != nil {
		return err
	}
	decls := countDecls(attrs)
	sc := &s.a.scope
	sc.popFrom(depth)
	if decls > 0 {
		if err := s.declare(nil, attrs, decls, depth); err != nil {
			return err
		}
	}
	prefix, _, err := s.splitQName(qn)
	if err != nil {
		return err
	}
	if prefix != nil {
		if _, ok := sc.resolve(bytesView(prefix), depth); !ok {
			return s.errf("unbound prefix %q", prefix)
		}
	}
	if len(attrs) > decls {
		// Names as they are in the input, not interned: the set of them
		// dies with the tag.
		seen := s.a.skimAttrs[:0]
		for _, a := range attrs {
			if isNSDecl(a.name) {
				continue
			}
			p, l, err := s.splitQName(a.name)
			if err != nil {
				return err
			}
			at := iattr{local: bytesView(l)}
			if p != nil {
				var ok bool
				if at.ns, ok = sc.resolve(bytesView(p), depth); !ok || at.ns == "" {
					return s.errf("unbound prefix %q", p)
				}
			}
			if s.seenExpanded(seen, at) {
				return s.errf("duplicate attribute %s", a.name)
			}
			seen = append(seen, at)
		}
		clear(seen)
		s.a.skimAttrs = seen[:0]
	}
	s.flushText(parent)
	parent.hadKid = true
	if !closed {
		s.a.stack = append(s.a.stack, inner)
		s.a.raw = append(s.a.raw, qn)
	}
	return nil
}

// allocNode returns a zeroed element for depth. When streaming, an element
// takes the slot of its depth, which held its previous sibling (or a
// cousin), already validated; only the children of a kept element get
// memory of their own, counted against Options.MaxIdentityState.
func (s *scanner) allocNode(parent *inode, depth int) (*inode, error) {
	a := s.a
	if !s.pull {
		return a.newNode(s.b[s.i:]), nil
	}
	if parent != nil && parent.keep {
		if a.kept+a.idValues >= s.o.MaxIdentityState {
			return nil, &InstanceError{Line: s.line, Msg: "too many elements under identity constraints", Err: ErrLimit}
		}
		a.kept++
		n := a.newNode(nil)
		n.keep = true
		parent.kids = append(parent.kids, n)
		return n, nil
	}
	for len(a.slots) <= depth {
		a.slots = append(a.slots, slot{n: new(inode)})
	}
	n := a.slots[depth].n
	*n = inode{}
	return n, nil
}

// attrSlice returns an empty slice with room for k attributes of n.
func (s *scanner) attrSlice(n *inode, depth, k int) []iattr {
	if !s.pull || n.keep {
		return s.a.attrSlice(k)
	}
	sl := &s.a.slots[depth]
	if cap(sl.attrs) < k {
		sl.attrs = make([]iattr, 0, max(k, 8))
	}
	clear(sl.attrs[:cap(sl.attrs)])
	return sl.attrs[:0]
}
