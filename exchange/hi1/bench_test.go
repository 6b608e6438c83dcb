package hi1

import (
	"os"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// benchDocs returns ETSI's examples, or the golden request when they are absent.
func benchDocs(b *testing.B) [][]byte {
	var docs [][]byte
	dir := testtool.Vectors(b, "etsi-ts103120-v1.12.1")
	entries, _ := os.ReadDir(dir + "/examples")
	for _, e := range entries {
		if data, err := os.ReadFile(dir + "/examples/" + e.Name()); err == nil && len(e.Name()) > 4 && e.Name()[len(e.Name())-4:] == ".xml" {
			docs = append(docs, data)
		}
	}
	return docs
}

// BenchmarkDecode decodes each of ETSI's 20 examples once per operation.
func BenchmarkDecode(b *testing.B) {
	docs := benchDocs(b)
	defer testtool.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Decode(d, exchange.Limits{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEncode encodes each of ETSI's 20 examples once per operation.
func BenchmarkEncode(b *testing.B) {
	var msgs []*HI1Message
	for _, d := range benchDocs(b) {
		m, err := Decode(d, exchange.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	defer testtool.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range msgs {
			if _, err := Encode(m); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCheck runs the envelope rules over each decoded example once per operation.
func BenchmarkCheck(b *testing.B) {
	var msgs []*HI1Message
	for _, d := range benchDocs(b) {
		m, err := Decode(d, exchange.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	defer testtool.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range msgs {
			Check(m)
		}
	}
}
