package xsd

import "strings"

// The XML namespace (http://www.w3.org/XML/1998/namespace) has attributes
// that every schema may use — xml:lang, xml:space, xml:base, xml:id — and
// sets refer to them, or to the group of all four, through an import that
// often has no schemaLocation or one on the web ("http://www.w3.org/2001/
// xml.xsd"), which this package never fetches. When no document of the set
// declares the namespace, the set gets these declarations, with the types
// the XML and xml:id Recommendations give the attributes: a language tag
// or the empty string, default or preserve, a URI reference, an ID. A set
// that brings its own document for the namespace uses that one instead.
const xmlNamespaceDoc = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang">
    <xs:simpleType>
      <xs:union memberTypes="xs:language">
        <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction></xs:simpleType>
      </xs:union>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="space">
    <xs:simpleType>
      <xs:restriction base="xs:NCName"><xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
  <xs:attributeGroup name="specialAttrs">
    <xs:attribute ref="xml:base"/>
    <xs:attribute ref="xml:lang"/>
    <xs:attribute ref="xml:space"/>
    <xs:attribute ref="xml:id"/>
  </xs:attributeGroup>
</xs:schema>`

// xmlNamespaceFile names the built-in document in errors.
const xmlNamespaceFile = "(built-in declarations of the XML namespace)"

// loadXMLNamespace adds the built-in declarations of the XML namespace when
// no document of the set has declared a component in it.
func (l *loader) loadXMLNamespace() error {
	for _, comps := range l.comps {
		for q := range comps {
			if q.ns == nsXML {
				return nil
			}
		}
	}
	ns := nsXML
	files, bytes := l.files, l.bytes
	err := l.loadData(xmlNamespaceFile, []byte(strings.TrimSpace(xmlNamespaceDoc)), &ns, false, nil)
	l.files, l.bytes = files, bytes // not a document of the set: it counts against no limit
	return err
}
