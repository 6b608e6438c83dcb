package main

import (
	"fmt"

	"github.com/jcx-dev/jcx/exchange/trust"
)

// loadTrust reads the trust bundle a --trust flag names, reporting a failure on standard
// error as command cmd.
func loadTrust(cmd, path string, s *stdio) (*trust.Bundle, bool) {
	pemBytes, err := readFileLimited(path, maxPEMBytes)
	if err != nil {
		fmt.Fprintf(s.err, "jcx %s: %s\n", cmd, printableErr(err))
		return nil, false
	}
	bundle, err := trust.LoadBundle(pemBytes)
	if err != nil {
		fmt.Fprintf(s.err, "jcx %s: %s: %s\n", cmd, printable(path), printableErr(err))
		return nil, false
	}
	return bundle, true
}
