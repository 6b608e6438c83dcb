package xsd

import (
	"bytes"
	"encoding/xml"
	"unsafe"
)

// parseSchemaDocFast reads a schema document with the instance scanner,
// several times faster than encoding/xml, which was a third of compiling
// a schema set. The scanner is the stricter parser: a document it refuses
// (an unbound prefix, a duplicate attribute, text outside the root…) or
// reads in a way encoding/xml might not (whitespace characters in an
// attribute value, non-ASCII names, an XML declaration encoding/xml would
// refuse) is reported with ok false, and parseSchemaDocXML decides, so
// every verdict, message and tree is the one encoding/xml gives.
// FuzzSchemaDoc checks that the two trees agree wherever this one is used.
func parseSchemaDocFast(data []byte, doc *schemaDoc, maxDepth int) (root *xnode, ok bool) {
	a := getArena()
	defer a.release()
	if checkChars(data) != nil {
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	// The scanner's tree lives only until it is converted below, so its
	// chunks are sized for this document at once: an element per '<' that
	// does not start an end tag (comments and the like are counted too),
	// an attribute per '="' or '=\''. A short estimate only means another
	// chunk.
	if elems := bytes.Count(data, []byte("<")) - bytes.Count(data, []byte("</")); len(a.nodes)-a.nused < elems {
		a.nodes, a.nused = make([]inode, elems), 0
	}
	if attrs := bytes.Count(data, []byte(`="`)) + bytes.Count(data, []byte(`='`)); len(a.attrs)-a.aused < attrs {
		a.attrs, a.aused = make([]iattr, attrs), 0
	}
	// data is not changed after this (the caller's copy, see parseSchemaDoc):
	// the strings of the tree are views of it rather than of a copy.
	s := &scanner{b: data, str: unsafe.String(unsafe.SliceData(data), len(data)), line: 1, o: &Options{MaxDepth: maxDepth, MaxAttributes: 1024}, a: a, schema: true}
	n, err := s.document()
	if err != nil || s.diverges {
		return nil, false
	}
	var size treeSize
	size.count(n)
	c := &xnodeChunks{
		nodes: make([]xnode, 0, size.nodes),
		attrs: make([]xml.Attr, 0, size.attrs),
		kids:  make([]*xnode, 0, size.kids),
	}
	return c.schemaNode(n, nil, doc), true
}

// treeSize counts the elements, attributes and child links of a tree.
type treeSize struct{ nodes, attrs, kids int }

func (t *treeSize) count(n *inode) {
	t.nodes++
	t.attrs += len(n.attrs)
	t.kids += len(n.kids)
	for _, k := range n.kids {
		t.count(k)
	}
}

// xnodeChunks holds the memory of one document's tree: three allocations
// for the elements, their attributes and their child lists instead of
// several per element (a schema document has thousands of elements).
type xnodeChunks struct {
	nodes []xnode
	attrs []xml.Attr
	kids  []*xnode
}

// take returns the next n items of chunk, with no room to grow into the
// items after them.
func take[T any](chunk *[]T, n int) []T {
	l := len(*chunk)
	*chunk = (*chunk)[:l+n]
	return (*chunk)[l : l+n : l+n]
}

// schemaNode converts an instance element and its descendants, building
// the scope maps as parseSchemaDocXML does: a new map only where an
// element declares namespaces.
func (c *xnodeChunks) schemaNode(n *inode, parentScope map[string]string, doc *schemaDoc) *xnode {
	c.nodes = c.nodes[:len(c.nodes)+1]
	x := &c.nodes[len(c.nodes)-1]
	*x = xnode{name: qname{n.ns, n.local}, line: n.line, doc: doc, scope: parentScope, text: n.textNonWS}
	var inherited *nsBind
	if n.parent != nil {
		inherited = n.parent.bind
	}
	if n.bind != inherited {
		x.scope = make(map[string]string, len(parentScope)+1)
		for k, v := range parentScope {
			x.scope[k] = v
		}
		for b := n.bind; b != inherited; b = b.next {
			x.scope[b.prefix] = b.uri
		}
	}
	if x.scope == nil {
		x.scope = map[string]string{}
	}
	if len(n.attrs) > 0 {
		x.attrs = take(&c.attrs, len(n.attrs))
		for i, a := range n.attrs {
			x.attrs[i] = xml.Attr{Name: xml.Name{Space: a.ns, Local: a.local}, Value: a.value}
		}
	}
	if len(n.kids) > 0 {
		x.kids = take(&c.kids, len(n.kids))
		for i, k := range n.kids {
			x.kids[i] = c.schemaNode(k, x.scope, doc)
		}
	}
	return x
}
