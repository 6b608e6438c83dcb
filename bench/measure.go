package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"time"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// sample is one timed run: wall-clock time, CPU time (user + system) and the peak
// resident set size of the process that did the work.
type sample struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes; 0 when not measured
}

// runTool runs a command to completion and times it. The command's output is kept only
// to explain a failure.
func runTool(name string, args ...string) (sample, error) { return runToolIn("", name, args...) }

// runToolIn is runTool in the folder dir.
func runToolIn(dir, name string, args ...string) (sample, error) {
	return runToolStatus(dir, 0, name, args...)
}

// runToolStatus is runToolIn for a command that ends with exit status 0 or also, when
// it is not 0, the status invalid: a validator over a corpus holding invalid documents.
func runToolStatus(dir string, invalid int, name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ee, ok := err.(*exec.ExitError); ok && invalid != 0 && ee.ExitCode() == invalid {
		err = nil
	}
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v\n%s", name, err, firstLines(out.String(), 8))
	}
	return processSample(cmd, wall), nil
}

func processSample(cmd *exec.Cmd, wall time.Duration) sample {
	st := cmd.ProcessState
	s := sample{wall: wall, cpu: st.UserTime() + st.SystemTime()}
	s.maxRSS = childPeakRSS(st)
	return s
}

// selfCPU is the CPU time this process has used so far, every thread counted, so the
// garbage collector's work is charged to what made the garbage.
func selfCPU() time.Duration { return testtool.ProcessCPU() }

// timeInProcess runs f once and times it.
func timeInProcess(f func() error) (sample, error) {
	cpu0, start := selfCPU(), time.Now()
	err := f()
	return sample{wall: time.Since(start), cpu: selfCPU() - cpu0}, err
}

// median returns the median of each field over the samples.
func median(ss []sample) sample {
	pick := func(get func(sample) int64) int64 {
		v := make([]int64, len(ss))
		for i, s := range ss {
			v[i] = get(s)
		}
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return sample{
		wall:   time.Duration(pick(func(s sample) int64 { return int64(s.wall) })),
		cpu:    time.Duration(pick(func(s sample) int64 { return int64(s.cpu) })),
		maxRSS: pick(func(s sample) int64 { return s.maxRSS }),
	}
}

// alternate runs a and b n times each, interleaved, so that a change in the machine's
// load during the run weighs on both sides alike. It returns the medians.
func alternate(n int, a, b func() (sample, error)) (ma, mb sample, err error) {
	var as, bs []sample
	for i := 0; i < n; i++ {
		sa, err := a()
		if err != nil {
			return ma, mb, err
		}
		sb, err := b()
		if err != nil {
			return ma, mb, err
		}
		as, bs = append(as, sa), append(bs, sb)
	}
	return median(as), median(bs), nil
}

func firstLines(s string, n int) string {
	lines := bytes.SplitN([]byte(s), []byte("\n"), n+1)
	if len(lines) > n {
		lines = append(lines[:n], []byte("…"))
	}
	return string(bytes.Join(lines, []byte("\n")))
}
