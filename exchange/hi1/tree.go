package hi1

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// node is one element of a received document, with its names resolved and its prefixes
// kept: the typed decoder reads it, and an element the model does not type is written
// back from it as it was received.
type node struct {
	space, local string // expanded name
	prefix       string // as written
	attrs        []attr
	decls        []Namespace // namespace declarations made on this element
	content      []item      // child elements and character data, in document order
	parent       *node
	line         int
	path         string // XPath: local names, index among same-named siblings
}

type attr struct {
	prefix, local, space string
	value                string
}

// item is a child element or a run of character data.
type item struct {
	el   *node
	text string
}

// elements returns the child elements.
func (n *node) elements() []*node {
	var out []*node
	for _, it := range n.content {
		if it.el != nil {
			out = append(out, it.el)
		}
	}
	return out
}

// text returns the character data of the element, children excluded.
func (n *node) text() string {
	if len(n.content) == 1 && n.content[0].el == nil {
		return n.content[0].text
	}
	var b strings.Builder
	for _, it := range n.content {
		if it.el == nil {
			b.WriteString(it.text)
		}
	}
	return b.String()
}

// lookup resolves a prefix in the scope of n.
func (n *node) lookup(prefix string) (string, bool) {
	if prefix == "xml" {
		return "http://www.w3.org/XML/1998/namespace", true
	}
	for x := n; x != nil; x = x.parent {
		for _, d := range x.decls {
			if d.Prefix == prefix {
				return d.URI, true
			}
		}
	}
	return "", prefix == ""
}

// inScope returns every namespace declaration in scope at n, innermost first, each prefix
// once. An undeclared default namespace (xmlns="") is kept as such.
func (n *node) inScope() []Namespace {
	var out []Namespace
	seen := map[string]bool{}
	for x := n; x != nil; x = x.parent {
		for _, d := range x.decls {
			if !seen[d.Prefix] {
				seen[d.Prefix] = true
				out = append(out, d)
			}
		}
	}
	return out
}

// attr returns the value of the attribute with the expanded name.
func (n *node) attr(space, local string) (string, bool) {
	for _, a := range n.attrs {
		if a.space == space && a.local == local {
			return a.value, true
		}
	}
	return "", false
}

// parseTree reads a document that safexml has already accepted (well-formed,
// namespace-well-formed, within limits) into nodes.
func parseTree(doc []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var (
		root, cur *node
		line      = 1
		lastOff   int64
	)
	for {
		off := d.InputOffset()
		line += bytes.Count(doc[lastOff:off], []byte{'\n'})
		lastOff = off
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{prefix: t.Name.Space, local: t.Name.Local, parent: cur, line: line}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					n.decls = append(n.decls, Namespace{"", a.Value})
				case a.Name.Space == "xmlns":
					n.decls = append(n.decls, Namespace{a.Name.Local, a.Value})
				default:
					n.attrs = append(n.attrs, attr{prefix: a.Name.Space, local: a.Name.Local, value: a.Value})
				}
			}
			var ok bool
			if n.space, ok = n.lookup(n.prefix); !ok {
				return nil, errors.New("undeclared prefix " + n.prefix)
			}
			for i := range n.attrs {
				if p := n.attrs[i].prefix; p != "" {
					if n.attrs[i].space, ok = n.lookup(p); !ok {
						return nil, errors.New("undeclared prefix " + p)
					}
				}
			}
			if cur == nil {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = n
				n.path = "/" + n.local
			} else {
				idx := 1
				for _, s := range cur.content {
					if s.el != nil && s.el.local == n.local && s.el.space == n.space {
						idx++
					}
				}
				n.path = cur.path + "/" + n.local + "[" + strconv.Itoa(idx) + "]"
				cur.content = append(cur.content, item{el: n})
			}
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			if cur != nil {
				if k := len(cur.content); k > 0 && cur.content[k-1].el == nil {
					cur.content[k-1].text += string(t)
				} else {
					cur.content = append(cur.content, item{text: string(t)})
				}
			}
		}
	}
	line += bytes.Count(doc[lastOff:], []byte{'\n'})
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}
