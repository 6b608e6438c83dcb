package safexml

import (
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkPrepare compares PrepareBytes with a bare strict encoding/xml
// pass over the same message, to show what the guard and the namespace
// checks cost on top of the decoder jcx runs anyway.
func BenchmarkPrepare(b *testing.B) {
	data := readFile(b, filepath.Join("testdata", "bench", "message.xml"))
	b.Run("safexml.PrepareBytes", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := PrepareBytes(data, Limits{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding/xml.RawToken", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
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
