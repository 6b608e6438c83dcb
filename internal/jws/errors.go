package jws

import (
	"fmt"

	"github.com/jcx-dev/jcx/internal/sigerr"
)

// jcx error codes carried by this package's errors (docs/errors.md lists them all).
const (
	CodeMissing   = sigerr.Missing   // signature required but absent
	CodeInvalid   = sigerr.Invalid   // signature present but malformed or not verifying
	CodeAlgorithm = sigerr.Algorithm // algorithm, transform or key not allowed by the profile
)

// Error is a signature error carrying its jcx code. The SDK reads the code through
// interface{ Code() int }, the method every internal front door's error has; package exchange
// turns it into the finding's ErrorCode.
type Error = sigerr.Error

// Sentinel errors, one per code. Every error returned by Sign and Verify is an *Error
// that matches exactly one of them with errors.Is.
var (
	ErrMissing   = sigerr.Sentinel("jws", CodeMissing, "signature required")
	ErrInvalid   = sigerr.Sentinel("jws", CodeInvalid, "invalid signature")
	ErrAlgorithm = sigerr.Sentinel("jws", CodeAlgorithm, "algorithm not allowed")
)

func invalid(format string, args ...any) error {
	return sigerr.New("jws", CodeInvalid, fmt.Sprintf(format, args...), nil)
}

func notAllowed(format string, args ...any) error {
	return sigerr.New("jws", CodeAlgorithm, fmt.Sprintf(format, args...), nil)
}

func wrap(code int, msg string, err error) error {
	return sigerr.New("jws", code, msg, err)
}
