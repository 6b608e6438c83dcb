package xmlschema

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// BenchmarkValidateHI1 validates each of ETSI's HI-1 examples once per
// iteration against ETSI's schema set; compare with xmllint through
// go run ./bench -only hi1. cpu-ns/doc is the figure to set beside the
// bench's "per further doc" row.
func BenchmarkValidateHI1(b *testing.B) {
	dir := testtool.Vectors(b, "etsi-ts103120-v1.12.1")
	set, err := LoadDir(filepath.Join(dir, "schema"), etsiEntries...)
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "examples", "*.xml"))
	benchmarkValidate(b, set, files)
}

// BenchmarkValidateKML validates the KML files of the external test input
// that go run ./bench -only kml measures (those without a DOCTYPE, which
// instances may not have) once per iteration against the OGC KML 2.2 set.
func BenchmarkValidateKML(b *testing.B) {
	dir := filepath.Join(testtool.Vectors(b, "xsd-real"), "kml22")
	set, err := LoadDir(filepath.Join(dir, "schemas"), "ogckml22.xsd", "kml22gx.xsd")
	if err != nil {
		b.Fatal(err)
	}
	found, _ := filepath.Glob(filepath.Join(dir, "instances", "*"))
	var files []string
	for _, f := range found {
		if data, _ := testtool.ReadFiles(b, []string{f}); !bytes.Contains(data[0], []byte("<!DOCTYPE")) {
			files = append(files, f)
		}
	}
	benchmarkValidate(b, set, files)
}

// benchmarkValidate validates every file once per iteration and reports
// the CPU time per document.
func benchmarkValidate(b *testing.B, set *Set, files []string) {
	docs, size := testtool.ReadFiles(b, files)
	if len(docs) == 0 {
		b.Fatal("no documents")
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu0 := testtool.ProcessCPU()
	for b.Loop() {
		for _, d := range docs {
			set.ValidateBytes(d)
		}
	}
	cpu := testtool.ProcessCPU() - cpu0
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*len(docs)), "cpu-ns/doc")
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
