// Command validate-xsd validates XML documents against an XML Schema set with package
// schemas/xmlschema, the way a vendor validates HI-1 messages against ETSI's schemas,
// or its own national extensions, from Go: load the set once, validate every document
// with it, print the findings, and exit with status 1 when any document is invalid.
//
//	go run ./examples/validate-xsd -schemas ETSI/schema \
//	    -entry ts_103120_Core.xsd -entry ts_103120_Task.xsd … message.xml…
//
// -schemas is the folder of the set; each -entry is a schema document in it (none: the
// folder names its own entries, see package schemas/xmlschema). Documents are validated
// one after another on one goroutine; `jcx validate --xsd` does the same on every core.
// Unlike the jcx command, this program links no JSON machinery, which makes it the
// measure of what the SDK costs a process that only validates XML.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/jcx-dev/jcx/schemas/xmlschema"
)

func main() {
	err := run(context.Background(), os.Args[1:], os.Stdout)
	switch {
	case errors.Is(err, errInvalid):
		os.Exit(1) // the findings are already printed
	case err != nil:
		fmt.Fprintln(os.Stderr, "validate-xsd:", err)
		os.Exit(2)
	}
}

// errInvalid is returned when at least one document has findings.
var errInvalid = errors.New("invalid documents")

type entries []string

func (e *entries) String() string     { return fmt.Sprint(*e) }
func (e *entries) Set(s string) error { *e = append(*e, s); return nil }

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("validate-xsd", flag.ContinueOnError)
	dir := fs.String("schemas", "", "folder of the schema set")
	var entry entries
	fs.Var(&entry, "entry", "entry schema document in the folder (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() == 0 {
		return errors.New("usage: validate-xsd -schemas DIR [-entry FILE.xsd]… DOCUMENT…")
	}
	set, err := xmlschema.LoadDir(*dir, entry...)
	if err != nil {
		return err // a *xmlschema.SchemaError names the file, line and construct
	}
	// What the set loaded without: an include or import it could not follow, a
	// type it refers to but lacks. A document that needs it is invalid.
	for _, w := range set.Warnings() {
		fmt.Fprintln(os.Stderr, "validate-xsd: warning:", w)
	}
	invalid := 0
	for _, name := range fs.Args() {
		findings, err := validateFile(ctx, set, name)
		if err != nil {
			return err
		}
		if len(findings) > 0 {
			invalid++
		}
		for _, f := range findings {
			fmt.Fprintf(out, "%s: %s\n", name, f)
		}
	}
	fmt.Fprintf(out, "%d documents, %d invalid\n", fs.NArg(), invalid)
	if invalid > 0 {
		return errInvalid
	}
	return nil
}

func validateFile(ctx context.Context, set *xmlschema.Set, name string) ([]xmlschema.Finding, error) {
	return set.ValidateFile(ctx, name) // bounded: a document over the size limit is one finding
}
