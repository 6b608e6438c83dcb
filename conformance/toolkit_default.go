package conformance

import "errors"

// DefaultToolkit binds the harness to package exchange and the suite's test PKI.
func DefaultToolkit() (Toolkit, error) {
	return nil, errors.New("default toolkit not available")
}
