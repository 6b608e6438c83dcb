package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// copyFixture copies a shared fixture into dir under a new name.
func copyFixture(t *testing.T, from, dir, name string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	validXML   = filepath.Join(validDir, "eio-fr-de-get-task.xml")
	validJSON  = filepath.Join(validDir, "capabilities-es-fr-response.json")
	invalidXML = filepath.Join(invalidDir, "rule-8030-legal-basis-missing.xml")
	invalidJS  = filepath.Join(invalidDir, "schema-json-key-case.json")
)

// workspace builds a folder of messages and other files and makes it the working
// directory, so that reported paths are short and the same on every machine.
func workspace(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	copyFixture(t, validXML, dir, "b/valid.xml")
	copyFixture(t, validJSON, dir, "a.json")
	copyFixture(t, invalidXML, dir, "b/sub/legal-basis.XML")
	copyFixture(t, invalidJS, dir, "c.json")
	if err := os.WriteFile(filepath.Join(dir, "b", "notes.txt"), []byte("not a message"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b", "README"), []byte("# nothing"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"empty", "none"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "none", "notes.txt"), []byte("no message here"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("b", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "a.json"), filepath.Join(dir, "empty", "linked.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "b"), filepath.Join(dir, "empty", "loop.json")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

func TestValidate(t *testing.T) {
	stdinValid, err := os.ReadFile(validJSON)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		stdin      string
		code       int
		stdout     string // substring of stdout
		stderr     string // substring of stderr
		goldenName string // golden file for stdout
	}{
		{name: "no path", args: nil, code: 2, stderr: "no PATH given"},
		{name: "bad clock", args: []string{"--now", "yesterday", "x"}, code: 2, stderr: `--now: "yesterday" is not an RFC 3339 time`},
		{name: "unknown flag", args: []string{"--colour", "x.xml"}, code: 2, stderr: "flag provided but not defined: -colour"},
		{name: "bad format", args: []string{"--format", "yaml", "x"}, code: 2, stderr: `unknown format "yaml"`},
		{name: "bad output", args: []string{"--output", "xml", "x"}, code: 2, stderr: `unknown report format "xml"`},
		{name: "stdin twice", args: []string{"-", "-"}, code: 2, stderr: "only once"},
		{name: "missing path", args: []string{"missing.xml"}, code: 2, stderr: "missing.xml: no such file or directory"},
		{name: "missing path among good ones", args: []string{"b/valid.xml", "missing.xml"}, code: 2, stdout: "ok   b/valid.xml", stderr: "missing.xml: no such file"},
		{name: "one valid file", args: []string{"b/valid.xml"}, code: 0, goldenName: "validate-one.txt", stderr: "1 valid, 0 invalid"},
		{name: "folder", args: []string{"."}, code: 1, goldenName: "validate-folder.txt", stderr: "3 valid, 2 invalid"},
		{name: "folder json", args: []string{"--output", "json", "."}, code: 1, goldenName: "validate-folder.json"},
		{name: "flags after paths", args: []string{"b", "--output=json"}, code: 1, stdout: `"invalid": 1`},
		{name: "explicit file of any name", args: []string{"b/notes.txt"}, code: 1, stdout: "FAIL b/notes.txt", stderr: "0 valid, 1 invalid"},
		{name: "folder without messages", args: []string{"none"}, code: 2, stderr: "no *.xml or *.json file found"},
		{name: "linked files count, linked folders are not followed", args: []string{"empty"}, code: 0, stdout: "ok   empty/linked.json\n"},
		{name: "folder through a link", args: []string{"link"}, code: 1, stdout: "ok   link/valid.xml"},
		{name: "stdin", args: []string{"-"}, stdin: string(stdinValid), code: 0, stdout: "ok   -"},
		{name: "stdin invalid", args: []string{"-"}, stdin: "{}", code: 1, stdout: "FAIL -\n  3020"},
		{name: "empty stdin", args: []string{"-"}, stdin: "", code: 1, stdout: "FAIL -\n  3019"},
		{name: "format forced wrong", args: []string{"--format", "json", "b/valid.xml"}, code: 1, stdout: "FAIL b/valid.xml"},
		{name: "format forced right", args: []string{"--format", "xml", "b/valid.xml"}, code: 0, stdout: "ok   b/valid.xml"},
		{name: "schema only", args: []string{"--schema-only", "b/sub/legal-basis.XML"}, code: 0, stdout: "ok   b/sub/legal-basis.XML"},
		{name: "rules", args: []string{"b/sub/legal-basis.XML"}, code: 1, stdout: "  8030 /Message/Payload[1]/Request[1]/Action[1]/CREATE[1]/Authorisation[1]/LegalBasis[1] (line "},
	}
	clock := fixtureClock(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			workspace(t)
			r := jcx(t, tc.stdin, append([]string{"validate", "--now", clock}, tc.args...)...)
			r.check(t, tc.code, tc.stdout, tc.stderr, tc.goldenName)
		})
	}
}

// TestValidateJSONShape decodes the JSON report and checks its contract: one entry per
// file in order, counts that add up, findings as an array even when empty.
func TestValidateJSONShape(t *testing.T) {
	clock := fixtureClock(t)
	workspace(t)
	r := jcx(t, "", "validate", "--now", clock, "--output", "json", ".", "missing.json")
	if r.code != 2 {
		t.Errorf("exit code %d, want 2 (a path is missing)", r.code)
	}
	var doc struct {
		Files []struct {
			Path     string            `json:"path"`
			Format   string            `json:"format"`
			Valid    bool              `json:"valid"`
			Findings []json.RawMessage `json:"findings"`
		} `json:"files"`
		Valid, Invalid int
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	var paths []string
	valid := 0
	for _, f := range doc.Files {
		paths = append(paths, f.Path+":"+f.Format)
		if f.Findings == nil {
			t.Errorf("%s: findings is not an array", f.Path)
		}
		if f.Valid != (len(f.Findings) == 0) {
			t.Errorf("%s: valid=%v with %d findings", f.Path, f.Valid, len(f.Findings))
		}
		if f.Valid {
			valid++
		}
	}
	want := "a.json:json b/sub/legal-basis.XML:xml b/valid.xml:xml c.json:json empty/linked.json:json"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("files %q, want %q", got, want)
	}
	if doc.Valid != valid || doc.Invalid != len(doc.Files)-valid {
		t.Errorf("counts valid=%d invalid=%d do not match the entries", doc.Valid, doc.Invalid)
	}
	if !strings.Contains(r.stderr, "missing.json") {
		t.Errorf("stderr does not name the missing path:\n%s", r.stderr)
	}
}

func TestValidateUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permissions do not stop root from reading")
	}
	clock := fixtureClock(t)
	workspace(t)
	if err := os.Chmod("c.json", 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join("b", "sub"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join("b", "sub"), 0o755) })
	r := jcx(t, "", "validate", "--now", clock, ".")
	if r.code != 2 {
		t.Errorf("exit code %d, want 2\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"c.json: permission denied", "sub: permission denied"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "ok   a.json") {
		t.Errorf("readable files are still validated:\n%s", r.stdout)
	}
}

// TestValidateFixtures runs the command over the shared fixtures: the valid folder passes
// as a whole, and each invalid fixture, replayed as its manifest entry says (with the
// entry's options as flags, and no others), fails with exactly the codes it lists.
func TestValidateFixtures(t *testing.T) {
	clock := fixtureClock(t)
	r := jcx(t, "", "validate", "--now", clock, validDir)
	if r.code != 0 {
		t.Fatalf("exit code %d, want 0\n%s", r.code, r.stdout)
	}
	files, _ := filepath.Glob(filepath.Join(validDir, "*.*"))
	if want := fmt.Sprintf("%d valid, 0 invalid", len(files)); !strings.Contains(r.stderr, want) {
		t.Errorf("summary %q, want %q", r.stderr, want)
	}

	data, err := os.ReadFile(filepath.Join(invalidDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var manifest []struct {
		File    string          `json:"file"`
		Codes   []int           `json:"codes"`
		Options json.RawMessage `json:"options"`
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	if len(manifest) == 0 {
		t.Fatal("empty manifest")
	}
	for _, e := range manifest {
		t.Run(e.File, func(t *testing.T) {
			args := []string{"validate", "--output", "json"}
			if e.Options != nil {
				var opts struct {
					Now string `json:"now"`
				}
				dec := json.NewDecoder(bytes.NewReader(e.Options))
				dec.DisallowUnknownFields() // an option this replay does not know would be dropped silently
				if err := dec.Decode(&opts); err != nil {
					t.Fatalf("options: %v", err)
				}
				if opts.Now != "" {
					args = append(args, "--now", opts.Now)
				}
			}
			r := jcx(t, "", append(args, filepath.Join(invalidDir, e.File))...)
			if r.code != 1 {
				t.Errorf("exit code %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
			}
			var report struct {
				Files []struct {
					Findings []struct {
						Code int `json:"code"`
					} `json:"findings"`
				} `json:"files"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &report); err != nil || len(report.Files) != 1 {
				t.Fatalf("report %q: %v", r.stdout, err)
			}
			var got []int
			for _, f := range report.Files[0].Findings {
				if !slices.Contains(got, f.Code) {
					got = append(got, f.Code)
				}
			}
			slices.Sort(got)
			if want := slices.Sorted(slices.Values(e.Codes)); !slices.Equal(got, want) {
				t.Errorf("codes %v, manifest lists %v\n%s", got, want, r.stdout)
			}
		})
	}
}

// TestProgress drives the reporter as on a terminal: a progress line is redrawn on
// standard error after each file and cleared before any diagnostic and at the end, so it
// never mixes with the report.
func TestProgress(t *testing.T) {
	var out, errOut strings.Builder
	rep := &reporter{s: newStdio(nil, &out, &errOut, nil), progress: true, total: 3}
	rep.add(fileResult{Path: "a.xml", Valid: true})
	rep.add(fileResult{Path: "b.xml", Error: "b.xml: permission denied"})
	rep.add(fileResult{Path: "c.json", Valid: true})
	rep.finish()
	want := "\r\x1b[Kvalidated 1/3" +
		"\r\x1b[Kjcx validate: b.xml: permission denied\n\r\x1b[Kvalidated 2/3" +
		"\r\x1b[Kvalidated 3/3" +
		"\r\x1b[K2 valid, 0 invalid, 1 unreadable\n"
	if errOut.String() != want {
		t.Errorf("stderr = %q\nwant     %q", errOut.String(), want)
	}
	if out.String() != "ok   a.xml\nok   c.json\n" {
		t.Errorf("stdout = %q", out.String())
	}
}

// TestValidateUnopenable names a file that exists but cannot be opened, even by root: a
// Unix socket. It is an I/O error (exit 2) for validate and convert alike.
func TestValidateUnopenable(t *testing.T) {
	clock := fixtureClock(t)
	workspace(t)
	l, err := net.Listen("unix", "sock.xml")
	if err != nil {
		t.Skipf("no Unix sockets here: %v", err)
	}
	defer l.Close()
	r := jcx(t, "", "validate", "--now", clock, "sock.xml", "a.json")
	if r.code != 2 || !strings.Contains(r.stderr, "sock.xml: ") || !strings.Contains(r.stdout, "ok   a.json") {
		t.Errorf("validate: exit code %d, want 2 with the error on stderr and a.json still checked\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = jcx(t, "", "convert", "--to", "json", "sock.xml")
	if r.code != 2 || !strings.Contains(r.stderr, "sock.xml: ") {
		t.Errorf("convert: exit code %d, want 2\nstderr:\n%s", r.code, r.stderr)
	}
	r = jcx(t, "", "convert", "--to", "json", "b")
	if r.code != 2 || !strings.Contains(r.stderr, "is a directory") {
		t.Errorf("convert of a folder: exit code %d, want 2\nstderr:\n%s", r.code, r.stderr)
	}
}

// TestValidateAll runs the scheduler with a stand-in check that takes a varying time, so
// that files finish out of order across batches and workers: every result must still be
// emitted once, in input order, with its own findings.
func TestValidateAll(t *testing.T) {
	dir := t.TempDir()
	const most = 300
	ins := make([]input, most)
	for i := range ins {
		ins[i] = input{path: filepath.Join(dir, fmt.Sprintf("%03d.xml", i))}
		if err := os.WriteFile(ins[i].path, []byte(strconv.Itoa(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(data []byte, f exchange.Format) *exchange.Report {
		n, _ := strconv.Atoi(string(data))
		time.Sleep(time.Duration(n*7919%13) * 20 * time.Microsecond)
		r := &exchange.Report{Format: exchange.FormatXML}
		if n%3 == 0 {
			r.Findings = []exchange.Finding{{Code: exchange.CodeSchema, Message: string(data)}}
		}
		return r
	}
	// With reuse, each worker reads every file into one buffer: files of one, two and
	// three digits follow each other, so a stale byte would change a message.
	for _, files := range []int{1, 2, 7, 33, most} {
		for _, workers := range []int{1, 2, 3, 8} {
			for _, reuse := range []bool{false, true} {
				t.Run(fmt.Sprintf("%d files, %d workers, reuse %v", files, workers, reuse), func(t *testing.T) {
					var got []fileResult
					validateAll(context.Background(), check, reuse, exchange.FormatAuto, ins[:files], newStdio(nil, io.Discard, io.Discard, nil), workers, func(r fileResult) {
						got = append(got, r)
					})
					if len(got) != files {
						t.Fatalf("%d results, want %d", len(got), files)
					}
					for i, r := range got {
						invalid := i%3 == 0
						if r.Path != ins[i].path || r.Valid == invalid || invalid && r.Findings[0].Message != strconv.Itoa(i) {
							t.Fatalf("result %d is %+v, want the one of %s (valid %v)", i, r, ins[i].path, !invalid)
						}
					}
				})
			}
		}
	}
}

// TestValidateAllInterrupted cancels a run while a check is stuck, as an interrupt while
// reading a standard input that never ends would: validateAll returns at once, what it
// emitted is a prefix of the inputs in order, and nothing is emitted after it has returned
// (the report is then being finished).
func TestValidateAllInterrupted(t *testing.T) {
	dir := t.TempDir()
	ins := make([]input, 100)
	for i := range ins {
		ins[i] = input{path: filepath.Join(dir, fmt.Sprintf("%03d.xml", i))}
		if err := os.WriteFile(ins[i].path, []byte(strconv.Itoa(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The check of input 40 interrupts the run and then hangs until released.
	const stuck = 40
	ctx, cancel := context.WithCancel(context.Background())
	release, unstuck := make(chan struct{}), make(chan struct{})
	check := func(data []byte, f exchange.Format) *exchange.Report {
		if string(data) == strconv.Itoa(stuck) {
			cancel()
			<-release
			close(unstuck)
		}
		return &exchange.Report{Format: exchange.FormatXML}
	}
	var (
		mu       sync.Mutex
		got      []string
		returned bool
		late     int
	)
	emit := func(r fileResult) {
		mu.Lock()
		defer mu.Unlock()
		if returned {
			late++
		}
		got = append(got, r.Path)
	}
	start := time.Now()
	validateAll(ctx, check, false, exchange.FormatAuto, ins, newStdio(nil, io.Discard, io.Discard, nil), 2, emit)
	mu.Lock()
	returned = true
	mu.Unlock()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("validateAll took %v to return after the interrupt", d)
	}
	close(release)
	<-unstuck
	time.Sleep(50 * time.Millisecond) // time for a stray emit to show
	mu.Lock()
	defer mu.Unlock()
	if late > 0 {
		t.Errorf("%d results emitted after validateAll returned", late)
	}
	if len(got) > stuck {
		t.Errorf("%d results emitted, but result %d was never ready", len(got), stuck)
	}
	for i, p := range got {
		if p != ins[i].path {
			t.Fatalf("result %d is %s, want %s", i, p, ins[i].path)
		}
	}
}

func TestBatchSize(t *testing.T) {
	for _, tc := range []struct{ files, workers, want int }{
		{1, 1, 1},
		{10, 2, 1},
		{100, 2, 6},
		{1350, 2, 16},
		{1350, 8, 16},
		{100000, 1, 16},
	} {
		if got := batchSize(tc.files, tc.workers); got != tc.want {
			t.Errorf("batchSize(%d, %d) = %d, want %d", tc.files, tc.workers, got, tc.want)
		}
	}
}

// TestTuneGC checks that a run raises GOGC and caps the heap, leaves both alone when the
// environment sets them, and puts the previous settings back either way.
func TestTuneGC(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	percent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	beforePercent, beforeLimit := percent(), debug.SetMemoryLimit(-1)
	for _, tc := range []struct {
		name    string
		getenv  func(string) string
		percent int
		limit   int64
	}{
		{"default", env(), 400, 2 * gcHeadroom},
		{"GOGC set", env("GOGC", "50"), beforePercent, beforeLimit},
		{"GOMEMLIMIT set", env("GOMEMLIMIT", "1GiB"), beforePercent, beforeLimit},
	} {
		restore := tuneGC(tc.getenv, 2)
		gotPercent, gotLimit := percent(), debug.SetMemoryLimit(-1)
		restore()
		if gotPercent != tc.percent || gotLimit != tc.limit {
			t.Errorf("%s: GOGC %d, memory limit %d; want %d, %d", tc.name, gotPercent, gotLimit, tc.percent, tc.limit)
		}
		if p, l := percent(), debug.SetMemoryLimit(-1); p != beforePercent || l != beforeLimit {
			t.Errorf("%s: not restored: GOGC %d, memory limit %d; want %d, %d", tc.name, p, l, beforePercent, beforeLimit)
		}
	}
}

// writeCounter counts the writes that reach it.
type writeCounter struct {
	bytes.Buffer
	writes int
}

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// TestValidateBatchesOutput checks that results written to a pipe or a file arrive in a
// few writes rather than one per file, and that when standard output and standard error
// share one file, each stream's lines stay where they were written: every result line
// comes before the summary.
func TestValidateBatchesOutput(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(validDir, "*.xml"))
	if err != nil || len(files) < 10 {
		t.Fatalf("need the valid XML fixtures: %d found, %v", len(files), err)
	}
	var shared writeCounter
	code := run(append([]string{"validate", "--schema-only"}, files...), strings.NewReader(""), &shared, &shared)
	if code != 0 {
		t.Fatalf("exit code %d:\n%s", code, shared.String())
	}
	lines := strings.Split(strings.TrimSpace(shared.String()), "\n")
	if len(lines) != len(files)+1 {
		t.Fatalf("%d lines for %d files:\n%s", len(lines), len(files), shared.String())
	}
	for i, f := range files {
		if want := "ok   " + f; lines[i] != want {
			t.Errorf("line %d is %q, want %q", i, lines[i], want)
		}
	}
	if want := fmt.Sprintf("%d valid, 0 invalid", len(files)); lines[len(files)] != want {
		t.Errorf("last line %q, want %q", lines[len(files)], want)
	}
	if shared.writes > 3 {
		t.Errorf("%d writes for %d files, want the results in one", shared.writes, len(files))
	}
}
