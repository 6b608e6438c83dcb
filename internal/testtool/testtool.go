// Package testtool finds the external programs some tests use as oracles (xmllint,
// xmlsec1, node, python3, script) and the npm packages node runs (NodeScript). The
// project's rule lives here, once: without the program a test is skipped with a
// message saying what to install, except when the environment variable CI is set,
// where a missing oracle is a failure — .ci/run installs them, so a skip there would
// hide a broken install.
//
// It also holds the process CPU clock that benchmarks report as cpu-ns/op and that
// cost tests compare (ProcessCPU, ReportCPU).
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the program name. When it is not found, t is skipped, or
// failed when CI is set; pkg names the Debian package that provides it.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (Debian package %s): %v", name, pkg, err)
		}
		t.Skipf("%s not installed (Debian package %s); this test needs it", name, pkg)
	}
	return path
}
