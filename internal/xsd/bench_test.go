package xsd

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// benchCorpus returns the schema and documents benchmarks use: the
// project's message schema and fixtures when present, else the test suite.
func benchCorpus(b *testing.B) (dir, entry string, files []string) {
	root := filepath.Join("..", "..")
	files, _ = filepath.Glob(filepath.Join(root, "schemas/testdata/valid/*.xml"))
	m, _ := filepath.Glob(filepath.Join(root, "testdata/messages/valid/*.xml"))
	files = append(files, m...)
	if _, err := os.Stat(filepath.Join(root, "schemas/xsd/jcx.xsd")); err == nil && len(files) > 0 {
		return filepath.Join(root, "schemas/xsd"), "jcx.xsd", files
	}
	files, _ = filepath.Glob("testdata/suite/valid/*.xml")
	return "testdata/suite", "schema.xsd", files
}

// BenchmarkValidate reports documents per second over the corpus with one
// compiled schema.
func BenchmarkValidate(b *testing.B) {
	dir, entry, files := benchCorpus(b)
	s, err := Compile(os.DirFS(dir), entry)
	if err != nil {
		b.Fatal(err)
	}
	docs, size := testtool.ReadFiles(b, files)
	b.SetBytes(int64(size / len(docs)))
	b.ResetTimer()
	cpu0 := testtool.ProcessCPU()
	for i := 0; i < b.N; i++ {
		fs, err := s.ValidateBytes(docs[i%len(docs)])
		if err != nil || len(fs) > 0 {
			b.Fatalf("corpus document invalid: %v %v", err, fs)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	if cpu := testtool.ProcessCPU() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "docs/cpu-s")
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkXmllint times `xmllint --noout --schema` over the same corpus
// in one process (the files repeated to 2,000 documents), so the ratio to
// BenchmarkValidate can be stated. Process start and schema compilation
// are included once per run, as they would be in practice.
func BenchmarkXmllint(b *testing.B) {
	bin := xmllint(b)
	dir, entry, files := benchCorpus(b)
	var args []string
	for len(args) < 2000 {
		args = append(args, files...)
	}
	args = args[:2000]
	schema, _ := filepath.Abs(filepath.Join(dir, entry))
	b.ResetTimer()
	var total, cpu time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		cmd := exec.Command(bin, append([]string{"--noout", "--schema", schema}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("xmllint: %v\n%s", err, firstLines(string(out), 5))
		}
		total += time.Since(start)
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(len(args)*b.N)/total.Seconds(), "docs/s")
	b.ReportMetric(float64(len(args)*b.N)/cpu.Seconds(), "docs/cpu-s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkCompile measures compiling the benchmark corpus's schema.
func BenchmarkCompile(b *testing.B) {
	dir, entry, _ := benchCorpus(b)
	fsys := os.DirFS(dir)
	b.ReportAllocs()
	cpu0 := testtool.ProcessCPU()
	for i := 0; i < b.N; i++ {
		if _, err := Compile(fsys, entry); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time, unlike wall time, is not inflated by other work on the machine.
	if cpu := testtool.ProcessCPU() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkPattern compares the fast matcher with regexp on patterns of
// the message schema that the fast matcher covers.
func BenchmarkPattern(b *testing.B) {
	for _, tc := range []struct{ name, src, in string }{
		{"timestamp", `[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+\-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))`, "2024-05-01T12:30:45.123+01:00"},
		{"text", `(\P{Cc}|[\t\n\r])*`, "Request for the hearing of a witness in case 2024/17.\nSee annex."},
		{"amount", `(0|[1-9][0-9]{0,14})(\.[0-9]{1,9})?`, "1250.50"},
	} {
		p, err := newPattern(tc.src)
		if err != nil || p.fast == nil {
			b.Fatalf("%s: fast matcher missing (%v)", tc.src, err)
		}
		b.Run(tc.name+"/fast", func(b *testing.B) {
			for b.Loop() {
				if !p.fast.match(tc.in) {
					b.Fatal("no match")
				}
			}
		})
		re, err := compilePattern(tc.src)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name+"/regexp", func(b *testing.B) {
			for b.Loop() {
				if !re.MatchString(tc.in) {
					b.Fatal("no match")
				}
			}
		})
	}
}

// BenchmarkCompileKML compiles the OGC KML 2.2 set with Google's extension,
// the largest real set of the external test input (the kml row of go run
// ./bench times the whole command against xmllint).
func BenchmarkCompileKML(b *testing.B) {
	fsys := os.DirFS(filepath.Join(testtool.Vectors(b, "xsd-real"), "kml22", "schemas"))
	b.ReportAllocs()
	defer testtool.ReportCPU(b)()
	for b.Loop() {
		if _, err := Compile(fsys, "kml22gx.xsd"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileETSI compiles ETSI's TS 103 120 V1.12.1 schema set from the
// entry document that brings its seven object schemas together, as
// schemas/xmlschema and jcx validate --xsd build it (the hi1 row of go run
// ./bench times the whole command against xmllint).
func BenchmarkCompileETSI(b *testing.B) {
	dir := filepath.Join(testtool.Vectors(b, "etsi-ts103120-v1.12.1"), "schema")
	var files []EntryFile
	for _, name := range []string{"Core", "Task", "Authorisation", "Document", "Notification", "Delivery", "TrafficPolicy"} {
		file := "ts_103120_" + name + ".xsd"
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			b.Fatal(err)
		}
		root, err := parseSchemaDoc(data, &schemaDoc{file: file}, 256)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, EntryFile{Location: file, TargetNamespace: root.attrOr("targetNamespace", "")})
	}
	docs := EntryDocuments(files)
	if len(docs) != 1 {
		b.Fatalf("entry for one file per namespace is %d documents", len(docs))
	}
	fsys := overlayFS{os.DirFS(dir), EntryName, docs[EntryName]}
	b.ReportAllocs()
	defer testtool.ReportCPU(b)()
	for b.Loop() {
		if _, err := Compile(fsys, EntryName); err != nil {
			b.Fatal(err)
		}
	}
}
