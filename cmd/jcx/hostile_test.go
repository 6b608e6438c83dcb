package main

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// Hostile inputs are generated here rather than stored: some are large, and generating
// them keeps the repository small. Each must be refused (exit 1) with a message that says
// why, quickly and in bounded memory.

const (
	hostileTimeLimit = 10 * time.Second
	hostileMemLimit  = 256 << 20
)

var messageStart = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<Message xmlns="` + exchange.Namespace + `">`

// writeHostile writes a file made of a head, a middle repeated n times, and a tail,
// through a buffer so that even the 60 MB one never sits in memory whole.
func writeHostile(t *testing.T, dir, name, head, middle string, n int, tail string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(head)
	for range n {
		w.WriteString(middle)
	}
	w.WriteString(tail)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	lol := `<!ENTITY a "aaaaaaaaaa">`
	for c := 'b'; c <= 'j'; c++ {
		prev := string(c - 1)
		lol += "<!ENTITY " + string(c) + ` "` + strings.Repeat("&"+prev+";", 10) + `">`
	}
	tests := []struct {
		name string
		path string
		// why lists words of which the findings must contain at least one (lowercase), so
		// that the refusal says what is wrong.
		why []string
	}{
		{"entity bomb", writeHostile(t, dir, "bomb.xml", `<?xml version="1.0"?><!DOCTYPE Message [`+lol+`]>`, "", 0, messageStart+"&j;</Message>"), []string{"doctype"}},
		{"external entity", writeHostile(t, dir, "xxe.xml", `<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]>`, "", 0, messageStart+"&x;</Message>"), []string{"doctype"}},
		{"200,000-deep XML", writeHostile(t, dir, "deep.xml", messageStart, "<Header>", 200000, ""), []string{"deep", "depth", "nest"}},
		{"200,000-deep JSON", writeHostile(t, dir, "deep.json", `{"Header":`, "[", 200000, ""), []string{"deep", "depth", "nest"}},
		{"duplicate JSON keys", writeHostile(t, dir, "dup.json", `{"Header": {}, "Payload": {}, "Header": {}}`, "", 0, ""), []string{"duplicate"}},
		{"invalid UTF-8", writeHostile(t, dir, "utf8.xml", messageStart+"<Header>\xff\xfe\xfd", "", 0, "</Header></Message>"), []string{"utf-8"}},
		{"invalid UTF-8 JSON", writeHostile(t, dir, "utf8.json", "{\"Header\": \"\xc3\x28\"}", "", 0, ""), []string{"utf-8"}},
		{"trailing data", writeHostile(t, dir, "trailing.json", `{"Header": {}} {"Header": {}}`, "", 0, ""), []string{"trailing", "after", "end", "more than one"}},
		// Just under the size limit, so it reaches the parser.
		{"15 MB text node", writeHostile(t, dir, "big.xml", messageStart+"<Header><Sender><CountryCode>", strings.Repeat("A", 1<<20), 15, "</CountryCode></Sender></Header></Message>"), []string{"large", "long", "limit", "country"}},
		{"60 MB text node", writeHostile(t, dir, "huge.xml", messageStart+"<Header><Sender><CountryCode>", strings.Repeat("A", 1<<20), 60, "</CountryCode></Sender></Header></Message>"), []string{"limit"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			r := jcx(t, "", "validate", tc.path)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)

			if r.code != 1 {
				t.Errorf("exit code %d, want 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			lower := strings.ToLower(r.stdout)
			found := false
			for _, w := range tc.why {
				found = found || strings.Contains(lower, w)
			}
			if !strings.HasPrefix(r.stdout, "FAIL ") || !found {
				t.Errorf("the refusal does not say why (want one of %q):\n%s", tc.why, r.stdout)
			}
			limit := hostileTimeLimit
			if raceEnabled {
				limit *= 10
			}
			if elapsed > limit {
				t.Errorf("took %v, want under %v", elapsed, limit)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > hostileMemLimit {
				t.Errorf("allocated %d MiB, want under %d MiB", alloc>>20, hostileMemLimit>>20)
			}
			t.Logf("%v, %d MiB allocated", elapsed.Round(time.Millisecond), (after.TotalAlloc-before.TotalAlloc)>>20)
		})
	}
}

// TestReadLimited checks that reading stops at the limit, however large the input.
func TestReadLimited(t *testing.T) {
	tests := []struct {
		size, hint int64
		tooLarge   bool
	}{
		{0, 0, false},
		{100, 0, false},
		{1000, 100, false},  // the hint was too small: the buffer grows
		{1024, 1024, false}, // exactly at the limit
		{1025, 1025, true},  // one byte over
		{1 << 20, 0, true},  // far over, no hint (standard input)
		{1 << 20, 1 << 20, true},
	}
	for _, tc := range tests {
		data, err := readLimited(strings.NewReader(strings.Repeat("x", int(tc.size))), 1024, tc.hint)
		if tc.tooLarge {
			if err != errTooLarge || len(data) != 1024 {
				t.Errorf("size %d: got %d bytes, %v; want 1024 bytes and errTooLarge", tc.size, len(data), err)
			}
			continue
		}
		if err != nil || int64(len(data)) != tc.size {
			t.Errorf("size %d: got %d bytes, %v", tc.size, len(data), err)
		}
		if cap(data) > 1025 {
			t.Errorf("size %d: buffer grew to %d bytes, past the limit", tc.size, cap(data))
		}
	}
}

// countingReader counts the Read calls that reach it.
type countingReader struct {
	r     io.Reader
	calls int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.calls++
	return c.r.Read(p)
}

// TestReadLimitedOneRead checks that a regular file of the announced size is read with
// one call, without the call that only returns EOF, and that a file that grew since its
// size was taken is still read to its end.
func TestReadLimitedOneRead(t *testing.T) {
	for _, tc := range []struct {
		size, hint int64
		maxCalls   int
	}{
		{600, 600, 1},
		{5000, 5000, 1},
		{5000, 600, 6}, // grew after the size was taken: the buffer grows and reading goes on to EOF
		{600, 0, 3},    // no size known (standard input): read until EOF
	} {
		c := &countingReader{r: strings.NewReader(strings.Repeat("x", int(tc.size)))}
		data, err := readLimited(c, 1<<20, tc.hint)
		if err != nil || int64(len(data)) != tc.size {
			t.Errorf("size %d, hint %d: got %d bytes, %v", tc.size, tc.hint, len(data), err)
		}
		if c.calls > tc.maxCalls {
			t.Errorf("size %d, hint %d: %d reads, want at most %d", tc.size, tc.hint, c.calls, tc.maxCalls)
		}
	}
}
