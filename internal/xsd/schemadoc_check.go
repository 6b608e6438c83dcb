package xsd

import (
	"fmt"
	"strings"
)

// checkStructure applies the constraints of the Schema for Schemas that
// hold for every element of a schema document, before any component is
// built from it: only the attributes each element has in its place, with
// enumerated values spelled right (schemadoc_s4s.go), no attribute in the
// XML Schema namespace, ids that are
// NCNames and unique in the document, boolean attributes that are booleans,
// at most one xs:annotation and only first (top-level annotations of
// xs:schema and xs:redefine excepted), no element of another namespace
// outside xs:appinfo and xs:documentation, declarations that admit only an
// annotation holding nothing else, and the header of xs:schema (include,
// import, redefine) before its declarations. Compilation checks the rest.
func checkStructure(doc *schemaDoc) (*xnode, string) {
	ids := map[string]bool{}
	var walk func(n *xnode) (*xnode, string)
	walk = func(n *xnode) (*xnode, string) {
		for _, a := range n.attrs {
			switch {
			case a.Name.Space == nsXSD:
				return n, fmt.Sprintf("attribute %s in the XML Schema namespace is not allowed", a.Name.Local)
			case a.Name.Space == "" && a.Name.Local == "id":
				id := strings.TrimSpace(a.Value)
				if !isNCName(id) {
					return n, fmt.Sprintf("id=%s is not an NCName", quote(a.Value))
				}
				if ids[id] {
					return n, fmt.Sprintf("id=%s is used twice in the document", quote(id))
				}
				ids[id] = true
			case a.Name.Space == "" && booleanAttrs[a.Name.Local]:
				if v := strings.TrimSpace(a.Value); v != "true" && v != "false" && v != "1" && v != "0" {
					return n, fmt.Sprintf("%s=%s is not a boolean", a.Name.Local, quote(a.Value))
				}
			}
		}
		if n.name.local == "appinfo" || n.name.local == "documentation" {
			return nil, "" // any content
		}
		if n.text {
			return n, fmt.Sprintf("xs:%s holds character data; only xs:appinfo and xs:documentation may", n.name.local)
		}
		anywhere := n.name.local == "schema" || n.name.local == "redefine"
		seenDecl := false
		for i, k := range n.kids {
			if k.name.ns != nsXSD {
				return k, fmt.Sprintf("element %s is not allowed in xs:%s", k.name, n.name.local)
			}
			switch {
			case k.name.local == "annotation":
				if !anywhere && i > 0 {
					return k, fmt.Sprintf("xs:annotation must be the first child of xs:%s, and come once", n.name.local)
				}
				for _, g := range k.kids {
					if g.name.ns != nsXSD || (g.name.local != "appinfo" && g.name.local != "documentation") {
						return g, fmt.Sprintf("%s is not allowed in xs:annotation", g.name)
					}
				}
			case annotationOnly[n.name.local]:
				return k, fmt.Sprintf("xs:%s is not allowed in xs:%s, which holds at most an annotation", k.name.local, n.name.local)
			case n.name.local == "schema":
				header := k.name.local == "include" || k.name.local == "import" || k.name.local == "redefine"
				if header && seenDecl {
					return k, fmt.Sprintf("xs:%s must come before the schema's declarations", k.name.local)
				}
				seenDecl = seenDecl || !header
			}
			if msg := checkS4SAttrs(k, n); msg != "" {
				return k, msg
			}
			if at, msg := walk(k); at != nil {
				return at, msg
			}
		}
		return nil, ""
	}
	if msg := checkS4SAttrs(doc.root, nil); msg != "" {
		return doc.root, msg
	}
	return walk(doc.root)
}

var booleanAttrs = map[string]bool{"abstract": true, "mixed": true, "nillable": true}

// annotationOnly are the elements whose content is (annotation?).
var annotationOnly = map[string]bool{
	"notation": true, "include": true, "import": true, "any": true, "anyAttribute": true,
	"selector": true, "field": true, "enumeration": true, "pattern": true, "length": true,
	"minLength": true, "maxLength": true, "minInclusive": true, "maxInclusive": true,
	"minExclusive": true, "maxExclusive": true, "totalDigits": true, "fractionDigits": true,
	"whiteSpace": true,
}
