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

// add records a finding at path p.
func (c *checker) add(code ErrorCode, p Path, format string, args ...any) {
	path := p.JSONPointer()
	if c.format == FormatXML {
		path = p.XPath()
	}
	c.out = append(c.out, Finding{Code: code, Path: path, Message: fmt.Sprintf(format, args...)})
}
