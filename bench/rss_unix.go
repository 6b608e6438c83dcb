//go:build unix

package main

import (
	"os"
	"syscall"
)

// childPeakRSS is the peak resident set size of a finished process, in bytes.
func childPeakRSS(st *os.ProcessState) int64 {
	ru, ok := st.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return int64(ru.Maxrss) << 10 // Linux reports KiB
}
