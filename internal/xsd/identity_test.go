package xsd

import "testing"

// A field selects an element with a simple value; a nilled element has no
// value, and is passed over only when its type is simple or has simple
// content: a nilled element of complex content is a node of non-simple
// type (XSD 1.0 §3.11.4, cvc-identity-constraint.4).
func TestIdentityFieldNilled(t *testing.T) {
	unique := func(decl string) string {
		return `<xs:element name="r"><xs:complexType><xs:sequence><xs:element ref="u" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
<xs:unique name="k"><xs:selector xpath="u"/><xs:field xpath="."/></xs:unique></xs:element>` + decl
	}
	const xsi = ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
	runS4SCases(t, []s4sCase{
		{name: "nilled element of simple type", body: unique(`<xs:element name="u" type="xs:string" nillable="true"/>`),
			valid:   []string{`<r` + xsi + `><u xsi:nil="true"/><u xsi:nil="true"/><u>a</u></r>`},
			invalid: []string{`<r><u>a</u><u>a</u></r>`}},
		{name: "nilled element of anyType", body: unique(`<xs:element name="u" nillable="true"/>`),
			invalid: []string{`<r` + xsi + `><u xsi:nil="true"/></r>`, `<r><u>a</u></r>`}},
	})
}

// A field's union selecting one node twice selects it once, and a node a
// field selects has its value whitespace-normalised before it is checked,
// as libxml2 does: " 5 " is then an xs:int, and elsewhere not (see
// simpleType.strictWS).
func TestIdentityFieldNodes(t *testing.T) {
	body := `<xs:element name="r"><xs:complexType><xs:sequence><xs:element name="e" maxOccurs="unbounded"><xs:complexType><xs:simpleContent><xs:extension base="xs:int"><xs:attribute name="a" type="xs:int"/><xs:attribute name="b" type="xs:int"/></xs:extension></xs:simpleContent></xs:complexType></xs:element><xs:element name="f" type="xs:QName" minOccurs="0"/><xs:element name="g" type="xs:QName" minOccurs="0"/></xs:sequence></xs:complexType>
<xs:unique name="k"><xs:selector xpath="e"/><xs:field xpath="@a|@a|./@a"/></xs:unique><xs:unique name="k2"><xs:selector xpath="."/><xs:field xpath=".//f"/></xs:unique></xs:element>`
	runS4SCases(t, []s4sCase{
		{name: "field nodes", body: body,
			valid:   []string{`<r><e a="1">1</e><e a="2">1</e></r>`, `<r><e a=" 5 ">1</e></r>`, `<r xmlns:p="urn:p"><e>1</e><f> p:x </f></r>`},
			invalid: []string{`<r><e a="1">1</e><e a="1">1</e></r>`, `<r><e b=" 5 ">1</e></r>`, `<r><e> 1 </e></r>`, `<r xmlns:p="urn:p"><e>1</e><g> p:x </g></r>`}},
	})
}
