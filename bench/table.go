package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// row is one line of the result table. A skipped row carries only its name and the
// reason.
type row struct {
	name       string
	jcx, other string // the two figures compared, formatted
	ratio      float64
	goal       goal
	skipped    string
	note       string
}

// goal is a bound on a ratio: at least or at most limit.
type goal struct {
	atMost bool
	limit  float64
}

func atLeast(x float64) goal { return goal{limit: x} }
func atMost(x float64) goal  { return goal{atMost: true, limit: x} }

func (g goal) String() string {
	if g.atMost {
		return fmt.Sprintf("≤ %g", g.limit)
	}
	return fmt.Sprintf("≥ %g", g.limit)
}

func (g goal) met(r float64) bool {
	if g.atMost {
		return r <= g.limit
	}
	return r >= g.limit
}

func skipped(name, reason string) row { return row{name: name, skipped: reason} }

func printTable(w io.Writer, rows []row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "comparison\tjcx\tother\tratio\tgoal\tmet\t")
	fmt.Fprintln(tw, "----------\t---\t-----\t-----\t----\t---\t")
	for _, r := range rows {
		if r.skipped != "" {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\tSKIPPED\t%s\n", r.name, r.skipped)
			continue
		}
		met := "yes"
		if !r.goal.met(r.ratio) {
			met = "NO"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\t%s\t%s\n", r.name, r.jcx, r.other, r.ratio, r.goal, met, r.note)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nratio: other/jcx for speed (higher is better for jcx), jcx/floor for overheads (lower is better).")
}

// seconds formats a duration with a unit that suits it.
func seconds(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}
