package jws

import "fmt"

// jcx error codes carried by this package's errors (see DESIGN.md §2).
const (
	CodeMissing   = 8001 // signature required but absent
	CodeInvalid   = 8002 // signature present but malformed or not verifying
	CodeAlgorithm = 8005 // algorithm, transform or key not allowed by the profile
)

// Sentinel errors, one per code. Every error returned by Sign and Verify is an
// *Error that matches exactly one of them with errors.Is.
var (
	ErrMissing   = &Error{code: CodeMissing, msg: "signature required"}
	ErrInvalid   = &Error{code: CodeInvalid, msg: "invalid signature"}
	ErrAlgorithm = &Error{code: CodeAlgorithm, msg: "algorithm not allowed"}
)

// Error is a signature error carrying its jcx code. The SDK reads the code
// through interface{ Code() int }, the same method every jcx signature and
// trust error has.
type Error struct {
	code int
	msg  string
	err  error // underlying cause (parser or crypto error), may be nil
}

// Code returns the jcx error code.
func (e *Error) Code() int { return e.code }

func (e *Error) Error() string {
	if e.err != nil {
		return fmt.Sprintf("jws: %s: %v", e.msg, e.err)
	}
	return "jws: " + e.msg
}

func (e *Error) Unwrap() error { return e.err }

// Is makes errors.Is(err, ErrInvalid) true for every error with code 8002,
// and likewise for the other sentinels.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrMissing, ErrInvalid, ErrAlgorithm:
		return target.(*Error).code == e.code
	}
	return false
}

func invalid(format string, args ...any) error {
	return &Error{code: CodeInvalid, msg: fmt.Sprintf(format, args...)}
}

func notAllowed(format string, args ...any) error {
	return &Error{code: CodeAlgorithm, msg: fmt.Sprintf(format, args...)}
}

func wrap(code int, msg string, err error) error {
	return &Error{code: code, msg: msg, err: err}
}
