package translate

import (
	"math/big"
	"strconv"
)

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
