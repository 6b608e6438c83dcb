package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// result is what one in-process run of jcx produced.
type result struct {
	code           int
	stdout, stderr string
}

// jcx runs the command in-process with stdin as standard input.
func jcx(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// check reports a run whose exit code is not code, whose standard output and error do
// not contain stdout and stderr, or, when goldenName is set, whose standard output
// differs from that golden file.
func (r result) check(t *testing.T, code int, stdout, stderr, goldenName string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, stdout) {
		t.Errorf("stdout does not contain %q:\n%s", stdout, r.stdout)
	}
	if !strings.Contains(r.stderr, stderr) {
		t.Errorf("stderr does not contain %q:\n%s", stderr, r.stderr)
	}
	if goldenName != "" {
		golden(t, goldenName, r.stdout)
	}
}

// goldenDir is absolute because some tests change the working directory.
var goldenDir = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return filepath.Join(wd, "testdata", "golden")
}()

// golden compares got with testdata/golden/name, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update after checking the change)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// Paths of the shared message fixtures, relative to this package.
var (
	validDir   = filepath.Join("..", "..", "testdata", "messages", "valid")
	invalidDir = filepath.Join("..", "..", "testdata", "messages", "invalid")
)

// fixtureClock is the time the shared fixtures were made, read from their README: their
// deadlines are judged against it so that they stay valid.
func fixtureClock(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(validDir, "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "Validation clock: "); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatal("no validation clock in the fixtures' README.md")
	return ""
}

func TestDispatch(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring expected on stdout
		stderr     string // substring expected on stderr
		goldenName string // compare stdout with this golden file
	}{
		{name: "no arguments", args: nil, code: 2, stderr: "Usage:"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "help", args: []string{"help"}, code: 0, stdout: "Exit codes: 0 success, 1 invalid message, 2 usage or I/O error."},
		{name: "--help", args: []string{"--help"}, code: 0, stdout: "Commands:"},
		{name: "help validate", args: []string{"help", "validate"}, code: 0, goldenName: "help-validate.txt"},
		{name: "help convert", args: []string{"help", "convert"}, code: 0, goldenName: "help-convert.txt"},
		{name: "help unknown", args: []string{"help", "nope"}, code: 2, stderr: `unknown command "nope"`},
		{name: "validate -h", args: []string{"validate", "-h"}, code: 0, stderr: "usage: jcx validate"},
		{name: "version", args: []string{"version"}, code: 0, stdout: "namespace:     https://jcx.dev/ns/core/"},
		{name: "version extra argument", args: []string{"version", "x"}, code: 2, stderr: `unexpected argument "x"`},
		{name: "version unknown flag", args: []string{"version", "--json"}, code: 2, stderr: "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := jcx(t, "", tc.args...)
			r.check(t, tc.code, tc.stdout, tc.stderr, tc.goldenName)
		})
	}
}

// TestHelpListsCommands checks that every command of the dispatch table is listed, in
// alphabetical order, by "jcx help".
func TestHelpListsCommands(t *testing.T) {
	r := jcx(t, "", "help")
	last := -1
	for _, name := range []string{"conformance", "convert", "validate", "version"} {
		i := strings.Index(r.stdout, "\t"+name+" ")
		if i < 0 {
			t.Errorf("help does not list %s:\n%s", name, r.stdout)
			continue
		}
		if i < last {
			t.Errorf("%s is out of order:\n%s", name, r.stdout)
		}
		last = i
	}
	for _, c := range commands {
		if !strings.Contains(r.stdout, "\t"+c.name+" ") {
			t.Errorf("help does not list %s:\n%s", c.name, r.stdout)
		}
	}
}

func TestVersionFields(t *testing.T) {
	r := jcx(t, "", "version")
	for _, name := range []string{"jcx:", "go:", "namespace:", "specification:", "profile:"} {
		if !strings.Contains(r.stdout, "\n"+name) && !strings.HasPrefix(r.stdout, name) {
			t.Errorf("version output lacks %q:\n%s", name, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "(devel)") {
		t.Errorf("a test binary has no module version; want (devel):\n%s", r.stdout)
	}
}

func TestColour(t *testing.T) {
	// /dev/null is a character device, so it stands in for a terminal here.
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no %s: %v", os.DevNull, err)
	}
	defer devnull.Close()
	env := func(kv map[string]string) func(string) string {
		return func(k string) string { return kv[k] }
	}
	tests := []struct {
		name string
		out  io.Writer
		env  map[string]string
		want bool
	}{
		{"terminal", devnull, nil, true},
		{"NO_COLOR", devnull, map[string]string{"NO_COLOR": "1"}, false},
		{"dumb terminal", devnull, map[string]string{"TERM": "dumb"}, false},
		{"buffer", &bytes.Buffer{}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStdio(nil, tc.out, &bytes.Buffer{}, env(tc.env))
			if got := s.colour(); got != tc.want {
				t.Errorf("colour() = %v, want %v", got, tc.want)
			}
		})
	}
	if got := paint(true, red, "FAIL"); got != "\x1b[31mFAIL\x1b[0m" {
		t.Errorf("paint = %q", got)
	}
	if got := paint(false, red, "FAIL"); got != "FAIL" {
		t.Errorf("paint without colour = %q", got)
	}
}

func TestParseFlagsInterleaved(t *testing.T) {
	tests := []struct {
		args []string
		pos  []string
		out  string
	}{
		{[]string{"a", "--output", "json", "b"}, []string{"a", "b"}, "json"},
		{[]string{"--output=json", "-", "c"}, []string{"-", "c"}, "json"},
		{[]string{"a", "--", "--output", "x"}, []string{"a", "--output", "x"}, "text"},
		{nil, nil, "text"},
	}
	for _, tc := range tests {
		s := newStdio(nil, &bytes.Buffer{}, &bytes.Buffer{}, nil)
		fs := newFlagSet("t", "", "", s)
		out := fs.String("output", "text", "")
		pos, _, ok := parseFlags(fs, tc.args)
		if !ok {
			t.Fatalf("parseFlags(%q) failed", tc.args)
		}
		if strings.Join(pos, "|") != strings.Join(tc.pos, "|") || *out != tc.out {
			t.Errorf("parseFlags(%q) = %q, output=%q; want %q, %q", tc.args, pos, *out, tc.pos, tc.out)
		}
	}
}
