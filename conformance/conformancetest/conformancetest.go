// Package conformancetest runs the conformance suite from a vendor's own go test, one
// subtest per case and encoding:
//
//	func TestConformance(t *testing.T) {
//		conformancetest.Run(t, conformance.Config{Target: conformance.Handler(myHandler)})
//	}
//
// go test -run 'TestConformance/JCX-C-0062' then reruns one case, and the usual test
// tooling (JUnit converters, IDEs) shows every case with its requirement ids. A case the
// implementation fails is a failed subtest whose message carries the reason and the
// exchanges; a skipped or waived case is a skipped subtest.
package conformancetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/conformance"
)

// Run runs the suite with cfg and reports each case as a subtest of t. It returns the
// result for further checks. A run that cannot start fails t.
func Run(t *testing.T, cfg conformance.Config) *conformance.Result {
	t.Helper()
	res, err := conformance.Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("conformance run: %v", err)
		return nil
	}
	if res.Inconclusive != "" {
		t.Errorf("conformance run inconclusive: %s", res.Inconclusive)
	}
	for _, c := range res.Cases {
		t.Run(c.Name(), func(t *testing.T) {
			switch c.Verdict {
			case conformance.Pass:
			case conformance.SkippedUnsupported, conformance.SkippedByChoice, conformance.Waived:
				t.Skipf("%s: %s", c.Verdict, c.Reason)
			default:
				t.Errorf("%s %s [%s]\n%s: %s\n%s", c.Level, c.Title, strings.Join(c.Requirements, " "), c.Verdict, c.Reason, transcript(c))
			}
		})
	}
	return res
}

func transcript(c conformance.CaseResult) string {
	var b strings.Builder
	for _, e := range c.Transcript {
		fmt.Fprintf(&b, "--- %d. %s, sent %s:\n%s\n", e.Step, e.Label, e.RequestType, clip(e.Request))
		if e.Error != "" {
			fmt.Fprintf(&b, "--- no answer: %s\n", e.Error)
		} else {
			fmt.Fprintf(&b, "--- answer %s:\n%s\n", e.ResponseType, clip(e.Response))
		}
	}
	return b.String()
}

func clip(s string) string {
	const max = 2000
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}
