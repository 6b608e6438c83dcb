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
func openInstance(data []byte, o *Options) (*scanner, *inode, *arena, error) {
	a := getArena()
	if err := checkChars(data); err != nil {
		return nil, nil, a, err
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
