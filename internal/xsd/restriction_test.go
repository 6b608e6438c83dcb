package xsd

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// restrictionSchema is a schema with a type B whose content is base and a
// type R restricting it with content derived; extra holds more global
// components.
func restrictionSchema(base, derived, extra string) fstest.MapFS {
	return fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
<xs:complexType name="B">` + base + `</xs:complexType>
<xs:complexType name="R"><xs:complexContent><xs:restriction base="B">` + derived + `</xs:restriction></xs:complexContent></xs:complexType>
` + extra + `
</xs:schema>`)}}
}

// TestParticleRestriction: a complex type restricting complex content
// accepts only content its base accepts, decided particle by particle as
// XSD 1.0 §3.9.6 says; a refusal names the rule (rcase-*) and the line.
func TestParticleRestriction(t *testing.T) {
	const (
		ab    = `<xs:sequence><xs:element name="a"/><xs:element name="b" minOccurs="0"/></xs:sequence>`
		subst = `<xs:element name="head" type="xs:string"/><xs:element name="m1" type="xs:token" substitutionGroup="head"/>
<xs:element name="m2" type="xs:string" substitutionGroup="head"/><xs:element name="m1head" type="xs:token" substitutionGroup="head"/>`
	)
	tests := []struct {
		name, base, derived, extra string
		want                       string // "" valid, else a fragment of the error
	}{
		{"same content", ab, ab, "", ""},
		{"optional element left out", ab, `<xs:sequence><xs:element name="a"/></xs:sequence>`, "", ""},
		{"required element left out", ab, `<xs:sequence><xs:element name="b"/></xs:sequence>`, "", "rcase-NameAndTypeOK.1"},
		{"elements reordered", ab, `<xs:sequence><xs:element name="b" minOccurs="0"/><xs:element name="a"/></xs:sequence>`, "", "rcase-NameAndTypeOK.1"},
		{"occurs widened", ab, `<xs:sequence><xs:element name="a" maxOccurs="2"/></xs:sequence>`, "", "rcase-NameAndTypeOK.3"},
		{"nillable added", ab, `<xs:sequence><xs:element name="a" nillable="true"/></xs:sequence>`, "", "rcase-NameAndTypeOK.2"},
		{"fixed value changed",
			`<xs:sequence><xs:element name="a" type="xs:int" fixed="1"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a" type="xs:int" fixed="01"/></xs:sequence>`, "", ""},
		{"fixed value dropped",
			`<xs:sequence><xs:element name="a" type="xs:int" fixed="1"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence>`, "", "rcase-NameAndTypeOK.4"},
		{"block dropped",
			`<xs:sequence><xs:element name="a" block="extension"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a"/></xs:sequence>`, "", "rcase-NameAndTypeOK.6"},
		{"type restricted",
			`<xs:sequence><xs:element name="a" type="xs:decimal"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence>`, "", ""},
		{"type widened",
			`<xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a" type="xs:decimal"/></xs:sequence>`, "", "rcase-NameAndTypeOK.7"},
		{"element for wildcard", `<xs:sequence><xs:any namespace="##targetNamespace" maxOccurs="3"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a" maxOccurs="2"/></xs:sequence>`, "", ""},
		{"element outside wildcard namespaces", `<xs:sequence><xs:any namespace="##other"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a"/></xs:sequence>`, "", "rcase-NSCompat.1"},
		{"wildcard narrowed", `<xs:sequence><xs:any namespace="##any" processContents="lax"/></xs:sequence>`,
			`<xs:sequence><xs:any namespace="urn:x" processContents="strict"/></xs:sequence>`, "", ""},
		{"wildcard widened", `<xs:sequence><xs:any namespace="urn:x"/></xs:sequence>`,
			`<xs:sequence><xs:any namespace="##any"/></xs:sequence>`, "", "rcase-NSSubset.2"},
		{"wildcard less strict", `<xs:sequence><xs:any/></xs:sequence>`,
			`<xs:sequence><xs:any processContents="lax"/></xs:sequence>`, "", "rcase-NSSubset.3"},
		{"wildcard for element", ab, `<xs:sequence><xs:any/></xs:sequence>`, "", "cos-particle-restrict.2"},
		{"sequence within wildcard range", `<xs:sequence><xs:any minOccurs="2" maxOccurs="3"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a"/><xs:element name="b" maxOccurs="2"/></xs:sequence>`, "", ""},
		{"sequence beyond wildcard range", `<xs:sequence><xs:any minOccurs="2" maxOccurs="3"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a"/><xs:element name="b" minOccurs="0" maxOccurs="3"/></xs:sequence>`, "", "rcase-NSRecurseCheckCardinality"},
		{"choice narrowed", `<xs:choice><xs:element name="a"/><xs:element name="b"/><xs:element name="c"/></xs:choice>`,
			`<xs:choice><xs:element name="a"/><xs:element name="c"/></xs:choice>`, "", ""},
		{"choice reordered", `<xs:choice><xs:element name="a"/><xs:element name="b"/></xs:choice>`,
			`<xs:choice><xs:element name="b"/><xs:element name="a"/></xs:choice>`, "", "rcase-RecurseLax.2"},
		{"choice occurs widened", `<xs:choice><xs:element name="a"/><xs:element name="b"/></xs:choice>`,
			`<xs:choice maxOccurs="2"><xs:element name="a"/><xs:element name="b"/></xs:choice>`, "", "rcase-RecurseLax.1"},
		{"element for choice", `<xs:choice><xs:element name="a"/><xs:element name="b"/></xs:choice>`,
			`<xs:sequence><xs:element name="b"/></xs:sequence>`, "", ""},
		{"optional element for repeated choice",
			`<xs:sequence><xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="a"/><xs:element name="b"/></xs:choice><xs:element name="c"/></xs:sequence>`,
			`<xs:sequence><xs:element name="a" minOccurs="0" maxOccurs="unbounded"/><xs:element name="c"/></xs:sequence>`, "", ""},
		{"sequence for all", `<xs:all><xs:element name="a"/><xs:element name="b" minOccurs="0"/></xs:all>`,
			`<xs:sequence><xs:element name="b"/><xs:element name="a"/></xs:sequence>`, "", ""},
		{"sequence for all missing a required element", `<xs:all><xs:element name="a"/><xs:element name="b"/><xs:element name="c"/></xs:all>`,
			`<xs:sequence><xs:element name="c"/><xs:element name="b"/></xs:sequence>`, "", "rcase-RecurseUnordered.2.3"},
		{"element for all missing a required element", `<xs:all><xs:element name="a"/><xs:element name="b"/></xs:all>`,
			`<xs:sequence><xs:element name="b"/></xs:sequence>`, "", "rcase-Recurse.2: element {urn:t}b (line 4) does not restrict element {urn:t}a (line 3)"},
		{"sequence for choice", `<xs:choice maxOccurs="2"><xs:element name="a"/><xs:element name="b"/></xs:choice>`,
			`<xs:sequence><xs:element name="b"/><xs:element name="a"/></xs:sequence>`, "", ""},
		{"sequence for choice too long", `<xs:choice><xs:element name="a"/><xs:element name="b"/></xs:choice>`,
			`<xs:sequence><xs:element name="a"/><xs:element name="b"/></xs:sequence>`, "", "rcase-MapAndSum.2"},
		{"choice for sequence", ab, `<xs:choice><xs:element name="a"/></xs:choice>`, "", ""},
		{"choice of two for sequence", ab, `<xs:choice><xs:element name="a"/><xs:element name="b"/></xs:choice>`, "", "cos-particle-restrict.2"},
		{"pointless groups ignored",
			`<xs:sequence><xs:sequence><xs:element name="a"/></xs:sequence><xs:choice><xs:element name="b"/></xs:choice></xs:sequence>`,
			`<xs:sequence><xs:element name="a"/><xs:sequence/><xs:element name="b"/></xs:sequence>`, "", ""},
		{"substitution group member for head", `<xs:sequence><xs:element ref="head"/></xs:sequence>`,
			`<xs:sequence><xs:element ref="m1"/></xs:sequence>`, subst, ""},
		{"head for head", `<xs:sequence><xs:element ref="head" maxOccurs="2"/></xs:sequence>`,
			`<xs:sequence><xs:element ref="head"/></xs:sequence>`, subst, ""},
		{"head for member", `<xs:sequence><xs:element ref="m1"/></xs:sequence>`,
			`<xs:sequence><xs:element ref="head"/></xs:sequence>`, subst, "cos-particle-restrict.2"},
		{"mixed for element-only", ab, `<xs:sequence><xs:element name="a"/></xs:sequence>`, "", ""},
		{"empty for emptiable", `<xs:sequence><xs:element name="a" minOccurs="0"/></xs:sequence>`, ``, "", ""},
		{"empty for required", ab, ``, "", "the base requires content"},
		{"content for empty", ``, `<xs:sequence><xs:element name="a" minOccurs="0"/></xs:sequence>`, "", "the base allows no content"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(restrictionSchema(tc.base, tc.derived, tc.extra), "s.xsd")
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatalf("compiled, want an error with %q", tc.want)
			}
			var se *SchemaError
			if !errors.Is(err, ErrSchema) || !errors.As(err, &se) || se.Line == 0 || se.Construct != `xs:restriction base="B"` {
				t.Errorf("error %v: want an ErrSchema *SchemaError at the xs:restriction", err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "derivation-ok-restriction.5") {
				t.Errorf("error %v: want %q", err, tc.want)
			}
		})
	}
}

// Mixed content cannot restrict element-only content; the reverse is
// allowed.
func TestRestrictionMixed(t *testing.T) {
	seq := `<xs:sequence><xs:element name="a"/></xs:sequence>`
	fsys := fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
<xs:complexType name="M" mixed="true">` + seq + `</xs:complexType>
<xs:complexType name="E">` + seq + `</xs:complexType>
<xs:complexType name="EfromM"><xs:complexContent><xs:restriction base="M">` + seq + `</xs:restriction></xs:complexContent></xs:complexType>
<xs:complexType name="MfromE" mixed="true"><xs:complexContent><xs:restriction base="E">` + seq + `</xs:restriction></xs:complexContent></xs:complexType>
</xs:schema>`)}}
	_, err := Compile(fsys, "s.xsd")
	if err == nil || !strings.Contains(err.Error(), "MfromE") || !strings.Contains(err.Error(), "mixed content cannot restrict element-only content") {
		t.Errorf("got %v, want MfromE refused", err)
	}
}

// TestElementsConsistent: one content model cannot give two types to one
// element name, directly, through a group, or through a substitution
// group member (cos-element-consistent); the same type twice is fine.
func TestElementsConsistent(t *testing.T) {
	tests := []struct {
		name, body string
		want       bool
	}{
		{"same name, same type", `<xs:complexType name="T"><xs:sequence>
<xs:element name="e" type="xs:string"/><xs:element name="f"/><xs:element name="e" type="xs:string"/></xs:sequence></xs:complexType>`, true},
		{"same name, two types", `<xs:complexType name="T"><xs:sequence>
<xs:element name="e" type="xs:string"/><xs:element name="e" type="xs:int"/></xs:sequence></xs:complexType>`, false},
		{"through a group", `<xs:group name="G"><xs:choice><xs:element name="e" type="xs:int"/></xs:choice></xs:group>
<xs:complexType name="T"><xs:sequence><xs:element name="e" type="xs:string"/><xs:group ref="G"/></xs:sequence></xs:complexType>`, false},
		{"through a substitution group", `<xs:element name="h" type="xs:string"/><xs:element name="m" type="xs:token" substitutionGroup="h"/>
<xs:complexType name="T"><xs:sequence><xs:element ref="h"/><xs:element name="m" type="xs:string"/></xs:sequence></xs:complexType>`, false},
		{"in different types", `<xs:complexType name="T"><xs:sequence><xs:element name="e" type="xs:string"/></xs:sequence></xs:complexType>
<xs:complexType name="U"><xs:sequence><xs:element name="e" type="xs:int"/></xs:sequence></xs:complexType>`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + tc.body + `</xs:schema>`)}}, "s.xsd")
			switch {
			case tc.want && err != nil:
				t.Fatal(err)
			case !tc.want && (err == nil || !strings.Contains(err.Error(), "cos-element-consistent")):
				t.Fatalf("got %v, want a cos-element-consistent error", err)
			}
		})
	}
}
