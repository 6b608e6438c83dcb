package translate

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"path"
	"strconv"
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

var sprintf = fmt.Sprintf

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

// typeRef resolves a type="…" value: xs:NAME is built-in, an unprefixed name is ours.
func typeRef(n *node, v string) (TypeRef, error) {
	if local, ok := strings.CutPrefix(v, "xs:"); ok {
		if !builtins[local] {
			return TypeRef{}, n.unsupported("built-in type xs:%s", local)
		}
		return TypeRef{Builtin: true, Name: local}, nil
	}
	if v == "" || strings.Contains(v, ":") {
		return TypeRef{}, n.invalid("type reference %q", v)
	}
	return TypeRef{Name: v}, nil
}

// builtins are the XSD built-in types the translator knows how to map.
var builtins = map[string]bool{
	"string": true, "anyURI": true, "dateTime": true, "date": true, "decimal": true,
	"base64Binary": true, "int": true, "long": true, "boolean": true,
}

func occurs(n *node) (lo, hi int, err error) {
	lo, hi = 1, 1
	if v, ok := n.attr("minOccurs"); ok {
		if lo, err = strconv.Atoi(v); err != nil || lo < 0 {
			return 0, 0, n.invalid("minOccurs %q", v)
		}
	}
	if v, ok := n.attr("maxOccurs"); ok {
		if v == "unbounded" {
			hi = Unbounded
		} else if hi, err = strconv.Atoi(v); err != nil || hi < 1 {
			return 0, 0, n.invalid("maxOccurs %q", v)
		}
	}
	if hi != Unbounded && lo > hi {
		return 0, 0, n.invalid("minOccurs greater than maxOccurs")
	}
	return lo, hi, nil
}

func parseElement(n *node, global bool) (*Particle, error) {
	allowed := []string{"name", "type", "minOccurs", "maxOccurs"}
	if global {
		allowed = allowed[:2]
	}
	if err := n.only(allowed...); err != nil {
		return nil, err
	}
	kids, _, err := n.children()
	if err != nil {
		return nil, err
	}
	if len(kids) > 0 {
		return nil, n.unsupported("an anonymous type (name every type)")
	}
	name, _ := n.attr("name")
	tv, ok := n.attr("type")
	if name == "" || !ok {
		return nil, n.unsupported("an element without name and type")
	}
	t, err := typeRef(n, tv)
	if err != nil {
		return nil, err
	}
	lo, hi, err := occurs(n)
	if err != nil {
		return nil, err
	}
	return &Particle{Kind: KindElement, Name: name, Type: t, MinOccurs: lo, MaxOccurs: hi, pos: n.pos}, nil
}

// parseParticle reads a particle inside a model group.
func parseParticle(n *node) (*Particle, error) {
	switch n.name.Local {
	case "element":
		return parseElement(n, false)
	case "sequence", "choice":
		return parseModelGroup(n)
	case "group":
		if err := n.only("ref"); err != nil {
			return nil, err
		}
		ref, _ := n.attr("ref")
		if ref == "" || strings.Contains(ref, ":") {
			return nil, n.invalid("group reference %q", ref)
		}
		if kids, _, err := n.children(); err != nil || len(kids) > 0 {
			return nil, n.invalid("content in a group reference")
		}
		return &Particle{Kind: KindGroupRef, Name: ref, MinOccurs: 1, MaxOccurs: 1, pos: n.pos}, nil
	case "any":
		if err := n.only("namespace", "processContents", "minOccurs"); err != nil {
			return nil, err
		}
		ns, _ := n.attr("namespace")
		pc, _ := n.attr("processContents")
		lo, _, err := occurs(n)
		if err != nil {
			return nil, err
		}
		if ns != nsDSig || pc != "skip" || lo != 0 {
			return nil, n.unsupported("xs:any other than the optional XML-DSig signature")
		}
		return &Particle{Kind: KindAny, Namespace: ns, MinOccurs: 0, MaxOccurs: 1, pos: n.pos}, nil
	}
	return nil, n.unsupported("xs:%s in a content model", n.name.Local)
}

func parseModelGroup(n *node) (*Particle, error) {
	if err := n.only(); err != nil {
		return nil, n.unsupported("occurrence attributes on xs:%s", n.name.Local)
	}
	kids, _, err := n.children()
	if err != nil {
		return nil, err
	}
	kind := KindSequence
	if n.name.Local == "choice" {
		kind = KindChoice
	}
	p := &Particle{Kind: kind, MinOccurs: 1, MaxOccurs: 1, pos: n.pos}
	for _, k := range kids {
		c, err := parseParticle(k)
		if err != nil {
			return nil, err
		}
		p.Particles = append(p.Particles, c)
	}
	return p, nil
}

func parseComplexType(n *node) (*ComplexType, error) {
	if err := n.only("name"); err != nil {
		return nil, err
	}
	name, _ := n.attr("name")
	kids, doc, err := n.children()
	if err != nil {
		return nil, err
	}
	ct := &ComplexType{Name: name, Doc: doc, pos: n.pos}
	if name == "" {
		return nil, n.unsupported("an anonymous complex type")
	}
	switch {
	case len(kids) == 0:
	case len(kids) == 1 && (kids[0].name.Local == "sequence" || kids[0].name.Local == "choice" || kids[0].name.Local == "group"):
		if ct.Content, err = parseParticle(kids[0]); err != nil {
			return nil, err
		}
	default:
		return nil, n.unsupported("complex type %s: content other than one sequence, choice or group (no attributes, no derivation)", name)
	}
	return ct, nil
}

func parseGroup(n *node) (*Group, error) {
	if err := n.only("name"); err != nil {
		return nil, err
	}
	name, _ := n.attr("name")
	kids, doc, err := n.children()
	if err != nil {
		return nil, err
	}
	if name == "" || len(kids) != 1 || (kids[0].name.Local != "sequence" && kids[0].name.Local != "choice") {
		return nil, n.unsupported("group %q: one named sequence or choice expected", name)
	}
	c, err := parseModelGroup(kids[0])
	if err != nil {
		return nil, err
	}
	return &Group{Name: name, Doc: doc, Content: c, pos: n.pos}, nil
}

func parseSimpleType(n *node) (*SimpleType, error) {
	if err := n.only("name"); err != nil {
		return nil, err
	}
	name, _ := n.attr("name")
	kids, doc, err := n.children()
	if err != nil {
		return nil, err
	}
	if name == "" || len(kids) != 1 || kids[0].name.Local != "restriction" {
		return nil, n.unsupported("simple type %q: one xs:restriction expected (no list, no union)", name)
	}
	r := kids[0]
	if err := r.only("base"); err != nil {
		return nil, err
	}
	bv, _ := r.attr("base")
	base, err := typeRef(r, bv)
	if err != nil {
		return nil, err
	}
	if !base.Builtin {
		return nil, r.unsupported("simple type %s restricts %s: restrict a built-in type", name, base)
	}
	st := &SimpleType{Name: name, Doc: doc, Base: base.Name, pos: n.pos}
	facets, _, err := r.children()
	if err != nil {
		return nil, err
	}
	for _, f := range facets {
		if err := f.only("value"); err != nil {
			return nil, err
		}
		v, ok := f.attr("value")
		if !ok {
			return nil, f.invalid("facet xs:%s without value", f.name.Local)
		}
		if err := st.addFacet(f, v); err != nil {
			return nil, err
		}
	}
	return st, st.checkFacets()
}

func (st *SimpleType) addFacet(f *node, v string) error {
	num := func() (*int, error) {
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 {
			return nil, f.invalid("xs:%s %q", f.name.Local, v)
		}
		return &i, nil
	}
	bound := func() (*big.Int, error) {
		b, ok := new(big.Int).SetString(v, 10)
		if !ok {
			return nil, f.invalid("xs:%s %q is not an integer", f.name.Local, v)
		}
		return b, nil
	}
	var err error
	switch f.name.Local {
	case "pattern":
		if st.Pattern != "" {
			// Several patterns in one restriction are alternatives in XSD; keep one.
			return f.unsupported("a second xs:pattern in simple type %s", st.Name)
		}
		// The attribute value was already unescaped by the XML parser; take it raw.
		for _, a := range f.attrs {
			if a.Name.Local == "value" {
				st.Pattern = a.Value
			}
		}
	case "enumeration":
		for _, a := range f.attrs {
			if a.Name.Local == "value" {
				st.Enumeration = append(st.Enumeration, a.Value)
			}
		}
	case "minLength":
		st.MinLength, err = num()
	case "maxLength":
		st.MaxLength, err = num()
	case "minInclusive":
		st.MinInclusive, err = bound()
	case "maxInclusive":
		st.MaxInclusive, err = bound()
	default:
		return f.unsupported("facet xs:%s", f.name.Local)
	}
	return err
}

// checkFacets refuses facet and base combinations whose JSON translation would differ.
func (st *SimpleType) checkFacets() error {
	integer := st.Base == "int" || st.Base == "long"
	switch {
	case (st.MinInclusive != nil || st.MaxInclusive != nil) && !integer:
		return st.unsupported("simple type %s: bounds on xs:%s", st.Name, st.Base)
	case integer && (st.Pattern != "" || st.Enumeration != nil || st.MinLength != nil || st.MaxLength != nil):
		return st.unsupported("simple type %s: lexical facets on an integer (JSON has no lexical form)", st.Name)
	case st.Base == "boolean":
		return st.unsupported("simple type %s: a restricted xs:boolean", st.Name)
	case st.Base == "base64Binary" && (st.MinLength != nil || st.MaxLength != nil):
		return st.unsupported("simple type %s: length of xs:base64Binary counts octets, not characters", st.Name)
	case (st.Base == "base64Binary" || st.Base == "decimal") && st.Pattern == "":
		return st.unsupported("simple type %s: xs:%s without a pattern fixing its JSON string form", st.Name, st.Base)
	case st.Enumeration != nil && st.Base != "string":
		return st.unsupported("simple type %s: enumeration of xs:%s", st.Name, st.Base)
	case st.Enumeration != nil && (st.Pattern != "" || st.MinLength != nil || st.MaxLength != nil):
		return st.unsupported("simple type %s: enumeration combined with other facets", st.Name)
	}
	return nil
}
