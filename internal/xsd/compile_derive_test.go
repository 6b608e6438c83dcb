package xsd

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestDerivationShapes: schemas whose verdict depends on how a local
// element's anonymous type, a simple-content base or a restricted attribute
// is read. want is "" for a valid schema, else a fragment of the error;
// docs are instances with their expected verdicts.
func TestDerivationShapes(t *testing.T) {
	type doc struct {
		xml   string
		valid bool
	}
	simpleBase := `<xs:complexType name="S"><xs:simpleContent><xs:extension base="xs:decimal">
  <xs:attribute name="a"/></xs:extension></xs:simpleContent></xs:complexType>`
	for _, tc := range []struct {
		name, body, want string
		docs             []doc
	}{
		{name: "group recursion through a local element",
			body: `<xs:element name="r"><xs:complexType><xs:group ref="g" maxOccurs="unbounded"/></xs:complexType></xs:element>
<xs:group name="g"><xs:sequence><xs:element name="n"><xs:complexType>
  <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="leaf"/><xs:group ref="g"/></xs:choice>
</xs:complexType></xs:element></xs:sequence></xs:group>`,
			docs: []doc{{`<r><n><leaf/><n><n/></n></n></r>`, true}, {`<r><leaf/></r>`, false}}},
		{name: "group referring to itself directly",
			body: `<xs:group name="g"><xs:sequence><xs:element name="a"/><xs:group ref="g"/></xs:sequence></xs:group>`,
			want: "group g refers to itself"},
		{name: "anonymous type restricting the type it is declared in",
			body: `<xs:complexType name="T"><xs:sequence><xs:element name="a"/>
  <xs:element name="sub" minOccurs="0"><xs:complexType><xs:complexContent><xs:restriction base="T">
    <xs:sequence><xs:element name="a"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType></xs:element>
</xs:sequence></xs:complexType><xs:element name="r" type="T"/>`,
			docs: []doc{{`<r><a/><sub><a/></sub></r>`, true}, {`<r><a/><sub><a/><sub><a/></sub></sub></r>`, false}}},
		{name: "complex content adding only attributes to simple content",
			body: simpleBase + `<xs:complexType name="E"><xs:complexContent><xs:extension base="S">
  <xs:attribute name="b"/></xs:extension></xs:complexContent></xs:complexType><xs:element name="r" type="E"/>`,
			docs: []doc{{`<r a="1" b="2">1.5</r>`, true}, {`<r>x</r>`, false}, {`<r><a/></r>`, false}}},
		{name: "complex content adding elements to simple content",
			body: simpleBase + `<xs:complexType name="E"><xs:complexContent><xs:extension base="S">
  <xs:sequence><xs:element name="x"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
			want: "cos-ct-extends.1.4"},
		{name: "simple content restricted by an unrelated simple type",
			body: simpleBase + `<xs:complexType name="R"><xs:simpleContent><xs:restriction base="S">
  <xs:simpleType><xs:list itemType="xs:int"/></xs:simpleType></xs:restriction></xs:simpleContent></xs:complexType>`,
			want: "derivation-ok-restriction.5.1"},
		{name: "simple content restricted by a derived simple type",
			body: simpleBase + `<xs:complexType name="R"><xs:simpleContent><xs:restriction base="S">
  <xs:simpleType><xs:restriction base="xs:integer"/></xs:simpleType></xs:restriction></xs:simpleContent></xs:complexType>
<xs:element name="r" type="R"/>`,
			docs: []doc{{`<r>2</r>`, true}, {`<r>2.5</r>`, false}}},
		{name: "attribute restricted to a type not derived from the base's",
			body: `<xs:complexType name="B"><xs:attribute name="n" type="xs:integer"/></xs:complexType>
<xs:complexType name="R"><xs:complexContent><xs:restriction base="B">
  <xs:attribute name="n" type="xs:string"/></xs:restriction></xs:complexContent></xs:complexType>`,
			want: "derivation-ok-restriction.2.1.2"},
		{name: "attribute restricted to a derived type",
			body: `<xs:complexType name="B"><xs:attribute name="n" type="xs:integer"/></xs:complexType>
<xs:complexType name="R"><xs:complexContent><xs:restriction base="B">
  <xs:attribute name="n" type="xs:byte"/></xs:restriction></xs:complexContent></xs:complexType><xs:element name="r" type="R"/>`,
			docs: []doc{{`<r n="5"/>`, true}, {`<r n="500"/>`, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + tc.body + `</xs:schema>`)}}, "s.xsd")
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "s.xsd:") {
					t.Fatalf("error %v, want one naming s.xsd and %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, d := range tc.docs {
				if ok, why := ourVerdict(s, []byte(d.xml)); ok != d.valid {
					t.Errorf("doc %d: valid=%v, want %v %s", i, ok, d.valid, why)
				}
			}
		})
	}
}
