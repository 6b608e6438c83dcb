package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseMix(t *testing.T) {
	cases := []struct {
		in, want, err string
	}{
		{defaultMix, defaultMix, ""},
		{"get=1, create=2", "get=1,create=2", ""},
		{"create=0,get=1", "get=1", ""},
		{"create=0", "", "every weight is zero"},
		{"create", "", "not op=weight"},
		{"delete=1", "", "unknown operation"},
		{"get=1,get=2", "", "given twice"},
		{"get=-1", "", "0 to 1000"},
		{"get=1001", "", "0 to 1000"},
		{"get=x", "", "0 to 1000"},
	}
	for _, tc := range cases {
		m, err := parseMix(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || m.String() != tc.want {
			t.Errorf("%q: %q, %v; want %q", tc.in, m.String(), err, tc.want)
		}
	}
}

// pick follows the weights.
func TestMixPick(t *testing.T) {
	m, err := parseMix("create=1,get=3")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := map[string]int{}
	for range 40_000 {
		n[m.pick(rng)]++
	}
	if len(n) != 2 || n[opGet] < 2*n[opCreate] || n[opGet] > 4*n[opCreate] {
		t.Fatalf("picks %v, want about 1:3", n)
	}
}

func TestPercentiles(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	var d []time.Duration
	for i := 100; i >= 1; i-- {
		d = append(d, ms(i))
	}
	got := percentiles(d)
	want := Latency{P50: ms(50), P90: ms(90), P99: ms(99), Max: ms(100)}
	if got != want {
		t.Fatalf("%+v, want %+v", got, want)
	}
	if got := percentiles([]time.Duration{ms(7)}); got != (Latency{ms(7), ms(7), ms(7), ms(7)}) {
		t.Fatalf("one sample: %+v", got)
	}
	if got := percentiles(nil); got != (Latency{}) {
		t.Fatalf("no sample: %+v", got)
	}
}

func TestLoopbackOnly(t *testing.T) {
	for target, ok := range map[string]bool{
		"http://127.0.0.1:8080/":    true,
		"http://127.0.0.2:8080":     true,
		"http://[::1]:8080/":        true,
		"http://localhost:8080":     true,
		"http://192.0.2.1:8080/":    false,
		"http://example.org/":       false,
		"https://127.0.0.1:8443/":   false,
		"http://127.0.0.1.nip.io/":  false,
		"ftp://127.0.0.1/":          false,
		"http://[::ffff:8.8.8.8]/":  false,
		"http://localhost.example/": false,
	} {
		if err := loopbackOnly(target); (err == nil) != ok {
			t.Errorf("%s: %v, want ok=%v", target, err, ok)
		}
	}
}

func TestProcCPU(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc: not Linux")
	}
	before, err := procCPU(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	// Spin until the kernel has charged at least two clock ticks more.
	deadline := time.Now().Add(5 * time.Second)
	after := before
	for after < before+2*time.Second/clockTicks && time.Now().Before(deadline) {
		for i := 0; i < 1_000_000; i++ {
			_ = i * i
		}
		if after, err = procCPU(os.Getpid()); err != nil {
			t.Fatal(err)
		}
	}
	if after < before+2*time.Second/clockTicks {
		t.Fatalf("CPU time %v then %v after spinning", before, after)
	}
	if _, err := procCPU(1 << 30); err == nil {
		t.Fatal("no error for a process that does not exist")
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--self", "--target", "http://127.0.0.1:1/"},
		{"--target", "http://192.0.2.1:8080/"},
		{"--self", "--clients", "0"},
		{"--self", "--clients", "5001"},
		{"--self", "--duration", "0s"},
		{"--self", "--duration", "2h"},
		{"--self", "--mix", "nothing=1"},
		{"--self", "--format", "yaml"},
		{"--self", "--audit-gets", "-2"},
		{"--self", "extra"},
		{"--target", "http://127.0.0.1:1/", "--timeout", "2s"},
	} {
		var out, errb bytes.Buffer
		if code := run(t.Context(), args, &out, &errb); code != 2 {
			t.Errorf("%q: exit %d, want 2; %s", args, code, errb.String())
		}
		if errb.Len() == 0 {
			t.Errorf("%q: nothing said on stderr", args)
		}
	}
}

// The command end to end: a short clean run in process exits 0 and writes its JSON.
func TestRunSelf(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := run(t.Context(), []string{"--self", "--clients", "4", "--duration", "1s", "--json", dir + "/r.json"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	data, err := os.ReadFile(dir + "/r.json")
	if err != nil || !bytes.Contains(data, []byte(`"msg_per_s"`)) {
		t.Fatalf("JSON report: %v\n%s", err, data)
	}
	if !strings.Contains(out.String(), "every message accounted for") {
		t.Fatalf("report:\n%s", out.String())
	}
}
