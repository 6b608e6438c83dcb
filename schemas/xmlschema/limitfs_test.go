package xmlschema

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jcx-dev/jcx/internal/xsd"
)

// TestSchemaFileSizeLimit: a schema path naming an endless file (/dev/zero) or a file
// over MaxSchemaBytes is refused once the limit is read, not read until memory runs out;
// a file at the limit is read whole.
func TestSchemaFileSizeLimit(t *testing.T) {
	const limit = 1 << 20
	dir := t.TempDir()
	big := filepath.Join(dir, "big.xsd")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(1 << 40) // sparse: announces a terabyte
	f.Close()
	tests := []struct{ name, dir, entry string }{
		{"announces a terabyte", dir, "big.xsd"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		tests = append(tests, struct{ name, dir, entry string }{"endless", "/dev", "zero"})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Options{MaxSchemaBytes: limit}.LoadDir(tc.dir, tc.entry)
			if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "larger than the size limit of 1048576 bytes") {
				t.Fatalf("err = %v, want the size limit", err)
			}
		})
	}

	// At the limit exactly, the cap is not in the way.
	schema := `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a"/></xs:schema>`
	mfs := fstest.MapFS{"s.xsd": {Data: []byte(schema)}}
	fsys := xsd.LimitFS(mfs, int64(len(schema)))
	b, err := fs.ReadFile(fsys, "s.xsd")
	if err != nil || string(b) != schema {
		t.Fatalf("at the limit: %q, %v", b, err)
	}
	fsys = xsd.LimitFS(mfs, int64(len(schema))-1)
	var pe *fs.PathError
	if _, err := fs.ReadFile(fsys, "s.xsd"); !errors.As(err, &pe) {
		t.Fatal("one byte over the limit was read")
	}
	if entries, err := fs.ReadDir(fsys, "."); err != nil || len(entries) != 1 {
		t.Fatalf("ReadDir through the cap: %v, %v", entries, err)
	}
}
