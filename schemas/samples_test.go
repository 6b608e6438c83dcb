package schemas

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jcx-dev/jcx/internal/schemagen/translate"

	"github.com/jcx-dev/jcx/internal/testtool"

	"github.com/jcx-dev/jcx/internal/schemajson"
)

var update = flag.Bool("update", false, "rewrite the JSON twins of the XML samples in testdata")

// The samples: testdata/valid and testdata/invalid hold messages in both encodings. A
// sample named xml-* exists in XML only (element order, a second signature: structure
// JSON cannot express), json-* in JSON only (a string where an integer belongs, an empty
// array); every other sample has both forms, and the JSON one is the mapping of the XML
// one.

func sampleFiles(t *testing.T, dir, ext string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*"+ext))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no %s samples in testdata/%s", ext, dir)
	}
	return files
}

func needTool(t *testing.T, name string) string { return testtool.Need(t, name, "libxml2-utils") }

func TestXMLSamplesWithXmllint(t *testing.T) {
	xmllint := needTool(t, "xmllint")
	expect := readExpectations(t)
	want := map[string]bool{}
	var files []string
	for _, dir := range []string{"valid", "invalid"} {
		for _, f := range sampleFiles(t, dir, ".xml") {
			want[f] = dir == "valid"
			files = append(files, f)
		}
	}
	// One run for all files: xmllint reports "F validates" or "F fails to validate" per
	// file on standard error and exits non-zero when any fails.
	cmd := exec.Command(xmllint, append([]string{"--noout", "--nonet", "--schema", XSDEntry}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_ = cmd.Run()
	out := stderr.String()
	if strings.Contains(out, "failed to compile") || strings.Contains(out, "WXS schema") && strings.Contains(out, "failed") {
		t.Fatalf("xmllint cannot compile %s:\n%s", XSDEntry, out)
	}
	for _, f := range files {
		switch {
		case strings.Contains(out, "\n"+f+" validates\n") || strings.HasPrefix(out, f+" validates\n"):
			if !want[f] {
				t.Errorf("%s: xmllint accepts an invalid sample", f)
			}
		case strings.Contains(out, f+" fails to validate\n"):
			if want[f] {
				t.Errorf("%s: xmllint rejects a valid sample:\n%s", f, linesAbout(out, f))
				continue
			}
			elem := expect[sampleName(f)].xmlElement
			if first := firstXMLError(out, f); first != elem {
				t.Errorf("%s: xmllint's first error is at element %s, expected %s:\n%s", f, first, elem, linesAbout(out, f))
			}
		default:
			t.Errorf("%s: no verdict from xmllint:\n%s", f, linesAbout(out, f))
		}
	}
}

func linesAbout(out, file string) string {
	var b strings.Builder
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, file) {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func TestJSONSamples(t *testing.T) {
	sch, err := schemajson.Compile(JSON(), JSONID, nil)
	if err != nil {
		t.Fatal(err)
	}
	expect := readExpectations(t)
	for _, dir := range []string{"valid", "invalid"} {
		for _, f := range sampleFiles(t, dir, ".json") {
			t.Run(filepath.Base(f), func(t *testing.T) {
				t.Parallel()
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				err = sch.Validate(doc)
				if dir == "valid" {
					if err != nil {
						t.Errorf("valid sample rejected: %v", err)
					}
					return
				}
				var ve *jsonschema.ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("invalid sample: got %v, want a validation error", err)
				}
				at := expect[sampleName(f)].jsonPointer
				if leaves := errorLocations(ve); !slices.Contains(leaves, at) {
					t.Errorf("no error at %s; errors at %v", at, leaves)
				}
			})
		}
	}
}

// TestJSONTwins checks that every JSON sample with an XML twin is exactly the mapping of
// it, so that the XSD verdict and the JSON Schema verdict above are about the same
// message. Run with -update to rewrite the twins after changing an XML sample.
func TestJSONTwins(t *testing.T) {
	s, err := translate.Parse(os.DirFS("xsd"), "jcx.xsd")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"valid", "invalid"} {
		for _, f := range sampleFiles(t, dir, ".xml") {
			if strings.HasPrefix(filepath.Base(f), "xml-") {
				continue
			}
			twin := strings.TrimSuffix(f, ".xml") + ".json"
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := xmlToJSON(s, data)
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			if *update {
				if err := os.WriteFile(twin, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(twin)
			if err != nil {
				t.Errorf("%s has no JSON twin: %v", f, err)
				continue
			}
			if !sameJSON(t, got, want) {
				t.Errorf("%s is not the mapping of %s; run go test -run TestJSONTwins -update", twin, f)
			}
		}
		for _, f := range sampleFiles(t, dir, ".json") {
			if strings.HasPrefix(filepath.Base(f), "json-") {
				continue
			}
			if _, err := os.Stat(strings.TrimSuffix(f, ".json") + ".xml"); err != nil {
				t.Errorf("%s has no XML twin (name JSON-only samples json-*)", f)
			}
		}
	}
}

// expectation says where an invalid sample fails (testdata/invalid/expect.txt).
type expectation struct{ xmlElement, jsonPointer string }

func sampleName(file string) string {
	return strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
}

// readExpectations reads testdata/invalid/expect.txt and checks that it covers exactly
// the invalid samples, in the encodings they exist in.
func readExpectations(t *testing.T) map[string]expectation {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "invalid", "expect.txt"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]expectation{}
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) != 3 {
			t.Fatalf("expect.txt:%d: want sample, element and pointer", i+1)
		}
		m[f[0]] = expectation{f[1], f[2]}
	}
	for _, ext := range []string{".xml", ".json"} {
		files := sampleFiles(t, "invalid", ext)
		seen := map[string]bool{}
		for _, f := range files {
			name := sampleName(f)
			seen[name] = true
			e, ok := m[name]
			if !ok || ext == ".xml" && e.xmlElement == "-" || ext == ".json" && e.jsonPointer == "-" {
				t.Errorf("expect.txt says nothing of %s", f)
			}
		}
		for name, e := range m {
			if !seen[name] && (ext == ".xml" && e.xmlElement != "-" || ext == ".json" && e.jsonPointer != "-") {
				t.Errorf("expect.txt names %s%s, which does not exist", name, ext)
			}
		}
	}
	return m
}

// firstXMLError returns the element named by xmllint's first error about file.
func firstXMLError(out, file string) string {
	for _, l := range strings.Split(out, "\n") {
		rest, ok := strings.CutPrefix(l, file+":")
		if !ok {
			continue
		}
		if _, after, ok := strings.Cut(rest, ": element "); ok {
			name, _, _ := strings.Cut(after, ":")
			return name
		}
	}
	return ""
}

// errorLocations lists the JSON Pointers of the innermost errors.
func errorLocations(e *jsonschema.ValidationError) []string {
	if len(e.Causes) == 0 {
		return []string{"/" + strings.Join(e.InstanceLocation, "/")}
	}
	var out []string
	for _, c := range e.Causes {
		out = append(out, errorLocations(c)...)
	}
	return out
}

func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	va, err := jsonschema.UnmarshalJSON(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	vb, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(va, vb)
}
