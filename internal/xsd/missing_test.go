package xsd

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// TestMissingComponents: a reference that does not resolve compiles with a
// warning naming file, line and construct when only an instance would need
// the missing component, and an element that needs it is invalid; where
// compiling needs it, the schema is refused (missing.go).
func TestMissingComponents(t *testing.T) {
	const head = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n"
	for _, tc := range []struct {
		name, schema string
		warning      string // in the one warning, or in the error when refused
		refused      bool
		valid        []string // instances that validate
		invalid      []string // instances with a finding containing finding
		finding      string
	}{{
		name: "element type",
		schema: `<xs:element name="good" type="xs:integer"/>
<xs:element name="bad" type="absent"/>`,
		warning: `s.xsd:3: xs:element name="bad": type absent is not declared; element bad is invalid wherever it occurs`,
		valid:   []string{`<good>3</good>`},
		invalid: []string{`<bad>3</bad>`, `<bad xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:integer" xmlns:xs="http://www.w3.org/2001/XMLSchema">3</bad>`},
		finding: "element bad cannot be validated: its type absent is not declared",
	}, {
		name: "misspelt built-in",
		schema: `<xs:element name="e" type="xs:strin"/>
<xs:element name="f" type="xs:string"/>`,
		warning: `type {http://www.w3.org/2001/XMLSchema}strin is not declared`,
		valid:   []string{`<f>x</f>`},
		invalid: []string{`<e>x</e>`},
		finding: "its type {http://www.w3.org/2001/XMLSchema}strin is not declared",
	}, {
		name: "substitution group head",
		schema: `<xs:element name="good" type="xs:integer"/>
<xs:element name="bad" substitutionGroup="rotten"/>`,
		warning: `s.xsd:3: xs:element name="bad": substitution group head rotten is not declared; element bad substitutes for no element`,
		valid:   []string{`<good>3</good>`, `<bad>3</bad>`},
	}, {
		name: "list item type",
		schema: `<xs:element name="good" type="xs:integer"/>
<xs:element name="bad" type="list"/>
<xs:simpleType name="list"><xs:list itemType="absent"/></xs:simpleType>`,
		warning: `s.xsd:4: xs:list: type absent is not declared; no value of the list is valid`,
		valid:   []string{`<good>3</good>`, `<bad/>`},
		invalid: []string{`<bad>3</bad>`},
		finding: "list item '3': type absent is not declared in the schema",
	}, {
		name:    "restriction base",
		schema:  `<xs:simpleType name="d"><xs:restriction base="absent"/></xs:simpleType>`,
		warning: `s.xsd:2: xs:restriction base="absent": type absent is not declared`,
		refused: true,
	}, {
		name: "element used in a content model",
		schema: `<xs:element name="root"><xs:complexType><xs:sequence><xs:element ref="bad"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="bad" type="absent"/>`,
		warning: `s.xsd:3: xs:element name="bad": type absent is not declared, and the content model at s.xsd:2 refers to element bad`,
		refused: true,
	}, {
		name: "element heading a substitution group",
		schema: `<xs:element name="bad" type="absent"/>
<xs:element name="member" substitutionGroup="bad"/>`,
		warning: `type absent is not declared, and element bad is the substitution group head of member`,
		refused: true,
	}, {
		name:    "local element",
		schema:  `<xs:element name="root"><xs:complexType><xs:sequence><xs:element name="bad" type="absent"/></xs:sequence></xs:complexType></xs:element>`,
		warning: `s.xsd:2: xs:element name="bad": type absent is not declared`,
		refused: true,
	}, {
		name:    "element with a default",
		schema:  `<xs:element name="bad" type="absent" default="1"/>`,
		warning: `type absent is not declared`,
		refused: true,
	}, {
		name: "enumeration of a list without item type",
		schema: `<xs:simpleType name="list"><xs:list itemType="absent"/></xs:simpleType>
<xs:simpleType name="e"><xs:restriction base="list"><xs:enumeration value="1"/></xs:restriction></xs:simpleType>`,
		warning: `type absent is not declared in the schema, so no value is valid for it`,
		refused: true,
	}, {
		name:    "attribute type",
		schema:  `<xs:attribute name="a" type="absent"/>`,
		warning: `s.xsd:2: xs:attribute name="a": type absent is not declared`,
		refused: true,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(head + tc.schema + "\n</xs:schema>")}}, "s.xsd")
			if tc.refused {
				if err == nil || !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), tc.warning) {
					t.Fatalf("error %v, want one wrapping ErrSchema containing %q", err, tc.warning)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			w := s.Warnings()
			var se *SchemaError
			if len(w) != 1 || !errors.As(w[0], &se) || !errors.Is(w[0], ErrSchema) || !strings.Contains(w[0].Error(), tc.warning) {
				t.Fatalf("warnings %v, want one *SchemaError containing %q", w, tc.warning)
			}
			for _, doc := range tc.valid {
				if f, err := s.ValidateBytes([]byte(doc)); err != nil || len(f) > 0 {
					t.Errorf("%s: %v %v, want valid", doc, f, err)
				}
			}
			for _, doc := range tc.invalid {
				f, err := s.ValidateBytes([]byte(doc))
				if err != nil || len(f) != 1 || !strings.Contains(f[0].Message, tc.finding) || f[0].Line != 1 {
					t.Errorf("%s: %v %v, want one finding on line 1 containing %q", doc, f, err, tc.finding)
				}
			}
		})
	}
}

// An import that cannot be followed leaves its namespace's types missing:
// an element declared with one compiles with two warnings and validates
// nothing; a type derived from one is refused.
func TestMissingComponentsOfSkippedImport(t *testing.T) {
	const imp = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns:a="urn:absent">
  <xs:import namespace="urn:absent" schemaLocation="no-such-file.xsd"/>
`
	s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(imp + `<xs:element name="root" type="a:Missing"/></xs:schema>`)}}, "s.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 2 || !strings.Contains(w[0].Error(), "no-such-file.xsd") || !strings.Contains(w[1].Error(), "s.xsd:3:") {
		t.Errorf("warnings %v, want the import and the missing type", w)
	}
	if f, _ := s.ValidateBytes([]byte(`<root xmlns="urn:t"/>`)); len(f) != 1 || !strings.Contains(f[0].Message, "{urn:absent}Missing is not declared") {
		t.Errorf("findings %v, want the missing type", f)
	}
	_, err = Compile(fstest.MapFS{"s.xsd": {Data: []byte(imp + `<xs:complexType name="d"><xs:complexContent><xs:extension base="a:Missing"/></xs:complexContent></xs:complexType></xs:schema>`)}}, "s.xsd")
	if err == nil || !strings.Contains(err.Error(), "s.xsd:3:") {
		t.Errorf("error %v, want the extension of a missing type refused at s.xsd:3", err)
	}
}
