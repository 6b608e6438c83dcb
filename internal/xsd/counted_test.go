package xsd

import (
	"os"
	"path/filepath"
	"slices"
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
		// lintDiffers lists the documents on which xmllint is known to
		// differ, and why; noLint says why xmllint cannot be asked.
		lintDiffers []int
		why, noLint string
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
		{name: "group repeating a counted element directly",
			model: `<xs:sequence maxOccurs="unbounded"><xs:element name="a" minOccurs="2" maxOccurs="100"/></xs:sequence>`,
			docs:  []doc{{rep(`<a/>`, 150), true}, {`<a/>`, false}, {rep(`<a/>`, 3), true}}},
		{name: "group around several particles",
			model: `<xs:sequence minOccurs="2" maxOccurs="1000"><xs:element name="a"/><xs:element name="b" minOccurs="0"/></xs:sequence>`,
			docs: []doc{{`<a/>`, false}, {`<a/><a/>`, true}, {`<a/><b/><a/>`, true}, {rep(`<a/><b/>`, 1000), true},
				{rep(`<a/>`, 1001), false}, {`<b/>`, false}, {`<a/><b/><b/>`, false}}},
		{name: "nested counted groups",
			model: `<xs:sequence minOccurs="3" maxOccurs="100"><xs:sequence minOccurs="2" maxOccurs="80">` +
				`<xs:element name="a"/><xs:element name="b"/></xs:sequence><xs:element name="c"/></xs:sequence>`,
			docs: []doc{{rep(rep(`<a/><b/>`, 2)+`<c/>`, 3), true}, {rep(rep(`<a/><b/>`, 2)+`<c/>`, 2), false},
				{rep(`<a/><b/><c/>`, 3), false}, {rep(rep(`<a/><b/>`, 80)+`<c/>`, 3), true}, {rep(rep(`<a/><b/>`, 81)+`<c/>`, 3), false},
				{rep(rep(`<a/><b/>`, 2)+`<c/>`, 100), true}, {rep(rep(`<a/><b/>`, 2)+`<c/>`, 101), false}, {rep(`<a/><b/>`, 2) + `<a/><c/>`, false}}},
		{name: "iterations counted two ways",
			model: `<xs:choice minOccurs="70" maxOccurs="100"><xs:element name="a" maxOccurs="unbounded"/><xs:element name="b"/></xs:choice>`,
			docs: []doc{{rep(`<a/>`, 70), true}, {rep(`<a/>`, 69), false}, {rep(`<a/>`, 5000), true},
				{rep(`<a/><b/>`, 50), true}, {rep(`<a/><b/>`, 51), false}, {rep(`<b/>`, 69) + `<a/>`, true}, {rep(`<b/>`, 101), false}},
			lintDiffers: []int{0, 2}, why: "libxml2 keeps a run of a in one iteration of the choice, where XSD lets each a be one"},
		{name: "exact group count then the same name",
			model: `<xs:sequence><xs:sequence minOccurs="70" maxOccurs="70"><xs:element name="a"/></xs:sequence><xs:element name="a" minOccurs="0"/></xs:sequence>`,
			docs:  []doc{{rep(`<a/>`, 69), false}, {rep(`<a/>`, 70), true}, {rep(`<a/>`, 71), true}, {rep(`<a/>`, 72), false}}},
		{name: "group whose term may be empty",
			model: `<xs:sequence minOccurs="100" maxOccurs="200"><xs:element name="a" minOccurs="0"/></xs:sequence>`,
			docs:  []doc{{``, true}, {rep(`<a/>`, 200), true}, {rep(`<a/>`, 201), false}}},
		{name: "bounds beyond 64 bits",
			model:  `<xs:sequence><xs:element name="a" minOccurs="0" maxOccurs="79228162514264337593543950335"/><xs:element name="b"/></xs:sequence>`,
			docs:   []doc{{rep(`<a/>`, 300) + `<b/>`, true}, {rep(`<a/>`, 300), false}},
			noLint: "libxml2 refuses a maxOccurs beyond its integers"},
		{name: "minOccurs beyond 64 bits above maxOccurs",
			model: `<xs:sequence><xs:element name="a" minOccurs="79228162514264337593543950336" maxOccurs="79228162514264337593543950335"/></xs:sequence>`,
			err:   "minOccurs 79228162514264337593543950336 is greater than maxOccurs"},
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
			if tc.noLint != "" || !oracleAvailable(t) {
				return
			}
			sf := filepath.Join(dir, "s.xsd")
			if err := os.WriteFile(sf, []byte(schema), 0o644); err != nil {
				t.Fatal(err)
			}
			lint := oracleVerdicts(t, sf, files)
			for i, d := range tc.docs {
				if differs := slices.Contains(tc.lintDiffers, i); (lint[files[i]] != d.valid) != differs {
					t.Errorf("doc %d: xmllint valid=%v, want %v (listed as differing: %v, %s)", i, lint[files[i]], d.valid, differs, tc.why)
				}
			}
		})
	}
}
