package exchange

import (
	"fmt"
	"time"
)

// checker accumulates the findings of the rule steps for one message.
type checker struct {
	v      *Validator
	format Format
	msg    *Message
	now    time.Time
	out    []Finding
}

// add records a finding at path p, up to MaxFindings (see there).
func (c *checker) add(code ErrorCode, p Path, format string, args ...any) {
	switch {
	case len(c.out) < MaxFindings:
		c.out = append(c.out, Finding{Code: code, Path: c.render(p), Message: fmt.Sprintf(format, args...)})
	case len(c.out) == MaxFindings:
		c.out = append(c.out, tooManyFindings())
	}
}

// render writes a path the way findings of this message are written: an XPath for XML
// input, a JSON Pointer for JSON.
func (c *checker) render(p Path) string {
	if c.format == FormatXML {
		return p.XPath()
	}
	return p.JSONPointer()
}
