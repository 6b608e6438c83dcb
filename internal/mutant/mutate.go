package mutant

import (
	"encoding/xml"
	"fmt"
	"math/rand/v2"
	"strings"
)

const nsXSI = "http://www.w3.org/2001/XMLSchema-instance"

// badValues are literals that violate common types and facets: wrong
// lexical form, out of range, too long, empty, surrounding whitespace.
var badValues = []string{
	"", " ", "x", "-1", "0", "1.5", "1e3", "99999999999999999999", "true", "NaN",
	"2026-13-01", "2026-02-30T10:00:00Z", "2026-11-28T10:00:00", "P1X", "zz", "AB==",
	" padded ", "UPPER", "a b", strings.Repeat("long", 80), "<tag>", "12:00:00",
	"--11-28", "-0", "+7", "0.000001", "ZZ", "xx-XX", "\u00e9t\u00e9", "1 2 3",
}

// Mutate returns a copy of root with one random mutation applied, and the
// mutation's name ("none" when the mutation found nothing to change).
func Mutate(root *Node, r *rand.Rand) (*Node, string) {
	m := root.Clone()
	nodes, parents := m.elements()
	pick := r.IntN(len(nodes))
	n, p := nodes[pick], parents[pick]
	switch op := r.IntN(14); op {
	case 11: // copy an element into a random position of another element
		target := nodes[r.IntN(len(nodes))]
		pos := r.IntN(len(target.Kids) + 1)
		target.Kids = append(target.Kids[:pos], append([]any{n.Clone()}, target.Kids[pos:]...)...)
		return m, "copy " + n.Name.Local + " into " + target.Name.Local
	case 12: // xsi:nil
		xsi := xml.Name{Space: "xmlns", Local: "xsi"}
		if !hasAttr(n, xsi) {
			n.Attrs = append(n.Attrs, xml.Attr{Name: xsi, Value: nsXSI})
		}
		nilName := xml.Name{Space: "xsi", Local: "nil"}
		if hasAttr(n, nilName) {
			return m, "none"
		}
		n.Attrs = append(n.Attrs, xml.Attr{Name: nilName, Value: []string{"true", "false", "1", "maybe"}[r.IntN(4)]})
		if r.IntN(2) == 0 {
			n.Kids = nil
		}
		return m, "xsi:nil on " + n.Name.Local
	case 13: // empty an element
		n.Kids = nil
		return m, "empty " + n.Name.Local
	case 0: // delete an element
		if p == nil {
			return m, "none"
		}
		p.Kids = removeKid(p.Kids, n)
		return m, "delete " + n.Name.Local
	case 1: // duplicate an element
		if p == nil {
			return m, "none"
		}
		p.Kids = insertAfter(p.Kids, n, n.Clone())
		return m, "duplicate " + n.Name.Local
	case 2: // swap two sibling elements
		idx := n.elemKids()
		if len(idx) < 2 {
			return m, "none"
		}
		i := r.IntN(len(idx) - 1)
		n.Kids[idx[i]], n.Kids[idx[i+1]] = n.Kids[idx[i+1]], n.Kids[idx[i]]
		return m, "swap children of " + n.Name.Local
	case 3: // rename an element to a sibling's or a new name
		idx := []int{}
		if p != nil {
			idx = p.elemKids()
		}
		if len(idx) > 1 && r.IntN(2) == 0 {
			other := p.Kids[idx[r.IntN(len(idx))]].(*Node)
			n.Name.Local = other.Name.Local
			return m, "rename to sibling " + other.Name.Local
		}
		n.Name.Local += "X"
		return m, "rename " + n.Name.Local
	case 4: // move to another namespace
		n.Name.Space = "mx"
		n.Attrs = append(n.Attrs, xml.Attr{Name: xml.Name{Space: "xmlns", Local: "mx"}, Value: "urn:jcx:test:other"})
		return m, "namespace " + n.Name.Local
	case 5: // unexpected attribute
		names := []xml.Name{{Local: "bogus"}, {Space: "mx", Local: "ext"}, {Local: "id"}, {Local: "lang"}}
		a := names[r.IntN(len(names))]
		if a.Space == "mx" {
			n.Attrs = append(n.Attrs, xml.Attr{Name: xml.Name{Space: "xmlns", Local: "mx"}, Value: "urn:jcx:test:other"})
		}
		if hasAttr(n, a) {
			return m, "none"
		}
		n.Attrs = append(n.Attrs, xml.Attr{Name: a, Value: badValues[r.IntN(len(badValues))]})
		return m, "attribute " + a.Local
	case 6, 7: // replace the text of a leaf with a wrong-typed value
		leaves := []*Node{}
		for _, x := range nodes {
			if x.isLeaf() {
				leaves = append(leaves, x)
			}
		}
		if len(leaves) == 0 {
			return m, "none"
		}
		l := leaves[r.IntN(len(leaves))]
		v := badValues[r.IntN(len(badValues))]
		l.Kids = []any{v}
		return m, fmt.Sprintf("text of %s = %q", l.Name.Local, v)
	case 8: // change or remove an attribute value
		var real []int
		for i, a := range n.Attrs {
			if a.Name.Space != "xmlns" && !(a.Name.Space == "" && a.Name.Local == "xmlns") {
				real = append(real, i)
			}
		}
		if len(real) == 0 {
			return m, "none"
		}
		i := real[r.IntN(len(real))]
		if r.IntN(3) == 0 {
			n.Attrs = append(n.Attrs[:i], n.Attrs[i+1:]...)
			return m, "remove attribute"
		}
		n.Attrs[i].Value = badValues[r.IntN(len(badValues))]
		return m, "attribute value " + n.Attrs[i].Name.Local
	case 9: // text inside element-only content, or an extra child in a leaf
		if n.isLeaf() {
			n.Kids = append(n.Kids, &Node{Name: xml.Name{Space: n.Name.Space, Local: "Extra"}})
			return m, "child in leaf " + n.Name.Local
		}
		n.Kids = append([]any{"stray text"}, n.Kids...)
		return m, "text in " + n.Name.Local
	default: // move an element to another parent
		if p == nil {
			return m, "none"
		}
		p.Kids = removeKid(p.Kids, n)
		nodes2, _ := m.elements()
		target := nodes2[r.IntN(len(nodes2))]
		target.Kids = append(target.Kids, n)
		return m, "move " + n.Name.Local + " into " + target.Name.Local
	}
}

func hasAttr(n *Node, a xml.Name) bool {
	for _, x := range n.Attrs {
		if x.Name == a {
			return true
		}
	}
	return false
}

func removeKid(kids []any, n *Node) []any {
	out := kids[:0:0]
	for _, k := range kids {
		if k != any(n) {
			out = append(out, k)
		}
	}
	return out
}

func insertAfter(kids []any, n *Node, extra *Node) []any {
	out := kids[:0:0]
	for _, k := range kids {
		out = append(out, k)
		if k == any(n) {
			out = append(out, extra)
		}
	}
	return out
}
