package xsd

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// base.xsd is the document every case redefines; main.xsd redefines it.
const redefineBase = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="code"><xs:restriction base="xs:string"><xs:maxLength value="5"/></xs:restriction></xs:simpleType>
  <xs:complexType name="person">
    <xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence>
    <xs:attribute name="id" type="xs:int"/>
  </xs:complexType>
  <xs:group name="extra"><xs:sequence><xs:element name="note" type="xs:string" minOccurs="0"/></xs:sequence></xs:group>
  <xs:attributeGroup name="common">
    <xs:attribute name="lang" type="xs:string" use="required"/>
    <xs:attribute name="rank" type="xs:int"/>
    <xs:anyAttribute namespace="urn:other"/>
  </xs:attributeGroup>
  <xs:element name="p" type="person"/>
  <xs:element name="c" type="code"/>
  <xs:element name="g"><xs:complexType><xs:group ref="extra"/><xs:attributeGroup ref="common"/></xs:complexType></xs:element>
</xs:schema>`

func redefineSchema(body string) string {
	return `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:redefine schemaLocation="base.xsd">` +
		body + `</xs:redefine></xs:schema>`
}

// TestRedefine: a redefinition replaces the definition everywhere, also in
// the redefined document, and derives from the old one through its
// self-reference; what src-redefine forbids is refused with the
// constraint's name, file and line.
func TestRedefine(t *testing.T) {
	type doc struct {
		xml   string
		valid bool
	}
	for _, tc := range []struct {
		name, body string
		wantErr    string // empty: compiles
		docs       []doc
	}{
		{name: "simple type restricted",
			body: `<xs:simpleType name="code"><xs:restriction base="code"><xs:pattern value="[A-Z]+"/></xs:restriction></xs:simpleType>`,
			docs: []doc{{`<c>ABC</c>`, true}, {`<c>abc</c>`, false}, {`<c>ABCDEF</c>`, false}}},
		{name: "complex type extended",
			body: `<xs:complexType name="person"><xs:complexContent><xs:extension base="person">` +
				`<xs:sequence><xs:element name="born" type="xs:date"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
			docs: []doc{{`<p id="1"><name>A</name><born>2000-01-01</born></p>`, true}, {`<p><name>A</name></p>`, false}}},
		{name: "complex type restricted",
			body: `<xs:complexType name="person"><xs:complexContent><xs:restriction base="person">` +
				`<xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence>` +
				`<xs:attribute name="id" type="xs:int" use="required"/></xs:restriction></xs:complexContent></xs:complexType>`,
			docs: []doc{{`<p id="1"><name>A</name></p>`, true}, {`<p><name>A</name></p>`, false}}},
		{name: "group extended through its self-reference",
			body: `<xs:group name="extra"><xs:sequence><xs:group ref="extra"/><xs:element name="tag" type="xs:string"/></xs:sequence></xs:group>`,
			docs: []doc{{`<g lang="en"><note>n</note><tag>t</tag></g>`, true}, {`<g lang="en"><note>n</note></g>`, false}}},
		{name: "attribute group extended through its self-reference",
			body: `<xs:attributeGroup name="common"><xs:attributeGroup ref="common"/><xs:attribute name="level" type="xs:int" use="required"/></xs:attributeGroup>`,
			docs: []doc{{`<g lang="en" level="2"/>`, true}, {`<g lang="en"/>`, false}, {`<g lang="en" level="x"/>`, false}}},
		{name: "attribute group restricted",
			body: `<xs:attributeGroup name="common"><xs:attribute name="lang" type="xs:language" use="required"/></xs:attributeGroup>`,
			docs: []doc{{`<g lang="en"/>`, true}, {`<g lang="en" rank="1"/>`, false}, {`<g lang="!"/>`, false}}},
		{name: "group restricted without a self-reference",
			body: `<xs:group name="extra"><xs:sequence><xs:element name="note" type="xs:token" minOccurs="0"/></xs:sequence></xs:group>`,
			docs: []doc{{`<g lang="en"><note>n</note></g>`, true}, {`<g lang="en"/>`, true}, {`<g lang="en"><tag>t</tag></g>`, false}}},
		{name: "group replaced by one that is no restriction",
			body:    `<xs:group name="extra"><xs:sequence><xs:element name="tag" type="xs:string"/></xs:sequence></xs:group>`,
			wantErr: "src-redefine.6.2.2"},
		{name: "group restriction that makes an optional element required",
			body: `<xs:group name="extra"><xs:sequence><xs:element name="note" type="xs:string"/></xs:sequence></xs:group>`,
			docs: []doc{{`<g lang="en"><note>n</note></g>`, true}, {`<g lang="en"/>`, false}}},
		{name: "group restriction that allows more occurrences",
			body:    `<xs:group name="extra"><xs:sequence><xs:element name="note" type="xs:string" maxOccurs="2"/></xs:sequence></xs:group>`,
			wantErr: "src-redefine.6.2.2"},
		{name: "type not derived from itself",
			body:    `<xs:simpleType name="code"><xs:restriction base="xs:string"/></xs:simpleType>`,
			wantErr: "src-redefine.5"},
		{name: "complex type without derivation",
			body:    `<xs:complexType name="person"><xs:sequence/></xs:complexType>`,
			wantErr: "src-redefine.5"},
		{name: "unknown component",
			body:    `<xs:simpleType name="nothing"><xs:restriction base="nothing"/></xs:simpleType>`,
			wantErr: "src-redefine: type nothing is not defined"},
		{name: "simple type as complex type",
			body:    `<xs:complexType name="code"><xs:simpleContent><xs:extension base="code"/></xs:simpleContent></xs:complexType>`,
			wantErr: "cannot be redefined by an xs:complexType"},
		{name: "group referring to itself twice",
			body:    `<xs:group name="extra"><xs:sequence><xs:group ref="extra"/><xs:group ref="extra"/></xs:sequence></xs:group>`,
			wantErr: "src-redefine.6.1.1"},
		{name: "group self-reference repeated",
			body:    `<xs:group name="extra"><xs:sequence><xs:group ref="extra" maxOccurs="2"/></xs:sequence></xs:group>`,
			wantErr: "src-redefine.6.1.2"},
		{name: "attribute group referring to itself twice",
			body:    `<xs:attributeGroup name="common"><xs:attributeGroup ref="common"/><xs:attributeGroup ref="common"/></xs:attributeGroup>`,
			wantErr: "src-redefine.7.1"},
		{name: "attribute group restriction drops a required attribute",
			body:    `<xs:attributeGroup name="common"><xs:attribute name="rank" type="xs:int"/></xs:attributeGroup>`,
			wantErr: "required attribute lang is missing"},
		{name: "attribute group restriction adds an attribute",
			body:    `<xs:attributeGroup name="common"><xs:attribute name="lang" type="xs:string" use="required"/><xs:attribute name="x" type="xs:int"/></xs:attributeGroup>`,
			wantErr: "attribute x is neither in it nor allowed by its wildcard"},
		{name: "attribute group restriction changes a type",
			body:    `<xs:attributeGroup name="common"><xs:attribute name="lang" type="xs:int" use="required"/></xs:attributeGroup>`,
			wantErr: "the type of attribute lang does not derive from"},
		{name: "attribute group restriction widens the wildcard",
			body:    `<xs:attributeGroup name="common"><xs:attribute name="lang" type="xs:string" use="required"/><xs:anyAttribute namespace="##any"/></xs:attributeGroup>`,
			wantErr: "its attribute wildcard allows namespaces"},
		{name: "element cannot be redefined",
			body:    `<xs:element name="p"/>`,
			wantErr: "xs:element is not allowed in xs:redefine"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"base.xsd": {Data: []byte(redefineBase)},
				"main.xsd": {Data: []byte(redefineSchema(tc.body))},
			}
			s, err := Compile(fsys, "main.xsd")
			if tc.wantErr != "" {
				var se *SchemaError
				switch {
				case err == nil:
					t.Fatalf("compiled, want an error with %q", tc.wantErr)
				case !strings.Contains(err.Error(), tc.wantErr):
					t.Fatalf("error %v, want one with %q", err, tc.wantErr)
				case !errors.Is(err, ErrSchema) || !errors.As(err, &se) || se.File != "main.xsd" || se.Line == 0:
					t.Fatalf("error %v does not name main.xsd and a line", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range tc.docs {
				if ok, why := ourVerdict(s, []byte(d.xml)); ok != d.valid {
					t.Errorf("%s: valid=%v, want %v %s", d.xml, ok, d.valid, why)
				}
			}
			if len(tc.docs) > 0 {
				checkRedefineWithXmllint(t, fsys, tc.docs[0].xml, tc.docs[0].valid)
			}
		})
	}
}

// checkRedefineWithXmllint: xmllint gives a valid case's first document the
// same verdict.
func checkRedefineWithXmllint(t *testing.T, fsys fstest.MapFS, doc string, valid bool) {
	if !oracleAvailable(t) {
		return
	}
	dir := t.TempDir()
	if err := extractMapFS(fsys, dir); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "doc.xml")
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := oracleVerdicts(t, filepath.Join(dir, "main.xsd"), []string{file})[file]; got != valid {
		t.Errorf("xmllint: valid=%v, want %v", got, valid)
	}
}

// TestRedefineChameleonAndChain: a no-namespace document redefined into a
// namespace takes it on, and a redefinition of a redefinition derives from
// the one before it.
func TestRedefineChameleonAndChain(t *testing.T) {
	fsys := fstest.MapFS{
		"base.xsd": {Data: []byte(redefineBase)},
		"mid.xsd":  {Data: []byte(redefineSchema(`<xs:simpleType name="code"><xs:restriction base="code"><xs:minLength value="2"/></xs:restriction></xs:simpleType>`))},
		"top.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns:t="urn:t">` +
			`<xs:redefine schemaLocation="mid.xsd"><xs:simpleType name="code"><xs:restriction base="t:code">` +
			`<xs:pattern value="[a-z]*"/></xs:restriction></xs:simpleType></xs:redefine></xs:schema>`)},
	}
	s, err := Compile(fsys, "top.xsd")
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]bool{
		`<c xmlns="urn:t">abc</c>`:    true,
		`<c xmlns="urn:t">a</c>`:      false, // mid's minLength
		`<c xmlns="urn:t">abcdef</c>`: false, // base's maxLength
		`<c xmlns="urn:t">ABC</c>`:    false, // top's pattern
		`<c>abc</c>`:                  false, // the chameleon's components are in urn:t
	} {
		if ok, why := ourVerdict(s, []byte(doc)); ok != want {
			t.Errorf("%s: valid=%v, want %v %s", doc, ok, want, why)
		}
	}
}
