package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// stdio is what a command may touch of the outside world: its streams and environment.
// Commands never use os.Stdout and friends directly, so tests run them on buffers.
type stdio struct {
	in       io.Reader
	out, err io.Writer
	getenv   func(string) string
}

func newStdio(in io.Reader, out, err io.Writer, getenv func(string) string) *stdio {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return &stdio{in: in, out: out, err: err, getenv: getenv}
}

// isTerminal reports whether w is a character device such as a terminal. Anything that is
// not an *os.File (a buffer, a pipe wrapper) is not a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}

// colour reports whether standard output may carry ANSI colour: only on a terminal, and
// never when NO_COLOR is set to anything (https://no-color.org) or the terminal is dumb.
func (s *stdio) colour() bool {
	if s.getenv("NO_COLOR") != "" || s.getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(s.out)
}

// paint wraps text in an ANSI colour when on is true.
func paint(on bool, code, text string) string {
	if !on {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

const (
	green = "32"
	red   = "31"
)

// newFlagSet returns a flag set that reports errors instead of exiting, and prints the
// command's usage text followed by its flags.
func newFlagSet(name, synopsis, text string, s *stdio) *flag.FlagSet {
	fs := flag.NewFlagSet("jcx "+name, flag.ContinueOnError)
	fs.SetOutput(s.err)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: jcx %s %s\n\n%s\n", name, synopsis, strings.TrimSpace(text))
		var flags strings.Builder
		fs.SetOutput(&flags)
		fs.PrintDefaults()
		fs.SetOutput(s.err)
		if flags.Len() > 0 {
			fmt.Fprintf(fs.Output(), "\nFlags:\n%s", flags.String())
		}
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments ("jcx validate dir
// --output json") until a "--". It returns the positional arguments, or ok=false and the
// exit code: 0 when help was asked for, 2 for a usage error (already reported).
func parseFlags(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if len(rest) == 0 {
			return pos, 0, true
		}
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageError reports a usage mistake the flag package cannot see, followed by the usage.
func usageError(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(fs.Output(), "%s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return exitUsage
}
