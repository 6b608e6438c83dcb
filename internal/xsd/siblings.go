package xsd

import (
	"strconv"
	"strings"
)

// siblingCounter numbers the children of one element as they start, for
// finding paths: /a/b[2] needs the index of b among its same-named
// siblings, which are gone by the time a finding is reported.
//
// It remembers at most maxSiblingNames distinct names. A child with a name
// first seen after that is numbered by its position among all siblings,
// and its path step is *[n], an XPath that names the same element: a flood
// of distinct names then costs no memory, and paths in real documents,
// which have a handful of names per parent, are unchanged.
type siblingCounter struct {
	n    int         // children so far
	few  []nameCount // the first distinct names, searched in order
	many map[qname]int
}

type nameCount struct {
	ns, local string
	n         int
}

const (
	fewSiblingNames = 16
	maxSiblingNames = 1024
)

func (c *siblingCounter) reset() {
	c.n = 0
	c.few = c.few[:0]
	switch {
	case len(c.many) > 64:
		c.many = nil // clearing costs its capacity; small maps are reused
	case len(c.many) > 0:
		clear(c.many)
	}
}

// release drops every name, which may be a substring of the input.
func (c *siblingCounter) release() {
	clear(c.few[:cap(c.few)])
	c.few = c.few[:0]
	c.many = nil
	c.n = 0
}

// next counts a child named {ns}local and returns its index: 1-based among
// the same-named siblings, or minus its position among all siblings.
func (c *siblingCounter) next(ns, local string) int {
	c.n++
	for i := range c.few {
		if e := &c.few[i]; e.local == local && e.ns == ns {
			e.n++
			return e.n
		}
	}
	if len(c.few) < fewSiblingNames {
		c.few = append(c.few, nameCount{ns, local, 1})
		return 1
	}
	q := qname{ns, local}
	if k, ok := c.many[q]; ok {
		c.many[q] = k + 1
		return k + 1
	}
	if len(c.many) >= maxSiblingNames {
		return -c.n
	}
	if c.many == nil {
		c.many = make(map[qname]int)
	}
	c.many[q] = 1
	return 1
}

// pathOf builds /a/b[2]/c[1] (local names, index among same-named
// siblings; *[n] for the nth child when the name was not counted).
func pathOf(n *inode, attr string) string {
	var buf [32]*inode
	chain := buf[:0]
	for x := n; x != nil; x = x.parent {
		chain = append(chain, x)
	}
	var b strings.Builder
	for i := len(chain) - 1; i >= 0; i-- {
		x := chain[i]
		b.WriteByte('/')
		switch {
		case x.parent == nil:
			b.WriteString(x.local)
		case x.idx < 0:
			b.WriteString("*[" + strconv.Itoa(-x.idx) + "]")
		default:
			b.WriteString(x.local + "[" + strconv.Itoa(x.idx) + "]")
		}
	}
	if attr != "" {
		b.WriteString("/@" + attr)
	}
	return b.String()
}
