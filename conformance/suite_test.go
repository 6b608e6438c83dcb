package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestCoreSuite(t *testing.T) {
	s, err := Core()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Cases) < 60 {
		t.Errorf("%d cases, want at least 60", len(s.Cases))
	}
	if len(s.Requirements) < 40 {
		t.Errorf("%d requirements, want at least 40", len(s.Requirements))
	}
	covered := map[string]bool{}
	kinds := map[Kind]int{}
	for _, c := range s.Cases {
		kinds[c.Kind]++
		for _, r := range c.Requirements {
			covered[r] = true
		}
		if len(c.NegativeControls) == 0 {
			t.Errorf("%s has no negative control", c.ID)
		}
	}
	for _, r := range s.Requirements {
		if !covered[r.ID] {
			t.Errorf("%s is tested by no case", r.ID)
		}
	}
	for _, k := range []Kind{KindDocument, KindExchange, KindScenario, KindHostile} {
		if kinds[k] == 0 {
			t.Errorf("no %s case", k)
		}
	}
	if len(s.Digest) != 64 {
		t.Errorf("digest %q", s.Digest)
	}
}

// TestShippedSuitesObeySchema validates every suite file against suite.schema.json with
// a fresh compiler, independently of the loader.
func TestShippedSuitesObeySchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SuiteSchema))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("suite.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	compile := func(def string) *jsonschema.Schema {
		s, err := c.Compile("suite.schema.json#/$defs/" + def)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	defs := map[string]*jsonschema.Schema{"manifest": compile("manifest"), "requirements": compile("requirements"), "cases": compile("cases")}
	n := 0
	err = fs.WalkDir(suitesFS, "suites", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".json" || strings.Contains(p, "/messages/") {
			return err
		}
		def := "cases"
		switch path.Base(p) {
		case "suite.json":
			def = "manifest"
		case "requirements.json":
			def = "requirements"
		}
		b, _ := fs.ReadFile(suitesFS, p)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if err := defs[def].Validate(inst); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		n++
		return nil
	})
	if err != nil || n < 3 {
		t.Fatalf("walked %d files: %v", n, err)
	}
}

// mini returns the mini suite as a map file system, for mutation.
func mini(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata/mini"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile("testdata/mini/" + p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoadRefusesBrokenSuites(t *testing.T) {
	edit := func(file, from, to string) func(fstest.MapFS) {
		return func(m fstest.MapFS) {
			m[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(m[file].Data), from, to, 1))}
		}
	}
	tests := []struct {
		name string
		edit func(fstest.MapFS)
		want string
	}{
		{"unknown member", edit("suite.json", `"title"`, `"colour": "red", "title"`), "colour"},
		{"bad case id", edit("cases/mini.json", `"JCX-C-0001"`, `"C-1"`), "C-1"},
		{"duplicate case id", edit("cases/mini.json", `"JCX-C-0002"`, `"JCX-C-0001"`), "defined twice"},
		{"unknown requirement", edit("cases/mini.json", `["JCX-TST-001"]`, `["JCX-TST-009"]`), "unknown requirement"},
		{"uncovered requirement", edit("cases/mini.json", `["JCX-TST-004"]`, `["JCX-TST-001"]`), "no case tests it"},
		{"no negative control", edit("cases/mini.json", `"negativeControls": ["lie"]}`, `"negativeControls": []}`), "negativeControls"},
		{"unknown template", edit("cases/mini.json", `"template": "create"`, `"template": "nope"`), "unknown template"},
		{"unknown mutation", edit("cases/mini.json", `["truncate"]`, `["shred"]`), "unknown mutation"},
		{"rejection without codes", edit("cases/mini.json", `"codes": [8001]`, `"results": []`), "codes"},
		{"missing file", func(m fstest.MapFS) { delete(m, "messages/create-authorisation.json") }, "template create"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mini(t)
			tt.edit(m)
			_, err := Load(m)
			if !errors.Is(err, ErrSuite) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrSuite mentioning %q", err, tt.want)
			}
		})
	}
}

func TestDigest(t *testing.T) {
	m := mini(t)
	base, err := Digest(m)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Digest(mini(t))
	if again != base {
		t.Fatal("digest is not deterministic")
	}
	changed := mini(t)
	b := bytes.Clone(changed["messages/capabilities.xml"].Data)
	b[len(b)-2] ^= 1
	changed["messages/capabilities.xml"] = &fstest.MapFile{Data: b}
	moved := mini(t)
	moved["messages/caps.xml"] = moved["messages/capabilities.xml"]
	delete(moved, "messages/capabilities.xml")
	added := mini(t)
	added["notes.txt"] = &fstest.MapFile{Data: nil}
	for name, fsys := range map[string]fstest.MapFS{"one bit": changed, "renamed": moved, "added": added} {
		d, err := Digest(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if d == base {
			t.Errorf("%s: digest unchanged", name)
		}
	}
}

func TestTemplatesExpand(t *testing.T) {
	s, err := Core()
	if err != nil {
		t.Fatal(err)
	}
	x := &expander{harness: fakeHarness, impl: fakeImpl, now: time.Now(), ids: map[string]string{}, newUUID: newUUID, canary: &canaries{}}
	defer x.canary.close()
	for _, c := range s.Cases {
		for _, e := range c.encodings() {
			for i, st := range c.Steps {
				v, err := x.vars(st.Vars)
				if err != nil {
					t.Fatalf("%s step %d: %v", c.ID, i, err)
				}
				tmpl, _ := s.template(st.Template, e)
				msg, err := x.expand(tmpl, e, v)
				if err != nil {
					t.Fatalf("%s/%s step %d: %v", c.ID, e, i, err)
				}
				if s.Manifest.Templates[st.Template].Raw {
					continue
				}
				if _, err := parseAnswer(context.Background(), msg, e); err != nil {
					t.Errorf("%s/%s step %d: expansion is not well-formed: %v\n%s", c.ID, e, i, err, msg)
				}
			}
		}
	}
}

func TestSubstitute(t *testing.T) {
	x := &expander{harness: fakeHarness, impl: fakeImpl, now: time.Now(), ids: map[string]string{}, newUUID: newUUID}
	v, err := x.vars(map[string]string{"evil": `</A>"<B>&`, "ref": "{{id.a}}"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := x.expand([]byte(`{"a":"{{evil}}","b":"{{id.a}}","c":"{{ref}}"}`), JSON, v)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	if got["a"] != `</A>"<B>&` || got["b"] != got["c"] || len(got["b"]) != 36 {
		t.Errorf("got %v", got)
	}
	out, _ = x.expand([]byte(`<a>{{evil}}</a>`), XML, v)
	if string(out) != `<a>&lt;/A&gt;&#34;&lt;B&gt;&amp;</a>` {
		t.Errorf("xml: %s", out)
	}
	for _, bad := range []string{"{{nope}}", "{{tx"} {
		if _, err := x.expand([]byte(bad), XML, v); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzLoadCases: no case file, however malformed, makes the loader panic.
func FuzzLoadCases(f *testing.F) {
	seed, err := os.ReadFile("testdata/mini/cases/mini.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"cases":[{"id":"JCX-C-0001"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m := fstest.MapFS{}
		err := fs.WalkDir(os.DirFS("testdata/mini"), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile("testdata/mini/" + p)
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		m["cases/mini.json"] = &fstest.MapFile{Data: b}
		Load(m)
	})
}
