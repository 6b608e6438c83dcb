package exchange

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSchemaWalkFindings holds the bounded JSON Schema step to the validator run on the
// whole message, finding for finding, over every JSON fixture and over mutants of each
// valid fixture that fail everywhere at once.
func TestSchemaWalkFindings(t *testing.T) {
	sch, err := jsonSchema.load()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"invalid", "valid"} {
		fs, _ := filepath.Glob(filepath.Join("..", "testdata", "messages", dir, "*.json"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatal("no JSON fixtures")
	}
	ptr := func(p []string) string { return pointer(p) }
	mutants := map[string]func(any) any{
		"strings-as-numbers": func(x any) any {
			return mutate(x, func(v any) (any, bool) { _, ok := v.(string); return json.Number("7"), ok })
		},
		"objects-emptied": func(x any) any {
			return mutateInner(x, func(v any) (any, bool) { _, ok := v.(map[string]any); return map[string]any{}, ok })
		},
		"arrays-as-strings": func(x any) any { return mutate(x, func(v any) (any, bool) { _, ok := v.([]any); return "x", ok }) },
		"unknown-members": func(x any) any {
			return mutate(x, func(v any) (any, bool) {
				m, ok := v.(map[string]any)
				if ok {
					m["Unknown"] = []any{map[string]any{}}
				}
				return v, false
			})
		},
	}
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parseJSONTree(data, DefaultMaxDepth); err != nil || checkJSON(data, Limits{}.withDefaults()) != nil {
			continue // refused before the schema step
		}
		cases := map[string][]byte{filepath.Base(f): data}
		if strings.Contains(f, string(filepath.Separator)+"valid"+string(filepath.Separator)) {
			for name, m := range mutants {
				fresh, _ := parseJSONTree(data, DefaultMaxDepth)
				b, err := json.Marshal(m(fresh))
				if err != nil {
					t.Fatal(err)
				}
				cases[filepath.Base(f)+"/"+name] = b
			}
		}
		for name, b := range cases {
			whole, _ := parseJSONTree(b, DefaultMaxDepth)
			want := schemaFindings(sch.Validate(whole), ptr)
			_, got := jsonSchema.validate(b, DefaultMaxDepth)
			if len(want) > MaxFindings {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\nwalk  %v\nwhole %v", name, got, want)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d cases compared", checked)
	}
}

// mutate replaces, bottom-up, every value for which f says so.
func mutate(x any, f func(any) (any, bool)) any {
	switch v := x.(type) {
	case map[string]any:
		for k, c := range v {
			v[k] = mutate(c, f)
		}
	case []any:
		for i, c := range v {
			v[i] = mutate(c, f)
		}
	}
	if y, ok := f(x); ok {
		return y
	}
	return x
}

// mutateInner is mutate that leaves the top-level value alone.
func mutateInner(x any, f func(any) (any, bool)) any {
	if m, ok := x.(map[string]any); ok {
		for k, c := range m {
			m[k] = mutate(c, f)
		}
	}
	return x
}

// TestSchemaWalkSplitsEveryContainer checks that every node of the schema that looks at
// children can be split, so that no object or array of a message is validated whole,
// where its findings would have no bound.
func TestSchemaWalkSplitsEveryContainer(t *testing.T) {
	if _, err := jsonSchema.load(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for s, p := range jsonSchema.plans {
		n++
		if p.shallow == nil {
			t.Errorf("%s is validated whole", s.Location)
		}
	}
	if n < 50 {
		t.Fatalf("only %d schema nodes planned", n)
	}
}

// requestWith returns a request message whose one action is the JSON action.
func requestWith(actions string) []byte {
	return []byte(`{"Header":{"Sender":{"CountryCode":"ES","UniqueIdentifier":"a"},"Receiver":{"CountryCode":"FR","UniqueIdentifier":"b"},"TransactionIdentifier":"cd0cc4a4-0b2f-5b5c-9d79-6261d2f2238b","Timestamp":"2026-11-20T08:59:00.000000Z","Version":{"SpecificationVersion":"V1.0.0","ProfileOwner":"jcx","ProfileVersion":"2026-11"}},"Payload":{"Request":{"Action":[` + actions + `]}}}`)
}

// senderNamed returns a request whose sender's UniqueIdentifier is the JSON string
// contents id.
func senderNamed(id string) []byte {
	return bytes.Replace(requestWith(`{"ActionIdentifier":0,"GETCAPABILITIES":{}}`), []byte(`"UniqueIdentifier":"a"`), []byte(`"UniqueIdentifier":"`+id+`"`), 1)
}

func repeatJoined(s string, n int) string {
	return strings.TrimSuffix(strings.Repeat(s+",", n), ",")
}

func TestSchemaStepBounds(t *testing.T) {
	create := func(member string) string {
		return `{"ActionIdentifier":0,"CREATE":{"Authorisation":{` + member + `}}}`
	}
	tests := []struct {
		name     string
		data     []byte
		findings int
		first    Finding
	}{
		{"actions over maxItems", requestWith(repeatJoined("{}", 200_000)), 1,
			Finding{Code: CodeSchema, Path: "/Payload/Request/Action", Message: "maxItems: got 200,000, want 100"}},
		{"actions at maxItems", requestWith(repeatJoined(`{"ActionIdentifier":0,"GETCAPABILITIES":{}}`, 100)), 0, Finding{}},
		{"deep items flood", requestWith(create(`"Offence":[` + repeatJoined("{}", 100_000) + `]`)), MaxFindings + 1, Finding{}},
		{"string far over maxLength", senderNamed(strings.Repeat("a", 100_000)), 1,
			Finding{Code: CodeSchema, Path: "/Header/Sender/UniqueIdentifier", Message: "maxLength: got 100,000, want 255"}},
		{"escaped string far over maxLength", senderNamed(strings.Repeat(`\u00e9`, 2_000)), 1,
			Finding{Code: CodeSchema, Path: "/Header/Sender/UniqueIdentifier", Message: "maxLength: got 2,000, want 255"}},
		{"shallow items flood", requestWith(create(`"AssociatedObject":[` + repeatJoined(`"x"`, 100_000) + `]`)), MaxFindings + 1, Finding{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Validate(tt.data, FormatJSON)
			fs := r.Findings
			if tt.findings == 0 {
				// Valid as far as the schema goes; the rules may still have a word.
				for _, f := range fs {
					if f.Code == CodeSchema {
						t.Fatalf("schema finding %v", f)
					}
				}
				return
			}
			if len(fs) != tt.findings {
				t.Fatalf("%d findings, want %d; first %v", len(fs), tt.findings, fs[0])
			}
			if tt.first.Code != 0 && fs[0] != tt.first {
				t.Errorf("got %v, want %v", fs[0], tt.first)
			}
			if len(fs) > MaxFindings {
				if last := fs[len(fs)-1]; last != tooManyFindings() {
					t.Errorf("last finding %v, want %v", last, tooManyFindings())
				}
			}
		})
	}
}

func TestMemberCounterEscapedNames(t *testing.T) {
	// A member name with escapes is still followed to its schema.
	data := bytes.Replace(requestWith(repeatJoined("{}", 101)), []byte(`"Action"`), []byte(`"Acti\u006fn"`), 1)
	fs := Validate(data, FormatJSON).Findings
	if len(fs) != 1 || fs[0].Path != "/Payload/Request/Action" {
		t.Fatalf("got %v", fs)
	}
}

// FuzzSchemaStep holds the bounded JSON Schema step, counting pass included, to the
// validator run on the whole message: on anything the strict check accepts it must not
// fail, must report at most MaxFindings findings and the one saying so, and, unless the
// counting pass refused the message, must report what validating it whole reports.
func FuzzSchemaStep(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "messages", "*", "*.json"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add(requestWith(repeatJoined("{}", 101)))
	f.Add(senderNamed(strings.Repeat(`\\u00e9`, 300)))
	sch, err := jsonSchema.load()
	if err != nil {
		f.Fatal(err)
	}
	ptr := func(p []string) string { return pointer(p) }
	f.Fuzz(func(t *testing.T, data []byte) {
		if checkJSON(data, Limits{}.withDefaults()) != nil {
			return
		}
		_, got := jsonSchema.validate(data, DefaultMaxDepth)
		if len(got) > MaxFindings+1 {
			t.Fatalf("%d findings", len(got))
		}
		if countMembers(data, sch, jsonSchema.plans) != nil {
			return // refused by a count: the contents were deliberately not validated
		}
		whole, err := parseJSONTree(data, DefaultMaxDepth)
		if err != nil {
			t.Fatalf("the strict check accepts what the tree reader refuses: %v", err)
		}
		if want := schemaFindings(sch.Validate(whole), ptr); len(want) <= MaxFindings && !reflect.DeepEqual(got, want) {
			t.Fatalf("walk  %v\nwhole %v", got, want)
		}
	})
}
