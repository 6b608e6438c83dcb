package xmlschema

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/mutant"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// etsiEntries are the schema documents of ETSI TS 103 120 V1.12.1 that
// declare the object namespaces HI-1 examples use. No document of the set
// imports them all, so the set is loaded from several entries.
var etsiEntries = []string{
	"ts_103120_Core.xsd", "ts_103120_Task.xsd", "ts_103120_Authorisation.xsd",
	"ts_103120_Document.xsd", "ts_103120_Notification.xsd", "ts_103120_Delivery.xsd",
	"ts_103120_TrafficPolicy.xsd",
}

// etsiSet loads the ETSI set and returns it with the folder of the examples
// and the path of the same entry document written for xmllint.
func etsiSet(t testing.TB) (set *Set, examples, entry string) {
	t.Helper()
	dir := testtool.Vectors(t, "etsi-ts103120-v1.12.1")
	schemaDir := filepath.Join(dir, "schema")
	set, err := LoadDir(schemaDir, etsiEntries...)
	if err != nil {
		t.Fatalf("the ETSI schema set does not load: %v", err)
	}
	return set, filepath.Join(dir, "examples"), oracleEntry(t, set, schemaDir)
}

// oracleEntry writes the set's entry document where xmllint can read it,
// its schemaLocations made absolute.
func oracleEntry(t testing.TB, set *Set, schemaDir string) string {
	t.Helper()
	doc := regexp.MustCompile(`schemaLocation="([^"]+)"`).ReplaceAllStringFunc(string(set.Entry()), func(m string) string {
		loc := strings.TrimSuffix(strings.TrimPrefix(m, `schemaLocation="`), `"`)
		return `schemaLocation="` + filepath.Join(schemaDir, loc) + `"`
	})
	path := filepath.Join(t.TempDir(), "entry.xsd")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// On every ETSI example, and on 2,400 mutants of the examples xmllint
// accepts, the verdict is xmllint's with the same entry document.
func TestETSIAgreesWithXmllint(t *testing.T) {
	set, examples, entry := etsiSet(t)
	files, _ := filepath.Glob(filepath.Join(examples, "*.xml"))
	if len(files) < 20 {
		t.Fatalf("%d ETSI examples, want 20", len(files))
	}
	oracle := testtool.XmllintVerdicts(t, entry, files)
	var seeds []*mutant.Node
	valid := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		found := set.ValidateBytes(data)
		if got, want := len(found) == 0, oracle[f]; got != want {
			t.Errorf("%s: jcx valid=%v, xmllint valid=%v %v", filepath.Base(f), got, want, found)
		}
		if oracle[f] {
			valid++
			n, err := mutant.Parse(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			seeds = append(seeds, n)
		}
	}
	// xmllint accepts 18 of the 20 with this entry: the two it refuses need
	// a schema outside the set and a Signature in another namespace.
	if valid != 18 {
		t.Errorf("xmllint accepts %d examples, want 18", valid)
	}

	dir := t.TempDir()
	mutants := mutant.Generate(seeds, 2400, 1)
	paths := make([]string, len(mutants))
	for i, m := range mutants {
		paths[i] = filepath.Join(dir, fmt.Sprintf("m%05d.xml", i))
		if err := os.WriteFile(paths[i], m.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	oracle = testtool.XmllintVerdicts(t, entry, paths)
	valid, bad := 0, 0
	for i, m := range mutants {
		found := set.ValidateBytes(m.Data)
		if oracle[paths[i]] {
			valid++
		}
		if got, want := len(found) == 0, oracle[paths[i]]; got != want {
			bad++
			if bad <= 20 {
				t.Errorf("mutant %d (%s): jcx valid=%v, xmllint valid=%v %v", i, m.What, got, want, found)
			}
		}
	}
	t.Logf("%d mutants, %d valid per xmllint, %d disagreements", len(mutants), valid, bad)
	if valid < len(mutants)/20 || valid > len(mutants)*9/10 {
		t.Errorf("%d of %d mutants valid: the mutants do not exercise both verdicts", valid, len(mutants))
	}
}

// The ETSI schema folder loads as it is: the older single-file Common
// schema is left out, because the other documents import the current one,
// and the examples get the same verdicts as with the entries named.
func TestETSIFolder(t *testing.T) {
	named, examples, _ := etsiSet(t)
	folder, err := LoadDir(filepath.Join(filepath.Dir(examples), "schema"))
	if err != nil {
		t.Fatalf("the ETSI schema folder does not load: %v", err)
	}
	if w := folder.Warnings(); len(w) != 1 || !strings.Contains(w[0], "ts_103120.xsd left out") {
		t.Errorf("warnings %q, want ts_103120.xsd left out", w)
	}
	files, _ := filepath.Glob(filepath.Join(examples, "*.xml"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, b := named.ValidateBytes(data), folder.ValidateBytes(data)
		if (len(a) == 0) != (len(b) == 0) {
			t.Errorf("%s: named entries %v, folder %v", filepath.Base(f), a, b)
		}
	}
}
