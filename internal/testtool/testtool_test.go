package testtool

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestNeedFindsAProgram(t *testing.T) {
	if p := Need(t, "go", "golang"); p == "" {
		t.Error("Need returned an empty path for the go tool")
	}
}

// A missing program skips locally and fails in CI.
func TestNeedMissing(t *testing.T) {
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		var r recorder
		done := make(chan struct{})
		go func() { // Skipf and Fatalf end the calling goroutine
			defer close(done)
			Need(&r, "jcx-no-such-program", "none")
		}()
		<-done
		if ci == "" && (!r.skipped || r.failed) {
			t.Errorf("CI unset: skipped=%v failed=%v, want a skip", r.skipped, r.failed)
		}
		if ci != "" && (!r.failed || r.skipped) {
			t.Errorf("CI set: skipped=%v failed=%v, want a failure", r.skipped, r.failed)
		}
	}
}

// recorder is a testing.TB that records how the test ended.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(string, ...any) {
	r.skipped = true
	runtime.Goexit()
}
func (r *recorder) Fatalf(string, ...any) {
	r.failed = true
	runtime.Goexit()
}

// TestProcessCPU checks that the clock counts work done and only grows.
func TestProcessCPU(t *testing.T) {
	before := ProcessCPU()
	x := 0
	for i := range 50_000_000 {
		x ^= i * i
	}
	after := ProcessCPU()
	if after <= before {
		t.Fatalf("CPU time did not grow over a busy loop (%d): %v then %v", x, before, after)
	}
}

func TestVectorsFindsSharedFolder(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(filepath.Dir(root), "shared", "vectors", "etsi-ts103120-v1.12.1")
	if _, err := os.Stat(want); err != nil {
		t.Skipf("no vectors beside this checkout: %v", err)
	}
	if got := Vectors(t, "etsi-ts103120-v1.12.1"); got != want {
		t.Fatalf("Vectors = %q, want %q", got, want)
	}
}

// TestNodePackages: the list .ci/run installs from parses to pinned versions.
func TestNodePackages(t *testing.T) {
	if v := NodePackages["jose"]; v == "" || strings.ContainsAny(v, "^~*@ ") {
		t.Errorf("jose version %q, want a pinned version", v)
	}
}
