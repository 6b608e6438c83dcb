package testtool

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

//go:embed node-packages.txt
var nodePackagesList string

// NodePackages are the npm packages some tests use as oracles, implementations nobody
// here wrote, by name with the version .ci/run installs (node-packages.txt, which
// .ci/run reads too).
var NodePackages = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(nodePackagesList, "\n") {
		if line = strings.TrimSpace(line); line == "" || line[0] == '#' {
			continue
		}
		at := strings.LastIndexByte(line, '@') // after a scope's leading @
		m[line[:at]] = line[at+1:]
	}
	return m
}()

// NodeModulesDir is where .ci/run installs NodePackages: $JCX_NODE_MODULES, or
// node_modules under $HOME/.cache/jcx-oracles.
func NodeModulesDir() string {
	if d := os.Getenv("JCX_NODE_MODULES"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "jcx-oracles", "node_modules")
}

// NodeScript returns the path of a copy of script in a temporary folder whose
// node_modules is NodeModulesDir, so that the script's imports of pkgs resolve (an ES
// module resolves a package from its own folder up, never from NODE_PATH), and the path
// of node. Without node or one of pkgs, t is skipped, or failed when CI is set.
func NodeScript(t testing.TB, script string, pkgs ...string) (node, path string) {
	t.Helper()
	node = Need(t, "node", "nodejs")
	modules := NodeModulesDir()
	for _, p := range pkgs {
		var meta struct{ Version string }
		b, err := os.ReadFile(filepath.Join(modules, p, "package.json"))
		if err == nil {
			err = json.Unmarshal(b, &meta)
		}
		if err != nil || meta.Version != NodePackages[p] {
			msg := "npm package %s@%s not installed in %s (found %q: %v); .ci/run installs it: npm install --prefix %s %s@%s"
			args := []any{p, NodePackages[p], modules, meta.Version, err, filepath.Dir(modules), p, NodePackages[p]}
			if os.Getenv("CI") != "" {
				t.Fatalf(msg, args...)
			}
			t.Skipf(msg, args...)
		}
	}
	dir := t.TempDir()
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, filepath.Base(script))
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return node, path
}

// RunNode runs a node script with stdin and returns its stdout, whether it exited 0,
// and its stderr; t fails if node could not be run at all.
func RunNode(t testing.TB, node, script string, stdin []byte, args ...string) ([]byte, bool, string) {
	t.Helper()
	cmd := exec.Command(node, append([]string{script}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("running node: %v", err)
	}
	return stdout.Bytes(), err == nil, stderr.String()
}
