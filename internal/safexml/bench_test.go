package safexml

import (
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// BenchmarkPrepare compares PrepareBytes with a bare strict encoding/xml
// pass over the same message, to show what the guard and the namespace
// checks cost on top of the decoder jcx runs anyway. Each reports
// cpu-ns/op beside ns/op: on a shared machine CPU time hardly moves when
// other work competes for the cores, wall time does.
func BenchmarkPrepare(b *testing.B) {
	data := readFile(b, filepath.Join("testdata", "bench", "message.xml"))
	b.Run("safexml.PrepareBytes", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		defer testtool.ReportCPU(b)()
		for b.Loop() {
			if _, err := PrepareBytes(data, Limits{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The message fixtures, one PrepareBytes each: what jcx validate
	// does per file.
	var fixtures [][]byte
	var size int64
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "messages", "valid", "*.xml"))
	for _, f := range files {
		fixtures = append(fixtures, readFile(b, f))
		size += int64(len(fixtures[len(fixtures)-1]))
	}
	if len(fixtures) == 0 {
		b.Fatal("no message fixtures found")
	}
	b.Run("fixtures", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		defer testtool.ReportCPU(b)()
		for b.Loop() {
			for _, data := range fixtures {
				if _, err := PrepareBytes(data, Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding/xml.RawToken", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		defer testtool.ReportCPU(b)()
		for b.Loop() {
			d := xml.NewDecoder(bytes.NewReader(data))
			d.Strict = true
			for {
				_, err := d.RawToken()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
