package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		in   []sample
		want sample
	}{
		{[]sample{{wall: 3 * ms, cpu: 1 * ms, maxRSS: 5}}, sample{wall: 3 * ms, cpu: 1 * ms, maxRSS: 5}},
		{[]sample{{wall: 9 * ms, cpu: 1 * ms}, {wall: 1 * ms, cpu: 7 * ms}, {wall: 5 * ms, cpu: 3 * ms}}, sample{wall: 5 * ms, cpu: 3 * ms}},
		{[]sample{{wall: 4 * ms}, {wall: 2 * ms}}, sample{wall: 3 * ms}},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestGoal(t *testing.T) {
	tests := []struct {
		g    goal
		r    float64
		want bool
	}{
		{atLeast(1), 1, true}, {atLeast(1), 0.99, false}, {atLeast(0.9), 4.4, true},
		{atMost(2), 2, true}, {atMost(2), 2.01, false}, {atMost(1), 0.2, true},
	}
	for _, tt := range tests {
		if got := tt.g.met(tt.r); got != tt.want {
			t.Errorf("%v met(%v) = %v, want %v", tt.g, tt.r, got, tt.want)
		}
	}
}

// TestCorpus checks that the corpus holds every valid fixture the asked number of times.
func TestCorpus(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	src, _ := filepath.Glob(filepath.Join(root, "testdata", "messages", "valid", "*.xml"))
	cfg := config{root: root, tmp: t.TempDir(), copies: 3}
	files, one, err := corpus(cfg, ".xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(src) == 0 || len(files) != 3*len(src) || one != files[0] {
		t.Fatalf("%d files from %d fixtures, one %q", len(files), len(src), one)
	}
	a, _ := os.ReadFile(src[0])
	b, _ := os.ReadFile(files[0])
	if string(a) != string(b) {
		t.Error("the first corpus file is not a copy of the first fixture")
	}
}

func TestWriteAttachment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.bin")
	sum, err := writeAttachment(path, 3<<20+5)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() != 3<<20+5 || len(sum) != 64 {
		t.Fatalf("size %v, sum %q, %v", fi, sum, err)
	}
	again, _ := writeAttachment(path, 3<<20+5)
	if again != sum {
		t.Error("the attachment is not deterministic")
	}
}
