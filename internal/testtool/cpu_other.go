//go:build !unix

package testtool

import "time"

var processStart = time.Now()

// ProcessCPU falls back to wall time where getrusage is not available.
func ProcessCPU() time.Duration { return time.Since(processStart) }
