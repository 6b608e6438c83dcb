package hi1

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jcx-dev/jcx/exchange"
)

// TestMapFixtures maps every valid jcx fixture to HI-1. What the mapping refuses must be a
// member the fixture sets, named by the finding's XPath; with those members removed (and
// actions left without a verb), the rest maps, encodes to HI-1 that the ETSI schema set
// and the envelope rules accept, decodes, and maps back equal (go-cmp) to the jcx message.
// A response never maps: its receipt has no place in HI-1.
func TestMapFixtures(t *testing.T) {
	files, err := filepath.Glob("../../testdata/messages/valid/*.xml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	set := etsiSet(t)
	whole := 0
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			m, err := exchange.Unmarshal(data, exchange.FormatXML)
			if err != nil {
				t.Fatal(err)
			}
			if m.Payload.Response != nil {
				if _, f := ToHI1(m); len(f) == 0 || !strings.HasSuffix(f[len(f)-1].Path, "/Response[1]/Receipt[1]") {
					t.Errorf("a response maps: %v", f)
				}
				return
			}
			h, findings := ToHI1(m)
			if len(findings) == 0 {
				whole++
			}
			for round := 0; len(findings) > 0; round++ {
				if round == 4 || h != nil {
					t.Fatalf("refusals do not settle: %v", findings)
				}
				for _, f := range findings {
					if f.Code != exchange.CodeNotSupported {
						t.Fatalf("finding %v", f)
					}
					if !strip(m, f.Path) {
						t.Fatalf("%v names nothing the message sets", f)
					}
				}
				dropEmptyActions(m)
				h, findings = ToHI1(m)
			}
			if len(m.Payload.Request.Action) == 0 {
				t.Skip("no action of the request maps")
			}
			doc, err := Encode(h)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Decode(doc, exchange.Limits{})
			if err != nil {
				t.Fatalf("%v\n%s", err, doc)
			}
			if f := set.ValidateBytes(doc); len(f) != 0 {
				t.Errorf("the ETSI schema set refuses the HI-1 message: %v\n%s", f, doc)
			}
			if f := Check(back); len(f) != 0 {
				t.Errorf("the HI-1 message breaks the envelope rules: %v\n%s", f, doc)
			}
			jcx, findings := FromHI1(back)
			if len(findings) != 0 {
				t.Fatalf("FromHI1: %v\n%s", findings, doc)
			}
			if diff := cmp.Diff(m, jcx); diff != "" {
				t.Errorf("jcx → HI-1 → jcx differs (-want +got):\n%s", diff)
			}
		})
	}
	t.Logf("%d of %d fixtures map whole", whole, len(files))
}

// strip removes the member an exchange XPath (/Message/Payload[1]/Request[1]/Action[1]/…)
// names and reports whether it was set. A step into a list truncates the list at its
// position; every other step carries position 1.
func strip(m *exchange.Message, path string) bool {
	steps := strings.Split(strings.TrimPrefix(path, "/Message/"), "/")
	v := reflect.ValueOf(m).Elem()
	for i, s := range steps {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return false
			}
			v = v.Elem()
		}
		name, idx := s, -1
		if k := strings.IndexByte(s, '['); k >= 0 {
			name = s[:k]
			idx, _ = strconv.Atoi(strings.TrimSuffix(s[k+1:], "]"))
			idx--
		}
		f := v.FieldByName(name)
		if !f.IsValid() {
			return false
		}
		if f.Kind() != reflect.Slice {
			if idx != 0 {
				return false
			}
			idx = -1
		}
		last := i == len(steps)-1
		switch {
		case idx >= 0 && last:
			if f.Len() <= idx {
				return false
			}
			if idx == 0 {
				f.SetZero()
			} else {
				f.Set(f.Slice(0, idx))
			}
			return true
		case idx >= 0:
			v = f.Index(idx)
		case last:
			if f.IsZero() {
				return false
			}
			f.SetZero()
			return true
		default:
			v = f
		}
	}
	return false
}

// dropEmptyActions removes the actions whose verb was stripped and numbers the rest again.
func dropEmptyActions(m *exchange.Message) {
	rq := m.Payload.Request
	kept := rq.Action[:0]
	for _, a := range rq.Action {
		if a.Verb() != "" && (a.CREATE == nil || a.CREATE.Kind() != "") && (a.UPDATE == nil || a.UPDATE.Kind() != "") {
			a.ActionIdentifier = len(kept)
			kept = append(kept, a)
		}
	}
	rq.Action = kept
}

// TestMapETSIExamples maps ETSI's examples to jcx: each either maps, and then maps back to
// the same header and payload, or is refused with findings that name HI-1 elements.
func TestMapETSIExamples(t *testing.T) {
	_, files := etsiExamples(t)
	mapped := 0
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Decode(data, exchange.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			jcx, findings := FromHI1(m)
			if len(findings) > 0 {
				for _, f := range findings {
					if f.Code != exchange.CodeNotSupported || !strings.HasPrefix(f.Path, "/HI1Message") {
						t.Errorf("finding %v", f)
					}
				}
				t.Logf("refused: %v", findings)
				return
			}
			mapped++
			back, findings := ToHI1(jcx)
			if len(findings) > 0 {
				t.Fatalf("maps to jcx but not back: %v", findings)
			}
			if diff := cmp.Diff(m.Header, back.Header); diff != "" {
				t.Errorf("header differs (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(m.Payload, back.Payload, cmp.AllowUnexported()); diff != "" {
				t.Errorf("payload differs (-want +got):\n%s", diff)
			}
		})
	}
	t.Logf("%d of %d examples map", mapped, len(files))
}
