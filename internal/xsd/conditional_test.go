package xsd

import (
	"testing"
	"testing/fstest"
)

// TestConditionalInclusion: elements whose vc: conditions an XSD 1.0
// processor does not meet are left out before the document is read;
// conditions that are not lexically valid are ignored, as XSD 1.0 ignores
// any foreign attribute.
func TestConditionalInclusion(t *testing.T) {
	for _, tc := range []struct {
		name, attr string
		kept       bool
	}{
		{"minVersion 1.1", `vc:minVersion="1.1"`, false},
		{"minVersion 1.0", `vc:minVersion="1.0"`, true},
		{"maxVersion 1.1", `vc:maxVersion="1.1"`, true},
		{"maxVersion 1.0", `vc:maxVersion="1.0"`, false},
		{"minVersion not a decimal", `vc:minVersion="10g"`, true},
		{"maxVersion not a decimal", `vc:maxVersion="1.1.3"`, true},
		{"typeAvailable known", `vc:typeAvailable="xs:integer"`, true},
		{"typeAvailable 1.1 type", `vc:typeAvailable="xs:error"`, false},
		{"typeAvailable mixed", `vc:typeAvailable="xs:integer xs:dateTimeStamp"`, false},
		{"typeUnavailable known", `vc:typeUnavailable="xs:integer"`, false},
		{"typeUnavailable mixed", `vc:typeUnavailable="xs:integer xs:error"`, true},
		{"typeUnavailable bad QName", `vc:typeUnavailable="xs:integer 23"`, true},
		{"facetAvailable 1.1 facet", `vc:facetAvailable="xs:assertion"`, false},
		{"facetAvailable known", `vc:facetAvailable="xs:pattern"`, true},
		{"facetUnavailable known", `vc:facetUnavailable="xs:minLength"`, false},
		{"unknown vc attribute", `vc:whatever="x"`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The conditional attribute declaration is required: whether a
			// document without the attribute is valid tells if it was kept.
			schema := `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:vc="http://www.w3.org/2007/XMLSchema-versioning">` +
				`<xs:element name="e"><xs:complexType><xs:attribute name="a" use="required" ` + tc.attr + `/>` +
				`<xs:assert test="@a" vc:minVersion="1.1"/></xs:complexType></xs:element></xs:schema>`
			s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(schema)}}, "s.xsd")
			if err != nil {
				t.Fatal(err)
			}
			if ok, _ := ourVerdict(s, []byte(`<e/>`)); ok == tc.kept {
				t.Errorf("<e/> valid=%v: the declaration was kept=%v, want %v", ok, !ok, tc.kept)
			}
		})
	}
}
