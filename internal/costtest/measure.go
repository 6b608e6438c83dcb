package costtest

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// Budget is what one message may cost, at the size limit.
type Budget struct {
	CPU  time.Duration
	Heap uint64
}

// DefaultBudget is the SDK's budget for a message of up to 16 MiB on a 2-core machine
// (docs/SECURITY.md): one second of CPU, 128 MiB of heap.
var DefaultBudget = Budget{CPU: time.Second, Heap: 128 << 20}

// Cost is what one call cost.
type Cost struct {
	Size int
	CPU  time.Duration // process CPU time, every thread (the garbage collector's too)
	Heap uint64        // peak heap above what was live before the call
}

// heapMetric is the heap's objects, live or not yet collected: what the process holds.
const heapMetric = "/memory/classes/heap/objects:bytes"

// Measure runs f once and returns its cost. The heap is sampled every 200 µs while f
// runs, so a peak shorter than that can be missed; the garbage collector runs first so
// that the baseline is what is live.
func Measure(size int, f func()) Cost {
	runtime.GC()
	sample := []metrics.Sample{{Name: heapMetric}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var (
		peak = base
		mu   sync.Mutex
		stop = make(chan struct{})
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: heapMetric}}
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				metrics.Read(s)
				mu.Lock()
				peak = max(peak, s[0].Value.Uint64())
				mu.Unlock()
			}
		}
	}()
	start := testtool.ProcessCPU()
	f()
	cpu := testtool.ProcessCPU() - start
	close(stop)
	<-done
	peak = max(peak, read())
	return Cost{Size: size, CPU: cpu, Heap: peak - base}
}
