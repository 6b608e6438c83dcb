package xsd

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// Schema documents that break the Schema for Schemas are refused with the
// file, the line and what is wrong.
func TestSchemaStructure(t *testing.T) {
	const head = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n"
	for _, tc := range []struct{ name, body, msg string }{
		{"annotation not first", `<xs:element name="e"><xs:complexType/><xs:annotation/></xs:element>`, "xs:annotation must be the first child of xs:element"},
		{"two annotations", `<xs:element name="e"><xs:annotation/><xs:annotation/></xs:element>`, "xs:annotation must be the first child"},
		{"annotation content", `<xs:annotation><xs:element name="x"/></xs:annotation>`, "is not allowed in xs:annotation"},
		{"abstract -1", `<xs:element name="e" abstract="-1"/>`, `abstract='-1' is not a boolean`},
		{"XSD-namespace attribute", `<xs:element name="e" xs:type="xs:int"/>`, "in the XML Schema namespace"},
		{"id not an NCName", `<xs:element name="e" id="1e"/>`, "is not an NCName"},
		{"id twice", `<xs:element name="e" id="a"/><xs:element name="f" id="a"/>`, "used twice"},
		{"foreign element", `<xs:element name="e"><foo/></xs:element>`, "element foo is not allowed in xs:element"},
		{"facet content", `<xs:simpleType name="s"><xs:restriction base="xs:int"><xs:minInclusive value="1"><xs:all/></xs:minInclusive></xs:restriction></xs:simpleType>`, "holds at most an annotation"},
		{"import after a declaration", `<xs:element name="e"/><xs:import namespace="urn:x"/>`, "must come before the schema's declarations"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(head + tc.body + "\n</xs:schema>")}}, "s.xsd")
			var se *SchemaError
			if !errors.As(err, &se) || !errors.Is(err, ErrSchema) || !strings.Contains(se.Msg, tc.msg) || se.File != "s.xsd" || se.Line != 2 {
				t.Fatalf("error %v, want s.xsd line 2 saying %q", err, tc.msg)
			}
		})
	}
	if _, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(head + `<xs:annotation/><xs:element name="e" abstract=" true " id="e1"><xs:annotation><xs:documentation><b>any</b></xs:documentation></xs:annotation></xs:element><xs:annotation/></xs:schema>`)}}, "s.xsd"); err != nil {
		t.Errorf("a well-formed schema is refused: %v", err)
	}
}
