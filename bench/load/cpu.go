package main

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"time"
)

// clockTicks is USER_HZ, the unit of the times in /proc/PID/stat: 100 on every Linux
// architecture Go supports (reading it properly needs sysconf, hence cgo).
const clockTicks = 100

// procCPU returns the user plus system time a Linux process has used, from
// /proc/PID/stat.
func procCPU(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	d, err := parseStatCPU(data)
	if err != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	return d, nil
}

// parseStatCPU reads utime and stime (fields 14 and 15) of a /proc/PID/stat line.
func parseStatCPU(data []byte) (time.Duration, error) {
	// The command name (field 2) is in parentheses and may hold spaces and parentheses:
	// count the fields after its last closing parenthesis, where field 3 (state) comes
	// first.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, errStatFormat
	}
	f := bytes.Fields(data[i+1:])
	const utime, stime = 14 - 3, 15 - 3
	if len(f) <= stime {
		return 0, errStatFormat
	}
	var ticks int64
	for _, j := range []int{utime, stime} {
		n, err := strconv.ParseInt(string(f[j]), 10, 64)
		if err != nil || n < 0 || n > math.MaxInt64/int64(time.Second)/2 {
			return 0, errStatFormat
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}

var errStatFormat = errors.New("unexpected format")

// loadAverage returns the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := bytes.Fields(data)
	if len(f) < 3 {
		return "unknown"
	}
	return string(bytes.Join(f[:3], []byte(" ")))
}
