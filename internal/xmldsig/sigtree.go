package xmldsig

// node is an element of the signature, as the canonicalization pass saw
// it: enough of a tree for the structure checks, built only for the one
// ds:Signature element and never for the rest of the document.
type node struct {
	prefix, local, uri string
	attrs              []nodeAttr // in document order, namespace declarations included
	kids               []item
}

// nodeAttr is an attribute as written: prefix "xmlns" for a prefix
// declaration, local "xmlns" without prefix for a default one.
type nodeAttr struct{ prefix, local, value string }

// item is one child of a node: an element, character data (text or
// CDATA, decoded), or other (a comment or processing instruction).
type item struct {
	el    *node
	text  string
	other bool
}

func newNode(prefix, local, uri []byte, attrs []attr) *node {
	n := &node{prefix: string(prefix), local: string(local), uri: string(uri)}
	if len(attrs) > 0 {
		n.attrs = make([]nodeAttr, len(attrs))
		for i, a := range attrs {
			n.attrs[i] = nodeAttr{prefix: string(a.prefix), local: string(a.local), value: string(a.value)}
		}
	}
	return n
}

// fullName is the qualified name as written.
func fullName(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}

func (n *node) fullTag() string { return fullName(n.prefix, n.local) }

// elements returns the child elements in document order.
func (n *node) elements() []*node {
	var els []*node
	for _, k := range n.kids {
		if k.el != nil {
			els = append(els, k.el)
		}
	}
	return els
}

// attrValue returns the value of the first attribute whose local name is
// local, whatever its prefix (the lookup etree's SelectAttr makes, kept so
// that refusals read as they always have), and whether there is one.
func (n *node) attrValue(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.local == local {
			return a.value, true
		}
	}
	return "", false
}
