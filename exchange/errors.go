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

// Sentinel errors of misuse: what the caller passed cannot work, whatever the message.
// They are matched with errors.Is and carry no jcx code.
var (
	// ErrNoTrust: a trust bundle is needed (VerifyOptions.Trust, ReceiverOptions) and
	// none was given.
	ErrNoTrust = errors.New("a trust bundle is required")
	// ErrNoSigner: a Signer without a key or without its certificate chain.
	ErrNoSigner = errors.New("a signing key and its certificate chain are required")
	// ErrNoFormat: FormatAuto, or no format, where a concrete one is needed (encoding a
	// message, say, or data that is neither XML nor JSON).
	ErrNoFormat = errors.New("a concrete format, xml or json, is required")
)
