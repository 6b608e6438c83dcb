package conformancetest_test

import (
	"regexp"
	"testing"

	"github.com/jcx-dev/jcx/conformance"
	"github.com/jcx-dev/jcx/conformance/conformancetest"
	"github.com/jcx-dev/jcx/conformance/refimpl"
)

// The reference implementation, mounted as a plain http.Handler, through the helper a
// vendor would use.
func TestReferenceImplementation(t *testing.T) {
	srv, err := refimpl.Default()
	if err != nil {
		t.Fatal(err)
	}
	res := conformancetest.Run(t, conformance.Config{
		Target: conformance.Handler(srv),
		Run:    regexp.MustCompile(`JCX-C-00[0-4]`),
	})
	if res == nil || res.Counts[conformance.Pass] == 0 || res.Counts[conformance.Fail] > 0 {
		t.Errorf("counts %v", res.Counts)
	}
}
