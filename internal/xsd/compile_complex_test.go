package xsd

import "testing"

// A complex type's children come in the order the Schema for Schemas gives
// them, and a derived type keeps what derivation-ok-restriction,
// cos-ct-extends and src-ct require of it and its base.
func TestComplexTypeDerivation(t *testing.T) {
	seq := `<xs:sequence><xs:element name="a" minOccurs="0"/></xs:sequence>`
	simple := `<xs:complexType name="S"><xs:simpleContent><xs:extension base="xs:string"><xs:anyAttribute/></xs:extension></xs:simpleContent></xs:complexType>`
	restrictSimple := func(body string) string {
		return `<xs:complexType name="D"><xs:simpleContent><xs:restriction base="S">` + body + `</xs:restriction></xs:simpleContent></xs:complexType>` + simple
	}
	wildBase := func(wc string) string {
		return `<xs:complexType name="B">` + seq + wc + `</xs:complexType>`
	}
	restrict := func(base, body string) string {
		return `<xs:complexType name="D"><xs:complexContent><xs:restriction base="B">` + seq + body + `</xs:restriction></xs:complexContent></xs:complexType>` + base
	}
	extend := func(mixed, base, body string) string {
		return `<xs:complexType name="D"><xs:complexContent mixed="` + mixed + `"><xs:extension base="B">` + body + `</xs:extension></xs:complexContent></xs:complexType>` + base
	}
	runS4SCases(t, []s4sCase{
		{name: "attribute after anyAttribute", body: `<xs:complexType name="T"><xs:anyAttribute/><xs:attribute name="a"/></xs:complexType>`, msg: "xs:attribute after xs:anyAttribute"},
		{name: "attribute group after anyAttribute", body: `<xs:attributeGroup name="g"/><xs:complexType name="T"><xs:anyAttribute/><xs:attributeGroup ref="g"/></xs:complexType>`, msg: "xs:attributeGroup after xs:anyAttribute"},
		{name: "attribute after anyAttribute in an extension", body: `<xs:complexType name="T"><xs:simpleContent><xs:extension base="xs:string"><xs:anyAttribute/><xs:attribute name="a"/></xs:extension></xs:simpleContent></xs:complexType>`, msg: "the attribute wildcard comes last"},
		{name: "anyAttribute last", body: `<xs:attributeGroup name="g"/><xs:complexType name="T"><xs:attribute name="a"/><xs:attributeGroup ref="g"/><xs:anyAttribute/></xs:complexType>`},
		{name: "simple type after an attribute", body: restrictSimple(`<xs:attribute name="a"/><xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType>`), msg: "xs:simpleType in a simple content restriction comes once, before its facets and attributes"},
		{name: "facet after an attribute", body: restrictSimple(`<xs:attribute name="a"/><xs:length value="5"/>`), msg: "facet xs:length after an attribute declaration"},
		{name: "simple type, facet, attribute", body: restrictSimple(`<xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType><xs:length value="5"/><xs:attribute name="a"/>`)},
		{name: "simple content restricting anyType", body: `<xs:complexType name="T"><xs:simpleContent><xs:restriction base="xs:anyType"/></xs:simpleContent></xs:complexType>`, msg: "needs an xs:simpleType for its content (src-ct.2.2)"},
		{name: "simple content restricting a mixed type",
			body:  `<xs:complexType name="M" mixed="true">` + seq + `</xs:complexType><xs:complexType name="T"><xs:simpleContent><xs:restriction base="M"><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:restriction></xs:simpleContent></xs:complexType><xs:element name="e" type="T"/>`,
			valid: []string{`<e>1</e>`}, invalid: []string{`<e>x</e>`}},
		{name: "attribute outside the base's wildcard", body: restrict(wildBase(`<xs:anyAttribute namespace="##other"/>`), `<xs:attribute name="a"/>`), msg: "attribute a is neither declared in the base type nor allowed by its attribute wildcard (derivation-ok-restriction.2.2)"},
		{name: "attribute without a base wildcard", body: restrict(wildBase(``), `<xs:attribute name="a"/>`), msg: "derivation-ok-restriction.2.2"},
		{name: "wildcard without a base wildcard", body: restrict(wildBase(``), `<xs:anyAttribute namespace="##other"/>`), msg: "the base type has no attribute wildcard, so a restriction cannot have one (derivation-ok-restriction.4.1)"},
		{name: "wildcard wider than the base's", body: restrict(wildBase(`<xs:anyAttribute namespace="##other"/>`), `<xs:anyAttribute/>`), msg: "allows namespaces the base type's does not (derivation-ok-restriction.4.2)"},
		{name: "wildcard less strict than the base's", body: restrict(wildBase(`<xs:anyAttribute processContents="lax"/>`), `<xs:anyAttribute processContents="skip"/>`), msg: "less strictly than the base type's (derivation-ok-restriction.4.3)"},
		{name: "attribute and wildcard within the base's",
			body:  restrict(wildBase(`<xs:anyAttribute namespace="##local urn:x" processContents="lax"/>`), `<xs:attribute name="a" type="xs:int"/><xs:anyAttribute namespace="urn:x" processContents="strict"/>`) + `<xs:element name="e" type="D"/>`,
			valid: []string{`<e a="1"/>`}, invalid: []string{`<e a="x"/>`, `<e b="1"/>`}},
		{name: "mixed extension of element-only content", body: extend("true", wildBase(``), ``), msg: "the content of type B is element-only, so an extension of it must be element-only too (cos-ct-extends.1.4.3.2.2.1)"},
		{name: "element-only extension of mixed content", body: extend("false", `<xs:complexType name="B" mixed="true">`+seq+`</xs:complexType>`, `<xs:sequence><xs:element name="b"/></xs:sequence>`), msg: "must be mixed too (cos-ct-extends.1.4.3.2.2.1)"},
		{name: "extension adding nothing inherits mixed content",
			body:  extend("false", `<xs:complexType name="B" mixed="true">`+seq+`</xs:complexType>`, `<xs:attribute name="x"/>`) + `<xs:element name="e" type="D"/>`,
			valid: []string{`<e x="1">text<a/>text</e>`}},
		{name: "mixed restriction of element-only content, particle left out",
			body: `<xs:complexType name="D" mixed="true"><xs:complexContent><xs:restriction base="B"><xs:sequence minOccurs="0" maxOccurs="0"><xs:element name="a"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>` + wildBase(``),
			msg:  "(derivation-ok-restriction.5): mixed content cannot restrict element-only content"},
		{name: "element-only restriction of element-only content, particle left out",
			body:  `<xs:complexType name="D"><xs:complexContent><xs:restriction base="B"/></xs:complexContent></xs:complexType>` + wildBase(``) + `<xs:element name="e" type="D"/>`,
			valid: []string{`<e/>`}, invalid: []string{`<e><a/></e>`, `<e>text</e>`}},
		{name: "element reference with a type", body: `<xs:element name="g"/><xs:complexType name="T"><xs:all><xs:element ref="g"><xs:complexType/></xs:element></xs:all></xs:complexType>`, msg: "an element reference holds at most an annotation, not xs:complexType (src-element.2.2)"},
		{name: "element reference with an annotation", body: `<xs:element name="g"/><xs:complexType name="T"><xs:sequence><xs:element ref="g"><xs:annotation/></xs:element></xs:sequence></xs:complexType>`},
		{name: "a choice of nothing matches nothing",
			body:    `<xs:element name="z"><xs:complexType><xs:choice/></xs:complexType></xs:element><xs:element name="y"><xs:complexType><xs:sequence><xs:element name="a" minOccurs="0"/><xs:choice/></xs:sequence></xs:complexType></xs:element>`,
			invalid: []string{`<z/>`, `<z><a/></z>`, `<y/>`, `<y><a/></y>`}},
		{name: "an optional choice of nothing is empty content",
			body:  `<xs:element name="z"><xs:complexType><xs:choice minOccurs="0"/></xs:complexType></xs:element>`,
			valid: []string{`<z/>`}, invalid: []string{`<z><a/></z>`, `<z>text</z>`}},
		// Copies of a group without elements are all alike: one is built,
		// not a million of each nested million.
		{name: "groups without elements under large bounds",
			body:    `<xs:element name="r"><xs:complexType><xs:sequence><xs:element name="b" minOccurs="0"/><xs:sequence minOccurs="0" maxOccurs="1000000"><xs:sequence maxOccurs="1000000"><xs:choice minOccurs="0"/></xs:sequence></xs:sequence></xs:sequence></xs:complexType></xs:element>`,
			valid:   []string{`<r/>`, `<r><b/></r>`},
			invalid: []string{`<r><b/><b/></r>`, `<r><c/></r>`}},
		// 3000 optional copies of a group: their last positions are
		// gathered once, not copied at each level of nesting.
		{name: "a group of counted particles repeated 3000 times",
			body:    `<xs:element name="r"><xs:complexType><xs:sequence minOccurs="0" maxOccurs="3000"><xs:element name="k" minOccurs="0" maxOccurs="100"/><xs:any maxOccurs="100" namespace="##other" processContents="skip"/></xs:sequence></xs:complexType></xs:element>`,
			valid:   []string{`<r/>`, `<r xmlns:p="urn:p"><k/><p:x/><p:y/><k/><p:z/></r>`},
			invalid: []string{`<r><k/></r>`, `<r xmlns:p="urn:p"><p:x/><k/></r>`}},
		{name: "extension of empty content may be mixed",
			body:  extend("true", `<xs:complexType name="B"><xs:attribute name="x"/></xs:complexType>`, seq) + `<xs:element name="e" type="D"/>`,
			valid: []string{`<e x="1">text<a/></e>`}},
	})
}

// A group may hold an element whose type refers to the group again, in any
// declaration order: only a group among its own particles is circular
// (mg-props-correct.2). A name is an NCName once whitespace is collapsed.
func TestGroupRecursionAndNames(t *testing.T) {
	runS4SCases(t, []s4sCase{
		{name: "group through a local element's type",
			body:  `<xs:element name="e"><xs:complexType><xs:group ref="g"/></xs:complexType></xs:element><xs:group name="g"><xs:sequence><xs:element name="a"/><xs:element name="x" minOccurs="0"><xs:complexType><xs:group ref="g"/></xs:complexType></xs:element></xs:sequence></xs:group>`,
			valid: []string{`<e><a/></e>`, `<e><a/><x><a/><x><a/></x></x></e>`}, invalid: []string{`<e><a/><x/></e>`}},
		{name: "group through an extension in a local element",
			body:  `<xs:complexType name="B"><xs:sequence><xs:element name="b"/></xs:sequence></xs:complexType><xs:group name="g"><xs:sequence><xs:element name="a"/><xs:element name="x" minOccurs="0"><xs:complexType><xs:complexContent><xs:extension base="B"><xs:group ref="g"/></xs:extension></xs:complexContent></xs:complexType></xs:element></xs:sequence></xs:group><xs:element name="e"><xs:complexType><xs:group ref="g"/></xs:complexType></xs:element>`,
			valid: []string{`<e><a/><x><b/><a/></x></e>`}, invalid: []string{`<e><a/><x><a/></x></e>`}},
		{name: "group within its own particles", body: `<xs:group name="g"><xs:sequence><xs:element name="a"/><xs:group ref="g" minOccurs="0"/></xs:sequence></xs:group>`, msg: "group g refers to itself"},
		// The names compile but, as in libxml2, keep their spaces, so no
		// instance element or attribute matches them.
		{name: "names with surrounding whitespace",
			body:  `<xs:element name=" e "/><xs:element name="f"><xs:complexType><xs:sequence><xs:element name="c	" minOccurs="0"/></xs:sequence><xs:attribute name="a "/></xs:complexType></xs:element><xs:attribute name=" g" type="xs:int"/>`,
			valid: []string{`<f/>`}, invalid: []string{`<e/>`, `<f><c/></f>`, `<f a="x"/>`}},
		{name: "name with inner whitespace", body: `<xs:element name="e f"/>`, msg: "top-level xs:element needs a valid name"},
	})
}
