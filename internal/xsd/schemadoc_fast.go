package xsd

import (
	"bytes"
	"encoding/xml"
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
	s := &scanner{b: data, str: string(data), line: 1, o: &Options{MaxDepth: maxDepth, MaxAttributes: 1024}, a: a, schema: true}
	n, err := s.document()
	if err != nil || s.diverges {
		return nil, false
	}
	return schemaNode(n, nil, doc), true
}

// schemaNode converts an instance element and its descendants, building
// the scope maps as parseSchemaDocXML does: a new map only where an
// element declares namespaces.
func schemaNode(n *inode, parentScope map[string]string, doc *schemaDoc) *xnode {
	x := &xnode{name: qname{n.ns, n.local}, line: n.line, doc: doc, scope: parentScope, text: n.textNonWS}
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
		x.attrs = make([]xml.Attr, len(n.attrs))
		for i, a := range n.attrs {
			x.attrs[i] = xml.Attr{Name: xml.Name{Space: a.ns, Local: a.local}, Value: a.value}
		}
	}
	if len(n.kids) > 0 {
		x.kids = make([]*xnode, len(n.kids))
		for i, k := range n.kids {
			x.kids[i] = schemaNode(k, x.scope, doc)
		}
	}
	return x
}
