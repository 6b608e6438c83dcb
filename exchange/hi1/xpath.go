package hi1

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
)

// xpath is the XPath of an element in the style of schema findings: local names, each
// below the root with its 1-based index among same-named siblings
// (/HI1Message/Header[1]/Timestamp[1]). The model mirrors the document element for
// element, so the rules compute the XPath of any member from its position.
type xpath string

const rootPath xpath = "/HI1Message"

// el is the only child called name.
func (p xpath) el(name string) xpath { return p.at(name, 0) }

// at is the i-th (0-based) child called name.
func (p xpath) at(name string, i int) xpath {
	return xpath(string(p) + "/" + name + "[" + strconv.Itoa(i+1) + "]")
}

// findings collects the findings of the rules, with the line and column of each element
// when the message was decoded.
type findings struct {
	list  []exchange.Finding
	lines map[string]position
}

// position is where an element's start tag begins: its line, and the 1-based byte offset
// of its '<' within the line (exchange.Finding.Column).
type position struct{ line, column int }

func (f *findings) add(code exchange.ErrorCode, p xpath, format string, args ...any) {
	at := f.position(p)
	f.list = append(f.list, exchange.Finding{Code: code, Path: string(p), Line: at.line, Column: at.column, Message: fmt.Sprintf(format, args...)})
}

// position returns the position of the element at p or, for an element that is absent,
// of its nearest ancestor that is present.
func (f *findings) position(p xpath) position {
	s := string(p)
	for s != "" {
		if at, ok := f.lines[s]; ok {
			return at
		}
		i := strings.LastIndexByte(s, '/')
		if i < 0 {
			break
		}
		s = s[:i]
	}
	return position{}
}

// base returns the local name of the last step.
func (p xpath) base() string {
	s := string(p)
	s = s[strings.LastIndexByte(s, '/')+1:]
	if i := strings.IndexByte(s, '['); i >= 0 {
		s = s[:i]
	}
	return s
}
