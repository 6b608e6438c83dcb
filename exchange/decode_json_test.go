package exchange

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sameAsEncodingJSON holds the tree decoder to encoding/json on one message: whenever
// the tree decoder succeeds, encoding/json succeeds with the same model. It reports
// whether the tree decoder succeeded.
func sameAsEncodingJSON(t *testing.T, name string, data []byte) bool {
	t.Helper()
	tree, err := parseJSONTree(data, DefaultMaxDepth)
	if err != nil {
		return false
	}
	got, err := messageFromTree(tree)
	want, stdErr := unmarshalJSON(data)
	if err != nil {
		return false
	}
	if stdErr != nil {
		t.Errorf("%s: tree decoder accepted what encoding/json refuses (%v)", name, stdErr)
		return true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: models differ\ntree:          %+v\nencoding/json: %+v", name, got, want)
	}
	return true
}

func TestTreeDecoderCoversTheModel(t *testing.T) {
	if modelJSONPlans() == nil {
		t.Fatal("the message model has a shape the tree decoder does not handle; every decode falls back to encoding/json")
	}
}

func TestTreeDecoderFixtures(t *testing.T) {
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
		if checkJSON(data, Limits{}.withDefaults()) != nil {
			continue
		}
		fast := sameAsEncodingJSON(t, f, data)
		if strings.Contains(f, "/valid/") && !fast {
			t.Errorf("%s: valid fixture fell back to encoding/json", f)
		}
	}
}

var treeDecoderCases = []string{
	`{"Header":{"Sender":{"CountryCode":"NL","UniqueIdentifier":"a\"b\\c\u00e9\ud83d\ude00"}},"Payload":{"Request":{"Action":[]}}}`,
	`{"Header":null,"Payload":{"Request":{"Action":[{"ActionIdentifier":0},{"ActionIdentifier":-0}]}}}`,
	`{"Header":{"Sender":null,"WorkflowIdentifier":null},"Payload":{"Request":null}}`,
	`{"Header":{},"Payload":{},"Signature":{"protected":"x","signature":"y"}}`,
	`{"Header":{"sender":{"CountryCode":"NL"}}}`,
	`{"Header":{"Sender":{"countrycode":"NL"}}}`,
	`{"Header":{"Unknown":1}}`,
	`{"Other":1}`,
	`{"Payload":{"Request":{"Action":[{"ActionIdentifier":1.0}]}}}`,
	`{"Payload":{"Request":{"Action":[{"ActionIdentifier":1e2}]}}}`,
	`{"Payload":{"Request":{"Action":[{"ActionIdentifier":99999999999999999999}]}}}`,
	`{"Payload":{"Request":{"Action":[{"ActionIdentifier":"1"}]}}}`,
	`{"Payload":{"Request":{"Action":{"ActionIdentifier":1}}}}`,
	`{"Header":{"Sender":{"CountryCode":7}}}`,
	`{"Header":[]}`,
	`[]`, `"x"`, `null`, `{}`,
}

func TestTreeDecoderCases(t *testing.T) {
	for i, in := range treeDecoderCases {
		sameAsEncodingJSON(t, "case "+string(rune('A'+i)), []byte(in))
	}
	for _, i := range []int{0, 1, 2, 3} {
		if tree, err := parseJSONTree([]byte(treeDecoderCases[i]), DefaultMaxDepth); err != nil {
			t.Errorf("case %c: %v", rune('A'+i), err)
		} else if _, err := messageFromTree(tree); err != nil {
			t.Errorf("case %c: tree decoder refused: %v", rune('A'+i), err)
		}
	}
}

// TestTreeDecoderGenerated puts awkward text into every string of every valid fixture,
// encodes the message with Marshal and decodes it both ways.
func TestTreeDecoderGenerated(t *testing.T) {
	files, err := filepath.Glob("../testdata/messages/valid/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	texts := []string{"a&b<c>\"d'e\\", "cr\rlf\r\n tab\t \u2028", "é中😀", ""}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, text := range texts {
			m, err := unmarshalJSON(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			setStrings(reflect.ValueOf(m).Elem(), text)
			out, err := Marshal(m, FormatJSON)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if !sameAsEncodingJSON(t, f+" text "+string(rune('0'+i)), out) {
				t.Errorf("%s with text %q: fell back to encoding/json", f, text)
			}
		}
	}
}

func FuzzTreeDecoder(f *testing.F) {
	for _, in := range treeDecoderCases {
		f.Add([]byte(in))
	}
	files, _ := filepath.Glob("../testdata/messages/valid/*.json")
	for _, file := range files[:min(len(files), 6)] {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if checkJSON(data, Limits{}.withDefaults()) == nil {
			sameAsEncodingJSON(t, "input", data)
		}
	})
}
