//go:build unix

package xsd

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user+system) this process has used. The
// throughput benchmarks report documents per CPU second as well as per
// wall second, because wall time is meaningless on a loaded machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
