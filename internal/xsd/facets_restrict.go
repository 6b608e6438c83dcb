package xsd

import "sync"

// Facets of a restriction step must be consistent with each other and
// with the base type's (XSD 1.0 Datatypes §4.3, the "*-valid-restriction"
// and "*-less-than-*" constraints). Bound values are already checked to lie
// in the base type's value space when they are read; what remains is the
// order of the bounds, which the value space alone does not give, and the
// length and digit facets, whose values are not values of the type.

// builtinFacets are the facets XSD 1.0 Datatypes §3.3 gives the derived
// built-in types, which restrictions of them must respect: the integers'
// fractionDigits 0 and bounds, the lists' minLength 1. Values are checked
// against them through each type's lexical rules; only restriction checks
// read them here.
var builtinFacets = sync.OnceValue(func() map[string]*facetSet {
	m := map[string]*facetSet{}
	for name, b := range map[string][2]string{
		"integer": {"", ""}, "nonPositiveInteger": {"", "0"}, "negativeInteger": {"", "-1"},
		"long": {"-9223372036854775808", "9223372036854775807"}, "int": {"-2147483648", "2147483647"},
		"short": {"-32768", "32767"}, "byte": {"-128", "127"}, "nonNegativeInteger": {"0", ""},
		"unsignedLong": {"0", "18446744073709551615"}, "unsignedInt": {"0", "4294967295"},
		"unsignedShort": {"0", "65535"}, "unsignedByte": {"0", "255"}, "positiveInteger": {"1", ""},
	} {
		f := newFacetSet()
		f.fracDig = 0
		if b[0] != "" {
			v := decimalValue(b[0])
			f.minInc = &v
		}
		if b[1] != "" {
			v := decimalValue(b[1])
			f.maxInc = &v
		}
		m[name] = f
	}
	for _, name := range []string{"NMTOKENS", "IDREFS", "ENTITIES"} {
		f := newFacetSet()
		f.minLength = 1
		m[name] = f
	}
	return m
})

// effective returns, for each facet, the value the nearest restriction step
// of fs that specifies it gives; unset facets stay -1 or nil.
func effective(fs []*facetSet) *facetSet {
	e := newFacetSet()
	for _, f := range fs {
		if f.length >= 0 {
			e.length = f.length
		}
		if f.minLength >= 0 {
			e.minLength = f.minLength
		}
		if f.maxLength >= 0 {
			e.maxLength = f.maxLength
		}
		if f.totalDig >= 0 {
			e.totalDig = f.totalDig
		}
		if f.fracDig >= 0 {
			e.fracDig = f.fracDig
		}
		if f.minInc != nil || f.minExc != nil {
			e.minInc, e.minExc = f.minInc, f.minExc
		}
		if f.maxInc != nil || f.maxExc != nil {
			e.maxInc, e.maxExc = f.maxInc, f.maxExc
		}
	}
	return e
}

// lengthBoundsInherited reports whether the minLength and maxLength that a
// step f gives beside its length only repeat the values its base type has
// without a length (xs:NMTOKENS's minLength 1), and admit the length: XSD
// 1.0 (second edition) allows length with them then
// (length-minLength-maxLength 1.2, 2.2).
func lengthBoundsInherited(base *simpleType, f *facetSet) bool {
	fs := base.facets
	if implicit := builtinFacets()[base.builtin]; implicit != nil {
		fs = append([]*facetSet{implicit}, fs...)
	}
	b := effective(fs)
	return b.length < 0 &&
		(f.minLength < 0 || f.minLength == b.minLength && f.minLength <= f.length) &&
		(f.maxLength < 0 || f.maxLength == b.maxLength && f.maxLength >= f.length)
}

// facetConflict reports the first constraint that the step f, restricting
// a type whose facets are base, breaks: the constraint's name and what is
// wrong, or "" when there is none.
func facetConflict(builtin string, base []*facetSet, f *facetSet) (string, string) {
	if implicit := builtinFacets()[builtin]; implicit != nil {
		base = append([]*facetSet{implicit}, base...)
	}
	b := effective(base)
	switch {
	case f.length >= 0 && b.length >= 0 && f.length != b.length:
		return "length-valid-restriction", "length differs from the base type's length"
	case f.length >= 0 && b.minLength > f.length:
		return "length-minLength-maxLength", "length is less than the base type's minLength"
	case f.length >= 0 && b.maxLength >= 0 && b.maxLength < f.length:
		return "length-minLength-maxLength", "length is greater than the base type's maxLength"
	case f.minLength >= 0 && f.minLength < b.minLength:
		return "minLength-valid-restriction", "minLength is less than the base type's minLength"
	case f.maxLength >= 0 && b.maxLength >= 0 && f.maxLength > b.maxLength:
		return "maxLength-valid-restriction", "maxLength is greater than the base type's maxLength"
	case f.totalDig >= 0 && b.totalDig >= 0 && f.totalDig > b.totalDig:
		return "totalDigits-valid-restriction", "totalDigits is greater than the base type's totalDigits"
	case f.fracDig >= 0 && b.fracDig >= 0 && f.fracDig > b.fracDig:
		return "fractionDigits-valid-restriction", "fractionDigits is greater than the base type's fractionDigits"
	}
	// Bounds: the step's own, with the base's on the sides it leaves open.
	e := effective(append(append([]*facetSet(nil), base...), f))
	// Incomparable bounds (P1M and P30D) are no conflict.
	above := func(a, b *value, orEqual bool) bool {
		c, ok := a.compare(*b)
		return ok && (c > 0 || orEqual && c == 0)
	}
	switch {
	case e.minLength >= 0 && e.maxLength >= 0 && e.minLength > e.maxLength:
		return "minLength-less-than-equal-to-maxLength", "minLength is greater than maxLength"
	case e.minInc != nil && e.maxInc != nil && above(e.minInc, e.maxInc, false):
		return "minInclusive-less-than-equal-to-maxInclusive", "minInclusive is greater than maxInclusive"
	case e.minExc != nil && e.maxExc != nil && above(e.minExc, e.maxExc, false):
		return "minExclusive-less-than-equal-to-maxExclusive", "minExclusive is greater than maxExclusive"
	case e.minInc != nil && e.maxExc != nil && above(e.minInc, e.maxExc, true):
		return "minInclusive-less-than-maxExclusive", "minInclusive is not less than maxExclusive"
	case e.minExc != nil && e.maxInc != nil && above(e.minExc, e.maxInc, true):
		return "minExclusive-less-than-maxInclusive", "minExclusive is not less than maxInclusive"
	}
	return "", ""
}
