package xsd

// nsScope resolves namespace prefixes while an instance is streamed, in
// time independent of how many bindings are in scope: one stack of
// bindings per prefix, pushed at the start tag that declares them. A
// linked list of bindings per element, walked for each name, cost time
// proportional to the depth times the declarations per element for every
// name resolved.
//
// An element's bindings stay until the next start tag at its depth or
// the end tag of its parent, because the element's own values (QNames,
// xsi:type) are validated after its end tag; a lookup therefore skips
// bindings deeper than the element asking.
type nsScope struct {
	stacks map[string][]nsEntry
	log    []nsPushed // every binding in scope, in the order pushed
}

type nsEntry struct {
	uri   string
	depth int
}

type nsPushed struct {
	prefix string
	depth  int
}

func (sc *nsScope) push(prefix, uri string, depth int) {
	if sc.stacks == nil {
		sc.stacks = make(map[string][]nsEntry)
	}
	sc.stacks[prefix] = append(sc.stacks[prefix], nsEntry{uri, depth})
	sc.log = append(sc.log, nsPushed{prefix, depth})
}

// popFrom removes the bindings declared at depth or deeper; depths only
// grow along the log.
func (sc *nsScope) popFrom(depth int) {
	for len(sc.log) > 0 {
		top := sc.log[len(sc.log)-1]
		if top.depth < depth {
			return
		}
		sc.log = sc.log[:len(sc.log)-1]
		st := sc.stacks[top.prefix]
		if len(st) == 1 && len(sc.stacks) > 64 {
			// Dropped, so that a flood of distinct prefixes costs no memory.
			delete(sc.stacks, top.prefix)
			continue
		}
		st[len(st)-1] = nsEntry{}
		sc.stacks[top.prefix] = st[:len(st)-1]
	}
}

// lookup resolves prefix for an element at depth, as inode.lookupNS.
func (sc *nsScope) lookup(prefix string, depth int) (string, bool) {
	st := sc.stacks[prefix]
	for i := len(st) - 1; i >= 0; i-- {
		if st[i].depth <= depth {
			return st[i].uri, st[i].uri != "" || prefix == ""
		}
	}
	return "", prefix == ""
}

// release empties the scope. The emptied stacks of a few prefixes are
// kept for the next document, unless a prefix may be a substring of this
// one's input (see scanner.intern).
func (sc *nsScope) release(keepPrefixes bool) {
	sc.popFrom(0)
	if !keepPrefixes || len(sc.stacks) > 64 {
		clear(sc.stacks)
	}
	if cap(sc.log) > 1024 {
		sc.log = nil
	}
}
