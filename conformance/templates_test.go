package conformance

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jcx-dev/jcx/exchange"
)

// TestTemplatesAgreeAcrossEncodings expands every template pair with the same values and
// checks that both decode to the same message: the XML and the JSON form of a case test
// the same thing.
func TestTemplatesAgreeAcrossEncodings(t *testing.T) {
	s, err := Core()
	if err != nil {
		t.Fatal(err)
	}
	kit, err := DefaultToolkit()
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{
		"generation": "1", "second": "1", "type": "Notification", "atomicity": "AllOrNothing",
		"doc.size": "13", "doc.digest": "d19bc8b201474922b3d2092367fe33bd433a2220768709db1b345e09dc1cf616",
		"id.link": "{{id.auth}}", "id.target": "{{id.auth}}",
	}
	for name, tmpl := range s.Manifest.Templates {
		if tmpl.Raw || tmpl.XML == "" || tmpl.JSON == "" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			x := &expander{harness: kit.Harness(), impl: kit.Implementation(), now: time.Now(), ids: map[string]string{},
				newUUID: func() string { return "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5" }}
			v, err := x.vars(vars)
			if err != nil {
				t.Fatal(err)
			}
			var msgs [2]*exchange.Message
			var errs [2]error
			for i, e := range []Encoding{XML, JSON} {
				b, _ := s.template(name, e)
				out, err := x.expand(b, e, v)
				if err != nil {
					t.Fatal(err)
				}
				msgs[i], errs[i] = exchange.Unmarshal(out, format(e))
			}
			switch {
			case errs[0] != nil && errs[1] != nil:
				return // invalid on purpose (missing-element), in both forms
			case errs[0] != nil || errs[1] != nil:
				t.Fatalf("only one form decodes: xml %v, json %v", errs[0], errs[1])
			}
			msgs[0].XMLName = msgs[1].XMLName // the element name exists in XML only
			if d := cmp.Diff(msgs[0], msgs[1]); d != "" {
				t.Errorf("XML and JSON forms differ (-xml +json):\n%s", d)
			}
		})
	}
}
