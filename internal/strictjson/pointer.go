package strictjson

import (
	"bytes"
	"strconv"
	"strings"
)

// fail builds the *Error for a refusal at byte offset off. It is the only
// place that computes a position or a JSON Pointer, so the happy path pays
// for neither.
func (c *checker) fail(kind error, off int, format string, args ...any) *Error {
	e := errorf(kind, format, args...)
	e.Offset = int64(off)
	before := c.data[:min(off, len(c.data))]
	e.Line = 1 + bytes.Count(before, []byte{'\n'})
	e.Column = 1 + len(before) - (bytes.LastIndexByte(before, '\n') + 1)
	e.Pointer = c.pointer()
	return e
}

// pointer returns the RFC 6901 JSON Pointer of the value being read. For
// a duplicate key it points at the member with the repeated name; while a
// member name is being read, at the object.
func (c *checker) pointer() string {
	var sb strings.Builder
	for _, f := range c.stack {
		switch {
		case !f.object:
			sb.WriteByte('/')
			sb.WriteString(strconv.Itoa(f.index))
		case f.key == (span{}):
			// no member name read yet
		default:
			sb.WriteByte('/')
			name := c.unescape(f.key, 0)
			for _, b := range name {
				switch b {
				case '~':
					sb.WriteString("~0")
				case '/':
					sb.WriteString("~1")
				default:
					sb.WriteByte(b)
				}
			}
		}
	}
	return sb.String()
}
