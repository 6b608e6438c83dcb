package xsd

import "testing"

// A restriction's facets agree with each other and with its base type's,
// each refusal naming the constraint of XSD 1.0 Datatypes §4.3.
func TestFacetRestriction(t *testing.T) {
	st := func(base, facets string) string {
		return `<xs:simpleType name="s"><xs:restriction base="` + base + `">` + facets + `</xs:restriction></xs:simpleType>`
	}
	derived := func(baseFacets, facets string) string {
		return st("xs:decimal", baseFacets) + `<xs:simpleType name="d"><xs:restriction base="s">` + facets + `</xs:restriction></xs:simpleType>`
	}
	runS4SCases(t, []s4sCase{
		{name: "minInclusive above maxInclusive", body: st("xs:integer", `<xs:minInclusive value="9"/><xs:maxInclusive value="1"/>`), msg: "minInclusive-less-than-equal-to-maxInclusive"},
		{name: "minExclusive above maxExclusive", body: st("xs:duration", `<xs:minExclusive value="P2Y"/><xs:maxExclusive value="P1Y"/>`), msg: "minExclusive-less-than-equal-to-maxExclusive"},
		{name: "minExclusive at maxInclusive", body: st("xs:integer", `<xs:minExclusive value="101"/><xs:maxInclusive value="101"/>`), msg: "minExclusive-less-than-maxInclusive"},
		{name: "minInclusive at maxExclusive", body: st("xs:date", `<xs:minInclusive value="2026-01-01"/><xs:maxExclusive value="2026-01-01"/>`), msg: "minInclusive-less-than-maxExclusive"},
		{name: "bound against the base's other side", body: derived(`<xs:maxInclusive value="5"/>`, `<xs:minExclusive value="5"/>`), msg: "minExclusive-less-than-maxInclusive"},
		{name: "incomparable durations", body: st("xs:duration", `<xs:minInclusive value="P1M"/><xs:maxInclusive value="P30D"/>`)},
		{name: "equal inclusive bounds", body: st("xs:integer", `<xs:minInclusive value="3"/><xs:maxInclusive value="3"/>`)},
		{name: "maxLength above the base's", body: st("xs:string", `<xs:maxLength value="5"/>`) + `<xs:simpleType name="d"><xs:restriction base="s"><xs:maxLength value="8"/></xs:restriction></xs:simpleType>`, msg: "maxLength-valid-restriction"},
		{name: "minLength below the base's", body: st("xs:string", `<xs:minLength value="5"/>`) + `<xs:simpleType name="d"><xs:restriction base="s"><xs:minLength value="2"/></xs:restriction></xs:simpleType>`, msg: "minLength-valid-restriction"},
		{name: "minLength above the base's maxLength", body: st("xs:string", `<xs:maxLength value="5"/>`) + `<xs:simpleType name="d"><xs:restriction base="s"><xs:minLength value="6"/></xs:restriction></xs:simpleType>`, msg: "minLength-less-than-equal-to-maxLength"},
		{name: "length changed", body: st("xs:string", `<xs:length value="5"/>`) + `<xs:simpleType name="d"><xs:restriction base="s"><xs:length value="4"/></xs:restriction></xs:simpleType>`, msg: "length-valid-restriction"},
		{name: "totalDigits above the base's", body: derived(`<xs:totalDigits value="4"/>`, `<xs:totalDigits value="5"/>`), msg: "totalDigits-valid-restriction"},
		{name: "fractionDigits above the base's", body: derived(`<xs:fractionDigits value="2"/>`, `<xs:fractionDigits value="4"/>`), msg: "fractionDigits-valid-restriction"},
		{name: "fractionDigits on an integer", body: st("xs:int", `<xs:fractionDigits value="1"/>`), msg: "fractionDigits-valid-restriction"},
		{name: "fractionDigits 0 on an integer", body: st("xs:long", `<xs:fractionDigits value="0"/><xs:totalDigits value="3"/>`)},
		{name: "maxExclusive at positiveInteger's floor", body: st("xs:positiveInteger", `<xs:maxExclusive value="1"/>`), msg: "minInclusive-less-than-maxExclusive"},
		{name: "minLength 0 on NMTOKENS", body: st("xs:NMTOKENS", `<xs:minLength value="0"/>`), msg: "minLength-valid-restriction"},
		{name: "maxLength 0 on IDREFS", body: st("xs:IDREFS", `<xs:maxLength value="0"/>`), msg: "minLength-less-than-equal-to-maxLength"},
		{name: "empty enumeration of NMTOKENS", body: st("xs:NMTOKENS", `<xs:enumeration value="a b"/><xs:enumeration value=" "/>`), msg: "xs:NMTOKENS has minLength 1 (enumeration-valid-restriction)"},
		{name: "empty enumeration of a restricted IDREFS", body: st("xs:IDREFS", `<xs:maxLength value="3"/>`) + `<xs:simpleType name="d"><xs:restriction base="s"><xs:enumeration value=""/></xs:restriction></xs:simpleType>`, msg: "xs:IDREFS has minLength 1"},
		{name: "bounds with surrounding whitespace",
			body:  st("xs:dateTime", `<xs:maxInclusive value="2002-10-10T12:00:00-05:00 "/><xs:minInclusive value="`+"\t2002-10-10T00:00:00-05:00\n"+`"/>`) + `<xs:element name="e" type="s"/><xs:element name="i"><xs:complexType><xs:attribute name="a" type="xs:int" fixed=" -1 "/></xs:complexType></xs:element>`,
			valid: []string{`<e>2002-10-10T12:00:00-05:00</e>`, `<i a="-1"/>`, `<i a=" -1"/>`}, invalid: []string{`<e>2002-10-10T12:00:01-05:00</e>`, `<i a="1"/>`}},
		{name: "length beside the base's own minLength", body: st("xs:NMTOKENS", `<xs:length value="5"/><xs:minLength value="1"/>`)},
		{name: "length beside a restricted base's maxLength", body: st("xs:string", `<xs:maxLength value="8"/>`) + `<xs:simpleType name="d"><xs:restriction base="s"><xs:length value="5"/><xs:maxLength value="8"/></xs:restriction></xs:simpleType>`},
		{name: "length beside a new minLength", body: st("xs:NMTOKENS", `<xs:length value="5"/><xs:minLength value="2"/>`), msg: "length cannot be combined with minLength or maxLength (length-minLength-maxLength)"},
		{name: "length below the minLength it repeats", body: st("xs:string", `<xs:minLength value="3"/>`) + `<xs:simpleType name="d"><xs:restriction base="s"><xs:length value="2"/><xs:minLength value="3"/></xs:restriction></xs:simpleType>`, msg: "length-minLength-maxLength"},
		{name: "narrower in every facet", body: derived(`<xs:totalDigits value="4"/><xs:fractionDigits value="2"/><xs:minInclusive value="0"/>`, `<xs:totalDigits value="3"/><xs:fractionDigits value="1"/><xs:maxInclusive value="9"/>`)},
	})
}
