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

// maxFindings bounds the findings of one message: a hostile message can earn one per
// element, and a report of thousands helps nobody.
const maxFindings = 1000

// add records a finding at path p.
func (c *checker) add(code ErrorCode, p Path, format string, args ...any) {
	switch {
	case len(c.out) < maxFindings:
		c.out = append(c.out, Finding{Code: code, Path: c.render(p), Message: fmt.Sprintf(format, args...)})
	case len(c.out) == maxFindings:
		c.out = append(c.out, Finding{Code: CodeGeneral, Message: fmt.Sprintf("more than %d findings; the rest are not reported", maxFindings)})
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
