package conformance

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

func runFake(t *testing.T, mode string, mod func(*Config)) (*Result, error) {
	t.Helper()
	srv := &fakeServer{mode: mode, release: make(chan struct{})}
	t.Cleanup(func() { close(srv.release) })
	// Generous: the machine running the tests may be slow or busy; only the hanging
	// fake needs a short limit, and it sets its own.
	cfg := Config{Target: InProcess(srv), Suite: loadMini(t), Toolkit: fakeKit{}, Timeout: 10 * time.Second}
	if mod != nil {
		mod(&cfg)
	}
	return Run(context.Background(), cfg)
}

// verdicts maps case/encoding names to verdicts.
func verdicts(r *Result) map[string]Verdict {
	m := map[string]Verdict{}
	for _, c := range r.Cases {
		m[c.Name()] = c.Verdict
	}
	return m
}

func TestRunFakeTargets(t *testing.T) {
	all := func(v Verdict) map[string]Verdict {
		m := map[string]Verdict{}
		for _, n := range []string{"JCX-C-0001", "JCX-C-0002", "JCX-C-0003", "JCX-C-0004"} {
			m[n+"/xml"], m[n+"/json"] = v, v
		}
		return m
	}
	with := func(m map[string]Verdict, kv ...any) map[string]Verdict {
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1].(Verdict)
		}
		return m
	}
	tests := []struct {
		mode       string
		want       map[string]Verdict
		conformant bool
	}{
		{"good", all(Pass), true},
		// The truncated case cannot be correlated, but its liveness probe can.
		{"lie", all(Fail), false},
		{"unsigned", all(Fail), false},
		{"wrong-type", all(Fail), false},
		{"hang-on-create", with(all(Pass), "JCX-C-0003/xml", Timeout, "JCX-C-0003/json", Timeout), true},
		{"panic-on-create", with(all(Pass), "JCX-C-0003/xml", Error, "JCX-C-0003/json", Error), true},
		{"crash-on-garbage", with(all(Pass), "JCX-C-0004/xml", Error, "JCX-C-0004/json", Error), false},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			start := time.Now()
			r, err := runFake(t, tt.mode, func(c *Config) {
				if tt.mode == "hang-on-create" {
					c.Timeout = 2 * time.Second
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("run took %v", d)
			}
			got := verdicts(r)
			for name, want := range tt.want {
				if got[name] != want {
					t.Errorf("%s: verdict %s, want %s", name, got[name], want)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d verdicts, want %d", len(got), len(tt.want))
			}
			// JCX-C-0003 tests only a SHOULD: its failure does not decide conformance.
			if r.Conformant != tt.conformant {
				t.Errorf("conformant = %v, want %v (%v)", r.Conformant, tt.conformant, got)
			}
		})
	}
}

func TestRunGarbageIsUnreachableOnlyWithoutAnswer(t *testing.T) {
	// Garbage is an answer: the probe passes, every case fails.
	r, err := runFake(t, "garbage", nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range verdicts(r) {
		if v != Fail {
			t.Errorf("%s: %s, want fail", name, v)
		}
	}
	// No answer at all is unreachable.
	_, err = Run(context.Background(), Config{Target: HTTP("http://127.0.0.1:1", HTTPOptions{}), Suite: loadMini(t), Toolkit: fakeKit{}})
	if !errors.Is(err, ErrUnreachable) {
		t.Errorf("err = %v, want ErrUnreachable", err)
	}
}

func TestSelection(t *testing.T) {
	caps := &Capabilities{Unsupported: []string{"verb:CREATE", "encoding:json"}}
	r, err := runFake(t, "good", func(c *Config) {
		c.Run = regexp.MustCompile(`000[1-3]`)
		c.Capabilities = caps
		c.Waivers = map[string]string{"JCX-C-0002": "known"}
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Verdict{
		"JCX-C-0001/xml": Pass, "JCX-C-0001/json": SkippedUnsupported,
		"JCX-C-0002/xml": Waived, "JCX-C-0002/json": SkippedUnsupported,
		"JCX-C-0003/xml": SkippedUnsupported, "JCX-C-0003/json": SkippedUnsupported,
		"JCX-C-0004/xml": SkippedByChoice, "JCX-C-0004/json": SkippedUnsupported,
	}
	got := verdicts(r)
	for n, v := range want {
		if got[n] != v {
			t.Errorf("%s: %s, want %s", n, got[n], v)
		}
	}
	if len(r.NotCertifiable) == 0 {
		t.Error("a waived, partly skipped run must not be certifiable")
	}

	// Profiles and shards partition the cases.
	s := loadMini(t)
	if got := len(Select(s, "extra", 0, 0)); got != 1 {
		t.Errorf("profile extra selects %d cases, want 1", got)
	}
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		for _, c := range Select(s, "", i, 3) {
			seen[c.ID]++
		}
	}
	if len(seen) != len(s.Cases) {
		t.Errorf("shards cover %d cases, want %d", len(seen), len(s.Cases))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s in %d shards", id, n)
		}
	}
	if _, err := runFake(t, "good", func(c *Config) { c.Shard, c.Shards = 4, 3 }); !errors.Is(err, ErrConfig) {
		t.Errorf("shard 4/3: err = %v, want ErrConfig", err)
	}
	if _, err := runFake(t, "good", func(c *Config) { c.Profile = "nope" }); !errors.Is(err, ErrConfig) {
		t.Errorf("unknown profile: err = %v, want ErrConfig", err)
	}
}

// A run in which no case testing a MUST ran proves nothing: inconclusive, not conformant.
func TestRunWithoutMustIsInconclusive(t *testing.T) {
	for name, mod := range map[string]func(*Config){
		"nothing selected": func(c *Config) { c.Run = regexp.MustCompile("no-such-case") },
		"all unsupported": func(c *Config) {
			c.Capabilities = &Capabilities{Unsupported: []string{"encoding:xml", "encoding:json"}}
		},
		"all skipped": func(c *Config) { c.Skip = regexp.MustCompile(".") },
	} {
		t.Run(name, func(t *testing.T) {
			r, err := runFake(t, "good", mod)
			if err != nil {
				t.Fatal(err)
			}
			if r.Conformant || !strings.Contains(r.Inconclusive, "no case testing a MUST") {
				t.Errorf("conformant %v, inconclusive %q", r.Conformant, r.Inconclusive)
			}
		})
	}
}

// Answers signed by another party than the configured implementation: one hint naming
// the signer, and the run is inconclusive rather than a failure of every case.
func TestRunNamesTheSignerWhenEveryAnswerFailsOnIdentity(t *testing.T) {
	r, err := runFake(t, "other-signer", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "the answers are signed by LU/someone-else, but the harness expects LU/jcx-reference: give --implementation LU/someone-else"
	if r.Conformant || r.Inconclusive != want {
		t.Errorf("conformant %v, inconclusive %q, want %q", r.Conformant, r.Inconclusive, want)
	}
}

func TestRunRefusesNegativeSettings(t *testing.T) {
	for _, mod := range []func(*Config){
		func(c *Config) { c.Timeout = -time.Second },
		func(c *Config) { c.Parallel = -1 },
	} {
		if _, err := runFake(t, "good", mod); !errors.Is(err, ErrConfig) {
			t.Errorf("err = %v, want ErrConfig", err)
		}
	}
}
