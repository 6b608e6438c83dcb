//go:build unix

package testtool

import (
	"syscall"
	"time"
)

// ProcessCPU returns the CPU time, user and system, that every thread of the process
// has used so far. Tests that bound a cost compare CPU time, so that a busy machine,
// where wall time stretches unpredictably, does not make them fail.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		// RUSAGE_SELF cannot fail; a silent zero would make cost tests pass vacuously.
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
