package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
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
	if exchange.Signed(data, exchange.FormatAuto) {
		t.Fatal("an unsigned fixture is reported as signed")
	}
	// A Signature member is part of the JSON encoding, not of the model; the schema lets
	// it through, and conversion drops it with a note.
	withSig := bytes.Replace(data, []byte("{\n"), []byte("{\n  \"Signature\": {\"protected\": \"e30\", \"signature\": \"AA\"},\n"), 1)
	if !exchange.Signed(withSig, exchange.FormatAuto) {
		t.Fatal("a Signature member is not noticed")
	}
	r := jcx(t, string(withSig), "convert", "--to", "xml", "-")
	if r.code == 0 && !strings.Contains(r.stderr, "output is unsigned") {
		t.Errorf("no note about the dropped signature:\n%s", r.stderr)
	}
}

// TestConvertHI1 maps a jcx request to HI-1 and back, and checks the refusals.
func TestConvertHI1(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join(validDir, "eio-fr-de-get-task.xml"))
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's WorkflowIdentifier has no place in HI-1; without it the request maps.
	lines := strings.Split(string(fixture), "\n")
	var kept []string
	for _, l := range lines {
		if !strings.Contains(l, "WorkflowIdentifier") {
			kept = append(kept, l)
		}
	}
	plain := strings.Join(kept, "\n")
	dir := t.TempDir()
	in := filepath.Join(dir, "get.xml")
	if err := os.WriteFile(in, []byte(plain), 0o644); err != nil {
		t.Fatal(err)
	}
	r := jcx(t, "", "convert", "--to", "hi1", in)
	if r.code != 0 || !strings.Contains(r.stdout, `<HI1Message xmlns="http://uri.etsi.org/03120/common/2019/10/Core"`) ||
		!strings.Contains(r.stdout, "<ETSIVersion>V1.12.1</ETSIVersion>") {
		t.Fatalf("--to hi1: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	back := jcx(t, r.stdout, "convert", "--from", "hi1", "-")
	if back.code != 0 || back.stdout != plain {
		t.Errorf("--from hi1: exit %d\n%s\nwant\n%s%s", back.code, back.stdout, plain, back.stderr)
	}
	if j := jcx(t, r.stdout, "convert", "--from", "hi1", "--to", "json", "-"); j.code != 0 || !strings.Contains(j.stdout, `"GET": {`) {
		t.Errorf("--from hi1 --to json: exit %d\n%s%s", j.code, j.stdout, j.stderr)
	}

	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stderr string
	}{
		{name: "member without counterpart", args: []string{"--to", "hi1", filepath.Join(validDir, "eio-fr-de-get-task.xml")}, code: 1,
			stderr: "3001 /Message/Header[1]/WorkflowIdentifier[1]: WorkflowIdentifier has no counterpart in HI-1"},
		{name: "response", args: []string{"--to", "hi1", filepath.Join(validDir, "eio-fr-de-get-task-response.xml")}, code: 1,
			stderr: "3001 /Message/Payload[1]/Response[1]/Receipt[1]"},
		{name: "jcx given as HI-1", args: []string{"--from", "hi1", in}, code: 1, stderr: "3020 /Message"},
		{name: "HI-1 to HI-1", args: []string{"--from", "hi1", "--to", "hi1", in}, code: 2, stderr: "want --to xml or json"},
		{name: "unknown input", args: []string{"--from", "yaml", "--to", "xml", in}, code: 2, stderr: `unknown input "yaml"`},
		{name: "HI-1 with an object jcx lacks", args: []string{"--from", "hi1", "-"}, code: 1,
			stdin: r.stdout[:strings.Index(r.stdout, "<GET>")] +
				`<CREATE><HI1Object xsi:type="task:LITaskObject" xmlns:task="http://uri.etsi.org/03120/common/2020/09/Task"><ObjectIdentifier>ef685a7a-7f30-57c4-a587-a0dbc5c84b6a</ObjectIdentifier></HI1Object></CREATE>` +
				r.stdout[strings.Index(r.stdout, "</GET>")+len("</GET>"):],
			stderr: "LITaskObject has no counterpart in jcx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := jcx(t, tt.stdin, append([]string{"convert"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant it to contain %q", r.code, tt.code, r.stderr, tt.stderr)
			}
		})
	}
}
