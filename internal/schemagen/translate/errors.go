package translate

import (
	"errors"
	"fmt"
)

// ErrUnsupported is matched by every error about an XSD construct outside the subset this
// package translates.
var ErrUnsupported = errors.New("unsupported XSD construct")

// UnsupportedError says which construct was refused and where.
type UnsupportedError struct {
	File string // schema document, as named in the file system
	Line int    // 1-based line of the construct, 0 when unknown
	What string
}

func (e *UnsupportedError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.What)
	}
	return fmt.Sprintf("%s: %s", e.File, e.What)
}

func (e *UnsupportedError) Unwrap() error { return ErrUnsupported }

// SchemaError reports a schema that is malformed or inconsistent (an unknown type name, a
// duplicate definition), as opposed to one that uses an unsupported construct.
type SchemaError struct {
	File string
	Line int
	What string
}

func (e *SchemaError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.What)
	}
	return fmt.Sprintf("%s: %s", e.File, e.What)
}
