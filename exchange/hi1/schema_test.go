package hi1

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/testtool"
	"github.com/jcx-dev/jcx/internal/xsd"
)

// etsiSchema compiles the ETSI schema set, read in place, with the pure-Go engine behind
// an entry document that imports every object namespace.
func etsiSchema(t *testing.T) *xsd.Schema {
	t.Helper()
	root := testtool.Vectors(t, "etsi-ts103120-v1.12.1")
	fsys := fstest.MapFS{}
	for _, dir := range []string{"schema", "examples"} {
		names, _ := filepath.Glob(filepath.Join(root, dir, "*.xsd"))
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			fsys[dir+"/"+filepath.Base(n)] = &fstest.MapFile{Data: data}
		}
	}
	var b strings.Builder
	b.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">`)
	for ns, file := range map[string]string{
		NSCore: "schema/ts_103120_Core.xsd", NSTask: "schema/ts_103120_Task.xsd",
		NSAuthorisation: "schema/ts_103120_Authorisation.xsd", NSDocument: "schema/ts_103120_Document.xsd",
		NSNotification: "schema/ts_103120_Notification.xsd", NSDelivery: "schema/ts_103120_Delivery.xsd",
		NSTrafficPolicy: "schema/ts_103120_TrafficPolicy.xsd",
		"http://FooServiceSchema.example.com/schema/v1.1.1/": "examples/FooServiceSchema.xsd",
	} {
		fmt.Fprintf(&b, `<xs:import namespace=%q schemaLocation=%q/>`, ns, file)
	}
	b.WriteString(`</xs:schema>`)
	fsys["entry.xsd"] = &fstest.MapFile{Data: []byte(b.String())}
	s, err := xsd.Compile(fsys, "entry.xsd")
	if err != nil {
		t.Fatalf("compiling the ETSI schema set: %v", err)
	}
	return s
}

func xsdStep(s *xsd.Schema) func([]byte) []exchange.Finding {
	return func(doc []byte) []exchange.Finding {
		found, err := s.ValidateBytes(doc)
		if err != nil {
			return []exchange.Finding{{Code: exchange.CodeSchema, Path: "/HI1Message", Message: err.Error()}}
		}
		out := make([]exchange.Finding, len(found))
		for i, f := range found {
			out[i] = exchange.Finding{Code: exchange.CodeSchema, Path: f.Path, Line: f.Line, Message: f.Message}
		}
		return out
	}
}

// TestValidatorWithSchema validates ETSI's examples with the schema step: the verdicts
// are xmllint's (request6_signed's ds:Signature is not what V1.12.1 declares), and the
// rules then report what TestExamplesRules expects.
func TestValidatorWithSchema(t *testing.T) {
	_, files := etsiExamples(t)
	v := NewValidator(Options{schema: xsdStep(etsiSchema(t))})
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			r := v.Validate(data)
			schemaFailed := r.Message == nil
			if schemaFailed != (name == "request6_signed.xml") {
				t.Errorf("schema step: %v", r.Findings)
			}
			if schemaFailed && (len(r.Findings) == 0 || r.Findings[0].Code != exchange.CodeSchema || r.Findings[0].Line == 0) {
				t.Errorf("schema findings %v", r.Findings)
			}
		})
	}
}
