package translate

import (
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"path"
	"strings"
)

const (
	nsXSD    = "http://www.w3.org/2001/XMLSchema"
	nsDSig   = "http://www.w3.org/2000/09/xmldsig#"
	nsXMLNS  = "xmlns"
	maxDoc   = 1 << 20 // bytes per schema document
	maxDepth = 64      // element nesting in a schema document
	maxDocs  = 32      // schema documents reachable by xs:include
)

// node is one element of a schema document.
type node struct {
	name  xml.Name
	attrs []xml.Attr
	kids  []*node
	text  string
	pos
}

func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}

// only refuses attributes other than the ones listed, so that no attribute with a meaning
// (abstract, mixed, nillable, default, …) is silently ignored.
func (n *node) only(allowed ...string) error {
	for _, a := range n.attrs {
		if a.Name.Space == nsXMLNS || (a.Name.Space == "" && a.Name.Local == nsXMLNS) {
			continue
		}
		ok := a.Name.Space == ""
		if ok {
			ok = false
			for _, l := range allowed {
				if a.Name.Local == l {
					ok = true
					break
				}
			}
		}
		if !ok {
			return n.unsupported("attribute %s on xs:%s", a.Name.Local, n.name.Local)
		}
	}
	return nil
}

// children returns the XSD children of n other than xs:annotation, and the annotation's
// documentation text.
func (n *node) children() ([]*node, string, error) {
	var out []*node
	var doc []string
	for _, k := range n.kids {
		if k.name.Space != nsXSD {
			return nil, "", k.unsupported("element {%s}%s in a schema document", k.name.Space, k.name.Local)
		}
		if k.name.Local != "annotation" {
			out = append(out, k)
			continue
		}
		for _, d := range k.kids {
			if d.name.Space == nsXSD && d.name.Local == "documentation" {
				doc = append(doc, strings.Join(strings.Fields(d.text), " "))
			}
		}
	}
	return out, strings.Join(doc, " "), nil
}

// readDoc parses one schema document into a tree.
func readDoc(fsys fs.FS, name string) (*node, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxDoc+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxDoc {
		return nil, &SchemaError{File: name, What: "schema document larger than 1 MiB"}
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &SchemaError{File: name, What: err.Error()}
		}
		line, _ := d.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, &SchemaError{File: name, Line: line, What: "schema document nested too deeply"}
			}
			n := &node{name: t.Name, attrs: t.Attr, pos: pos{name, line}}
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
				stack[len(stack)-1].text += string(t)
			}
		case xml.Directive:
			return nil, &SchemaError{File: name, Line: line, What: "DOCTYPE or other directive in a schema document"}
		}
	}
	if root == nil || root.name.Space != nsXSD || root.name.Local != "schema" {
		return nil, &SchemaError{File: name, What: "not an xs:schema document"}
	}
	return root, nil
}

// Parse reads the schema document entry from fsys, with the documents it includes, and
// checks that it stays within the translated subset.
func Parse(fsys fs.FS, entry string) (*Schema, error) {
	s := &Schema{
		SimpleTypes:  map[string]*SimpleType{},
		ComplexTypes: map[string]*ComplexType{},
		Groups:       map[string]*Group{},
	}
	seen := map[string]bool{}
	queue := []string{path.Clean(entry)}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		if len(seen) > maxDocs {
			return nil, &SchemaError{File: name, What: "too many included schema documents"}
		}
		root, err := readDoc(fsys, name)
		if err != nil {
			return nil, err
		}
		includes, err := s.addDoc(root)
		if err != nil {
			return nil, err
		}
		for _, inc := range includes {
			queue = append(queue, path.Join(path.Dir(name), inc))
		}
	}
	if s.Root == nil {
		return nil, &SchemaError{File: entry, What: "no global element"}
	}
	return s, s.check()
}

// addDoc records the definitions of one document and returns the documents it includes.
func (s *Schema) addDoc(root *node) ([]string, error) {
	if err := root.only("targetNamespace", "elementFormDefault", "version"); err != nil {
		return nil, err
	}
	tns, _ := root.attr("targetNamespace")
	if tns == "" {
		return nil, root.unsupported("a schema document without targetNamespace")
	}
	if s.TargetNamespace == "" {
		s.TargetNamespace = tns
	} else if tns != s.TargetNamespace {
		return nil, root.unsupported("a second target namespace %q", tns)
	}
	if efd, _ := root.attr("elementFormDefault"); efd != "qualified" {
		return nil, root.unsupported(`elementFormDefault other than "qualified"`)
	}
	if err := checkPrefixes(root, tns); err != nil {
		return nil, err
	}
	kids, _, err := root.children()
	if err != nil {
		return nil, err
	}
	var includes []string
	for _, k := range kids {
		switch k.name.Local {
		case "include":
			if err := k.only("schemaLocation"); err != nil {
				return nil, err
			}
			loc, _ := k.attr("schemaLocation")
			if loc == "" || strings.Contains(loc, ":") || strings.HasPrefix(loc, "/") || strings.Contains(loc, "..") {
				return nil, k.unsupported("xs:include of %q: only sibling documents are included", loc)
			}
			includes = append(includes, loc)
		case "element":
			if s.Root != nil {
				return nil, k.unsupported("a second global element")
			}
			p, err := parseElement(k, true)
			if err != nil {
				return nil, err
			}
			s.Root = p
		case "simpleType":
			st, err := parseSimpleType(k)
			if err != nil {
				return nil, err
			}
			if s.SimpleTypes[st.Name] != nil || s.ComplexTypes[st.Name] != nil {
				return nil, k.invalid("type %s defined twice", st.Name)
			}
			s.SimpleTypes[st.Name] = st
		case "complexType":
			ct, err := parseComplexType(k)
			if err != nil {
				return nil, err
			}
			if s.SimpleTypes[ct.Name] != nil || s.ComplexTypes[ct.Name] != nil {
				return nil, k.invalid("type %s defined twice", ct.Name)
			}
			s.ComplexTypes[ct.Name] = ct
		case "group":
			g, err := parseGroup(k)
			if err != nil {
				return nil, err
			}
			if s.Groups[g.Name] != nil {
				return nil, k.invalid("group %s defined twice", g.Name)
			}
			s.Groups[g.Name] = g
		default:
			return nil, k.unsupported("xs:%s", k.name.Local)
		}
	}
	return includes, nil
}

// checkPrefixes requires the XSD namespace on a prefix and the target namespace as the
// default namespace, both declared on the schema element only: QName-valued attributes
// are then resolved without tracking scopes.
func checkPrefixes(root *node, tns string) error {
	for _, a := range root.attrs {
		switch {
		case a.Name.Space == "" && a.Name.Local == nsXMLNS:
			if a.Value != tns {
				return root.unsupported("a default namespace other than the target namespace")
			}
		case a.Name.Space == nsXMLNS && a.Name.Local == "xs":
			if a.Value != nsXSD {
				return root.unsupported("prefix xs bound to %q", a.Value)
			}
		case a.Name.Space == nsXMLNS:
			return root.unsupported("namespace prefix %s (only xs is used)", a.Name.Local)
		}
	}
	var walk func(n *node) error
	walk = func(n *node) error {
		for _, k := range n.kids {
			for _, a := range k.attrs {
				if a.Name.Space == nsXMLNS || (a.Name.Space == "" && a.Name.Local == nsXMLNS) {
					return k.unsupported("namespace declaration below xs:schema")
				}
			}
			if err := walk(k); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root)
}
