package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/conformance"
)

// TestVersionSuite checks that "jcx version" names the embedded suite by the digest of the
// suite's files as they are in the source tree, computed here independently of the
// embedded copy: a stale or partial embed would show as a different digest.
func TestVersionSuite(t *testing.T) {
	dir := filepath.Join("..", "..", "conformance", "suites", "core")
	want, err := conformance.Digest(embeddable(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	s, err := conformance.Core()
	if err != nil {
		t.Fatal(err)
	}
	r := jcx(t, "", "version")
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("line %q is not name: value", line)
		}
		if _, dup := got[name]; dup {
			t.Errorf("%s printed twice", name)
		}
		got[name] = strings.TrimSpace(value)
	}
	if got["suite-digest"] != want {
		t.Errorf("suite-digest: %q, want %q (the digest of %s)", got["suite-digest"], want, dir)
	}
	if w := s.Manifest.ID + " " + s.Manifest.Version; got["suite"] != w {
		t.Errorf("suite: %q, want %q", got["suite"], w)
	}
	if len(got) != len(versionInfo()) {
		t.Errorf("%d lines printed, versionInfo has %d", len(got), len(versionInfo()))
	}
}

// embeddable copies the files of dir that a go:embed directive takes, leaving out the
// names starting with "." or "_" as go:embed does, and returns the copy.
func embeddable(t *testing.T, dir string) fs.FS {
	t.Helper()
	out := t.TempDir()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(out, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(out, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return os.DirFS(out)
}
