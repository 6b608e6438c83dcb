package testtool

import (
	"os"
	"path/filepath"
	"testing"
)

// Vectors returns the folder of the named set of external test input (standards'
// schemas and examples, test suites written elsewhere), which lives beside the
// module's checkout in ../shared/vectors/NAME and is read in place, never copied
// into the module. Without it t is skipped, or failed when CI is set.
func Vectors(t testing.TB, name string) string {
	t.Helper()
	root, err := moduleRoot()
	if err == nil {
		dir := filepath.Join(filepath.Dir(root), "shared", "vectors", name)
		if fi, statErr := os.Stat(dir); statErr == nil && fi.IsDir() {
			return dir
		} else {
			err = statErr
			if err == nil {
				err = os.ErrNotExist
			}
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("test vectors %q are required in CI (../shared/vectors/%s beside the checkout): %v", name, name, err)
	}
	t.Skipf("test vectors %q not present (../shared/vectors/%s beside the checkout): %v", name, name, err)
	return ""
}

// moduleRoot walks up from the working directory (a test's package folder) to the
// folder holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// ReadFiles reads the files, failing t on the first that cannot be read, and returns
// their contents in order and their total size.
func ReadFiles(t testing.TB, paths []string) (data [][]byte, total int) {
	t.Helper()
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, b)
		total += len(b)
	}
	return data, total
}
