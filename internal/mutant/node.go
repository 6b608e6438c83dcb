package mutant

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Node is a mutable element tree that keeps prefixes as written, so that
// mutants serialise with the namespace declarations of the original.
type Node struct {
	Name  xml.Name // raw: Space is the prefix
	Attrs []xml.Attr
	Kids  []any // *Node or string
}

// Parse reads a document into a tree. Comments, processing instructions
// and the XML declaration are dropped; Bytes writes a UTF-8 declaration.
func Parse(data []byte) (*Node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*Node
	var root *Node
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(stack) > 0 {
				return nil, fmt.Errorf("unexpected end of document inside %s", rawName(stack[len(stack)-1].Name))
			}
			if root == nil {
				return nil, fmt.Errorf("no root element")
			}
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &Node{Name: t.Name, Attrs: append([]xml.Attr(nil), t.Attr...)}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			// RawToken does not match end tags to start tags.
			if len(stack) == 0 || stack[len(stack)-1].Name != t.Name {
				return nil, fmt.Errorf("line %d: unexpected end tag %s", line(d), rawName(t.Name))
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Kids = append(stack[len(stack)-1].Kids, string(t))
			}
		}
	}
}

func line(d *xml.Decoder) int {
	l, _ := d.InputPos()
	return l
}

// Clone returns a deep copy of n.
func (n *Node) Clone() *Node {
	c := &Node{Name: n.Name, Attrs: append([]xml.Attr(nil), n.Attrs...)}
	for _, k := range n.Kids {
		if m, ok := k.(*Node); ok {
			c.Kids = append(c.Kids, m.Clone())
		} else {
			c.Kids = append(c.Kids, k)
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

func (n *Node) write(b *bytes.Buffer) {
	b.WriteString("<" + rawName(n.Name))
	for _, a := range n.Attrs {
		b.WriteString(" " + rawName(a.Name) + `="` + Escape(a.Value, true) + `"`)
	}
	b.WriteString(">")
	for _, k := range n.Kids {
		if m, ok := k.(*Node); ok {
			m.write(b)
		} else {
			xml.EscapeText(b, []byte(k.(string)))
		}
	}
	b.WriteString("</" + rawName(n.Name) + ">")
}

// Bytes serialises the tree as a UTF-8 document.
func (n *Node) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	n.write(&b)
	return b.Bytes()
}

// elements lists every element with its parent (nil for the root).
func (n *Node) elements() (nodes, parents []*Node) {
	var walk func(x, p *Node)
	walk = func(x, p *Node) {
		nodes, parents = append(nodes, x), append(parents, p)
		for _, k := range x.Kids {
			if m, ok := k.(*Node); ok {
				walk(m, x)
			}
		}
	}
	walk(n, nil)
	return
}

func (n *Node) elemKids() []int {
	var idx []int
	for i, k := range n.Kids {
		if _, ok := k.(*Node); ok {
			idx = append(idx, i)
		}
	}
	return idx
}

// isLeaf reports whether n holds only text.
func (n *Node) isLeaf() bool { return len(n.elemKids()) == 0 }

// Escape escapes s for an attribute value or text; with refs, whitespace
// becomes character references, so it survives attribute-value
// normalisation.
func Escape(s string, refs bool) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\t', '\n', '\r':
			if !refs {
				b.WriteRune(r)
				continue
			}
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
