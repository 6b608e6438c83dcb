package strictjson

import (
	"errors"
	"fmt"
)

// Codes carried by [Error], from the HI-1 error table (ETSI TS 103 120 Annex D).
const (
	CodeEncoding = 3019 // invalid UTF-8: the bytes are not text
	CodeInvalid  = 3020 // everything else that makes the message unacceptable
	CodeTooLarge = 3022 // larger than Limits.MaxBytes or Limits.MaxValues ("message too large")
)

// Sentinel errors, matched with errors.Is. Every error returned by Check
// is an *Error wrapping exactly one of them.
var (
	ErrDuplicateKey   = errors.New("strictjson: duplicate object key")
	ErrTooDeep        = errors.New("strictjson: nested too deeply")
	ErrTooManyMembers = errors.New("strictjson: object has too many members")
	ErrTrailingData   = errors.New("strictjson: data after the top-level value")
	ErrInvalidUTF8    = errors.New("strictjson: invalid UTF-8")
	ErrLoneSurrogate  = errors.New("strictjson: unpaired surrogate escape")
	ErrTooLarge       = errors.New("strictjson: message too large")
	ErrSyntax         = errors.New("strictjson: malformed JSON")
	ErrUnsafeNumber   = errors.New("strictjson: number not safe to sign")
	ErrNumberTooLong  = errors.New("strictjson: number too long")
	ErrTooManyValues  = errors.New("strictjson: too many values")
)

// Error says why a message was refused and where.
//
// The code is a method rather than a field so that callers can match the
// errors of every jcx front door with one interface{ Code() int }.
type Error struct {
	Pointer string // RFC 6901 JSON Pointer of the offending value or key ("" is the whole document)
	Offset  int64  // byte offset of the offending byte
	Line    int    // 1-based line of Offset
	Column  int    // 1-based column of Offset, in bytes
	Msg     string // a sentence a person can act on

	code int
	kind error
}

func (e *Error) Error() string {
	where := e.Pointer
	if where == "" {
		where = "the document"
	}
	return fmt.Sprintf("%s (at %s, line %d, column %d)", e.Msg, where, e.Line, e.Column)
}

// Code returns the HI-1 error code: CodeEncoding, CodeInvalid or CodeTooLarge.
func (e *Error) Code() int { return e.code }

// Unwrap returns the sentinel that classifies e, for errors.Is.
func (e *Error) Unwrap() error { return e.kind }

func errorf(kind error, format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...), code: codeOf(kind), kind: kind}
}

func codeOf(kind error) int {
	switch kind {
	case ErrInvalidUTF8:
		return CodeEncoding
	case ErrTooLarge, ErrTooManyValues:
		return CodeTooLarge
	}
	return CodeInvalid
}
