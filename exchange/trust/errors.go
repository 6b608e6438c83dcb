package trust

import "fmt"

// jcx error codes carried by this package's errors (docs/errors.md lists them all).
const (
	CodeUntrusted = 8003 // signer not trusted: no path to the bundle, expired, wrong usage
	CodeNotSender = 8004 // signer trusted but not the message's sender
)

// Sentinel errors. Every error this package returns is an *Error matching
// one of them with errors.Is.
var (
	ErrUntrusted = &Error{code: CodeUntrusted, msg: "signer not trusted"}
	ErrNotSender = &Error{code: CodeNotSender, msg: "signer is not the sender"}
)

// Error is a trust error carrying its jcx code, read through
// interface{ Code() int } like every jcx signature error.
type Error struct {
	code int
	msg  string
	err  error
}

// Code returns the jcx error code.
func (e *Error) Code() int { return e.code }

// Error describes the refusal.
func (e *Error) Error() string {
	if e.err != nil {
		return fmt.Sprintf("trust: %s: %v", e.msg, e.err)
	}
	return "trust: " + e.msg
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.err }

// Is makes errors.Is(err, ErrUntrusted) true for every 8003 error, and
// likewise for ErrNotSender.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUntrusted, ErrNotSender:
		return target.(*Error).code == e.code
	}
	return false
}

func untrusted(err error, format string, args ...any) error {
	return &Error{code: CodeUntrusted, msg: fmt.Sprintf(format, args...), err: err}
}

func notSender(format string, args ...any) error {
	return &Error{code: CodeNotSender, msg: fmt.Sprintf(format, args...)}
}
