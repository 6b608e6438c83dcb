package xmlschema

import (
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// BenchmarkValidateETSI validates each of ETSI's HI-1 examples once per iteration
// against ETSI's schema set; compare with xmllint through go run ./bench -only hi1.
func BenchmarkValidateETSI(b *testing.B) {
	dir := testtool.Vectors(b, "etsi-ts103120-v1.12.1")
	set, err := LoadDir(filepath.Join(dir, "schema"), etsiEntries...)
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "examples", "*.xml"))
	docs, size := testtool.ReadFiles(b, files)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	defer testtool.ReportCPU(b)()
	for b.Loop() {
		for _, d := range docs {
			set.ValidateBytes(d)
		}
	}
}

// BenchmarkLoadETSI compiles ETSI's schema set from its seven entries.
func BenchmarkLoadETSI(b *testing.B) {
	dir := testtool.Vectors(b, "etsi-ts103120-v1.12.1")
	b.ReportAllocs()
	defer testtool.ReportCPU(b)()
	for b.Loop() {
		if _, err := LoadDir(filepath.Join(dir, "schema"), etsiEntries...); err != nil {
			b.Fatal(err)
		}
	}
}
