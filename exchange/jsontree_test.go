package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sameAsLibrary checks parseJSONTree against the decoder it replaces: the same tree for
// every input the library accepts, an error for every input it refuses.
func sameAsLibrary(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	got, err := parseJSONTree(data, 10000) // encoding/json's own nesting limit
	switch {
	case wantErr != nil && err == nil:
		t.Errorf("%q: accepted, the library says %v", clipBytes(data), wantErr)
	case wantErr == nil && err != nil:
		t.Errorf("%q: refused (%v), the library accepts it", clipBytes(data), err)
	case wantErr == nil && !reflect.DeepEqual(got, want):
		t.Errorf("%q:\ngot  %#v\nwant %#v", clipBytes(data), got, want)
	}
}

func clipBytes(b []byte) []byte {
	if len(b) > 80 {
		return b[:80]
	}
	return b
}

func TestJSONTreeFixtures(t *testing.T) {
	var files []string
	for _, pattern := range []string{
		"../testdata/messages/*/*.json",
		"../schemas/testdata/*/*.json",
		"../conformance/suites/*/messages/*.json",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d JSON fixtures found", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameAsLibrary(t, data)
	}
}

func TestJSONTreeCases(t *testing.T) {
	for _, in := range jsonTreeCases {
		sameAsLibrary(t, []byte(in))
	}
}

var jsonTreeCases = []string{
	``, ` `, `{}`, `[]`, ` { } `, `[ ]`, `{"a":1}`, `{"a" : [1, 2.5, -3e7, 0, -0, 1E+2, 1e-2]}`,
	`"plain"`, `"é ü 中"`, `"tab\there"`, `"\"quoted\" \\ \/ \b\f\n\r\t"`, `"\u00e9\u4e2d"`,
	`"\ud83d\ude00"`, `"\ud800"`, `"\udc00x"`, "\"\xff\xfe\"", "\"a\xc3\"", "\"ctl\x01\"",
	`"unterminated`, `"bad \x escape"`, `"\u12"`, `true`, `false`, `null`, `nul`, `tru`, `True`,
	`01`, `1.`, `.5`, `-`, `-a`, `1e`, `1e+`, `+1`, `0x10`, `1 2`, `{} {}`, `[1,]`, `[,1]`,
	`{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":1 "b":2}`, `{"a":{"b":[{"c":null}]}}`, `[[[[]]]]`,
	`{"a":1,"a":2}`, "\ufeff{}", "{}\n", "{}\x00", `123456789012345678901234567890`,
	`{"":""}`, `["\u0000"]`, `[1]]`, `[1}`, `{"a":1]`,
	strings.Repeat("[", 100) + strings.Repeat("]", 100),
	strings.Repeat(`{"a":`, 50) + "1" + strings.Repeat("}", 50),
}

func TestJSONTreeDepth(t *testing.T) {
	deep := []byte(strings.Repeat("[", 65) + strings.Repeat("]", 65))
	if _, err := parseJSONTree(deep, 64); err == nil {
		t.Error("65 levels accepted with a limit of 64")
	}
	if _, err := parseJSONTree(deep[1:len(deep)-1], 64); err != nil {
		t.Errorf("64 levels refused with a limit of 64: %v", err)
	}
}

func FuzzJSONTree(f *testing.F) {
	for _, in := range jsonTreeCases {
		f.Add([]byte(in))
	}
	if data, err := os.ReadFile("../testdata/messages/valid/epoc-nl-ie-subscriber-emergency-request.json"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsLibrary(t, data)
	})
}
