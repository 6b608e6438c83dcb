package conformance

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// retiredHI1Requirements are hi1 requirement ids that named a clause of TS 103 120 found
// wrong (docs/hi1.md, "How the clause numbers were checked") and were replaced in suite
// 0.5.0. Reports and certificates of earlier versions name them, so no requirement may
// carry one again with another meaning: HI1-6.4.5-01, LIST's id under the wrong number,
// is why GET, whose clause is §6.4.5, is HI1-6.4.5-02.
var retiredHI1Requirements = []string{
	"HI1-6.2.3-01", "HI1-6.2.3-02", "HI1-6.4.2-01", "HI1-6.4.3-01", "HI1-6.4.3-02",
	"HI1-6.4.4-01", "HI1-6.4.4-02", "HI1-6.4.5-01", "HI1-9.3-02", "HI1-9.3-03",
	"HI1-9.3-04", "HI1-9.3-05", "HI1-9.3-06", "HI1-9.3-07", "HI1-9.3-08",
	"HI1-9.3-09", "HI1-9.3-10", "HI1-9.3-11", "HI1-9.3-12",
}

// The hi1 suite's requirement ids name their clause, and its clause field names the same
// clause first; a retired id is never used again.
func TestHI1RequirementIDs(t *testing.T) {
	s, err := Embedded("hi1")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Requirements {
		if slices.Contains(retiredHI1Requirements, r.ID) {
			t.Errorf("%s is a retired id", r.ID)
		}
		m := hi1ClauseOfID.FindStringSubmatch(r.ID)
		if m == nil {
			t.Errorf("%s does not name a clause", r.ID)
			continue
		}
		want := "TS 103 120 §" + m[1]
		if m[1] == "D" {
			want = "TS 103 120 Annex D"
		}
		if !hasClausePrefix(r.Clause, want) {
			t.Errorf("%s: clause %q does not start with %q", r.ID, r.Clause, want)
		}
	}
	for _, c := range s.Cases {
		for _, r := range c.Requirements {
			if slices.Contains(retiredHI1Requirements, r) {
				t.Errorf("%s names the retired requirement %s", c.ID, r)
			}
		}
	}
}

var hi1ClauseOfID = regexp.MustCompile(`^HI1-([0-9A-Z.]+)-[0-9]{2}$`)

// hasClausePrefix reports whether clause starts with want followed by something other
// than a digit or a dot: §6.4 is not the start of §6.4.5.
func hasClausePrefix(clause, want string) bool {
	rest, ok := strings.CutPrefix(clause, want)
	return ok && (rest == "" || !strings.ContainsAny(rest[:1], "0123456789."))
}
