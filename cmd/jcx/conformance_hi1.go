package main

import (
	"net/http"

	"github.com/jcx-dev/jcx/conformance"
	"github.com/jcx-dev/jcx/conformance/refimpl"
)

// builtinImplementation is the reference implementation that `jcx conformance run`
// tests when no target is given: in the profile the suite's binding speaks, so that
// --suite hi1 is answered in HI-1.
func builtinImplementation(suite *conformance.Suite) (http.Handler, error) {
	if suite.Manifest.Binding == conformance.BindingHI1 {
		cfg, err := refimpl.DefaultConfig()
		if err != nil {
			return nil, err
		}
		return refimpl.NewHI1(cfg)
	}
	return refimpl.Default()
}
