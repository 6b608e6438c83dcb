package exchange

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is matched (errors.Is) by every error that reports findings in a message.
var ErrInvalid = errors.New("jcx: invalid message")

// InvalidError is returned when a message cannot be accepted. It carries every finding.
type InvalidError struct {
	Findings []Finding
}

// Error summarises the first finding and counts the others.
func (e *InvalidError) Error() string {
	if len(e.Findings) == 0 {
		return ErrInvalid.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "jcx: invalid message: %s", e.Findings[0])
	if n := len(e.Findings) - 1; n > 0 {
		fmt.Fprintf(&b, " (and %d more)", n)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// Has reports whether any finding has the code.
func (e *InvalidError) Has(code ErrorCode) bool {
	for _, f := range e.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}
