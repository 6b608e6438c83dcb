// Package sigerr is the error type shared by the signature packages (internal/xmldsig,
// internal/jws): an error that carries its jcx code, so the SDK maps any of them to a
// finding through interface{ Code() int }.
package sigerr

import "fmt"

// jcx error codes of signature failures (docs/errors.md lists them all).
const (
	Missing   = 8001 // signature required but absent
	Invalid   = 8002 // signature present but malformed or not verifying
	Algorithm = 8005 // algorithm, transform or key not allowed by the profile
)

// Error is a signature error carrying its jcx code. Sentinels (made by Sentinel) match,
// with errors.Is, every error of their package with the same code.
type Error struct {
	pkg      string // prefix of the message, the package that made it
	code     int
	msg      string
	err      error // underlying cause (parser or crypto error), may be nil
	sentinel bool
}

// Sentinel returns the sentinel error of pkg for code.
func Sentinel(pkg string, code int, msg string) *Error {
	return &Error{pkg: pkg, code: code, msg: msg, sentinel: true}
}

// New returns an error of pkg with the code, a message and an optional cause.
func New(pkg string, code int, msg string, err error) *Error {
	return &Error{pkg: pkg, code: code, msg: msg, err: err}
}

// Code returns the jcx error code.
func (e *Error) Code() int { return e.code }

func (e *Error) Error() string {
	if e.err != nil {
		return fmt.Sprintf("%s: %s: %v", e.pkg, e.msg, e.err)
	}
	return e.pkg + ": " + e.msg
}

func (e *Error) Unwrap() error { return e.err }

// Is makes errors.Is(err, pkg.ErrInvalid) true for every error of that package with code
// 8002, and likewise for the other sentinels.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.sentinel && t.pkg == e.pkg && t.code == e.code
}
