package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Report is the outcome of a run; --json writes it as is.
type Report struct {
	Target   string    `json:"target"`
	Started  time.Time `json:"started"`
	Clients  int       `json:"clients"`
	Formats  []string  `json:"formats"`
	Mix      string    `json:"mix"`
	Seconds  float64   `json:"seconds"`
	Messages int64     `json:"messages"` // round trips answered in the measured phase
	PerSec   float64   `json:"msg_per_s"`
	Latency  Latency   `json:"latency"`
	// Ops counts by operation, the audit's included.
	Ops   map[string]*opCount `json:"ops"`
	Audit Audit               `json:"audit"`
	// CPU is the processor time of the server (--server-pid) or of this whole process
	// (--self) during the measured phase; zero when unknown.
	CPU       CPU       `json:"cpu"`
	Problems  []Problem `json:"problems"`
	GoVersion string    `json:"go_version"`
	NumCPU    int       `json:"num_cpu"`
	Load      string    `json:"loadavg,omitempty"`
}

// Latency summarises the round trips of the measured phase.
type Latency struct {
	P50 time.Duration `json:"p50_ns"`
	P90 time.Duration `json:"p90_ns"`
	P99 time.Duration `json:"p99_ns"`
	Max time.Duration `json:"max_ns"`
}

// CPU is processor time spent by the process measured.
type CPU struct {
	Of      string        `json:"of,omitempty"` // "server" or "process"
	Seconds float64       `json:"seconds"`
	PerMsg  time.Duration `json:"per_msg_ns"`
}

// percentiles sorts d and returns its nearest-rank percentiles.
func percentiles(d []time.Duration) Latency {
	if len(d) == 0 {
		return Latency{}
	}
	slices.Sort(d)
	at := func(p float64) time.Duration {
		i := int(p*float64(len(d))+0.999999) - 1
		return d[max(0, min(i, len(d)-1))]
	}
	return Latency{P50: at(0.50), P90: at(0.90), P99: at(0.99), Max: d[len(d)-1]}
}

// OK reports whether the run found no problem.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// print writes the report for people.
func (r *Report) print(w io.Writer) {
	fmt.Fprintf(w, "target     %s, %d clients, %s, mix %s\n", r.Target, r.Clients, strings.Join(r.Formats, "+"), r.Mix)
	fmt.Fprintf(w, "machine    %d CPUs, %s, load average %s\n", r.NumCPU, r.GoVersion, r.Load)
	fmt.Fprintf(w, "exchanges  %d in %.2fs = %.1f msg/s\n", r.Messages, r.Seconds, r.PerSec)
	l := r.Latency
	fmt.Fprintf(w, "latency    p50 %v  p90 %v  p99 %v  max %v\n", ms(l.P50), ms(l.P90), ms(l.P99), ms(l.Max))
	if r.CPU.Of != "" {
		fmt.Fprintf(w, "cpu        %s %.2fs = %v per message", r.CPU.Of, r.CPU.Seconds, r.CPU.PerMsg.Round(time.Microsecond))
		if r.CPU.PerMsg > 0 {
			fmt.Fprintf(w, " (%.0f msg/s per core)", float64(time.Second)/float64(r.CPU.PerMsg))
		}
		fmt.Fprintln(w)
	}
	for _, op := range []string{opCase, opCreate, opGet, opUpdate, opReplay, opRace, opList, opAudit} {
		c := r.Ops[op]
		if c == nil {
			continue
		}
		fmt.Fprintf(w, "%-10s sent %d, answered %d, accepted %d, refused %d", op, c.Sent, c.Answered, c.Accepted, c.Refused)
		if c.StoreFull > 0 {
			fmt.Fprintf(w, " (store full %d)", c.StoreFull)
		}
		if c.InDoubt > 0 {
			fmt.Fprintf(w, ", in doubt %d", c.InDoubt)
		}
		fmt.Fprintln(w)
	}
	a := r.Audit
	fmt.Fprintf(w, "audit      %d cases listed, %d tasks listed, %d tasks fetched; in doubt: %d creates (%d stored), %d updates\n",
		a.Cases, a.Tasks, a.Gets, a.CreatesInDoubtStored+a.CreatesInDoubtAbsent, a.CreatesInDoubtStored, a.UpdatesInDoubt)
	if r.OK() {
		fmt.Fprintln(w, "problems   none: every message accounted for")
		return
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "PROBLEM    %s: %d\n", p.Kind, p.Count)
		for _, e := range p.Examples {
			fmt.Fprintf(w, "             %s\n", e)
		}
	}
}

// ms rounds a latency for printing.
func ms(d time.Duration) time.Duration {
	switch {
	case d >= 100*time.Millisecond:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
