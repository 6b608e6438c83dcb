package xsd

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jcx-dev/jcx/internal/mutant"
)

// mutationTarget is a schema with valid seed documents to mutate.
type mutationTarget struct {
	name   string
	dir    string // schema directory (the fs.FS root)
	entry  string
	seeds  []string
	mutant int // mutants to generate
}

func mutationTargets(t *testing.T) []mutationTarget {
	var out []mutationTarget
	suites, _ := filepath.Glob("testdata/suite*")
	for _, dir := range suites {
		seeds, _ := filepath.Glob(filepath.Join(dir, "valid/*.xml"))
		out = append(out, mutationTarget{filepath.Base(dir), dir, "schema.xsd", seeds, 2400})
	}
	// The project's message schema, once present, gets the same check.
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "schemas/xsd/jcx.xsd")); err == nil {
		var seeds []string
		for _, g := range []string{"testdata/messages/valid/*.xml", "schemas/testdata/valid/*.xml"} {
			m, _ := filepath.Glob(filepath.Join(root, g))
			seeds = append(seeds, m...)
		}
		if len(seeds) > 0 {
			out = append(out, mutationTarget{"jcx", filepath.Join(root, "schemas/xsd"), "jcx.xsd", seeds, 2400})
		}
	}
	return out
}

// TestDifferentialMutants mutates valid documents (deleting, duplicating,
// reordering, renaming and re-namespacing elements, adding attributes,
// putting wrong-typed values in) and requires the same verdict as xmllint
// on every mutant.
func TestDifferentialMutants(t *testing.T) {
	xmllint(t)
	for _, tg := range mutationTargets(t) {
		t.Run(tg.name, func(t *testing.T) {
			if len(tg.seeds) == 0 {
				t.Fatal("no seed documents")
			}
			s, err := Compile(os.DirFS(tg.dir), tg.entry)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var seeds []*mutant.Node
			for _, f := range tg.seeds {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				m, err := mutant.Parse(data)
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				seeds = append(seeds, m)
			}
			// XSD_MUTATION_SEED explores other corpora; the default is fixed
			// so that failures reproduce.
			seed, _ := strconv.ParseUint(os.Getenv("XSD_MUTATION_SEED"), 10, 64)
			var files []string
			what := map[string]string{}
			for i, m := range mutant.Generate(seeds, tg.mutant, seed) {
				name := filepath.Join(dir, fmt.Sprintf("m%05d.xml", i))
				if err := os.WriteFile(name, m.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, name)
				what[name] = filepath.Base(tg.seeds[m.Seed]) + ": " + m.What
			}
			schemaPath, _ := filepath.Abs(filepath.Join(tg.dir, tg.entry))
			oracle := oracleVerdicts(t, schemaPath, files)
			valid, bad := 0, 0
			for _, f := range files {
				data, _ := os.ReadFile(f)
				ours, why := ourVerdict(s, data)
				want, ok := oracle[f]
				if !ok {
					want = false
				}
				if want {
					valid++
				}
				if ours != want {
					bad++
					if bad <= 25 {
						t.Errorf("%s (%s): ours valid=%v, xmllint valid=%v\n%s", filepath.Base(f), what[f], ours, want, firstLines(why, 3))
					}
				}
			}
			t.Logf("%d mutants (%d valid per xmllint), %d disagreements", len(files), valid, bad)
			if bad > 0 {
				kept := filepath.Join(os.TempDir(), "xsd-mutants-"+tg.name)
				_ = os.RemoveAll(kept)
				_ = os.CopyFS(kept, os.DirFS(dir))
				t.Logf("mutants kept in %s", kept)
			}
		})
	}
}
