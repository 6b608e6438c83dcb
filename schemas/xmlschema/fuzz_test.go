package xmlschema

import (
	"testing"
	"testing/fstest"
)

// FuzzScanHeader: reading a schema document's header never panics or hangs,
// and whatever it finds, planning a folder with that document ends in a set
// or an error, never a panic.
func FuzzScanHeader(f *testing.F) {
	for _, s := range []string{
		`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"><xs:import namespace="urn:b" schemaLocation="b.xsd"/></xs:schema>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="a.xsd"/><xs:element name="e"/></xs:schema>`,
		`<!DOCTYPE xs:schema [<!ENTITY x "y">]><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">&x;</xs:schema>`,
		`<a/>`, ``, `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:redefine schemaLocation="../../x"/>`,
	} {
		f.Add([]byte(s))
	}
	b := schemaDoc("urn:b", `<xs:element name="B" type="xs:string"/>`)
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := scanHeader(data)
		if err == nil && len(h.refs) > maxHeaderTokens {
			t.Fatalf("%d references from a bounded scan", len(h.refs))
		}
		set, err := Load(fstest.MapFS{"a.xsd": {Data: data}, "b.xsd": b})
		if (set == nil) == (err == nil) {
			t.Fatalf("set %v and error %v", set, err)
		}
	})
}

// FuzzValidate: any bytes get a verdict, never a panic or a hang, and every finding
// carries one of the package's codes and a message.
func FuzzValidate(f *testing.F) {
	set, err := Options{MaxBytes: 1 << 16, MaxDepth: 16}.Load(orderSet, "order.xsd")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		`<Order xmlns="urn:order" currency="EUR"><Id>1</Id></Order>`,
		`<Order xmlns="urn:order"><Id>x</Id><Note/><Note/></Order>`,
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Order xmlns=\"urn:order\" currency=\"\xe9\"><Id>1</Id></Order>",
		`<!DOCTYPE Order><Order/>`, `<Order xmlns="urn:order" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>`,
		"\xff\xfe<\x00a\x00/\x00>\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fd := range set.ValidateBytes(data) {
			if fd.Code != CodeEncoding && fd.Code != CodeInvalid && fd.Code != CodeTooLarge || fd.Message == "" {
				t.Fatalf("finding %+v", fd)
			}
		}
	})
}
