package trust

import (
	"errors"
	"fmt"
)

// ErrorCode is a jcx error code: 3000–3022 keep the meanings of ETSI TS 103 120 Annex D,
// 8000–8099 are the profile's own. exchange.ErrorCode is this type, and package exchange
// names every code (docs/errors.md lists them all).
type ErrorCode int

// jcx error codes carried by this package's errors.
const (
	CodeUntrusted ErrorCode = 8003 // signer not trusted: no path to the bundle, expired, wrong usage
	CodeNotSender ErrorCode = 8004 // signer trusted but not the message's sender
)

// Sentinel errors of a refused signer. Every refusal of a chain or a sender is an *Error
// matching one of them with errors.Is.
var (
	ErrUntrusted = &Error{code: CodeUntrusted, msg: "signer not trusted"}
	ErrNotSender = &Error{code: CodeNotSender, msg: "signer is not the sender"}
)

// Sentinel errors of misuse: what the caller gave cannot be used, whoever the peer is.
// They carry no jcx code and never match ErrUntrusted.
var (
	// ErrInvalidParty is matched by Party.Validate's errors, and so by Issue's for a
	// party no header could name.
	ErrInvalidParty = errors.New("trust: invalid party")
	// ErrConfig is matched by every error about unusable input: a bundle, certificate
	// or key that cannot be parsed or is missing, a key that does not belong to its
	// certificate, an impossible issuance request.
	ErrConfig = errors.New("trust: unusable key, certificate or bundle")
)

// misuseError is an error of ErrConfig or ErrInvalidParty, with its own message.
type misuseError struct {
	kind error
	msg  string
	err  error
}

func (e *misuseError) Error() string {
	if e.err != nil {
		return fmt.Sprintf("trust: %s: %v", e.msg, e.err)
	}
	return "trust: " + e.msg
}

func (e *misuseError) Unwrap() error { return e.err }

func (e *misuseError) Is(target error) bool { return target == e.kind }

func misuse(err error, format string, args ...any) error {
	return &misuseError{kind: ErrConfig, msg: fmt.Sprintf(format, args...), err: err}
}

func invalidParty(format string, args ...any) error {
	return &misuseError{kind: ErrInvalidParty, msg: fmt.Sprintf(format, args...)}
}

// Error is a refusal of a signer, carrying its jcx code.
type Error struct {
	code ErrorCode
	msg  string
	err  error
}

// Code returns the jcx error code.
func (e *Error) Code() ErrorCode { return e.code }

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
