//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// TestProgressOnTerminalOnly runs the built binary twice per command: under a
// pseudo-terminal (util-linux script), where long runs must show progress on standard
// error, and with pipes, where nothing but the results may be written (progress
// only on a terminal).
func TestProgressOnTerminalOnly(t *testing.T) {
	scriptBin := scriptTool(t)
	bin := buildJCX(t)
	valid, err := filepath.Abs(validDir)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := filepath.Glob(filepath.Join(valid, "*")); len(n) < progressMin {
		t.Fatalf("%s has %d files; progress starts at %d", valid, len(n), progressMin)
	}
	clock := fixtureClock(t)
	tests := []struct {
		name string
		args []string
		// redirect sends standard output to a file inside the terminal session, as
		// "jcx validate dir > report.txt" does.
		redirect bool
		progress *regexp.Regexp
	}{
		{"validate, results to a file", []string{"validate", "--now", clock, valid}, true, regexp.MustCompile(`validated \d+/\d+`)},
		{"validate --output json", []string{"validate", "--now", clock, "--output", "json", valid}, false, regexp.MustCompile(`validated \d+/\d+`)},
		{"conformance run", []string{"conformance", "run", "--run", "JCX-C-000[1-4]"}, false, regexp.MustCompile(`\[\d+/~\d+\] JCX-C-\d+/(xml|json) `)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			line := shellQuote(append([]string{bin}, tc.args...))
			if tc.redirect {
				line += " >" + shellQuote([]string{filepath.Join(dir, "out")})
			}
			tty, ttyCode := runBounded(t, scriptBin, "-qec", line, "/dev/null")
			if !tc.progress.MatchString(tty) {
				t.Errorf("on a terminal: no progress (%s) in\n%s", tc.progress, clipped(tty))
			}

			var stdout, stderr bytes.Buffer
			cmd := exec.Command(bin, tc.args...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			pipeCode := runBoundedCmd(t, cmd)
			if pipeCode != ttyCode {
				t.Errorf("exit code %d piped, %d on a terminal", pipeCode, ttyCode)
			}
			for _, out := range []struct {
				name string
				text string
			}{{"stderr", stderr.String()}, {"stdout", stdout.String()}} {
				if tc.progress.MatchString(out.text) || strings.ContainsAny(out.text, "\r\x1b") {
					t.Errorf("piped: progress or terminal control on %s:\n%q", out.name, clipped(out.text))
				}
			}
			if stdout.Len() == 0 {
				t.Error("piped: no results on stdout")
			}
		})
	}
}

// scriptTool returns util-linux script, which runs a command under a pseudo-terminal.
// Without it the test is skipped, unless CI is set.
func scriptTool(t *testing.T) string {
	t.Helper()
	return testtool.Need(t, "script", "bsdutils")
}

// runBounded runs a command and returns its combined output and exit code.
func runBounded(t *testing.T, name string, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	code := runBoundedCmd(t, cmd)
	return out.String(), code
}

// runBoundedCmd runs cmd in a process group of its own, killed as a whole when it takes
// longer than two minutes, and returns its exit code, so that a hang under the pseudo-terminal cannot stall the test.
func runBoundedCmd(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bounded := exec.CommandContext(ctx, cmd.Path, cmd.Args[1:]...)
	bounded.Stdout, bounded.Stderr, bounded.Env = cmd.Stdout, cmd.Stderr, append(os.Environ(), "NO_COLOR=1")
	bounded.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	bounded.Cancel = func() error { return syscall.Kill(-bounded.Process.Pid, syscall.SIGKILL) }
	bounded.WaitDelay = 10 * time.Second
	err := bounded.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s did not finish within the time limit", strings.Join(cmd.Args, " "))
	}
	code := bounded.ProcessState.ExitCode()
	if code < 0 {
		t.Fatalf("%s: %v", strings.Join(cmd.Args, " "), err)
	}
	return code
}

// shellQuote quotes each word for sh.
func shellQuote(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

func clipped(s string) string {
	if len(s) > 2000 {
		return s[:1000] + "\n…\n" + s[len(s)-1000:]
	}
	return s
}
