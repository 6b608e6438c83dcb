package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jcx-dev/jcx/exchange"
)

// tooLargeFinding is the finding of a message longer than the size limit: the message
// is invalid input (exit status 1), not an I/O error.
func tooLargeFinding() exchange.Finding {
	return exchange.Finding{
		Code:    exchange.CodeTooLarge,
		Message: fmt.Sprintf("message is larger than the limit of %d bytes; it was not read further", exchange.DefaultMaxBytes),
	}
}

// printInvalid reports an invalid input message of sign or convert, whose standard
// output is the message they write: "PATH: invalid message" and one finding a line.
func printInvalid(w io.Writer, path string, findings []exchange.Finding) {
	fmt.Fprintf(w, "%s: invalid message\n", printable(path))
	for _, f := range findings {
		fmt.Fprintf(w, "  %s\n", formatFinding(f))
	}
}

// printable returns s as it is when every character of it prints as itself, and Go-quoted
// (strconv.Quote) otherwise: a file name, path or message holding a newline, an escape
// sequence, another control or format character or invalid UTF-8 can then neither forge
// a line of a text report ("ok   forged.xml") nor drive the terminal. A string starting
// with a quote is quoted too, so that a quoted name is never mistaken for a plain one.
// JSON output needs none of this: encoding/json escapes what it writes.
func printable(s string) string {
	if strings.HasPrefix(s, `"`) {
		return strconv.Quote(s)
	}
	// Printable ASCII, what nearly every path and message is, prints as itself: a byte
	// comparison each instead of decoding runes and looking them up (validate prints a
	// line per file).
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] >= ' ' && s[i] < 0x7f
	}
	if ascii {
		return s
	}
	for i, r := range s {
		if !unicode.IsPrint(r) || (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
			return strconv.Quote(s)
		}
	}
	return s
}

// printableErr is printable for an error's text.
func printableErr(err error) string { return printable(err.Error()) }

// printableList joins names with spaces, each made printable.
func printableList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = printable(n)
	}
	return strings.Join(out, " ")
}
