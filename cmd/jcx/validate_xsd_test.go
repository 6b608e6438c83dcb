package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// xsdDir is absolute because the tests change the working directory.
var xsdDir = filepath.Join(filepath.Dir(goldenDir), "xsd")

func TestValidateXSD(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring of stdout
		stderr     string // substring of stderr
		goldenName string // golden file for stdout
	}{
		{name: "one entry, valid", args: []string{"--xsd", "set/order.xsd", "docs/order.xml"}, code: 0, stdout: "ok   docs/order.xml\n", stderr: "1 valid, 0 invalid"},
		{name: "one entry, invalid", args: []string{"--xsd", "set/order.xsd", "docs/order-bad.xml"}, code: 1, goldenName: "validate-xsd-invalid.txt", stderr: "0 valid, 1 invalid"},
		{name: "json", args: []string{"--xsd", "set/order.xsd", "--output", "json", "docs/order.xml", "docs/order-bad.xml"}, code: 1, goldenName: "validate-xsd.json"},
		{name: "the entry's set lacks the invoice", args: []string{"--xsd", "set/order.xsd", "docs/more/invoice.xml"}, code: 1, stdout: "no global declaration for the root element {urn:example:invoice}Invoice"},
		{name: "several entries", args: []string{"--xsd", "set/order.xsd", "--xsd", "set/invoice.xsd", "docs/order.xml", "docs/more/invoice.xml"}, code: 0, stderr: "2 valid, 0 invalid"},
		{name: "folder of schemas, folder of documents", args: []string{"--xsd", "set", "docs"}, code: 1, goldenName: "validate-xsd-folders.txt", stderr: "common-v0.xsd left out: namespace urn:example:common is taken from "},
		{name: "schema set does not compile", args: []string{"--xsd", "bad.xsd", "docs/order.xml"}, code: 2, stderr: `bad.xsd:5: xs:element name="Quantity": type Count is not declared`},
		{name: "missing entry", args: []string{"--xsd", "nope.xsd", "docs/order.xml"}, code: 2, stderr: "nope.xsd: cannot read: "},
		{name: "folder without schemas", args: []string{"--xsd", "docs", "docs/order.xml"}, code: 2, stderr: "no schema document (*.xsd) in the folder"},
		{name: "no XML in the folder", args: []string{"--xsd", "set/order.xsd", "set"}, code: 2, stderr: "no *.xml file found in set"},
		{name: "json format", args: []string{"--xsd", "set/order.xsd", "--format", "json", "docs/order.xml"}, code: 2, stderr: "--format json does not apply"},
		{name: "clock", args: []string{"--xsd", "set/order.xsd", "--now", "2026-11-20T09:00:00Z", "docs/order.xml"}, code: 2, stderr: "--now applies to the business rules"},
		{name: "standard input", args: []string{"--xsd", "set/order.xsd", "-"}, code: 1, stdout: "FAIL -\n  3020"},
		{name: "missing type: a warning", args: []string{"--xsd", "missing.xsd", "-"}, code: 1,
			stderr: "jcx validate: --xsd: warning: " + filepath.Join(xsdDir, "missing.xsd") + `:3: xs:element name="Order": type Count is not declared`},
		{name: "missing type: invalid where used", args: []string{"--xsd", "missing.xsd", "-"}, code: 1,
			stdout: "element Order cannot be validated: its type Count is not declared in the schema"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(xsdDir)
			r := jcx(t, "<Order/>", append([]string{"validate"}, tc.args...)...)
			r.check(t, tc.code, tc.stdout, tc.stderr, tc.goldenName)
		})
	}
}

// The ETSI TS 103 120 schema folder validates ETSI's examples as xmllint does: all but
// the two that need a schema outside the set or a Signature in another namespace.
func TestValidateXSDWithETSI(t *testing.T) {
	dir := testtool.Vectors(t, "etsi-ts103120-v1.12.1")
	r := jcx(t, "", "validate", "--output", "json", "--xsd", filepath.Join(dir, "schema"), filepath.Join(dir, "examples"))
	if r.code != 1 {
		t.Errorf("exit code %d, want 1\n%s", r.code, r.stderr)
	}
	var doc struct {
		Files []struct {
			Path  string `json:"path"`
			Valid bool   `json:"valid"`
		} `json:"files"`
		Valid, Invalid int
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	var invalid []string
	for _, f := range doc.Files {
		if !f.Valid {
			invalid = append(invalid, filepath.Base(f.Path))
		}
	}
	if doc.Valid != 18 || strings.Join(invalid, " ") != "request5-XML-Delivery.xml request6_signed.xml" {
		t.Errorf("%d valid, invalid %q; want 18 valid, request5-XML-Delivery.xml and request6_signed.xml invalid", doc.Valid, invalid)
	}
	if !strings.Contains(r.stderr, "ts_103120.xsd left out") {
		t.Errorf("stderr does not say the older Common schema is left out:\n%s", r.stderr)
	}
}

func TestHelpValidateDocumentsXSD(t *testing.T) {
	r := jcx(t, "", "help", "validate")
	for _, want := range []string{"--xsd ENTRY", "never over the network", "Repeat --xsd", "FILE:LINE: construct: problem"} {
		if !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("jcx help validate does not say %q", want)
		}
	}
}
