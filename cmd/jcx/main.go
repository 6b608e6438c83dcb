// Command jcx validates, converts, signs and verifies judicial cooperation messages and
// certifies implementations against the reference conformance suites.
package main

import (
	"fmt"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: jcx <command> [flags]")
		return 2
	}
	switch args[0] {
	case "conformance":
		fmt.Println("jcx conformance: not yet available")
		return 0
	}
	fmt.Fprintf(os.Stderr, "jcx: unknown command %q\n", args[0])
	return 2
}
