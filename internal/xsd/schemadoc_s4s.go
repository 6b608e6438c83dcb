package xsd

import (
	"fmt"
	"slices"
	"strings"
)

// The attributes the Schema for Schemas (XSD 1.0 Structures, appendix A)
// gives each element, besides id, which every element but appinfo and
// documentation has. Attributes of other namespaces are allowed everywhere.
// A wildcard's notNamespace and notQName come from XSD 1.1; compilation
// refuses them on xs:any and xs:anyAttribute alike.
// Where a global and a local form differ (xs:element, xs:simpleType, …),
// s4sAttrs holds the global form and s4sLocalAttrs the local one; a local
// element or attribute may be a reference, whose narrower set compilation
// checks.
var (
	s4sAttrs = map[string][]string{
		"schema":         {"attributeFormDefault", "blockDefault", "elementFormDefault", "finalDefault", "targetNamespace", "version"},
		"element":        {"name", "type", "substitutionGroup", "default", "fixed", "nillable", "abstract", "final", "block"},
		"attribute":      {"name", "type", "default", "fixed"},
		"complexType":    {"name", "mixed", "abstract", "final", "block"},
		"simpleType":     {"name", "final"},
		"group":          {"name"},
		"attributeGroup": {"name"},
		"notation":       {"name", "public", "system"},
		"include":        {"schemaLocation"},
		"redefine":       {"schemaLocation"},
		"import":         {"namespace", "schemaLocation"},
		"annotation":     {},
		"appinfo":        {"source"},
		"documentation":  {"source"},
		"all":            {"minOccurs", "maxOccurs"},
		"choice":         {"minOccurs", "maxOccurs"},
		"sequence":       {"minOccurs", "maxOccurs"},
		"any":            {"minOccurs", "maxOccurs", "namespace", "processContents", "notNamespace", "notQName"},
		"anyAttribute":   {"namespace", "processContents", "notNamespace", "notQName"},
		"complexContent": {"mixed"},
		"simpleContent":  {},
		"restriction":    {"base"},
		"extension":      {"base"},
		"list":           {"itemType"},
		"union":          {"memberTypes"},
		"unique":         {"name"},
		"key":            {"name"},
		"keyref":         {"name", "refer"},
		"selector":       {"xpath"},
		"field":          {"xpath"},
		"enumeration":    {"value"},
		"pattern":        {"value"},
		"length":         {"value", "fixed"},
		"minLength":      {"value", "fixed"},
		"maxLength":      {"value", "fixed"},
		"minInclusive":   {"value", "fixed"},
		"maxInclusive":   {"value", "fixed"},
		"minExclusive":   {"value", "fixed"},
		"maxExclusive":   {"value", "fixed"},
		"totalDigits":    {"value", "fixed"},
		"fractionDigits": {"value", "fixed"},
		"whiteSpace":     {"value", "fixed"},
	}
	s4sLocalAttrs = map[string][]string{
		"element":        {"name", "ref", "type", "minOccurs", "maxOccurs", "default", "fixed", "nillable", "block", "form"},
		"attribute":      {"name", "ref", "type", "use", "default", "fixed", "form"},
		"complexType":    {"mixed"},
		"simpleType":     {},
		"group":          {"ref", "minOccurs", "maxOccurs"},
		"attributeGroup": {"ref"},
	}
	// s4sEnums are the attributes whose value is one of a few tokens.
	s4sEnums = map[string][]string{
		"form":                 {"qualified", "unqualified"},
		"elementFormDefault":   {"qualified", "unqualified"},
		"attributeFormDefault": {"qualified", "unqualified"},
		"use":                  {"optional", "prohibited", "required"},
		"processContents":      {"skip", "lax", "strict"},
	}
)

// checkS4SAttrs checks n's unqualified attributes against the Schema for
// Schemas: each is one the element has in its place (global or local), and
// enumerated and namespace-list values are spelled as the schema says.
func checkS4SAttrs(n, parent *xnode) string {
	allowed, known := s4sAttrs[n.name.local]
	if !known {
		return "" // an unknown element is reported where it appears
	}
	global := parent == nil || parent.name.local == "schema" || parent.name.local == "redefine"
	if local, ok := s4sLocalAttrs[n.name.local]; ok && !global {
		allowed = local
	}
	for _, a := range n.attrs {
		if a.Name.Space != "" {
			if a.Name.Space == nsXML && a.Name.Local == "lang" && !isLanguage(strings.TrimSpace(a.Value)) {
				return fmt.Sprintf("xml:lang=%s is not a language tag", quote(a.Value))
			}
			continue
		}
		name := a.Name.Local
		if name == "id" && n.name.local != "appinfo" && n.name.local != "documentation" {
			continue
		}
		if !slices.Contains(allowed, name) {
			where := "xs:" + n.name.local
			if _, differs := s4sLocalAttrs[n.name.local]; differs {
				where = map[bool]string{true: "a global ", false: "a local "}[global] + where
			}
			return fmt.Sprintf("attribute %s is not allowed on %s", name, where)
		}
		v := strings.TrimSpace(a.Value)
		if values, ok := s4sEnums[name]; ok && !slices.Contains(values, v) {
			return fmt.Sprintf("%s=%s is not one of %s", name, quote(a.Value), strings.Join(values, ", "))
		}
		if name == "namespace" && (n.name.local == "any" || n.name.local == "anyAttribute") {
			if msg := checkNamespaceList(v); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// checkNamespaceList checks a wildcard's namespace attribute: ##any,
// ##other, or a list of URIs, ##targetNamespace and ##local. Any other
// token starting with ## is a misspelling (##target, ##all), not a URI.
func checkNamespaceList(v string) string {
	if v == "##any" || v == "##other" {
		return ""
	}
	for _, f := range strings.Fields(v) {
		switch {
		case f == "##any" || f == "##other":
			return fmt.Sprintf("namespace=%s: %s cannot appear in a list", quote(v), f)
		case strings.HasPrefix(f, "##") && f != "##targetNamespace" && f != "##local":
			return fmt.Sprintf("namespace=%s: %s is not ##any, ##other, ##targetNamespace or ##local", quote(v), f)
		}
	}
	return ""
}
