package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The built-in implementation keeps an exchange log, so a run without a target tests
// the log profile too; against jcx serve --log, --log-key turns the log cases on, and a
// log fault is caught.
func TestConformanceLogProfile(t *testing.T) {
	r := jcx(t, "", "conformance", "run", "--run", "JCX-C-020", "--timeout", "1m")
	if r.code != exitConformant || !strings.Contains(r.stdout, "with its exchange log") || !strings.Contains(r.stdout, "6 pass") {
		t.Errorf("built-in: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	addr, key := serveLogged(t)
	r = jcx(t, "", "conformance", "run", "--target", addr+"/", "--log-key", key+".pub", "--run", "JCX-C-020", "--timeout", "1m")
	if r.code != exitConformant || !strings.Contains(r.stdout, "6 pass") {
		t.Errorf("jcx serve --log: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Without --log-key the log cases are skipped as unsupported.
	r = jcx(t, "", "conformance", "run", "--target", addr+"/", "--run", "JCX-C-020", "--timeout", "1m")
	if !strings.Contains(r.stdout, "6 skipped-unsupported") {
		t.Errorf("without --log-key: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	addr2, key2 := serveLogged(t, "--fault", "log-forget-leaf")
	r = jcx(t, "", "conformance", "run", "--target", addr2+"/", "--log-key", key2+".pub", "--run", "JCX-C-020", "--timeout", "1m")
	if r.code != exitNotConformant || !strings.Contains(r.stdout, "no evidence for the receipt digest") {
		t.Errorf("log-forget-leaf: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	for _, args := range [][]string{
		{"conformance", "run", "--log-url", "http://127.0.0.1:1/log/"},
		{"conformance", "run", "--log-key", key + ".pub"},
		{"serve", "--fault", "log-wrong-key"},
	} {
		if r := jcx(t, "", args...); r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, r.code, exitUsage, r.stderr)
		}
	}
}

// serveLogged starts jcx serve with a fresh exchange log and the extra flags; it returns
// the server's address and the operator's key file (its verifier key is KEY.pub).
func serveLogged(t *testing.T, flags ...string) (addr, key string) {
	t.Helper()
	tmp := t.TempDir()
	dir, key := filepath.Join(tmp, "log"), filepath.Join(tmp, "op.key")
	if code, _, stderr := runLog(t, "log", "init", "--origin", "serve.example.test/log", "--key-out", key, dir); code != 0 {
		t.Fatal(stderr)
	}
	addr, cancel, done, _ := startServe(t, append([]string{"--log", dir, "--log-key", key}, flags...)...)
	t.Cleanup(func() { cancel(); <-done })
	return addr, key
}
