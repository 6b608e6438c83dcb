package xsd

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps one of them
// (except read errors of the io.Reader given to Validate, returned as they
// are), so callers can classify failures with errors.Is.
var (
	// ErrSchema marks a schema that violates XML Schema 1.0 (a bad reference,
	// a duplicate component, a non-deterministic content model, …).
	ErrSchema = errors.New("xsd: invalid schema")
	// ErrUnsupported marks a valid schema construct this package does not
	// implement (a pattern that cannot be translated, …). It is
	// refused at compile time rather than silently ignored.
	ErrUnsupported = errors.New("xsd: unsupported schema construct")
	// ErrLimit marks input that exceeds a configured limit.
	ErrLimit = errors.New("xsd: limit exceeded")
	// ErrMalformed marks an instance that is not well-formed XML, or is not
	// UTF-8.
	ErrMalformed = errors.New("xsd: malformed instance")
	// ErrDoctype marks an instance carrying a document type declaration; DTDs
	// are refused because they enable entity expansion attacks.
	ErrDoctype = errors.New("xsd: DOCTYPE not allowed")
)

// SchemaError describes a problem in a schema document. It wraps ErrSchema,
// ErrUnsupported or ErrLimit.
type SchemaError struct {
	File string // path inside the fs.FS
	Line int    // 0 when unknown
	// Construct names the schema component at fault, such as
	// xs:complexType name="Party"; empty when Msg says it or there is none.
	Construct string
	Msg       string
	Err       error // sentinel
}

func (e *SchemaError) Error() string {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Construct != "" {
		return fmt.Sprintf("%s: %s: %s", where, e.Construct, e.Msg)
	}
	return fmt.Sprintf("%s: %s", where, e.Msg)
}

func (e *SchemaError) Unwrap() error { return e.Err }

// InstanceError describes why an instance could not be validated at all.
// It wraps ErrMalformed, ErrDoctype or ErrLimit.
type InstanceError struct {
	Line int
	Msg  string
	Err  error
}

func (e *InstanceError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

func (e *InstanceError) Unwrap() error { return e.Err }

// Finding is one schema-validity problem in an instance.
//
// Path is an XPath built from local names with a 1-based index among the
// siblings of the same expanded name, for example
// /Message/Header[1]/Timestamp[1]; an attribute ends in /@name. Local names
// are used because prefixes are a property of one serialisation, not of the
// document.
type Finding struct {
	Line    int
	Path    string
	Message string
}

func (f Finding) String() string {
	return fmt.Sprintf("line %d: %s: %s", f.Line, f.Path, f.Message)
}
