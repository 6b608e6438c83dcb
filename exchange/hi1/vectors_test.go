package hi1

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// etsiExamples returns the example messages of the ETSI TS 103 120 V1.12.1 vectors and
// the folder holding them.
func etsiExamples(t *testing.T) (string, []string) {
	t.Helper()
	dir := filepath.Join(testtool.Vectors(t, "etsi-ts103120-v1.12.1"), "examples")
	names, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no examples in %s: %v", dir, err)
	}
	return dir, names
}

// entrySchema writes, in a temporary folder, a schema document that imports every object
// namespace of the ETSI set in place (V1.12.1 has no single entry), and the example
// FooServiceSchema that request5-XML-Delivery's XMLData needs.
func entrySchema(t *testing.T) string {
	t.Helper()
	root := testtool.Vectors(t, "etsi-ts103120-v1.12.1")
	imports := []struct{ ns, file string }{
		{NSCore, "schema/ts_103120_Core.xsd"},
		{NSTask, "schema/ts_103120_Task.xsd"},
		{NSAuthorisation, "schema/ts_103120_Authorisation.xsd"},
		{NSDocument, "schema/ts_103120_Document.xsd"},
		{NSNotification, "schema/ts_103120_Notification.xsd"},
		{NSDelivery, "schema/ts_103120_Delivery.xsd"},
		{NSTrafficPolicy, "schema/ts_103120_TrafficPolicy.xsd"},
		{"http://FooServiceSchema.example.com/schema/v1.1.1/", "examples/FooServiceSchema.xsd"},
	}
	var b strings.Builder
	b.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n")
	for _, imp := range imports {
		fmt.Fprintf(&b, "  <xs:import namespace=%q schemaLocation=%q/>\n", imp.ns, filepath.Join(root, imp.file))
	}
	b.WriteString("</xs:schema>\n")
	entry := filepath.Join(t.TempDir(), "hi1-entry.xsd")
	if err := os.WriteFile(entry, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return entry
}

// canonical returns xmllint's canonical XML of the document, whitespace-only text
// between elements dropped (the encoder indents in its own way).
func canonical(t *testing.T, xmllint string, doc []byte) []byte {
	t.Helper()
	cmd := exec.Command(xmllint, "--nonet", "--noblanks", "--c14n", "-")
	cmd.Stdin = bytes.NewReader(doc)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("xmllint --c14n: %v\n%s", err, stderr.String())
	}
	return out
}

// schemaValid reports xmllint's verdict on the document against the entry schema.
func schemaValid(t *testing.T, xmllint, entry string, doc []byte) (bool, string) {
	t.Helper()
	cmd := exec.Command(xmllint, "--noout", "--nonet", "--schema", entry, "-")
	cmd.Stdin = bytes.NewReader(doc)
	out, err := cmd.CombinedOutput()
	return err == nil, string(out)
}

// TestExamplesRoundTrip decodes every ETSI example, encodes it again, and holds the result
// to the original: equal under canonical XML, and given the same verdict by xmllint
// against the ETSI schema set (every example but request6_signed, whose ds:Signature
// V1.12.1 does not declare, is schema-valid).
func TestExamplesRoundTrip(t *testing.T) {
	xmllint := testtool.Need(t, "xmllint", "libxml2-utils")
	_, files := etsiExamples(t)
	entry := entrySchema(t)
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			orig, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Decode(orig, exchange.Limits{})
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			enc, err := Encode(m)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if want, got := canonical(t, xmllint, orig), canonical(t, xmllint, enc); !bytes.Equal(want, got) {
				t.Errorf("canonical forms differ\noriginal: %s\nencoded:  %s", want, got)
			}
			wantValid, _ := schemaValid(t, xmllint, entry, orig)
			gotValid, msg := schemaValid(t, xmllint, entry, enc)
			if gotValid != wantValid || gotValid != (name != "request6_signed.xml") {
				t.Errorf("xmllint: original valid=%v, encoded valid=%v\n%s", wantValid, gotValid, msg)
			}
			// Encoding is a fixed point: decoding the encoding gives the same bytes again.
			m2, err := Decode(enc, exchange.Limits{})
			if err != nil {
				t.Fatalf("Decode(Encode): %v", err)
			}
			enc2, err := Encode(m2)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(enc, enc2) {
				t.Errorf("second encoding differs from the first")
			}
		})
	}
}
