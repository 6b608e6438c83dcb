package xsd

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jcx-dev/jcx/internal/mutant"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// realSet is a schema set written elsewhere, compiled exactly as shipped,
// with instance documents from the projects that use it.
type realSet struct {
	name    string
	imports map[string]string // namespace → schema document: the entry document imports them all
}

var realSets = []realSet{
	{"saml2", map[string]string{
		"urn:oasis:names:tc:SAML:2.0:protocol": "saml-schema-protocol-2.0.xsd",
		"urn:oasis:names:tc:SAML:2.0:metadata": "saml-schema-metadata-2.0.xsd",
	}},
	{"kml22", map[string]string{
		"http://www.opengis.net/kml/2.2":    "ogckml22.xsd",
		"http://www.google.com/kml/ext/2.2": "kml22gx.xsd",
	}},
	{"gpx11", map[string]string{"http://www.topografix.com/GPX/1/1": "gpx.xsd"}},
}

const realSetMutants = 600

// TestRealSets compiles SAML 2.0, KML 2.2 and GPX 1.1 as shipped and
// requires xmllint's verdict on every instance and on 600 mutants of the
// instances xmllint accepts.
func TestRealSets(t *testing.T) {
	xmllint(t)
	root := testtool.Vectors(t, "xsd-real")
	for _, set := range realSets {
		t.Run(set.name, func(t *testing.T) {
			// The schemas are read in place; only the entry document that
			// imports the namespaces the instances use is written here.
			schemaDir, err := filepath.Abs(filepath.Join(root, set.name, "schemas"))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var b strings.Builder
			b.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n")
			for _, ns := range slices.Sorted(maps.Keys(set.imports)) {
				fmt.Fprintf(&b, "<xs:import namespace=%q schemaLocation=%q/>\n", ns, filepath.Join(schemaDir, set.imports[ns]))
			}
			b.WriteString("</xs:schema>\n")
			entry := filepath.Join(dir, "entry.xsd")
			if err := os.WriteFile(entry, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Compile(overlayFS{os.DirFS(schemaDir), "entry.xsd", []byte(strings.ReplaceAll(b.String(), schemaDir+"/", ""))}, "entry.xsd")
			if err != nil {
				t.Fatalf("%s does not compile as shipped: %v", set.name, err)
			}
			files, _ := filepath.Glob(filepath.Join(root, set.name, "instances", "*"))
			if len(files) < 20 {
				t.Fatalf("only %d instances", len(files))
			}
			oracle := oracleVerdicts(t, entry, files)
			var seeds []*mutant.Node
			compared := 0
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.ValidateBytes(data); errors.Is(err, ErrDoctype) || errors.Is(err, ErrMalformed) {
					continue // refused by design (DOCTYPE), or not XML we can compare
				}
				compared++
				if ours, why := ourVerdict(s, data); ours != oracle[f] {
					t.Errorf("%s: ours valid=%v, xmllint valid=%v\n%s", filepath.Base(f), ours, oracle[f], firstLines(why, 3))
				}
				if oracle[f] {
					if n, err := mutant.Parse(data); err == nil {
						seeds = append(seeds, n)
					}
				}
			}
			if len(seeds) == 0 {
				t.Fatal("no instance valid per xmllint to mutate")
			}
			var mfiles []string
			what := map[string]string{}
			for i, m := range mutant.Generate(seeds, realSetMutants, 0) {
				name := filepath.Join(dir, fmt.Sprintf("m%05d.xml", i))
				if err := os.WriteFile(name, m.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				mfiles = append(mfiles, name)
				what[name] = m.What
			}
			moracle := oracleVerdicts(t, entry, mfiles)
			bad, valid := 0, 0
			for _, f := range mfiles {
				data, _ := os.ReadFile(f)
				ours, why := ourVerdict(s, data)
				if moracle[f] {
					valid++
				}
				if ours != moracle[f] {
					bad++
					if bad <= 10 {
						t.Errorf("%s (%s): ours valid=%v, xmllint valid=%v\n%s", filepath.Base(f), what[f], ours, moracle[f], firstLines(why, 3))
					}
				}
			}
			t.Logf("%d instances compared, %d mutants (%d valid per xmllint), %d disagreements", compared, len(mfiles), valid, bad)
		})
	}
}

// overlayFS is fsys with one more file.
type overlayFS struct {
	fsys fs.FS
	name string
	data []byte
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if name == o.name {
		return fstest.MapFS{name: {Data: o.data}}.Open(name)
	}
	return o.fsys.Open(name)
}
