package xmlschema

import (
	"errors"
	"fmt"

	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/xsd"
)

// Sentinel errors. Every error Load and LoadDir return wraps one of them,
// so callers classify failures with errors.Is.
var (
	// ErrSchema marks a schema set that violates XML Schema 1.0 or cannot be
	// read: a missing file, a bad reference, a duplicate component, a
	// non-deterministic content model, a folder without schema documents.
	ErrSchema = errors.New("xmlschema: invalid schema set")
	// ErrUnsupported marks a valid schema construct that the engine does not
	// implement. It is refused when the set is loaded rather than silently
	// ignored while validating.
	ErrUnsupported = errors.New("xmlschema: unsupported schema construct")
	// ErrLimit marks a schema set larger than Options allow.
	ErrLimit = errors.New("xmlschema: schema set exceeds a limit")
)

// SchemaError says why a schema set does not load: which file, which line,
// which construct, and what is wrong. It wraps ErrSchema, ErrUnsupported or
// ErrLimit, and the underlying cause when there is one (fs.ErrNotExist for
// a missing file, say).
type SchemaError struct {
	// File is the schema document at fault: a path inside the fs.FS given
	// to Load, or a file path for LoadDir. It is EntryName when the fault is
	// in the entry document built for several entries.
	File string
	// Line is 1-based; 0 when the fault has no single line.
	Line int
	// Construct names the component at fault, for example
	// xs:complexType name="Party"; empty when Msg names it or there is none.
	Construct string
	Msg       string

	kind  error // one of the sentinels
	cause error // may be nil
}

// Error reads "file:line: construct: message", as the engine writes it.
func (e *SchemaError) Error() string {
	return (&xsd.SchemaError{File: e.File, Line: e.Line, Construct: e.Construct, Msg: e.Msg}).Error()
}

// Unwrap returns the sentinel and, when there is one, the cause.
func (e *SchemaError) Unwrap() []error {
	if e.cause != nil {
		return []error{e.kind, e.cause}
	}
	return []error{e.kind}
}

// Codes carried by Finding, from the error table of ETSI TS 103 120
// (HI-1) that jcx uses for its own messages too. They are jcx error codes,
// of the one code type (trust.ErrorCode, which exchange.ErrorCode is).
const (
	// CodeEncoding: the bytes are not text in a charset that is accepted
	// (unknown or not ASCII-based charset, invalid UTF-8, bytes the declared
	// charset does not define).
	CodeEncoding trust.ErrorCode = 3019
	// CodeInvalid: the document is not acceptable XML (malformed, a DOCTYPE,
	// a processing instruction, over a depth or token limit) or not valid
	// against the schema set.
	CodeInvalid trust.ErrorCode = 3020
	// CodeTooLarge: the document is larger than Options.MaxBytes.
	CodeTooLarge trust.ErrorCode = 3022
)

// Finding is one problem in a document: what (Code), where (Path and Line)
// and a message a person can act on.
//
// Path is an XPath of local names with 1-based indexes among the siblings
// of the same expanded name, for example /HI1Message/Header[1]/Timestamp[1];
// an attribute ends in /@name. Local names are used because prefixes belong
// to one serialisation, not to the document. Path is empty when the finding
// is about the document as a whole (not well-formed, too large, a DOCTYPE).
type Finding struct {
	Code    trust.ErrorCode `json:"code"`
	Path    string          `json:"path"`
	Line    int             `json:"line,omitempty"`
	Message string          `json:"message"`
}

func (f Finding) String() string {
	s := fmt.Sprint(f.Code)
	if f.Path != "" {
		s += " " + f.Path
	}
	if f.Line > 0 {
		s += fmt.Sprintf(" (line %d)", f.Line)
	}
	return s + ": " + f.Message
}
