package xsd

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Namespaces with a fixed meaning.
const (
	nsXSD = "http://www.w3.org/2001/XMLSchema"
	nsXSI = "http://www.w3.org/2001/XMLSchema-instance"
	nsXML = "http://www.w3.org/XML/1998/namespace"
)

// qname is an expanded name.
type qname struct{ ns, local string }

func (q qname) String() string {
	if q.ns == "" {
		return q.local
	}
	return "{" + q.ns + "}" + q.local
}

// xnode is one element of a schema document, with namespaces resolved.
type xnode struct {
	name  qname
	attrs []xml.Attr // without namespace declarations
	scope map[string]string
	kids  []*xnode
	line  int
	doc   *schemaDoc
	text  bool // holds character data other than whitespace
}

// attr returns the value of an unqualified attribute.
func (n *xnode) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// nameAttr returns the name attribute as written and whether it is an
// NCName once its surrounding whitespace is removed (an NCName's whitespace
// facet is collapse). libxml2 keeps the name as written, so that no element
// or attribute of an instance matches a name with surrounding spaces;
// verdicts follow libxml2.
func (n *xnode) nameAttr() (name string, ok bool) {
	v, present := n.attr("name")
	return v, present && isNCName(strings.TrimSpace(v))
}

func (n *xnode) attrOr(local, def string) string {
	if v, ok := n.attr(local); ok {
		return strings.TrimSpace(v)
	}
	return def
}

// construct names n for an error message: the element, with its name or
// ref when it has one (xs:element ref="Header"), and for a nameless
// component the named one it sits in.
func (n *xnode) construct() string {
	prefix := ""
	if n.name.ns == nsXSD {
		prefix = "xs:"
	}
	s := prefix + n.name.local
	for _, a := range []string{"name", "ref", "base"} {
		if v, ok := n.attr(a); ok {
			return s + " " + a + "=" + strconv.Quote(v)
		}
	}
	return s
}

// xs returns the children in the XML Schema namespace, skipping annotations.
func (n *xnode) xs() []*xnode {
	out := n.kids[:0:0]
	for _, k := range n.kids {
		if k.name.ns == nsXSD && k.name.local != "annotation" {
			out = append(out, k)
		}
	}
	return out
}

// resolveQName resolves a QName-valued attribute value in the scope of n.
func (n *xnode) resolveQName(v string) (qname, error) {
	v = strings.TrimSpace(v)
	prefix, local, found := strings.Cut(v, ":")
	if !found {
		local, prefix = prefix, ""
	}
	if !isNCName(local) || (found && !isNCName(prefix)) {
		return qname{}, errors.New("invalid QName " + quote(v))
	}
	ns, ok := n.scope[prefix]
	if prefix == "xml" {
		ns, ok = nsXML, true
	}
	if !ok && prefix != "" {
		return qname{}, errors.New("unbound prefix in " + quote(v))
	}
	if ns == "" && n.doc.chameleon {
		ns = n.doc.tns
	}
	return qname{ns, local}, nil
}

// parseSchemaDoc reads one schema document into a tree. The tree's strings
// may share data's memory, so data must not be changed afterwards.
func parseSchemaDoc(data []byte, doc *schemaDoc, maxDepth int) (*xnode, error) {
	data, err := schemaText(data)
	if err != nil {
		return nil, err
	}
	if root, ok := parseSchemaDocFast(data, doc, maxDepth); ok {
		return root, nil
	}
	return parseSchemaDocXML(data, doc, maxDepth)
}

// xml11Decl matches an XML declaration of version 1.1; group 1 is the
// version number.
var xml11Decl = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:\xEF\xBB\xBF)?<\?xml\s+version\s*=\s*["'](1\.1)["']`)
})

// asXML10 gives encoding/xml, which reads XML 1.0 only, an XML 1.1 schema
// document as XML 1.0: the two differ in the characters allowed in names
// and as character references, which encoding/xml does not check against
// either version, and in NEL and LINE SEPARATOR ending lines, which a
// schema document does not depend on.
func asXML10(data []byte) []byte {
	m := xml11Decl().FindSubmatchIndex(data[:min(len(data), 64)])
	if m == nil {
		return data
	}
	out := bytes.Clone(data)
	out[m[3]-1] = '0'
	return out
}

// parseSchemaDocXML reads a schema document with encoding/xml. Its
// verdicts and tree define what a schema document is to this package.
func parseSchemaDocXML(data []byte, doc *schemaDoc, maxDepth int) (*xnode, error) {
	d := xml.NewDecoder(bytes.NewReader(asXML10(data)))
	d.Strict = true
	// schemaText has decoded the text already, whatever the label says.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var stack []*xnode
	var root *xnode
	sawDoctype := false
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			// A DOCTYPE before the root may declare entities the document
			// uses (the W3C XML-DSig schema does); nothing is fetched.
			if sawDoctype || root != nil || !bytes.HasPrefix(t, []byte("DOCTYPE")) {
				return nil, errors.New("a <!" + string(t[:min(len(t), 8)]) + " declaration that is not a DOCTYPE before the root element")
			}
			sawDoctype = true
			ents, err := internalSubset(t[len("DOCTYPE"):])
			if err == nil {
				err = checkExpansion(data, ents)
			}
			if err != nil {
				return nil, fmt.Errorf("DOCTYPE: %w", err)
			}
			d.Entity = ents
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, errors.New("schema document nested too deeply")
			}
			line, _ := d.InputPos()
			normalizeAttrSpace(data[start:d.InputOffset()], t.Attr)
			n := &xnode{name: qname{t.Name.Space, t.Name.Local}, line: line, doc: doc}
			var parentScope map[string]string
			if len(stack) > 0 {
				parentScope = stack[len(stack)-1].scope
			}
			n.scope = parentScope
			copied := false
			bind := func(prefix, uri string) {
				if !copied {
					n.scope = make(map[string]string, len(parentScope)+1)
					for k, v := range parentScope {
						n.scope[k] = v
					}
					copied = true
				}
				n.scope[prefix] = uri
			}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					bind(a.Name.Local, a.Value)
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					bind("", a.Value)
				default:
					n.attrs = append(n.attrs, a)
				}
			}
			if n.scope == nil {
				n.scope = map[string]string{}
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.CharData:
			if len(stack) > 0 && len(bytes.Trim(t, " \t\r\n")) > 0 {
				stack[len(stack)-1].text = true
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return "'" + s + "'"
}
