package main

import (
	"strings"
	"testing"
	"time"
)

// The two parsers of outside input: --mix, and /proc/PID/stat. Neither may panic, and what
// they accept must be consistent.

func FuzzParseMix(f *testing.F) {
	for _, s := range []string{defaultMix, "get=1", "create=0,get=0", "a=b=c", ",", "race=1000,replay=1000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := parseMix(s)
		if err != nil {
			return
		}
		if m.total <= 0 || len(m.ops) != len(m.weights) {
			t.Fatalf("%q: accepted an empty mix %+v", s, m)
		}
		// What it prints, it reads back the same.
		again, err := parseMix(m.String())
		if err != nil || again.String() != m.String() {
			t.Fatalf("%q: %q reads back as %q, %v", s, m.String(), again.String(), err)
		}
	})
}

func FuzzParseStatCPU(f *testing.F) {
	f.Add([]byte("4242 (jcx) S 1 4242 4242 0 -1 4194560 1000 0 0 0 150 25 0 0 20 0 8 0 100 0 0"))
	f.Add([]byte("1 (a) b) R 0 0 0 0 0 0 0 0 0 0 7 3 0 0"))
	f.Add([]byte("1 (x) S 0 0 0 0 0 0 0 0 0 0 99999999999999999999 1"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseStatCPU(data)
		if err == nil && d < 0 {
			t.Fatalf("%q: negative CPU time %v", data, d)
		}
	})
}

func TestParseStatCPU(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"4242 (jcx) S 1 4242 4242 0 -1 4194560 1000 0 0 0 150 25 0 0 20 0 8 0 100", 1750 * time.Millisecond, true},
		{"7 (odd) name) R 0 0 0 0 0 0 0 0 0 0 1 2 0", 30 * time.Millisecond, true},
		{"7 (short) R 0 0", 0, false},
		{"no parenthesis", 0, false},
		{"7 (x) R 0 0 0 0 0 0 0 0 0 0 -1 2 0", 0, false},
		{"7 (x) R 0 0 0 0 0 0 0 0 0 0 " + strings.Repeat("9", 30) + " 2 0", 0, false},
	}
	for _, tc := range cases {
		got, err := parseStatCPU([]byte(tc.in))
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%q: %v, %v; want %v ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}
