//go:build !unix

package main

import "os"

// childPeakRSS is not measured where getrusage is not available; reports show 0.
func childPeakRSS(*os.ProcessState) int64 { return 0 }
