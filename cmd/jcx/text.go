package main

import (
	"fmt"
	"io"

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
	fmt.Fprintf(w, "%s: invalid message\n", path)
	for _, f := range findings {
		fmt.Fprintf(w, "  %s\n", formatFinding(f))
	}
}
