package xsd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// costShape builds an instance of about size bytes from a fixed opening,
// a unit repeated (each copy made by unit(i)) and a closing.
type costShape struct {
	name   string
	schema string // "jcx" (the message schema) or "suite"
	open   string
	unit   func(i int) string
	close  string
}

func (c costShape) build(size int) []byte {
	var b strings.Builder
	b.Grow(size + 1<<16)
	b.WriteString(c.open)
	for i := 0; b.Len() < size; i++ {
		b.WriteString(c.unit(i))
	}
	b.WriteString(c.close)
	return []byte(b.String())
}

const jcxNS = `xmlns="https://jcx.dev/ns/core/2026-11"`

func repeat(s string) func(int) string { return func(int) string { return s } }

// costShapes are the documents that make validation do the most work or
// keep the most memory per input byte that we know of: wide, deep, many
// attributes, namespaces, long and distinct names, long values and
// numbers, finding floods, identity constraints.
func costShapes(t *testing.T) []costShape {
	many := func(format string, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, i, i)
		}
		return b.String()
	}
	deep := strings.Repeat("<a>", 250) + strings.Repeat("</a>", 250)
	longName := strings.Repeat("n", 64<<10)
	// A valid message, to put long values where they are validated.
	msg, err := os.ReadFile(filepath.Join("..", "..", "testdata", "messages", "valid", "capabilities-es-fr-request.xml"))
	if err != nil {
		t.Fatal(err)
	}
	around := func(marker string) (string, string) {
		before, after, ok := strings.Cut(string(msg), marker)
		if !ok {
			t.Fatalf("%s not in the message", marker)
		}
		return before + marker, after
	}
	numOpen, numClose := around("<ActionIdentifier>")
	numClose = strings.TrimPrefix(numClose, "0")
	idOpen, idClose := around("<UniqueIdentifier>")
	// 250 levels of 1,000 bindings each, then prefixed names: a list of
	// bindings walked per name cost 1,000 steps for each.
	var scopeOpen, scopeClose strings.Builder
	for range 250 {
		scopeOpen.WriteString("<a " + many(`xmlns:p%d="urn:%d" `, 1000) + ">")
		scopeClose.WriteString("</a>")
	}
	return []costShape{
		{"wide, undeclared root", "jcx", "<a>", repeat("<a/>"), "</a>"},
		{"wide, unexpected children", "jcx", "<Message " + jcxNS + ">", repeat("<a/>"), "</Message>"},
		{"finding flood", "jcx", "<Message " + jcxNS + "><x/>", repeat("<Message/>"), "</Message>"},
		{"deep", "jcx", "<Message " + jcxNS + "><x/>", repeat(deep), "</Message>"},
		{"many attributes", "jcx", "<a>", repeat("<a " + many(`a%d="%d" `, 1000) + "/>"), "</a>"},
		{"many namespace declarations", "jcx", "<a>", repeat("<a " + many(`xmlns:p%d="urn:%d" `, 1000) + "/>"), "</a>"},
		{"distinct namespaces", "jcx", "<a>", func(i int) string { return fmt.Sprintf(`<p:a xmlns:p="urn:%d"/>`, i) }, "</a>"},
		{"distinct names", "jcx", "<a>", func(i int) string { return fmt.Sprintf("<n%x/>", i) }, "</a>"},
		{"long names", "jcx", "<a>", repeat("<" + longName + "/>"), "</a>"},
		{"text in pieces", "jcx", "<Message " + jcxNS + "><Header><Sender><CountryCode>", repeat("x<!---->"), "</CountryCode></Sender></Header></Message>"},
		{"deep namespace scope", "jcx", scopeOpen.String(), repeat(`<p0:a p0:b=""/>`), scopeClose.String()},
		{"long value", "jcx", idOpen, repeat("abcdefgh"), idClose},
		{"long number", "jcx", numOpen, repeat("12345678"), numClose},
		{"identity rows", "suite", `<Library xmlns="urn:jcx:test:suite"><Info><Name>L</Name><Founded>2000</Founded></Info><Books>`,
			func(i int) string {
				return fmt.Sprintf(`<Book isbn="%03d-1-11-1-1" id="b%d"><Title>T</Title><Author>A</Author><Free/></Book>`, i%1000, i)
			}, "</Books></Library>"},
	}
}

// TestCostIsLinear validates each shape at growing sizes and fails when
// CPU time or allocation grows faster than the input, or when the largest
// size exceeds the budget: 16 MiB in at most 1 s of CPU and 128 MiB of
// allocation (an upper bound on the heap it needs). CPU time, unlike wall
// time, is not inflated by other work on the machine; the best of two
// runs is taken.
func TestCostIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("validates documents of up to 16 MiB")
	}
	sizes := []int{2 << 20, 16 << 20}
	if raceEnabled {
		sizes = []int{128 << 10, 1 << 20}
	}
	schemas := map[string]*Schema{"suite": suiteSchema(t)}
	jcx, err := Compile(os.DirFS(filepath.Join("..", "..", "schemas", "xsd")), "jcx.xsd")
	if err != nil {
		t.Fatal(err)
	}
	schemas["jcx"] = jcx
	const cpuBudget, allocBudget = time.Second, 128 << 20
	for _, shape := range costShapes(t) {
		t.Run(shape.name, func(t *testing.T) {
			s := schemas[shape.schema]
			var cpu []time.Duration
			var alloc []uint64
			for _, size := range sizes {
				doc := shape.build(size)
				c, a, outcome := measure(t, s, doc)
				cpu, alloc = append(cpu, c), append(alloc, a)
				t.Logf("%5.1f MiB: %v CPU, %.1f MiB allocated; %s", float64(len(doc))/(1<<20), c.Round(time.Millisecond), float64(a)/(1<<20), outcome)
			}
			// Eight times the input may cost at most sixteen times as much
			// (twice for noise); fixed costs make small sizes cheap.
			for i := 1; i < len(sizes); i++ {
				growth := float64(sizes[i]) / float64(sizes[i-1])
				if r := float64(cpu[i]) / float64(max(cpu[i-1], 10*time.Millisecond)); r > 2*growth {
					t.Errorf("CPU grows %.1f times for %.0f times the input", r, growth)
				}
				if r := float64(alloc[i]) / float64(max(alloc[i-1], 1<<20)); r > 2*growth {
					t.Errorf("allocation grows %.1f times for %.0f times the input", r, growth)
				}
			}
			if raceEnabled {
				return
			}
			if last := cpu[len(cpu)-1]; last > cpuBudget {
				t.Errorf("%d MiB cost %v of CPU, budget %v", sizes[len(sizes)-1]>>20, last, cpuBudget)
			}
			if last := alloc[len(alloc)-1]; last > allocBudget {
				t.Errorf("%d MiB allocated %.0f MiB, budget %d MiB", sizes[len(sizes)-1]>>20, float64(last)/(1<<20), allocBudget>>20)
			}
		})
	}
}

// measure validates doc twice and returns the lower CPU time and
// allocation, and what validation said.
func measure(t *testing.T, s *Schema, doc []byte) (time.Duration, uint64, string) {
	t.Helper()
	bestCPU, bestAlloc := time.Duration(1<<62), uint64(1<<63)
	var outcome string
	for range 2 {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		c0 := testtool.ProcessCPU()
		fs, err := s.ValidateBytes(doc)
		c := testtool.ProcessCPU() - c0
		runtime.ReadMemStats(&m1)
		bestCPU, bestAlloc = min(bestCPU, c), min(bestAlloc, m1.TotalAlloc-m0.TotalAlloc)
		switch {
		case errors.Is(err, ErrLimit):
			outcome = "refused: " + err.Error()
		case err != nil:
			t.Fatalf("not validatable: %v", err)
		default:
			outcome = fmt.Sprintf("%d findings", len(fs))
		}
	}
	return bestCPU, bestAlloc, outcome
}
