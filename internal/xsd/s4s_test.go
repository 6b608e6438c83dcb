package xsd

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// s4sCase is a schema body (placed on line 2 of a schema document) and what
// compiling it must give: an ErrSchema naming line 2 and containing msg, or
// success when msg is empty. When valid or invalid instances are listed,
// the compiled schema must accept or refuse each.
type s4sCase struct {
	name, body, msg string
	valid, invalid  []string
}

func runS4SCases(t *testing.T, cases []s4sCase) {
	t.Helper()
	const head = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n"
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(head + tc.body + "\n</xs:schema>")}}, "s.xsd")
			if tc.msg == "" {
				if err != nil {
					t.Fatalf("a valid schema is refused: %v", err)
				}
				checkVerdicts(t, s, tc.valid, tc.invalid)
				return
			}
			var se *SchemaError
			if !errors.As(err, &se) || !errors.Is(err, ErrSchema) || !strings.Contains(se.Msg, tc.msg) || se.File != "s.xsd" || se.Line != 2 {
				t.Fatalf("error %v, want s.xsd line 2 saying %q", err, tc.msg)
			}
		})
	}
}

// Attribute declarations and uses follow src-attribute, and a restriction
// keeps what its base type's attribute uses promise.
func TestAttributeUseRules(t *testing.T) {
	base := `<xs:complexType name="B"><xs:attribute name="r" use="required"/><xs:attribute name="f" fixed="1" type="xs:decimal"/></xs:complexType>`
	restrict := func(attrs string) string {
		return `<xs:complexType name="D"><xs:complexContent><xs:restriction base="B">` + attrs + `</xs:restriction></xs:complexContent></xs:complexType>` + base
	}
	runS4SCases(t, []s4sCase{
		{name: "prohibited in a group is ignored",
			body:  `<xs:attributeGroup name="g"><xs:attribute name="a" use="prohibited"/></xs:attributeGroup><xs:complexType name="B"><xs:attribute name="a"/></xs:complexType><xs:complexType name="D"><xs:complexContent><xs:restriction base="B"><xs:attributeGroup ref="g"/></xs:restriction></xs:complexContent></xs:complexType><xs:element name="e" type="D"/>`,
			valid: []string{`<e a="x"/>`}, invalid: []string{`<e b="x"/>`}},
		{name: "prohibited with a default", body: `<xs:complexType name="T"><xs:attribute name="a" use="prohibited" default="x"/></xs:complexType>`, msg: "src-attribute.2"},
		{name: "required with a default", body: `<xs:complexType name="T"><xs:attribute name="a" use="required" default="x"/></xs:complexType>`, msg: "src-attribute.2"},
		{name: "reference with a simple type", body: `<xs:attribute name="g"/><xs:complexType name="T"><xs:attribute ref="g"><xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType></xs:attribute></xs:complexType>`, msg: "src-attribute.3.2"},
		{name: "restriction prohibits a required attribute", body: restrict(`<xs:attribute name="r" use="prohibited"/>`), msg: "derivation-ok-restriction.3"},
		{name: "restriction makes a required attribute optional", body: restrict(`<xs:attribute name="r"/>`), msg: "derivation-ok-restriction.2.1.1"},
		{name: "restriction changes a fixed value", body: restrict(`<xs:attribute name="f" fixed="2" type="xs:decimal"/>`), msg: "derivation-ok-restriction.2.1.3"},
		{name: "restriction drops a fixed value", body: restrict(`<xs:attribute name="f" default="1" type="xs:decimal"/>`), msg: "derivation-ok-restriction.2.1.3"},
		{name: "wildcard union admits what either admits",
			body:  `<xs:complexType name="B"><xs:anyAttribute namespace="urn:a" processContents="skip"/></xs:complexType><xs:complexType name="D"><xs:complexContent><xs:extension base="B"><xs:anyAttribute namespace="##local" processContents="skip"/></xs:extension></xs:complexContent></xs:complexType><xs:element name="e" type="D"/>`,
			valid: []string{`<e a="1" xmlns:p="urn:a" p:b="2"/>`}, invalid: []string{`<e xmlns:p="urn:c" p:b="2"/>`}},
		{name: "two ID attributes", body: `<xs:complexType name="T"><xs:attribute name="a" type="xs:ID"/><xs:attribute name="b" type="xs:ID"/></xs:complexType>`, msg: "ct-props-correct.5"},
		{name: "a second ID through a wildcard",
			body:  `<xs:attribute name="g" type="xs:ID"/><xs:attribute name="h" type="xs:ID"/><xs:element name="e"><xs:complexType><xs:attribute name="a" type="xs:ID"/><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>`,
			valid: []string{`<e a="x"/>`, `<e g="y"/>`}, invalid: []string{`<e a="x" g="y"/>`, `<e g="y" h="z"/>`}},
		{name: "restriction keeps a fixed value", body: restrict(`<xs:attribute name="f" fixed="1.0" type="xs:decimal"/>`)},
	})
	union := `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a" xmlns:a="urn:a">
<xs:complexType name="B"><xs:anyAttribute namespace="##other"/></xs:complexType><xs:complexType name="D"><xs:complexContent><xs:extension base="a:B"><xs:anyAttribute namespace="##local urn:b"/></xs:extension></xs:complexContent></xs:complexType></xs:schema>`
	if _, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(union)}}, "s.xsd"); !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), "s.xsd:2: ") || !strings.Contains(err.Error(), "(cos-aw-union)") {
		t.Errorf("a wildcard union admitting absent but not the target namespace: error %v", err)
	}
	xsi := `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/2001/XMLSchema-instance">
<xs:attribute name="a"/></xs:schema>`
	_, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(xsi)}}, "s.xsd")
	if !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), "s.xsd:2: xs:attribute name=\"a\": attributes in the xsi namespace cannot be declared (no-xsi)") {
		t.Errorf("a global attribute in the xsi namespace: error %v", err)
	}
}

// checkVerdicts fails t unless s accepts every valid document and refuses
// every invalid one.
func checkVerdicts(t *testing.T, s *Schema, valid, invalid []string) {
	t.Helper()
	for _, doc := range valid {
		if ok, why := ourVerdict(s, []byte(doc)); !ok {
			t.Errorf("%s: %s", doc, why)
		}
	}
	for _, doc := range invalid {
		if ok, _ := ourVerdict(s, []byte(doc)); ok {
			t.Errorf("%s validated", doc)
		}
	}
}

// Each element of a schema document carries only the attributes the Schema
// for Schemas gives it in its place, spelled as that schema says.
func TestSchemaForSchemasAttributes(t *testing.T) {
	runS4SCases(t, []s4sCase{
		{name: "form misspelt", body: `<xs:complexType name="T"><xs:attribute name="a" form="Qualified"/></xs:complexType>`, msg: "form='Qualified' is not one of qualified, unqualified"},
		{name: "empty form", body: `<xs:complexType name="T"><xs:attribute name="a" form=""/></xs:complexType>`, msg: "is not one of"},
		{name: "name on a local simple type", body: `<xs:element name="e"><xs:simpleType name="s"><xs:restriction base="xs:string"/></xs:simpleType></xs:element>`, msg: "attribute name is not allowed on a local xs:simpleType"},
		{name: "refer on a key", body: `<xs:element name="e"><xs:key name="k" refer="k"><xs:selector xpath="."/><xs:field xpath="@a"/></xs:key></xs:element>`, msg: "attribute refer is not allowed on xs:key"},
		{name: "name on a selector", body: `<xs:element name="e"><xs:key name="k"><xs:selector name="s" xpath="."/><xs:field xpath="@a"/></xs:key></xs:element>`, msg: "attribute name is not allowed on xs:selector"},
		{name: "attribute on an annotation", body: `<xs:annotation foo="bar"/>`, msg: "attribute foo is not allowed on xs:annotation"},
		{name: "minOccurs on anyAttribute", body: `<xs:complexType name="T"><xs:anyAttribute minOccurs="2"/></xs:complexType>`, msg: "attribute minOccurs is not allowed on xs:anyAttribute"},
		{name: "id on documentation", body: `<xs:annotation><xs:documentation id="d"/></xs:annotation>`, msg: "attribute id is not allowed on xs:documentation"},
		{name: "empty xml:lang", body: `<xs:annotation><xs:documentation xml:lang=""/></xs:annotation>`, msg: "is not a language tag"},
		{name: "namespace ##target", body: `<xs:complexType name="T"><xs:sequence><xs:any namespace="##target"/></xs:sequence></xs:complexType>`, msg: "##target is not ##any"},
		{name: "namespace ##any in a list", body: `<xs:complexType name="T"><xs:anyAttribute namespace="##local ##any"/></xs:complexType>`, msg: "cannot appear in a list"},
		{name: "elementFormDefault on an element", body: `<xs:element name="e" elementFormDefault="qualified"/>`, msg: "attribute elementFormDefault is not allowed on a global xs:element"},
		{name: "what the places allow", body: `<xs:element name="e" id="e1" xmlns:f="urn:f" f:note="x"><xs:annotation><xs:documentation source="s" xml:lang="en-GB"/></xs:annotation><xs:complexType mixed="false"><xs:sequence minOccurs="0"><xs:any namespace="##targetNamespace ##local urn:x" processContents="lax"/></xs:sequence><xs:attribute name="a" form="qualified" use="optional" default="x"/></xs:complexType></xs:element>`},
	})
}

// What an element of a schema document may hold: no character data outside
// xs:appinfo and xs:documentation, an identity constraint's selector before
// its fields, nothing but an annotation in an attribute group reference.
func TestSchemaForSchemasContent(t *testing.T) {
	key := func(inner string) string {
		return `<xs:element name="e"><xs:complexType><xs:attribute name="a"/></xs:complexType><xs:key name="k">` + inner + `</xs:key></xs:element>`
	}
	runS4SCases(t, []s4sCase{
		{name: "text in a notation", body: `<xs:notation name="n" public="p">Some text</xs:notation>`, msg: "xs:notation holds character data"},
		{name: "escaped text in an element", body: `<xs:element name="e">&amp;</xs:element>`, msg: "xs:element holds character data"},
		{name: "text in documentation", body: `<xs:annotation><xs:documentation>Some <b>text</b> &amp; more</xs:documentation></xs:annotation>`},
		{name: "field before selector", body: key(`<xs:field xpath="@a"/><xs:selector xpath="."/>`), msg: "one xs:selector, before its fields"},
		{name: "selector before field", body: key(`<xs:selector xpath="."/><xs:field xpath="@a"/>`)},
		{name: "space inside an axis", body: key(`<xs:selector xpath="child: :e"/><xs:field xpath="@a"/>`), msg: "whitespace inside a name or an axis"},
		{name: "space inside a QName", body: key(`<xs:selector xpath="."/><xs:field xpath="xml: *"/>`), msg: "whitespace inside a name or an axis"},
		{name: "space between tokens", body: key(`<xs:selector xpath=" . // e | child :: e "/><xs:field xpath="attribute :: a"/>`)},
		{name: "attribute in a group reference", body: `<xs:attributeGroup name="g"/><xs:complexType name="T"><xs:attributeGroup ref="g"><xs:attribute name="a"/></xs:attributeGroup></xs:complexType>`, msg: "holds at most an annotation"},
		{name: "restriction of anySimpleType", body: `<xs:simpleType name="s"><xs:restriction base="xs:anySimpleType"/></xs:simpleType>`, msg: "st-props-correct"},
		{name: "anySimpleType used as a type", body: `<xs:element name="e" type="xs:anySimpleType"/><xs:attribute name="a" type="xs:anySimpleType"/>`},
	})
}

// Identity constraints see attributes as validation leaves them: one left
// out takes its declared default or fixed value.
func TestIdentityConstraintDefaultedAttribute(t *testing.T) {
	schema := func(constraint string) string {
		return `<xs:element name="r"><xs:complexType><xs:sequence><xs:element name="u" maxOccurs="unbounded"><xs:complexType>` + constraint +
			`</xs:complexType></xs:element></xs:sequence></xs:complexType><xs:unique name="k"><xs:selector xpath="u"/><xs:field xpath="@v"/></xs:unique></xs:element>`
	}
	runS4SCases(t, []s4sCase{
		{name: "default", body: schema(`<xs:attribute name="v" default="d"/>`),
			valid: []string{`<r><u v="a"/><u/></r>`}, invalid: []string{`<r><u v="d"/><u/></r>`, `<r><u/><u/></r>`}},
		{name: "fixed", body: schema(`<xs:attribute name="v" type="xs:int" fixed="1"/>`),
			valid: []string{`<r><u/></r>`}, invalid: []string{`<r><u v="01"/><u/></r>`}},
		{name: "no value constraint", body: schema(`<xs:attribute name="v"/>`),
			valid: []string{`<r><u/><u/></r>`}},
	})
}

// A reference names a component of the document's own namespace or of one
// it imports itself, not one another document of the set imports
// (src-resolve.4.2).
func TestReferenceNeedsOwnImport(t *testing.T) {
	fsys := fstest.MapFS{
		"main.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:a="urn:a" xmlns:b="urn:b">
<xs:import namespace="urn:a" schemaLocation="a.xsd"/>
<xs:element name="e" type="b:T"/></xs:schema>`)},
		"a.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a">
<xs:import namespace="urn:b" schemaLocation="b.xsd"/></xs:schema>`)},
		"b.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:b">
<xs:simpleType name="T"><xs:restriction base="xs:string"/></xs:simpleType></xs:schema>`)},
	}
	_, err := Compile(fsys, "main.xsd")
	if !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), "main.xsd:3: ") || !strings.Contains(err.Error(), "(src-resolve.4.2)") {
		t.Fatalf("error %v, want main.xsd:3 naming src-resolve.4.2", err)
	}
	fsys["main.xsd"] = &fstest.MapFile{Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:b">
<xs:import namespace="urn:b" schemaLocation="b.xsd"/>
<xs:element name="e" type="b:T"/></xs:schema>`)}
	if _, err := Compile(fsys, "main.xsd"); err != nil {
		t.Fatalf("a reference into an imported namespace: %v", err)
	}
}
