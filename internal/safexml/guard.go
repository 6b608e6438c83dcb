package safexml

import (
	"io"
)

// guard is an io.Reader that sits between the decoded document and
// encoding/xml. It lexes every byte as it passes, with constant memory,
// and fails the read as soon as the document uses a refused construct or
// exceeds a limit. encoding/xml buffers a whole token before returning it
// and has no depth limit, so these checks must happen before it sees the
// bytes: a 200,000-deep document stops at depth MaxDepth+1, a 60 MB text
// node stops at MaxTokenBytes.
//
// The guard also enforces what encoding/xml does not check: UTF-8
// validity and the XML character range everywhere (comments and
// processing instructions included), a single root element, no text or
// CDATA outside it, and only the five predefined entities.
//
// It is a lexer, not a parser: it trusts encoding/xml, or wf when the
// whole document is in memory, to check that names are names and tags
// match. What it must never do is refuse a well-formed document within
// the limits.
type guard struct {
	r        io.Reader
	lim      Limits
	legacy   string // charset the text was decoded from; U+FFFD then means an undecodable byte
	st       state
	ret      state // state to resume after an entity reference
	off      int64 // bytes seen
	line     int
	col      int
	markLine int // where the current piece of markup started
	markCol  int
	depth    int
	roots    int
	run      int // bytes in the current text run, attribute value, comment, CDATA or PI
	name     int // bytes in the current name
	attrs    int
	quote    byte
	seq      int // progress through a fixed string ("--", "[CDATA[", "DOCTYPE") or trailing ']' / '-' / '?' count
	ref      [32]byte
	refLen   int
	target   [8]byte // first bytes of a PI target
	u        utf8State
	err      error
	wf       *wf // the checks of checkText; nil in the streaming path
}

type state uint8

const (
	stText       state = iota
	stLt               // after '<'
	stStartName        // in a start-tag name
	stInTag            // in a start tag, between attributes
	stEmptyClose       // after '/' in a start tag
	stAttrName         // in an attribute name
	stAttrEq           // after an attribute name, before '='
	stAttrQuote        // after '=', before the quote
	stAttrValue        // in a quoted attribute value
	stAfterValue       // after an attribute value's closing quote
	stRef              // after '&'
	stEndName          // in an end-tag name
	stEndTail          // after an end-tag name, before '>'
	stBang             // after "<!"
	stComment          // in <!-- … -->
	stCDATA            // in <![CDATA[ … ]]>
	stDoctype          // matching "<!DOCTYPE"
	stPITarget         // after "<?"
	stPIBody           // in a PI, before "?>"
)

// plain marks the bytes that mean nothing but themselves in text and in
// attribute values: printable ASCII other than markup and quotes.
var plain = func() (t [256]bool) {
	for b := 0x20; b < 0x7F; b++ {
		t[b] = b != '<' && b != '&' && b != '"' && b != '\''
	}
	return t
}()

func newGuard(r io.Reader, lim Limits, legacy string) *guard {
	return &guard{r: r, lim: lim, legacy: legacy, line: 1}
}

func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; i++ {
		// Fast path for the bulk of a message: printable ASCII inside
		// text and attribute values needs only counting.
		if (g.st == stText && g.depth > 0 || g.st == stAttrValue) && g.u.need == 0 && plain[p[i]] {
			j := i + 1
			for j < n && plain[p[j]] {
				j++
			}
			// Stop at the token limit; the slow path reports the byte past it.
			k := min(j-i, g.lim.MaxTokenBytes-g.run)
			if k > 0 {
				g.off += int64(k)
				g.col += k
				g.run += k
				i += k - 1
				continue
			}
		}
		if e := g.step(p[i]); e != nil {
			g.err = e
			return 0, e
		}
	}
	if err == io.EOF {
		if e := g.finish(); e != nil {
			g.err = e
			return n, e
		}
	}
	return n, err
}

// finish checks what can only be judged at the end of the document.
func (g *guard) finish() error {
	if g.u.need > 0 {
		return g.errHere(ErrInvalidUTF8, "the document ends in the middle of a UTF-8 sequence")
	}
	if g.st == stDoctype {
		return g.errMark(ErrDoctype, "DOCTYPE declarations are not accepted: remove the <!DOCTYPE …> at line %d", g.markLine)
	}
	return nil // unclosed markup and elements are reported by encoding/xml
}

func (g *guard) step(b byte) error {
	g.off++
	if b&0xC0 != 0x80 {
		g.col++
	}
	// Printable ASCII outside a UTF-8 sequence is always allowed.
	if b < 0x20 || b >= utf8Self || g.u.need > 0 {
		if err := g.checkChar(b); err != nil {
			return err
		}
	}
	if g.wf != nil {
		if err := g.wfByte(b); err != nil {
			return err
		}
	}
	if err := g.lex(b); err != nil {
		return err
	}
	if b == '\n' {
		g.line++
		g.col = 0
	}
	return nil
}

func (g *guard) errHere(kind error, format string, args ...any) *Error {
	return errorf(kind, g.line, g.col, format, args...)
}

func (g *guard) errMark(kind error, format string, args ...any) *Error {
	return errorf(kind, g.markLine, g.markCol, format, args...)
}
