package xsd

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	updateW3C = flag.Bool("update-w3c", false, "rewrite testdata/w3c/floor.tsv and the table in testdata/w3c/README.md from this run")
	onlyW3C   = flag.String("w3c-only", "", "run only the test sets whose names start with one of these comma-separated prefixes; with -v, each wrong verdict is logged with its schema and error")
)

const (
	w3cFloorFile  = "testdata/w3c/floor.tsv"
	w3cReadmeFile = "testdata/w3c/README.md"
)

// w3cGroup is one schema and the tests that use it.
type w3cGroup struct {
	id    string
	tests []w3cTest
}

func (s *w3cSuite) groups() []w3cGroup {
	var out []w3cGroup
	for _, tc := range s.tests {
		if n := len(out); n > 0 && out[n-1].id == tc.GroupID {
			out[n-1].tests = append(out[n-1].tests, tc)
			continue
		}
		out = append(out, w3cGroup{id: tc.GroupID, tests: []w3cTest{tc}})
	}
	return out
}

// runJCX gives this package's verdict on every test: a schema test is
// valid when the schema compiles, an instance test when the instance
// validates against it (never, when it does not compile).
func (s *w3cSuite) runJCX() (map[string]w3cVerdict, map[string]time.Duration) {
	groups := s.groups()
	verdicts := make(map[string]w3cVerdict, len(s.tests))
	cost := make(map[string]time.Duration, len(groups))
	var mu sync.Mutex
	work := make(chan w3cGroup)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for g := range work {
				start := time.Now()
				out := s.runGroup(g)
				d := time.Since(start)
				mu.Lock()
				for id, ok := range out {
					verdicts[id] = ok
				}
				cost[g.id] = d
				mu.Unlock()
			}
		})
	}
	for _, g := range groups {
		work <- g
	}
	close(work)
	wg.Wait()
	return verdicts, cost
}

// w3cVerdict is this package's verdict on one test and, when it is
// "invalid", the error or findings behind it.
type w3cVerdict struct {
	ok  bool
	why string
}

func (s *w3cSuite) runGroup(g w3cGroup) map[string]w3cVerdict {
	out := make(map[string]w3cVerdict, len(g.tests))
	schema, err := Compile(s.fsys, g.tests[0].Schema[0])
	for _, tc := range g.tests {
		switch f, ok := s.fsys[tc.Doc]; {
		case err != nil:
			out[tc.ID] = w3cVerdict{why: err.Error()}
		case tc.Doc == "":
			out[tc.ID] = w3cVerdict{ok: true}
		case !ok:
			out[tc.ID] = w3cVerdict{why: tc.Doc + " not in the tarball"}
		default:
			ok, why := ourVerdict(schema, f.Data)
			out[tc.ID] = w3cVerdict{ok, why}
		}
	}
	return out
}

// w3cFigures counts, per test set and in total, the tests and the ones
// each processor gets right.
type w3cFigures struct {
	set                     string
	tests, jcx, xmllint     int
	xmllintRight, bothRight int // tests xmllint gets right; of those, the ones jcx gets right too
}

func (f *w3cFigures) add(jcxOK, lintOK bool) {
	f.tests++
	if jcxOK {
		f.jcx++
	}
	if lintOK {
		f.xmllint++
		f.xmllintRight++
		if jcxOK {
			f.bothRight++
		}
	}
}

func pct(n, d int) string {
	if d == 0 {
		return "–"
	}
	return strconv.FormatFloat(100*float64(n)/float64(d), 'f', 1, 64) + " %"
}

// TestW3CSuite runs every applicable XSD 1.0 test of the W3C suite and
// fails when the number this package gets right, in total or in any test
// set, falls below the floor recorded in testdata/w3c/floor.tsv. xmllint's
// figures come from its recorded verdicts (testdata/w3c/xmllint.tsv).
func TestW3CSuite(t *testing.T) {
	s := loadW3CSuite(t)
	if *onlyW3C != "" {
		if *updateW3C {
			t.Fatal("-update-w3c needs the whole suite: drop -w3c-only")
		}
		s.tests = slices.DeleteFunc(s.tests, func(tc w3cTest) bool {
			return !slices.ContainsFunc(strings.Split(*onlyW3C, ","), func(p string) bool { return strings.HasPrefix(tc.Set, p) })
		})
	}
	start := time.Now()
	verdicts, cost := s.runJCX()
	elapsed := time.Since(start)
	lint := readXmllintRecord(t)

	bySet := map[string]*w3cFigures{}
	total := &w3cFigures{set: "total"}
	var wrong []string
	for _, tc := range s.tests {
		f := bySet[tc.Set]
		if f == nil {
			f = &w3cFigures{set: tc.Set}
			bySet[tc.Set] = f
		}
		v := verdicts[tc.ID]
		jcxOK := v.ok == tc.WantOK
		lintOK := lint.verdict(tc) == tc.WantOK && !lint.noVerdict(tc)
		f.add(jcxOK, lintOK)
		total.add(jcxOK, lintOK)
		if !jcxOK {
			w := fmt.Sprintf("%s: expected valid=%v (%s)", tc.ID, tc.WantOK, tc.Schema[0])
			if tc.Doc != "" {
				w += " instance " + tc.Doc
			}
			if v.why != "" {
				w += ": " + strings.ReplaceAll(strings.TrimSpace(v.why), "\n", "; ")
			}
			wrong = append(wrong, w)
		}
	}
	var sets []*w3cFigures
	for _, f := range bySet {
		sets = append(sets, f)
	}
	slices.SortFunc(sets, func(a, b *w3cFigures) int { return cmp.Compare(a.set, b.set) })
	sets = append(sets, total)

	t.Logf("%d tests in %v (%d left out: %v)", len(s.tests), elapsed.Round(time.Millisecond), sumCounts(s.skipped), s.skipped)
	for _, f := range sets {
		t.Logf("%-28s %5d tests  jcx %6s  xmllint %6s  jcx where xmllint is right %6s",
			f.set, f.tests, pct(f.jcx, f.tests), pct(f.xmllint, f.tests), pct(f.bothRight, f.xmllintRight))
	}
	logSlowest(t, cost, 5)
	if testing.Verbose() {
		for _, w := range wrong {
			t.Log("wrong: " + w)
		}
	}

	if *updateW3C {
		writeW3CFloor(t, sets)
		writeW3CTable(t, sets, len(s.tests), s.skipped)
		return
	}
	floor := readW3CFloor(t)
	for _, f := range sets {
		want, ok := floor[f.set]
		if *onlyW3C != "" && f == total {
			continue
		}
		if !ok {
			t.Errorf("%s: no floor recorded in %s (run with -update-w3c)", f.set, w3cFloorFile)
			continue
		}
		if f.jcx < want {
			t.Errorf("%s: %d of %d tests right, below the recorded floor of %d", f.set, f.jcx, f.tests, want)
		}
	}
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func logSlowest(t *testing.T, cost map[string]time.Duration, n int) {
	ids := make([]string, 0, len(cost))
	for id := range cost {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(cost[b], cost[a]) })
	for _, id := range ids[:min(n, len(ids))] {
		t.Logf("slow group %s: %v", id, cost[id].Round(time.Millisecond))
	}
}

func readW3CFloor(t *testing.T) map[string]int {
	data, err := os.ReadFile(w3cFloorFile)
	if err != nil {
		t.Fatalf("%v (run with -update-w3c to record one)", err)
	}
	floor := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("%s: bad line %q", w3cFloorFile, line)
		}
		n, err := strconv.Atoi(fields[2])
		if err != nil {
			t.Fatalf("%s: bad line %q", w3cFloorFile, line)
		}
		floor[fields[0]] = n
	}
	return floor
}

func writeW3CFloor(t *testing.T, sets []*w3cFigures) {
	var b strings.Builder
	b.WriteString("# W3C XML Schema test suite: per test set, the applicable XSD 1.0 tests and how many\n")
	b.WriteString("# this package must get right at least. Rewritten by\n")
	b.WriteString("#   go test ./internal/xsd -run 'TestW3CSuite$' -update-w3c\n")
	b.WriteString("# set\ttests\tfloor\n")
	for _, f := range sets {
		fmt.Fprintf(&b, "%s\t%d\t%d\n", f.set, f.tests, f.jcx)
	}
	if err := os.WriteFile(w3cFloorFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

const (
	tableStart = "<!-- w3c table: rewritten by go test -run 'TestW3CSuite$' -update-w3c -->\n"
	tableEnd   = "<!-- end of w3c table -->\n"
)

func writeW3CTable(t *testing.T, sets []*w3cFigures, tests int, skipped map[string]int) {
	data, err := os.ReadFile(w3cReadmeFile)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(data), tableStart)
	_, after, ok2 := strings.Cut(rest, tableEnd)
	if !ok1 || !ok2 {
		t.Fatalf("%s: table markers missing", w3cReadmeFile)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d applicable tests; left out:", tests)
	reasons := make([]string, 0, len(skipped))
	for r := range skipped {
		reasons = append(reasons, r)
	}
	slices.Sort(reasons)
	for i, r := range reasons {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(&b, "%s %s %d", sep, r, skipped[r])
	}
	b.WriteString(".\n\n| test set | tests | jcx right | xmllint right | jcx right where xmllint is |\n|---|--:|--:|--:|--:|\n")
	for _, f := range sets {
		fmt.Fprintf(&b, "| %s | %d | %d (%s) | %d (%s) | %s |\n", f.set, f.tests, f.jcx, pct(f.jcx, f.tests),
			f.xmllint, pct(f.xmllint, f.tests), pct(f.bothRight, f.xmllintRight))
	}
	out := before + tableStart + b.String() + tableEnd + after
	if err := os.WriteFile(w3cReadmeFile, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}
