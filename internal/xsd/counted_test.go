package xsd

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCountedOccurrences: large bounds on a single element or wildcard are
// counted, not expanded, and give the verdicts expanded bounds give (and
// xmllint gives, where it is installed).
func TestCountedOccurrences(t *testing.T) {
	rep := func(s string, n int) string { return strings.Repeat(s, n) }
	type doc struct {
		xml   string
		valid bool
	}
	for _, tc := range []struct {
		name, model string
		err         string
		docs        []doc
	}{
		{name: "optional up to a million",
			model: `<xs:sequence><xs:element name="a" minOccurs="0" maxOccurs="1000000"/></xs:sequence>`,
			docs:  []doc{{``, true}, {rep(`<a/>`, 5000), true}, {rep(`<a/>`, 3) + `<b/>`, false}}},
		{name: "bounded range then another element",
			model: `<xs:sequence><xs:element name="a" minOccurs="100" maxOccurs="200"/><xs:element name="b"/></xs:sequence>`,
			docs: []doc{{rep(`<a/>`, 99) + `<b/>`, false}, {rep(`<a/>`, 100) + `<b/>`, true}, {rep(`<a/>`, 200) + `<b/>`, true},
				{rep(`<a/>`, 201) + `<b/>`, false}, {rep(`<a/>`, 150), false}}},
		{name: "unbounded with a large minimum",
			model: `<xs:sequence><xs:element name="a" minOccurs="100" maxOccurs="unbounded"/><xs:element name="b" minOccurs="0"/></xs:sequence>`,
			docs:  []doc{{rep(`<a/>`, 99), false}, {rep(`<a/>`, 100), true}, {rep(`<a/>`, 1000) + `<b/>`, true}}},
		{name: "exact count then the same name",
			model: `<xs:sequence><xs:element name="a" minOccurs="100" maxOccurs="100"/><xs:element name="a" minOccurs="0"/></xs:sequence>`,
			docs:  []doc{{rep(`<a/>`, 99), false}, {rep(`<a/>`, 100), true}, {rep(`<a/>`, 101), true}, {rep(`<a/>`, 102), false}}},
		{name: "wildcard",
			model: `<xs:sequence><xs:any namespace="##any" processContents="skip" maxOccurs="1000000"/></xs:sequence>`,
			docs:  []doc{{rep(`<x/><y/>`, 300), true}, {``, false}}},
		{name: "counted in a choice of a repeated group",
			model: `<xs:choice maxOccurs="3"><xs:element name="a" maxOccurs="100"/><xs:element name="b"/></xs:choice>`,
			docs:  []doc{{rep(`<a/>`, 100) + `<b/>` + rep(`<a/>`, 100), true}, {rep(`<a/>`, 300), true}, {rep(`<a/>`, 301), false}, {`<a/><b/><a/><b/>`, false}}},
		{name: "group repeating a counted element directly is expanded",
			model: `<xs:sequence maxOccurs="unbounded"><xs:element name="a" minOccurs="2" maxOccurs="100"/></xs:sequence>`,
			docs:  []doc{{rep(`<a/>`, 150), true}, {`<a/>`, false}, {rep(`<a/>`, 3), true}}},
		{name: "range then the same name is ambiguous",
			model: `<xs:sequence><xs:element name="a" minOccurs="0" maxOccurs="100"/><xs:element name="a"/></xs:sequence>`,
			err:   "Unique Particle Attribution"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			schema := `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="e"><xs:complexType>` +
				tc.model + `</xs:complexType></xs:element></xs:schema>`
			s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(schema)}}, "s.xsd")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var files []string
			dir := t.TempDir()
			for i, d := range tc.docs {
				xml := `<e>` + d.xml + `</e>`
				if ok, why := ourVerdict(s, []byte(xml)); ok != d.valid {
					t.Errorf("doc %d: valid=%v, want %v %s", i, ok, d.valid, why)
				}
				f := filepath.Join(dir, strconv.Itoa(i)+".xml")
				if err := os.WriteFile(f, []byte(xml), 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
			}
			if !oracleAvailable(t) {
				return
			}
			sf := filepath.Join(dir, "s.xsd")
			if err := os.WriteFile(sf, []byte(schema), 0o644); err != nil {
				t.Fatal(err)
			}
			lint := oracleVerdicts(t, sf, files)
			for i, d := range tc.docs {
				if lint[files[i]] != d.valid {
					t.Errorf("doc %d: xmllint valid=%v, want %v", i, lint[files[i]], d.valid)
				}
			}
		})
	}
}
