//go:build unix

package safexml

import (
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time of the process so far.
// Tests compare costs in CPU time so that a busy machine, where wall time
// stretches unpredictably, does not make them fail.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
