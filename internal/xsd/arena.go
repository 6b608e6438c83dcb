package xsd

import (
	"bytes"
	"encoding/binary"
	"sync"
	"unicode/utf8"
)

// arena holds the memory one parse needs: the elements, their child and
// attribute slices, and the scanner's stacks. Nothing in it outlives
// ValidateBytes (findings copy what they report), so arenas are recycled
// between documents instead of allocating per document, which was the
// largest cost after the scan itself.
type arena struct {
	nodes  []inode
	nused  int
	kids   []*inode
	kused  int
	attrs  []iattr
	aused  int
	names  map[string]string // interned names and prefixes
	recent [64]string        // cache of names, see scanner.intern
	stack  []*inode
	raw    [][]byte // raw qualified names of open elements
	starts []int    // per open element: where its children begin in pending
	pend   []*inode // children of open elements, in document order
	ra     []rawAttr
	tb     []byte // text of the top element when it comes in several pieces
	// Streaming (scanner.pull): one slot per depth holds the open element
	// at that depth, reused by the next element at that depth; counters
	// number the children of the open element at each depth; kept counts
	// the elements kept under identity constraints, idValues the ID and
	// IDREF values remembered.
	slots    []slot
	counters []siblingCounter
	scope    nsScope
	kept     int
	idValues int
	// overflowed: the names table was full, and names are now substrings
	// of the input.
	overflowed bool
	sc         scanner
	// skimmed stands for every open element inside skimmed content, and
	// skimAttrs holds the attributes of a skimmed tag (scanner.skim).
	skimmed   inode
	skimAttrs []iattr
	// Sets of the attribute names of an element with many attributes.
	rawSeen map[string]struct{}
	expSeen map[qname]struct{}
}

// slot is the reusable memory of the open element at one depth.
type slot struct {
	n     *inode
	attrs []iattr
}

// counter returns the sibling counter of the open element at depth.
func (a *arena) counter(depth int) *siblingCounter {
	for len(a.counters) <= depth {
		a.counters = append(a.counters, siblingCounter{})
	}
	return &a.counters[depth]
}

// Bounds on what a recycled arena keeps, so that one large or hostile
// document does not pin memory for the life of the process.
const (
	maxPooledNodes = 1024
	maxPooledNames = 2048
	// maxInternedNames bounds the names one instance adds to the table.
	maxInternedNames = 4096
)

var arenaPool = sync.Pool{New: func() any { return &arena{names: make(map[string]string, 64)} }}

func getArena() *arena { return arenaPool.Get().(*arena) }

// release clears what the document used (no pointer into it survives, and
// a node handed out next time starts zeroed) and recycles the arena.
func (a *arena) release() {
	clear(a.nodes[:a.nused])
	clear(a.kids[:a.kused])
	clear(a.attrs[:a.aused])
	a.nused, a.kused, a.aused = 0, 0, 0
	clear(a.stack[:cap(a.stack)])
	clear(a.raw[:cap(a.raw)])
	clear(a.pend[:cap(a.pend)])
	clear(a.ra[:cap(a.ra)])
	a.stack, a.raw, a.starts, a.pend, a.ra, a.tb = a.stack[:0], a.raw[:0], a.starts[:0], a.pend[:0], a.ra[:0], a.tb[:0]
	for i := range a.slots {
		sl := &a.slots[i]
		*sl.n = inode{}
		clear(sl.attrs[:cap(sl.attrs)])
		if cap(sl.attrs) > 64 {
			sl.attrs = nil
		}
	}
	if len(a.slots) > 64 {
		a.slots = a.slots[:64]
	}
	for i := range a.counters {
		a.counters[i].release()
	}
	a.kept, a.idValues = 0, 0
	a.scope.release(!a.overflowed)
	a.overflowed = false
	a.sc = scanner{} // it points into the input
	a.skimmed = inode{}
	// The sets hold names that may be substrings of the input.
	a.rawSeen, a.expSeen = nil, nil
	if len(a.names) > maxPooledNames {
		clear(a.names)
		clear(a.recent[:])
	}
	if len(a.nodes) > maxPooledNodes {
		a.nodes = nil
	}
	if len(a.kids) > maxPooledNodes {
		a.kids = nil
	}
	if len(a.attrs) > maxPooledNodes {
		a.attrs = nil
	}
	if cap(a.tb) > 64<<10 {
		a.tb = nil
	}
	arenaPool.Put(a)
}

// newNode returns a zeroed element. When the chunk is used up, rest
// (the unparsed input) sizes the next one: every element starts with '<'.
func (a *arena) newNode(rest []byte) *inode {
	if a.nused == len(a.nodes) {
		// A chunk in use stays reachable through the tree; a new one
		// replaces it for what follows, at least twice as large so that the
		// recycled chunk grows to what the documents need.
		n := max(bytes.Count(rest, []byte{'<'}), 2*len(a.nodes))
		a.nodes, a.nused = make([]inode, max(1, min(n, 4096))), 0
	}
	n := &a.nodes[a.nused]
	a.nused++
	return n
}

// kidSlice copies the children of an element that has just ended out of
// the pending stack into one shared chunk.
func (a *arena) kidSlice(k []*inode) []*inode {
	if len(a.kids)-a.kused < len(k) {
		a.kids, a.kused = make([]*inode, max(len(k), min(2*len(a.kids), 4096), 64)), 0
	}
	out := a.kids[a.kused : a.kused+len(k) : a.kused+len(k)]
	copy(out, k)
	a.kused += len(k)
	return out
}

// attrSlice returns an empty slice with room for exactly n attributes.
func (a *arena) attrSlice(n int) []iattr {
	if len(a.attrs)-a.aused < n {
		a.attrs, a.aused = make([]iattr, max(n, min(2*len(a.attrs), 4096), 64)), 0
	}
	out := a.attrs[a.aused : a.aused : a.aused+n]
	a.aused += n
	return out
}

// checkChars refuses a document that is not UTF-8 or holds bytes that are
// not XML 1.0 characters: C0 controls other than tab, newline and carriage
// return, and U+FFFE/U+FFFF. Invalid UTF-8 anywhere is reported first, as
// it always has been, whatever precedes it. It is one pass that skips
// eight plain ASCII bytes at a time.
func checkChars(b []byte) error {
	const (
		high = 0x8080808080808080
		ctl  = 0x2020202020202020
	)
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			// No byte has its high bit set and none is below 0x20.
			if w := binary.LittleEndian.Uint64(b[i:]); w&high == 0 && (w-ctl)&^w&high == 0 {
				i += 8
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return badChar(b, i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return malformed(1, "document is not valid UTF-8")
		case r == 0xFFFE || r == 0xFFFF:
			return badChar(b, i)
		}
		i += size
	}
	return nil
}

func badChar(b []byte, i int) error {
	if !utf8.Valid(b[i:]) {
		return malformed(1, "document is not valid UTF-8")
	}
	line := 1
	for _, c := range b[:i] {
		if c == '\n' {
			line++
		}
	}
	return malformed(line, "character not allowed in XML")
}
