package safexml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// repeatReader yields prefix, then body repeated n times, then suffix,
// without ever holding the whole document.
type repeatReader struct {
	parts [][]byte
	reps  []int64
	i     int
	off   int
	read  int64
}

func newRepeat(prefix, body string, n int64, suffix string) *repeatReader {
	return &repeatReader{
		parts: [][]byte{[]byte(prefix), []byte(body), []byte(suffix)},
		reps:  []int64{1, n, 1},
	}
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && r.i < len(r.parts) {
		if r.reps[r.i] == 0 || len(r.parts[r.i]) == 0 {
			r.i, r.off = r.i+1, 0
			continue
		}
		c := copy(p[n:], r.parts[r.i][r.off:])
		n += c
		r.off += c
		if r.off == len(r.parts[r.i]) {
			r.off = 0
			r.reps[r.i]--
		}
	}
	r.read += int64(n)
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// measure runs f and reports the CPU time it took and the bytes it
// allocated. The race detector inflates allocations, so they are scaled
// back by slack; it slows code by an unpredictable factor, so slow
// reports whether a duration is over a bound only without it.
func measure(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := testtool.ProcessCPU()
	f()
	d := testtool.ProcessCPU() - start
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	if raceEnabled {
		return d, alloc / slack
	}
	return d, alloc
}

const slack = 4

func slow(d, bound time.Duration) bool { return !raceEnabled && d > bound }

func TestDeepNesting(t *testing.T) {
	const depth = 200_000
	var err error
	r := newRepeat("", "<a>", depth, strings.Repeat("</a>", 10))
	d, alloc := measure(func() { _, err = Prepare(r, Limits{}) })
	if !errors.Is(err, ErrTooDeep) {
		t.Fatalf("got %v, want ErrTooDeep", err)
	}
	t.Logf("streamed: refused in %v after reading %d bytes, %d bytes allocated: %v", d, r.read, alloc, err)
	if slow(d, time.Second) || alloc > 1<<20 || r.read > 64<<10 {
		t.Errorf("not refused early in constant memory: %v, %d bytes allocated, %d bytes read", d, alloc, r.read)
	}

	doc := []byte(strings.Repeat("<a>", depth) + strings.Repeat("</a>", depth))
	d, alloc = measure(func() { _, err = PrepareBytes(doc, Limits{}) })
	if !errors.Is(err, ErrTooDeep) {
		t.Fatalf("got %v, want ErrTooDeep", err)
	}
	t.Logf("in memory: refused in %v, %d bytes allocated", d, alloc)
	if slow(d, time.Second) || alloc > 1<<20 {
		t.Errorf("not refused early in constant memory: %v, %d bytes allocated", d, alloc)
	}
}

func TestDepthBoundary(t *testing.T) {
	lim := Limits{MaxDepth: 5}
	for depth, want := range map[int]error{5: nil, 6: ErrTooDeep} {
		doc := strings.Repeat("<a>", depth-1) + "<b/>" + strings.Repeat("</a>", depth-1)
		if _, err := PrepareBytes([]byte(doc), lim); !errors.Is(err, want) {
			t.Errorf("depth %d: got %v, want %v", depth, err, want)
		}
	}
}

func TestHugeTextNode(t *testing.T) {
	const size = 60 << 20
	tests := []struct {
		name string
		lim  Limits
		want error
		took time.Duration // CPU time
	}{
		{"defaults", Limits{}, ErrTokenTooLarge, 2 * time.Second},
		{"raised size limit", Limits{MaxBytes: 1 << 30}, ErrTokenTooLarge, 2 * time.Second},
		{"raised token limit", Limits{MaxTokenBytes: 1 << 30}, ErrTooLarge, 4 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			r := newRepeat("<Message><Body>", strings.Repeat("A", 4096), size/4096, "</Body></Message>")
			d, alloc := measure(func() { _, err = Prepare(r, tt.lim) })
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			t.Logf("refused in %v after reading %d MiB, %d MiB allocated: %v", d, r.read>>20, alloc>>20, err)
			if slow(d, tt.took) {
				t.Errorf("took %v", d)
			}
			if alloc > 64<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
		})
	}
}

func TestSizeLimit(t *testing.T) {
	const max = 1000
	lim := Limits{MaxBytes: max}
	fit := func(n int) []byte {
		doc := "<a>" + strings.Repeat("x", n-7) + "</a>"
		return []byte(doc)
	}
	for _, n := range []int{max - 1, max} {
		for name, prep := range entryPoints {
			if _, err := prep(fit(n), lim); err != nil {
				t.Errorf("%s: %d bytes with limit %d: %v", name, n, max, err)
			}
		}
	}
	for name, prep := range entryPoints {
		_, err := prep(fit(max+1), lim)
		var e *Error
		if !errors.Is(err, ErrTooLarge) || !errors.As(err, &e) || e.Code() != CodeTooLarge {
			t.Errorf("%s: %d bytes with limit %d: got %v", name, max+1, max, err)
		}
	}
	// An endless stream is read at most MaxBytes+1 bytes far.
	r := newRepeat("<a>", "x", 1<<40, "")
	if _, err := Prepare(r, lim); !errors.Is(err, ErrTooLarge) || r.read > max+1 {
		t.Errorf("endless stream: %v after reading %d bytes", err, r.read)
	}
	if b, err := ReadLimited(newRepeat("", "x", max, ""), max); err != nil || len(b) != max {
		t.Errorf("ReadLimited at the limit: %d bytes, %v", len(b), err)
	}
	if _, err := ReadLimited(newRepeat("", "x", max+1, ""), max); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadLimited past the limit: %v", err)
	}
}

func TestConstructLimits(t *testing.T) {
	lim := Limits{MaxAttrs: 3, MaxNameLen: 8, MaxTokenBytes: 16}
	attrs := func(n int) string {
		var b strings.Builder
		b.WriteString("<a")
		for i := range n {
			fmt.Fprintf(&b, " x%d=\"\"", i)
		}
		b.WriteString("/>")
		return b.String()
	}
	tests := []struct {
		doc  string
		want error
	}{
		{attrs(3), nil},
		{attrs(4), ErrTooManyAttrs},
		{"<abcdefgh/>", nil},
		{"<abcdefghi/>", ErrNameTooLong},
		{"<a abcdefghi=''/>", ErrNameTooLong},
		{"<a></abcdefghi>", ErrNameTooLong},
		{"<a>" + strings.Repeat("x", 16) + "</a>", nil},
		{"<a>" + strings.Repeat("x", 17) + "</a>", ErrTokenTooLarge},
		{"<a>" + strings.Repeat("&amp;", 3) + "x</a>", nil},
		{"<a>" + strings.Repeat("&amp;", 3) + "xy</a>", ErrTokenTooLarge},
		{"<a b='" + strings.Repeat("&#233;", 2) + "xxxx'/>", nil},
		{"<a b='" + strings.Repeat("&#233;", 2) + "xxxxx'/>", ErrTokenTooLarge},
		{"<a b='" + strings.Repeat("x", 17) + "'/>", ErrTokenTooLarge},
		{"<a><!--" + strings.Repeat("x", 17) + "--></a>", ErrTokenTooLarge},
		{"<a><![CDATA[" + strings.Repeat("x", 17) + "]]></a>", ErrTokenTooLarge},
		{"<a>" + strings.Repeat("x", 10) + "<b/>" + strings.Repeat("x", 10) + "</a>", nil},
	}
	for _, tt := range tests {
		if _, err := PrepareBytes([]byte(tt.doc), lim); !errors.Is(err, tt.want) {
			t.Errorf("%.40q: got %v, want %v", tt.doc, err, tt.want)
		}
	}
}

func TestDefaultLimits(t *testing.T) {
	if (Limits{}).normalized() != DefaultLimits() {
		t.Error("zero Limits do not take the defaults")
	}
	big := bytes.Repeat([]byte("x"), 5<<20)
	doc := append(append([]byte("<a>"), big...), "</a>"...)
	if _, err := PrepareBytes(doc, Limits{}); err != nil {
		t.Errorf("a 5 MiB text node is within the defaults: %v", err)
	}
}
