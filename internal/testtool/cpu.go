package testtool

import "testing"

// ReportCPU starts counting the process's CPU time and returns the function that
// reports it per operation as cpu-ns/op; a benchmark calls defer ReportCPU(b)(). On a
// machine shared with other work CPU time hardly moves, while wall time includes
// waiting for a core.
func ReportCPU(b *testing.B) func() {
	start := ProcessCPU()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(ProcessCPU()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
