package xsd

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// mnode is a mutable document tree that keeps prefixes as written, so
// mutants serialise with the namespace declarations of the original.
type mnode struct {
	name  xml.Name // raw: Space is the prefix
	attrs []xml.Attr
	kids  []any // *mnode or string
}

func parseM(data []byte) (*mnode, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*mnode
	var root *mnode
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &mnode{name: t.Name, attrs: append([]xml.Attr(nil), t.Attr...)}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].kids = append(stack[len(stack)-1].kids, string(t))
			}
		}
	}
}

func (n *mnode) clone() *mnode {
	c := &mnode{name: n.name, attrs: append([]xml.Attr(nil), n.attrs...)}
	for _, k := range n.kids {
		if m, ok := k.(*mnode); ok {
			c.kids = append(c.kids, m.clone())
		} else {
			c.kids = append(c.kids, k)
		}
	}
	return c
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func (n *mnode) write(b *bytes.Buffer) {
	b.WriteString("<" + rawName(n.name))
	for _, a := range n.attrs {
		b.WriteString(" " + rawName(a.Name) + `="` + xmlEscape(a.Value, true) + `"`)
	}
	b.WriteString(">")
	for _, k := range n.kids {
		if m, ok := k.(*mnode); ok {
			m.write(b)
		} else {
			xml.EscapeText(b, []byte(k.(string)))
		}
	}
	b.WriteString("</" + rawName(n.name) + ">")
}

func (n *mnode) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	n.write(&b)
	return b.Bytes()
}

// elements lists every element with its parent (nil for the root).
func (n *mnode) elements() (nodes, parents []*mnode) {
	var walk func(x, p *mnode)
	walk = func(x, p *mnode) {
		nodes, parents = append(nodes, x), append(parents, p)
		for _, k := range x.kids {
			if m, ok := k.(*mnode); ok {
				walk(m, x)
			}
		}
	}
	walk(n, nil)
	return
}

func (n *mnode) elemKids() []int {
	var idx []int
	for i, k := range n.kids {
		if _, ok := k.(*mnode); ok {
			idx = append(idx, i)
		}
	}
	return idx
}

// isLeaf reports whether n holds only text.
func (n *mnode) isLeaf() bool { return len(n.elemKids()) == 0 }

// badValues are literals that violate common types and facets: wrong
// lexical form, out of range, too long, empty, surrounding whitespace.
var badValues = []string{
	"", " ", "x", "-1", "0", "1.5", "1e3", "99999999999999999999", "true", "NaN",
	"2026-13-01", "2026-02-30T10:00:00Z", "2026-11-28T10:00:00", "P1X", "zz", "AB==",
	" padded ", "UPPER", "a b", strings.Repeat("long", 80), "<tag>", "12:00:00",
	"--11-28", "-0", "+7", "0.000001", "ZZ", "xx-XX", "\u00e9t\u00e9", "1 2 3",
}

// mutate returns a copy of root with one random mutation applied, and the
// mutation's name.
func mutate(root *mnode, r *rand.Rand) (*mnode, string) {
	m := root.clone()
	nodes, parents := m.elements()
	pick := r.IntN(len(nodes))
	n, p := nodes[pick], parents[pick]
	switch op := r.IntN(14); op {
	case 11: // copy an element into a random position of another element
		target := nodes[r.IntN(len(nodes))]
		pos := r.IntN(len(target.kids) + 1)
		target.kids = append(target.kids[:pos], append([]any{n.clone()}, target.kids[pos:]...)...)
		return m, "copy " + n.name.Local + " into " + target.name.Local
	case 12: // xsi:nil
		xsi := xml.Name{Space: "xmlns", Local: "xsi"}
		if !hasAttr(n, xsi) {
			n.attrs = append(n.attrs, xml.Attr{Name: xsi, Value: nsXSI})
		}
		nilName := xml.Name{Space: "xsi", Local: "nil"}
		if hasAttr(n, nilName) {
			return m, "none"
		}
		n.attrs = append(n.attrs, xml.Attr{Name: nilName, Value: []string{"true", "false", "1", "maybe"}[r.IntN(4)]})
		if r.IntN(2) == 0 {
			n.kids = nil
		}
		return m, "xsi:nil on " + n.name.Local
	case 13: // empty an element
		n.kids = nil
		return m, "empty " + n.name.Local
	case 0: // delete an element
		if p == nil {
			return m, "none"
		}
		p.kids = removeKid(p.kids, n)
		return m, "delete " + n.name.Local
	case 1: // duplicate an element
		if p == nil {
			return m, "none"
		}
		p.kids = insertAfter(p.kids, n, n.clone())
		return m, "duplicate " + n.name.Local
	case 2: // swap two sibling elements
		idx := n.elemKids()
		if len(idx) < 2 {
			return m, "none"
		}
		i := r.IntN(len(idx) - 1)
		n.kids[idx[i]], n.kids[idx[i+1]] = n.kids[idx[i+1]], n.kids[idx[i]]
		return m, "swap children of " + n.name.Local
	case 3: // rename an element to a sibling's or a new name
		idx := []int{}
		if p != nil {
			idx = p.elemKids()
		}
		if len(idx) > 1 && r.IntN(2) == 0 {
			other := p.kids[idx[r.IntN(len(idx))]].(*mnode)
			n.name.Local = other.name.Local
			return m, "rename to sibling " + other.name.Local
		}
		n.name.Local += "X"
		return m, "rename " + n.name.Local
	case 4: // move to another namespace
		n.name.Space = "mx"
		n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Space: "xmlns", Local: "mx"}, Value: "urn:jcx:test:other"})
		return m, "namespace " + n.name.Local
	case 5: // unexpected attribute
		names := []xml.Name{{Local: "bogus"}, {Space: "mx", Local: "ext"}, {Local: "id"}, {Local: "lang"}}
		a := names[r.IntN(len(names))]
		if a.Space == "mx" {
			n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Space: "xmlns", Local: "mx"}, Value: "urn:jcx:test:other"})
		}
		if hasAttr(n, a) {
			return m, "none"
		}
		n.attrs = append(n.attrs, xml.Attr{Name: a, Value: badValues[r.IntN(len(badValues))]})
		return m, "attribute " + a.Local
	case 6, 7: // replace the text of a leaf with a wrong-typed value
		leaves := []*mnode{}
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
		l.kids = []any{v}
		return m, fmt.Sprintf("text of %s = %q", l.name.Local, v)
	case 8: // change or remove an attribute value
		var real []int
		for i, a := range n.attrs {
			if a.Name.Space != "xmlns" && !(a.Name.Space == "" && a.Name.Local == "xmlns") {
				real = append(real, i)
			}
		}
		if len(real) == 0 {
			return m, "none"
		}
		i := real[r.IntN(len(real))]
		if r.IntN(3) == 0 {
			n.attrs = append(n.attrs[:i], n.attrs[i+1:]...)
			return m, "remove attribute"
		}
		n.attrs[i].Value = badValues[r.IntN(len(badValues))]
		return m, "attribute value " + n.attrs[i].Name.Local
	case 9: // text inside element-only content, or an extra child in a leaf
		if n.isLeaf() {
			n.kids = append(n.kids, &mnode{name: xml.Name{Space: n.name.Space, Local: "Extra"}})
			return m, "child in leaf " + n.name.Local
		}
		n.kids = append([]any{"stray text"}, n.kids...)
		return m, "text in " + n.name.Local
	default: // move an element to another parent
		if p == nil {
			return m, "none"
		}
		p.kids = removeKid(p.kids, n)
		nodes2, _ := m.elements()
		target := nodes2[r.IntN(len(nodes2))]
		target.kids = append(target.kids, n)
		return m, "move " + n.name.Local + " into " + target.name.Local
	}
}

func hasAttr(n *mnode, a xml.Name) bool {
	for _, x := range n.attrs {
		if x.Name == a {
			return true
		}
	}
	return false
}

func removeKid(kids []any, n *mnode) []any {
	out := kids[:0:0]
	for _, k := range kids {
		if k != any(n) {
			out = append(out, k)
		}
	}
	return out
}

func insertAfter(kids []any, n *mnode, extra *mnode) []any {
	out := kids[:0:0]
	for _, k := range kids {
		out = append(out, k)
		if k == any(n) {
			out = append(out, extra)
		}
	}
	return out
}
