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
	stacks map[string]*nsStack
	log    []nsPushed // every binding in scope, in the order pushed
	// The stack of the prefix looked up last: most names of a document
	// use one prefix (often none), and comparing it costs less than
	// hashing it.
	lastPrefix string
	last       *nsStack
}

type nsStack struct{ e []nsEntry }

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
		sc.stacks = make(map[string]*nsStack)
	}
	st := sc.stacks[prefix]
	if st == nil {
		st = &nsStack{}
		sc.stacks[prefix] = st
	}
	st.e = append(st.e, nsEntry{uri, depth})
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
		if len(st.e) == 1 && len(sc.stacks) > 64 {
			// Dropped, so that a flood of distinct prefixes costs no memory.
			delete(sc.stacks, top.prefix)
			if sc.last == st {
				sc.last = nil
			}
			continue
		}
		st.e[len(st.e)-1] = nsEntry{}
		st.e = st.e[:len(st.e)-1]
	}
}

// resolve is inode.lookupNS for an element at depth: lookup, and the
// prefix xml, which is bound without a declaration.
func (sc *nsScope) resolve(prefix string, depth int) (string, bool) {
	if prefix == "xml" {
		return nsXML, true
	}
	return sc.lookup(prefix, depth)
}

// lookup resolves prefix for an element at depth, as inode.lookupNS.
func (sc *nsScope) lookup(prefix string, depth int) (string, bool) {
	st := sc.last
	if st == nil || prefix != sc.lastPrefix {
		if st = sc.stacks[prefix]; st == nil {
			return "", prefix == ""
		}
		sc.last, sc.lastPrefix = st, prefix
	}
	for i := len(st.e) - 1; i >= 0; i-- {
		if st.e[i].depth <= depth {
			return st.e[i].uri, st.e[i].uri != "" || prefix == ""
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
	sc.last, sc.lastPrefix = nil, ""
	if cap(sc.log) > 1024 {
		sc.log = nil
	}
}
