package conformance

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
)

// The hi1 suite against the reference implementation in its HI-1 profile: it passes as
// it is, over the HTTP binding, and each fault that applies to the profile is caught by
// exactly the cases whose negative controls name it.

func hi1Server(t testing.TB, faults ...refimpl.Fault) *refimpl.HI1Server {
	t.Helper()
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Faults = faults
	srv, err := refimpl.NewHI1(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func runHI1(t testing.TB, srv *refimpl.HI1Server) (*Suite, *Result) {
	t.Helper()
	return runHI1On(t, Handler(srv))
}

func TestHI1ReferenceImplementationPasses(t *testing.T) {
	suite, res := runHI1(t, hi1Server(t))
	requireAllPass(t, res)
	if len(res.Cases) != len(suite.Cases) {
		t.Errorf("%d case runs for %d cases", len(res.Cases), len(suite.Cases))
	}
	if res.Suite.Digest != suite.Digest || res.Suite.ID != "hi1" {
		t.Errorf("result names suite %+v, want hi1 %s", res.Suite, suite.Digest)
	}
}

func TestHI1OverHTTP(t *testing.T) {
	srv := httptest.NewServer(hi1Server(t))
	defer srv.Close()
	suite, err := Embedded("hi1")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Config{Suite: suite, Target: HTTP(srv.URL, HTTPOptions{}), Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	requireAllPass(t, res)
}

// TestHI1FaultsAreCaught is the hi1 suite's negative control.
func TestHI1FaultsAreCaught(t *testing.T) {
	suite, err := Embedded("hi1")
	if err != nil {
		t.Fatal(err)
	}
	applicable := refimpl.HI1Faults()
	named := map[string]bool{}
	for _, c := range suite.Cases {
		for _, n := range c.NegativeControls {
			named[n] = true
			if !slices.Contains(applicable, refimpl.Fault(n)) {
				t.Errorf("%s: negative control %q is not a fault of the HI-1 profile", c.ID, n)
			}
		}
	}
	for _, f := range applicable {
		if !named[string(f)] {
			t.Errorf("fault %s is named by no hi1 case: the suite would not notice it", f)
		}
		t.Run(string(f), func(t *testing.T) {
			t.Parallel()
			_, res := runHI1(t, hi1Server(t, f))
			for _, cr := range res.Cases {
				i := slices.IndexFunc(suite.Cases, func(c Case) bool { return c.ID == cr.ID })
				meant := slices.Contains(suite.Cases[i].NegativeControls, string(f))
				switch caught := cr.Verdict.failed(); {
				case meant && !caught:
					t.Errorf("%s (%s) should catch %s but is %s", cr.Name(), cr.Title, f, cr.Verdict)
				case !meant && caught:
					t.Errorf("%s (%s) catches %s, which its negative controls do not name: %s", cr.Name(), cr.Title, f, cr.Reason)
				}
			}
			if res.Conformant {
				t.Errorf("fault %s: the run is still conformant", f)
			}
		})
	}
}

// TestHI1SuiteNeedsHI1Answers holds the binding to its word: a jcx core implementation
// answering the hi1 suite passes nothing, and an HI-1 implementation answering the core
// suite passes nothing, so no case passes for want of a receipt to check.
func TestHI1SuiteNeedsHI1Answers(t *testing.T) {
	suite, err := Embedded("hi1")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Config{Suite: suite, Target: Handler(refServer(t)), Timeout: time.Minute})
	t.Logf("hi1 suite against the core profile: %v", err)
	if err == nil {
		for _, c := range res.Cases {
			if c.Verdict == Pass {
				t.Errorf("hi1 case %s passes against a core implementation", c.Name())
			}
		}
	}
	core, err := Core()
	if err != nil {
		t.Fatal(err)
	}
	// An HI-1 endpoint refuses jcx messages with HI-1 answers, which the core suite's
	// binding does not take for answers: the probe is not answered.
	res, err = Run(context.Background(), Config{Suite: core, Target: Handler(hi1Server(t)), Timeout: time.Minute})
	if err != nil && !errors.Is(err, ErrUnreachable) {
		t.Errorf("core suite against the HI-1 profile: %v, want ErrUnreachable or verdicts", err)
	}
	if err == nil {
		for _, c := range res.Cases {
			if c.Verdict == Pass {
				t.Errorf("core case %s passes against an HI-1 implementation", c.Name())
			}
		}
	}
}
