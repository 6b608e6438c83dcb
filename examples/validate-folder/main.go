// Command validate-folder validates every message in a folder with the Go API, prints
// the findings of each invalid one and a summary, and exits with status 1 when any
// message is invalid — the shape of a CI check over a folder of fixtures.
//
//	go run ./examples/validate-folder --now 2026-11-20T09:00:00Z testdata/messages/valid
//
// Files ending in .xml or .json are messages; a file named manifest.json (the expected
// codes of a fixture folder) is skipped. The encoding is detected from the content.
// --now stops the clock, so that deadlines in archived messages are judged as on the day
// they were made. `jcx validate` does the same with more options; this program shows
// the few lines of Go behind it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

func main() {
	err := run(context.Background(), os.Args[1:], os.Stdout)
	switch {
	case errors.Is(err, errInvalid):
		os.Exit(1) // the findings are already printed
	case err != nil:
		fmt.Fprintln(os.Stderr, "validate-folder:", err)
		os.Exit(2)
	}
}

// errInvalid is returned when at least one message has findings.
var errInvalid = errors.New("some messages are invalid")

// Summary counts the messages of a folder.
type Summary struct {
	Valid, Invalid int
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("validate-folder", flag.ContinueOnError)
	now := flags.String("now", "", "judge deadlines as if the clock read this RFC 3339 time")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if flags.NArg() != 1 {
		return errors.New("usage: validate-folder [--now TIME] FOLDER")
	}
	opts := exchange.Options{}
	if *now != "" {
		t, err := time.Parse(time.RFC3339, *now)
		if err != nil {
			return fmt.Errorf("--now: %w", err)
		}
		opts.Now = func() time.Time { return t }
		opts.RefuseElapsedDeadlines = true
	}
	// One Validator for every file: it is safe for concurrent use and compiles nothing
	// per call.
	v := exchange.NewValidator(opts)

	sum, err := validateFolder(ctx, flags.Arg(0), v, func(path string, r *exchange.Report) {
		if r.Valid() {
			fmt.Fprintf(stdout, "ok   %s\n", path)
			return
		}
		fmt.Fprintf(stdout, "FAIL %s\n", path)
		for _, f := range r.Findings {
			fmt.Fprintf(stdout, "  %s\n", f) // code, path (XPath or JSON Pointer), message
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d valid, %d invalid\n", sum.Valid, sum.Invalid)
	if sum.Invalid > 0 {
		return errInvalid
	}
	return nil
}

// validateFolder validates the messages under root in lexical order and calls report
// for each. A folder with no message is an error: a CI job pointed at the wrong path
// must not pass.
func validateFolder(ctx context.Context, root string, v *exchange.Validator, report func(string, *exchange.Report)) (Summary, error) {
	var sum Summary
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() || d.Name() == "manifest.json" || !isMessage(d.Name()) {
			return nil
		}
		data, err := readLimited(path, exchange.DefaultMaxBytes)
		if err != nil {
			return err
		}
		r := v.Validate(data, exchange.FormatAuto)
		if r.Valid() {
			sum.Valid++
		} else {
			sum.Invalid++
		}
		report(path, r)
		return nil
	})
	if err == nil && sum.Valid+sum.Invalid == 0 {
		err = fmt.Errorf("%s holds no .xml or .json message", root)
	}
	return sum, err
}

func isMessage(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".xml" || ext == ".json"
}

// readLimited reads at most max+1 bytes, so that a huge file costs no more memory than
// the validator's own limit; Validate then reports it as too large (3022).
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max+1))
}
