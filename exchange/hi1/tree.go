package hi1

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
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
	scope        *node  // nearest ancestor-or-self with namespace declarations
	line, column int    // of the start tag's '<'; the column in bytes, 1-based
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

// lookup resolves a prefix in the scope of n, walking only the ancestors that declare
// namespaces.
func (n *node) lookup(prefix string) (string, bool) {
	if prefix == "xml" {
		return xmlNamespace, true
	}
	for x := n.scope; x != nil; x = x.parent.scopeOrNil() {
		for _, d := range x.decls {
			if d.Prefix == prefix {
				return d.URI, true
			}
		}
	}
	return "", prefix == ""
}

// scopeOrNil returns the nearest ancestor-or-self of n that declares namespaces.
func (n *node) scopeOrNil() *node {
	if n == nil {
		return nil
	}
	return n.scope
}

const xmlNamespace = "http://www.w3.org/XML/1998/namespace"

// attr returns the value of the attribute with the expanded name.
func (n *node) attr(space, local string) (string, bool) {
	for _, a := range n.attrs {
		if a.space == space && a.local == local {
			return a.value, true
		}
	}
	return "", false
}

// maxDecls bounds the namespace declarations of one document. ETSI's examples have at
// most eight; the bound keeps every prefix lookup short whatever the input.
const maxDecls = 256

// parseTree reads a document that safexml has already accepted (well-formed,
// namespace-well-formed, within limits) into nodes. It costs time linear in the document:
// sibling positions are counted per open element, prefixes resolved through stacks.
func parseTree(doc []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	type open struct {
		n      *node
		counts map[[2]string]int
		text   []byte // pending character data
	}
	var (
		root    *node
		stack   []open
		line    = 1
		lastOff int64
		lineAt  int64                   // offset of the first byte of the current line
		ns      = map[string][]string{} // prefix → URIs, innermost last
		decls   int
	)
	resolve := func(prefix string) (string, bool) {
		if prefix == "xml" {
			return xmlNamespace, true
		}
		if uris := ns[prefix]; len(uris) > 0 {
			return uris[len(uris)-1], true
		}
		return "", prefix == ""
	}
	flush := func(o *open) {
		if len(o.text) > 0 {
			o.n.content = append(o.n.content, item{text: string(o.text)})
			o.text = o.text[:0]
		}
	}
	for {
		off := d.InputOffset()
		if n := bytes.Count(doc[lastOff:off], []byte{'\n'}); n > 0 {
			line += n
			lineAt = lastOff + int64(bytes.LastIndexByte(doc[lastOff:off], '\n')) + 1
		}
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
			n := &node{prefix: t.Name.Space, local: t.Name.Local, line: line, column: int(off-lineAt) + 1}
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
			if decls += len(n.decls); decls > maxDecls {
				return nil, fmt.Errorf("line %d: more than %d namespace declarations", line, maxDecls)
			}
			for _, dc := range n.decls {
				ns[dc.Prefix] = append(ns[dc.Prefix], dc.URI)
			}
			var ok bool
			if n.space, ok = resolve(n.prefix); !ok {
				return nil, errors.New("undeclared prefix " + n.prefix)
			}
			for i := range n.attrs {
				if p := n.attrs[i].prefix; p != "" {
					if n.attrs[i].space, ok = resolve(p); !ok {
						return nil, errors.New("undeclared prefix " + p)
					}
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = n
				n.path = "/" + n.local
			} else {
				top := &stack[len(stack)-1]
				flush(top)
				n.parent = top.n
				n.scope = top.n.scope
				if top.counts == nil {
					top.counts = map[[2]string]int{}
				}
				key := [2]string{n.space, n.local}
				top.counts[key]++
				n.path = top.n.path + "/" + n.local + "[" + strconv.Itoa(top.counts[key]) + "]"
				top.n.content = append(top.n.content, item{el: n})
			}
			if len(n.decls) > 0 {
				n.scope = n
			}
			stack = append(stack, open{n: n})
		case xml.EndElement:
			top := &stack[len(stack)-1]
			flush(top)
			for _, dc := range top.n.decls {
				ns[dc.Prefix] = ns[dc.Prefix][:len(ns[dc.Prefix])-1]
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				top := &stack[len(stack)-1]
				top.text = append(top.text, t...)
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}
