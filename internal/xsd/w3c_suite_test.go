package xsd

import (
	"archive/tar"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// The W3C XML Schema test suite is read straight from its tarball in the
// external test input: suite.xml lists the test sets, each test set lists
// groups of one schema test and the instance tests that use its schema,
// each with the expected verdict. This file turns that metadata into
// w3cTest values; w3c_run_test.go runs them.

// w3cTest is one applicable XSD 1.0 test of the suite.
type w3cTest struct {
	ID      string   // set/group/test, stable across runs
	Set     string   // the metadata file's base name: the group figures are per set
	Schema  []string // the schema documents of the group (fs paths)
	Doc     string   // instance document; empty for a schema test
	WantOK  bool     // expected verdict: valid
	GroupID string   // set/group: tests of one group share one compiled schema
}

// w3cSuite is the loaded suite: every file of the tarball in memory, and
// the tests that apply, plus how many were left out and why.
type w3cSuite struct {
	fsys    fstest.MapFS
	tests   []w3cTest
	skipped map[string]int // reason → count
}

const w3cTarball = "w3c-xsdtests-no-nist.tar.gz"

// loadW3CSuite reads the tarball from the xsd-real vectors.
func loadW3CSuite(t testing.TB) *w3cSuite {
	t.Helper()
	dir := testtool.Vectors(t, "xsd-real")
	f, err := os.Open(filepath.Join(dir, w3cTarball))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fsys, err := readTarGz(f)
	if err != nil {
		t.Fatalf("%s: %v", w3cTarball, err)
	}
	s := &w3cSuite{fsys: fsys, skipped: map[string]int{}}
	if err := s.collect(); err != nil {
		t.Fatal(err)
	}
	if len(s.tests) < 10000 {
		t.Fatalf("only %d applicable tests found in %s", len(s.tests), w3cTarball)
	}
	return s
}

// readTarGz holds every regular file of a .tar.gz in a MapFS.
func readTarGz(r io.Reader) (fstest.MapFS, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	fsys := fstest.MapFS{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return fsys, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		fsys[path.Clean(strings.TrimPrefix(h.Name, "./"))] = &fstest.MapFile{Data: data, Mode: 0o444}
	}
}

// The metadata vocabulary, as far as it decides what to run.
type (
	tsRef struct {
		Href string `xml:"http://www.w3.org/1999/xlink href,attr"`
	}
	tsExpected struct {
		Validity string `xml:"validity,attr"`
		Version  string `xml:"version,attr"`
	}
	tsTest struct {
		Name     string       `xml:"name,attr"`
		Version  string       `xml:"version,attr"`
		Docs     []tsRef      `xml:"schemaDocument"`
		Doc      tsRef        `xml:"instanceDocument"`
		Expected []tsExpected `xml:"expected"`
		Status   struct {
			Status string `xml:"status,attr"`
		} `xml:"current"`
	}
	tsGroup struct {
		Name      string   `xml:"name,attr"`
		Version   string   `xml:"version,attr"`
		Schema    []tsTest `xml:"schemaTest"`
		Instances []tsTest `xml:"instanceTest"`
	}
	tsSet struct {
		Name    string    `xml:"name,attr"`
		Version string    `xml:"version,attr"`
		Groups  []tsGroup `xml:"testGroup"`
	}
	tsSuite struct {
		Sets []tsRef `xml:"testSetRef"`
	}
)

func (s *w3cSuite) collect() error {
	var suite tsSuite
	if err := s.unmarshal("suite.xml", &suite); err != nil {
		return err
	}
	for _, ref := range suite.Sets {
		file := path.Clean(ref.Href)
		if _, ok := s.fsys[file]; !ok {
			s.skipped["test set not in the tarball"]++
			continue
		}
		var set tsSet
		if err := s.unmarshal(file, &set); err != nil {
			return err
		}
		s.addSet(file, &set)
	}
	return nil
}

func (s *w3cSuite) unmarshal(file string, v any) error {
	f, ok := s.fsys[file]
	if !ok {
		return fmt.Errorf("%s missing from %s", file, w3cTarball)
	}
	if err := xml.Unmarshal(f.Data, v); err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	return nil
}

func (s *w3cSuite) addSet(file string, set *tsSet) {
	setName := strings.TrimSuffix(path.Base(file), path.Ext(file))
	setName = strings.TrimSuffix(setName, "_w3c")
	setName = strings.TrimSuffix(path.Dir(file), "Meta") + "/" + setName
	dir := path.Dir(file)
	if reason, ok := w3cLeftOutSets[setName]; ok {
		for _, g := range set.Groups {
			s.skipped[reason] += len(g.Schema) + len(g.Instances)
		}
		return
	}
	for _, g := range set.Groups {
		groupID := setName + "/" + g.Name
		if len(g.Schema) != 1 {
			// Instance tests that name their schema by xsi:schemaLocation only.
			s.skipped["group without exactly one schema test"] += len(g.Schema) + len(g.Instances)
			continue
		}
		st := g.Schema[0]
		var docs []string
		for _, d := range st.Docs {
			docs = append(docs, path.Clean(path.Join(dir, d.Href)))
		}
		if len(docs) > 1 {
			docs = []string{s.addEntry(groupID, docs)}
		}
		all := append([]tsTest{st}, g.Instances...)
		for i, tc := range all {
			want, reason := xsd10Expectation([]string{tc.Version, g.Version, set.Version}, tc)
			if reason != "" {
				s.skipped[reason]++
				continue
			}
			test := w3cTest{ID: groupID + "/" + tc.Name, Set: setName, Schema: docs, WantOK: want, GroupID: groupID}
			if i > 0 {
				test.Doc = path.Clean(path.Join(dir, tc.Doc.Href))
				if _, ok := s.fsys[test.Doc]; !ok {
					s.skipped["instance not in the tarball"]++
					continue
				}
			}
			s.tests = append(s.tests, test)
		}
	}
}

// w3cLeftOutSets are test sets that are not tests of an XSD 1.0 processor
// on the suite's own files, with the reason.
//
// common/introspection (generated by common/generate-introspection-testset.xsl)
// validates the suite's catalogue files against the catalogue schema
// common/xsts.xsd, which imports XLink from
// http://www.w3.org/XML/2008/06/xlink.xsd and refers to its attributes: the
// tarball does not hold that document, so the outcome depends on fetching
// it from the network, which neither this package nor xmllint --nonet
// does. One of its instances (the NIST catalogue) is not in the tarball
// either.
var w3cLeftOutSets = map[string]string{
	"common/introspection": "schema needs a document from the network",
}

// addEntry brings the schema documents of a group together as one schema
// the way schemas/xmlschema does for several entries (EntryDocuments): the
// suite leaves open how several documents form one schema, and this
// package, like xmllint, compiles one entry document. The documents it
// builds go in a folder of the group's own, where xmllint reads them too;
// it returns the entry's path.
func (s *w3cSuite) addEntry(groupID string, docs []string) string {
	dir := path.Join(w3cEntryDir, strings.ReplaceAll(groupID, "/", "_"))
	files := make([]EntryFile, len(docs))
	for i, d := range docs {
		files[i].Location = "../../" + d
		if f, ok := s.fsys[d]; ok {
			if root, err := parseSchemaDoc(f.Data, &schemaDoc{file: d}, 256); err == nil {
				files[i].TargetNamespace = root.attrOr("targetNamespace", "")
			}
		}
	}
	for name, data := range EntryDocuments(files) {
		s.fsys[path.Join(dir, name)] = &fstest.MapFile{Data: data, Mode: 0o444}
	}
	return path.Join(dir, EntryName)
}

// w3cEntryDir holds the entry documents of groups with several schema
// documents, one folder per group, two levels below the suite's root.
const w3cEntryDir = "jcx-entries"

// xsd10Expectation returns the expected XSD 1.0 verdict of a test, or why
// the test does not apply: it is for XSD 1.1 only (or for an optional
// feature), its verdict is left open, or its status is queried or
// disputed. versions runs from the test outwards; the innermost version
// attribute decides.
func xsd10Expectation(versions []string, tc tsTest) (bool, string) {
	for _, v := range versions {
		if v != "" {
			if !appliesTo10(v) {
				return false, "not an XSD 1.0 test"
			}
			break
		}
	}
	switch tc.Status.Status {
	case "", "accepted", "stable", "submitted":
	default:
		return false, "status " + tc.Status.Status
	}
	for _, e := range tc.Expected {
		if e.Version != "" && !appliesTo10(e.Version) {
			continue
		}
		switch e.Validity {
		case "valid":
			return true, ""
		case "invalid":
			return false, ""
		default:
			return false, "expected verdict " + e.Validity
		}
	}
	return false, "no XSD 1.0 verdict"
}

// appliesTo10 reads a version token list: tokens naming other features
// (Unicode versions, XPath subsets) leave a test out; 1.0 and 1.1 select
// the language version, and no token means both.
func appliesTo10(versions string) bool {
	tokens := strings.Fields(versions)
	for _, tok := range tokens {
		if tok != "1.0" && tok != "1.1" {
			return false
		}
	}
	return len(tokens) == 0 || slices.Contains(tokens, "1.0")
}
