package safexml

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// TestNoSuperlinearCost holds documents built to make the namespace and
// attribute checks do the most work per byte to the cost of a plain
// document of the same size. Scanning the namespace stack for every name
// once made the first of these 15 times slower than the baseline. Cost is
// CPU time, not wall time, so a busy machine does not skew the ratio.
func TestNoSuperlinearCost(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing comparison; needs a normal build and a few seconds")
	}
	const size = 4 << 20
	fill := func(open, unit, close string) []byte {
		var b strings.Builder
		b.WriteString(open)
		for b.Len() < size {
			b.WriteString(unit)
		}
		b.WriteString(close)
		return []byte(b.String())
	}
	// Deepest and widest namespace scope the limits allow, then names
	// that resolve to the outermost binding.
	var open, close strings.Builder
	for d := 0; d < 99; d++ {
		open.WriteString("<e")
		for i := range 64 {
			fmt.Fprintf(&open, " xmlns:p%d_%d='urn:%d'", d, i, i)
		}
		open.WriteString(">")
		close.WriteString("</e>")
	}
	// 64 attributes with one local name and different prefixes: every
	// pair needs its expanded names compared.
	var attrs strings.Builder
	attrs.WriteString("<a")
	for i := range 64 {
		fmt.Fprintf(&attrs, " p%d:x=''", i)
	}
	attrs.WriteString("/>")
	var decls strings.Builder
	decls.WriteString("<r")
	for i := range 64 {
		fmt.Fprintf(&decls, " xmlns:p%d='urn:%d'", i, i)
	}
	decls.WriteString(">")

	baseline := fill("<r>", "<a/>", "</r>")
	tests := map[string][]byte{
		"deep namespace scope": fill(open.String(), "<p0_0:a p0_1:b=''/>", close.String()),
		"same local names":     fill(decls.String(), attrs.String(), "</r>"),
	}
	cost := func(doc []byte) time.Duration {
		best := time.Duration(1 << 62)
		for range 3 {
			before := testtool.ProcessCPU()
			if _, err := PrepareBytes(doc, Limits{}); err != nil {
				t.Fatal(err)
			}
			best = min(best, testtool.ProcessCPU()-before)
		}
		return best
	}
	base := cost(baseline)
	for name, doc := range tests {
		c := cost(doc)
		t.Logf("%s: %v, plain document of the same size: %v", name, c, base)
		if c > 4*base {
			t.Errorf("%s costs %.1f times a plain document", name, float64(c)/float64(base))
		}
	}
}
