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
		{name: "restriction keeps a fixed value", body: restrict(`<xs:attribute name="f" fixed="1.0" type="xs:decimal"/>`)},
	})
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
