package xsd

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// block, final, their defaults, and xsi:type naming a union member: one
// minimal schema per rule, with the instances it must accept and refuse.
func TestBlockAndFinal(t *testing.T) {
	const xs = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" %s>`
	base := `<xs:complexType name="B" %s><xs:sequence><xs:element name="a" minOccurs="0"/></xs:sequence></xs:complexType>
  <xs:complexType name="Ext"><xs:complexContent><xs:extension base="B"><xs:sequence><xs:element name="b" minOccurs="0"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`
	for _, tc := range []struct {
		name, schema string
		valid        []string
		invalid      []string
		err          string // in the compile error
	}{
		{name: "final extension", schema: strings.Replace(xs, "%s", "", 1) + strings.Replace(base, "%s", `final="extension"`, 1) + `</xs:schema>`,
			err: "final for extension"},
		{name: "finalDefault #all", schema: strings.Replace(xs, "%s", `finalDefault="#all"`, 1) + strings.Replace(base, "%s", "", 1) + `</xs:schema>`,
			err: "final for extension"},
		{name: "final on a simple type", schema: strings.Replace(xs, "%s", "", 1) + `<xs:simpleType name="S" final="list"><xs:restriction base="xs:int"/></xs:simpleType>
  <xs:simpleType name="L"><xs:list itemType="S"/></xs:simpleType></xs:schema>`, err: "final for list"},
		{name: "bad block token", schema: strings.Replace(xs, "%s", "", 1) + strings.Replace(base, "%s", `block="substitution"`, 1) + `</xs:schema>`,
			err: `'substitution' is not one of #all`},
		{name: "block extension on the element", schema: strings.Replace(xs, "%s", "", 1) + strings.Replace(base, "%s", "", 1) +
			`<xs:element name="e" type="B" block="extension"/></xs:schema>`,
			valid: []string{`<e/>`}, invalid: []string{`<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Ext"/>`}},
		{name: "block extension on the type", schema: strings.Replace(xs, "%s", "", 1) + strings.Replace(base, "%s", `block="extension"`, 1) +
			`<xs:element name="e" type="B"/></xs:schema>`,
			invalid: []string{`<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Ext"/>`}},
		{name: "blockDefault", schema: strings.Replace(xs, "%s", `blockDefault="#all"`, 1) + strings.Replace(base, "%s", "", 1) +
			`<xs:element name="e" type="B"/><xs:element name="m" type="Ext" substitutionGroup="e"/><xs:element name="r"><xs:complexType><xs:sequence><xs:element ref="e"/></xs:sequence></xs:complexType></xs:element></xs:schema>`,
			valid: []string{`<r><e/></r>`}, invalid: []string{`<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Ext"/>`, `<r><m/></r>`}},
		{name: "substitution allowed", schema: strings.Replace(xs, "%s", "", 1) + strings.Replace(base, "%s", "", 1) +
			`<xs:element name="e" type="B"/><xs:element name="m" type="Ext" substitutionGroup="e"/><xs:element name="r"><xs:complexType><xs:sequence><xs:element ref="e"/></xs:sequence></xs:complexType></xs:element></xs:schema>`,
			valid: []string{`<r><m/></r>`, `<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Ext"/>`}},
		{name: "head final", schema: strings.Replace(xs, "%s", "", 1) + strings.Replace(base, "%s", "", 1) +
			`<xs:element name="e" type="B" final="extension"/><xs:element name="m" type="Ext" substitutionGroup="e"/></xs:schema>`,
			err: "final for extension"},
		{name: "member type not derived", schema: strings.Replace(xs, "%s", "", 1) +
			`<xs:element name="e" type="xs:int"/><xs:element name="m" type="xs:string" substitutionGroup="e"/></xs:schema>`,
			err: "not derived from the type of its substitution group head"},
		{name: "xsi:type naming a union member", schema: strings.Replace(xs, "%s", "", 1) +
			`<xs:simpleType name="U"><xs:union memberTypes="xs:int xs:date"/></xs:simpleType><xs:element name="e" type="U"/></xs:schema>`,
			valid:   []string{`<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:int" xmlns:xs="http://www.w3.org/2001/XMLSchema">5</e>`},
			invalid: []string{`<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:int" xmlns:xs="http://www.w3.org/2001/XMLSchema">2026-01-01</e>`, `<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string" xmlns:xs="http://www.w3.org/2001/XMLSchema">5</e>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(tc.schema)}}, "s.xsd")
			if tc.err != "" {
				if !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkVerdicts(t, s, tc.valid, tc.invalid)
		})
	}
}
