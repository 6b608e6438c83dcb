package safexml

import (
	"errors"
	"fmt"
)

// Codes carried by [Error], from the HI-1 error table (ETSI TS 103 120 Annex D).
const (
	// CodeEncoding (3019) is used when the bytes cannot be read as text at
	// all: an unknown or unsupported charset, a byte sequence that is not
	// valid in the document's charset, invalid UTF-8.
	CodeEncoding = 3019
	// CodeInvalid (3020) is used for everything that is text but not an
	// acceptable XML document: malformed markup, refused constructs
	// (DOCTYPE, entities, processing instructions) and per-construct limits.
	CodeInvalid = 3020
	// CodeTooLarge (3022, "message too large") is used only when the whole
	// document exceeds Limits.MaxBytes.
	CodeTooLarge = 3022
)

// Sentinel errors, matched with errors.Is against any error returned by
// this package. Every returned error is an *Error wrapping one of them.
var (
	ErrDoctype       = errors.New("safexml: DOCTYPE not accepted")
	ErrEntity        = errors.New("safexml: entity reference not accepted")
	ErrProcInst      = errors.New("safexml: processing instruction not accepted")
	ErrTooDeep       = errors.New("safexml: elements nested too deeply")
	ErrTooLarge      = errors.New("safexml: document too large")
	ErrTooManyAttrs  = errors.New("safexml: too many attributes")
	ErrNameTooLong   = errors.New("safexml: name too long")
	ErrTokenTooLarge = errors.New("safexml: text, comment or attribute value too large")
	ErrInvalidUTF8   = errors.New("safexml: invalid UTF-8")
	ErrCharset       = errors.New("safexml: charset not accepted")
	ErrSyntax        = errors.New("safexml: malformed XML")
)

// Error describes why a document was refused. Line and Column are 1-based
// positions in the decoded document, 0 when unknown. Column counts
// characters, except for the few malformations that only encoding/xml
// detects (mismatched tags, bad names), where it counts bytes.
//
// The code is a method rather than a field so that callers can match the
// errors of every jcx front door with one interface{ Code() int }.
type Error struct {
	Line   int
	Column int
	Msg    string // a sentence a person can act on, position included

	code int
	kind error // one of the sentinels above
}

func (e *Error) Error() string { return e.Msg }

// Code returns the HI-1 error code: CodeEncoding, CodeInvalid or CodeTooLarge.
func (e *Error) Code() int { return e.code }

// Unwrap returns the sentinel that classifies e, for errors.Is.
func (e *Error) Unwrap() error { return e.kind }

// codeOf maps each sentinel to its code so the two cannot disagree.
func codeOf(kind error) int {
	switch kind {
	case ErrCharset, ErrInvalidUTF8:
		return CodeEncoding
	case ErrTooLarge:
		return CodeTooLarge
	}
	return CodeInvalid
}

// errorf builds an *Error of the given kind at a position.
func errorf(kind error, line, col int, format string, args ...any) *Error {
	return &Error{
		code:   codeOf(kind),
		Line:   line,
		Column: col,
		Msg:    fmt.Sprintf(format, args...),
		kind:   kind,
	}
}
