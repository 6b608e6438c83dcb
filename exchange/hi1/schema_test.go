package hi1

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/testtool"
	"github.com/jcx-dev/jcx/schemas/xmlschema"
)

// etsiSet loads the ETSI schema set, read in place. V1.12.1 has no single entry, so its
// object schemas are the entries.
func etsiSet(t *testing.T) *xmlschema.Set {
	t.Helper()
	dir := filepath.Join(testtool.Vectors(t, "etsi-ts103120-v1.12.1"), "schema")
	set, err := xmlschema.LoadDir(dir, "ts_103120_Core.xsd", "ts_103120_Task.xsd", "ts_103120_Authorisation.xsd",
		"ts_103120_Document.xsd", "ts_103120_Notification.xsd", "ts_103120_Delivery.xsd", "ts_103120_TrafficPolicy.xsd")
	if err != nil {
		t.Fatalf("the ETSI schema set does not load: %v", err)
	}
	return set
}

// TestValidatorWithSchema validates ETSI's examples with the schema set: the verdicts
// are xmllint's with the same set (request5-XML-Delivery's data needs the example's own
// FooServiceSchema, and V1.12.1 does not declare request6_signed's ds:Signature); the
// others are decoded and checked.
func TestValidatorWithSchema(t *testing.T) {
	_, files := etsiExamples(t)
	v := NewValidator(Options{Schema: etsiSet(t)})
	refused := map[string]bool{"request5-XML-Delivery.xml": true, "request6_signed.xml": true}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			r := v.Validate(data)
			if (r.Message == nil) != refused[name] {
				t.Fatalf("schema step: %v", r.Findings)
			}
			if r.Message == nil && (len(r.Findings) == 0 || r.Findings[0].Code != exchange.CodeSchema || r.Findings[0].Path == "" || r.Findings[0].Line == 0) {
				t.Errorf("schema findings %v", r.Findings)
			}
			if r.Message != nil && len(r.Findings) != len(Check(r.Message)) {
				t.Errorf("findings %v", r.Findings)
			}
		})
	}
}

// TestValidatorOptions checks the steps a Validator adds to Decode and Check.
func TestValidatorOptions(t *testing.T) {
	doc, err := Encode(sampleRequest())
	if err != nil {
		t.Fatal(err)
	}
	if r := NewValidator(Options{}).Validate(doc); !r.Valid() || r.Err() != nil || r.Message == nil {
		t.Errorf("valid request: %v", r.Findings)
	}
	r := NewValidator(Options{Links: resolverMap{}}).Validate([]byte(minimal))
	if !r.Valid() {
		t.Errorf("minimal request with links: %v", r.Findings)
	}
	r = NewValidator(Options{Limits: exchange.Limits{MaxBytes: 100}}).Validate(doc)
	if r.Valid() || r.Message != nil || r.Findings[0].Code != exchange.CodeTooLarge {
		t.Errorf("over the size limit: %v", r.Findings)
	}
	m := sampleRequest()
	m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object.Base().ObjectIdentifier = idOld
	doc, _ = Encode(m)
	r = NewValidator(Options{Links: resolverMap{}}).Validate(doc)
	if len(r.Findings) != 2 || r.Findings[0].Code != exchange.CodeLinkMissing || r.Findings[0].Line == 0 {
		t.Errorf("unresolved links: %v", r.Findings)
	}
}
