package exchange

import "testing"

// TestRulesAcceptBase checks that the base messages the rule tests mutate are valid, so
// that each case's findings come from its mutation alone.
func TestRulesAcceptBase(t *testing.T) {
	for name, m := range map[string]func() *Message{
		"epoc": epocRequest, "every kind": everyKindRequest, "response": tResponse,
	} {
		for _, f := range []Format{FormatJSON, FormatXML} {
			if got := ruleFindings(t, Options{}, m(), f); len(got) != 0 {
				t.Errorf("%s (%s): unexpected findings %q", name, f, got)
			}
		}
	}
}
