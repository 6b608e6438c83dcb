package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConvertFixtures converts every valid fixture to the other encoding: since both files
// of a pair are canonical, the output must equal the other file byte for byte.
func TestConvertFixtures(t *testing.T) {
	xmls, err := filepath.Glob(filepath.Join(validDir, "*.xml"))
	if err != nil || len(xmls) == 0 {
		t.Fatalf("no valid XML fixtures (%v)", err)
	}
	for _, x := range xmls {
		j := strings.TrimSuffix(x, ".xml") + ".json"
		for _, pair := range [][3]string{{x, "json", j}, {j, "xml", x}, {x, "xml", x}} {
			from, to, want := pair[0], pair[1], pair[2]
			t.Run(filepath.Base(from)+"->"+to, func(t *testing.T) {
				r := jcx(t, "", "convert", "--to", to, from)
				if r.code != 0 {
					t.Fatalf("exit code %d\n%s", r.code, r.stderr)
				}
				wantData, err := os.ReadFile(want)
				if err != nil {
					t.Fatal(err)
				}
				if r.stdout != string(wantData) {
					t.Errorf("output differs from %s:\n%s", want, r.stdout)
				}
			})
		}
	}
}

func TestConvert(t *testing.T) {
	validData, err := os.ReadFile(validXML)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		{name: "no --to", args: []string{validXML}, code: 2, stderr: "--to is required"},
		{name: "bad --to", args: []string{"--to", "yaml", validXML}, code: 2, stderr: `unknown encoding "yaml"`},
		{name: "no file", args: []string{"--to", "json"}, code: 2, stderr: "want exactly one FILE"},
		{name: "two files", args: []string{"--to", "json", validXML, validJSON}, code: 2, stderr: "got 2"},
		{name: "unknown flag", args: []string{"--to", "json", "--pretty", validXML}, code: 2, stderr: "flag provided but not defined: -pretty"},
		{name: "missing file", args: []string{"--to", "json", "nope.xml"}, code: 2, stderr: "nope.xml: no such file or directory"},
		{name: "stdin", args: []string{"--to", "json", "-"}, stdin: string(validData), code: 0, stdout: `"Header": {`},
		{name: "invalid input", args: []string{"--to", "json", invalidJS}, code: 1, stderr: "invalid message\n  3020"},
		{name: "not a message", args: []string{"--to", "xml", "-"}, stdin: "hello", code: 1, stderr: "  3019: "},
		{name: "rules are not checked", args: []string{"--to", "json", invalidXML}, code: 0, stdout: `"Authorisation": {`},
		{name: "help", args: []string{"-h"}, code: 0, stderr: "A signature does not survive conversion"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := jcx(t, tc.stdin, append([]string{"convert"}, tc.args...)...)
			r.check(t, tc.code, tc.stdout, tc.stderr, "")
			if tc.code != 0 && r.stdout != "" {
				t.Errorf("a failed conversion wrote to stdout:\n%s", r.stdout)
			}
		})
	}
}

func TestConvertOut(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	r := jcx(t, "", "convert", "--to", "json", "--out", out, validXML)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	back := jcx(t, string(got), "convert", "--to", "xml", "-")
	want, _ := os.ReadFile(validXML)
	if back.stdout != string(want) {
		t.Errorf("XML -> JSON file -> XML differs from the original:\n%s", back.stdout)
	}

	// An invalid input leaves an existing output untouched.
	r = jcx(t, "{}", "convert", "--to", "json", "--out", out, "-")
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	if again, _ := os.ReadFile(out); !bytes.Equal(again, got) {
		t.Error("a failed conversion changed the output file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	// An output folder that does not exist is an I/O error.
	r = jcx(t, "", "convert", "--to", "json", "--out", filepath.Join(dir, "no", "such", "dir.json"), validXML)
	if r.code != 2 {
		t.Errorf("exit code %d, want 2 for an unwritable output", r.code)
	}
}

func TestConvertSignedNote(t *testing.T) {
	data, err := os.ReadFile(validJSON)
	if err != nil {
		t.Fatal(err)
	}
	if signed(data) {
		t.Fatal("an unsigned fixture is reported as signed")
	}
	// A Signature member is part of the JSON encoding, not of the model; the schema lets
	// it through, and conversion drops it with a note.
	withSig := bytes.Replace(data, []byte("{\n"), []byte("{\n  \"Signature\": {\"protected\": \"e30\", \"signature\": \"AA\"},\n"), 1)
	if !signed(withSig) {
		t.Fatal("a Signature member is not noticed")
	}
	r := jcx(t, string(withSig), "convert", "--to", "xml", "-")
	if r.code == 0 && !strings.Contains(r.stderr, "output is unsigned") {
		t.Errorf("no note about the dropped signature:\n%s", r.stderr)
	}
}
