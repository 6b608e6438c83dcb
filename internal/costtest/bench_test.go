package costtest_test

import (
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/costtest"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// BenchmarkShapes runs exchange.Validate on every shape at the size limit, the point
// TestValidateCost holds to the budget, and reports cpu-ns/op beside ns/op: on a shared
// machine CPU time hardly moves when other work competes for the cores, wall time does.
// With -short the shapes are a sixteenth of the size.
func BenchmarkShapes(b *testing.B) {
	warmUp()
	size := exchange.DefaultMaxBytes
	if testing.Short() {
		size /= 16
	}
	for _, s := range costtest.Shapes() {
		f := exchange.FormatXML
		if s.JSON {
			f = exchange.FormatJSON
		}
		data := s.Make(size)
		b.Run(s.Name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer testtool.ReportCPU(b)()
			for b.Loop() {
				exchange.Validate(data, f)
			}
		})
	}
}
