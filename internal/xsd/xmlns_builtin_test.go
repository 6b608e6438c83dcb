package xsd

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestXMLNamespaceBuiltin: a set that imports the XML namespace without a
// document it can read gets the attributes with their proper types and the
// specialAttrs group; a set that brings its own document keeps it.
func TestXMLNamespaceBuiltin(t *testing.T) {
	const schema = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a" xmlns="urn:a" elementFormDefault="qualified">
  IMPORT
  <xs:element name="r"><xs:complexType><xs:simpleContent><xs:extension base="xs:string">
    <xs:attributeGroup ref="xml:specialAttrs"/>
  </xs:extension></xs:simpleContent></xs:complexType></xs:element>
</xs:schema>`
	// A document of its own for the namespace, laxer than the built-in one.
	const ownXML = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:string"/>
  <xs:attribute name="space" type="xs:string"/>
  <xs:attribute name="base" type="xs:string"/>
  <xs:attribute name="id" type="xs:string"/>
  <xs:attributeGroup name="specialAttrs"><xs:attribute ref="xml:lang"/><xs:attribute ref="xml:space"/></xs:attributeGroup>
</xs:schema>`
	imports := map[string]string{
		"no schemaLocation":         `<xs:import namespace="http://www.w3.org/XML/1998/namespace"/>`,
		"schemaLocation on the web": `<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>`,
		"own document":              `<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>`,
	}
	for name, imp := range imports {
		s, err := Compile(fstest.MapFS{
			"s.xsd":   {Data: []byte(strings.Replace(schema, "IMPORT", imp, 1))},
			"xml.xsd": {Data: []byte(ownXML)},
		}, "s.xsd")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		own := name == "own document"
		for _, tc := range []struct {
			attrs      string
			valid, own bool // with the built-in declarations, with the set's own
		}{
			{`xml:lang="en-GB" xml:space="preserve" xml:base="http://example.org/a b" xml:id="x1"`, true, false},
			{`xml:lang="en-GB" xml:space="preserve"`, true, true},
			{`xml:lang=""`, true, true},
			{`xml:space="default"`, true, true},
			{`xml:space="bogus"`, false, true},
			{`xml:lang="not a tag!"`, false, true},
			{`xml:id="1x"`, false, false},
		} {
			findings, err := s.ValidateBytes([]byte(`<r xmlns="urn:a" ` + tc.attrs + `>t</r>`))
			if err != nil {
				t.Fatalf("%s, %s: %v", name, tc.attrs, err)
			}
			want := tc.valid
			if own {
				want = tc.own
			}
			if got := len(findings) == 0; got != want {
				t.Errorf("%s, %s: valid = %v, want %v (%v)", name, tc.attrs, got, want, findings)
			}
		}
	}
}
