// Command jcx validates, converts, signs and verifies judicial cooperation messages and
// certifies implementations against the reference conformance suites.
//
// Usage:
//
//	jcx <command> [flags] [arguments]
//
// Run "jcx help" for the list of commands and "jcx help <command>" for one command's flags.
//
// Every command writes its results to standard output and its diagnostics to standard
// error, and ends with one of these exit codes, which scripts may rely on:
//
//	0  success: every message is valid, the conversion was written
//	1  a message is invalid (its findings are printed)
//	2  usage error (unknown command or flag, missing argument) or I/O error
//
// Colour is used only when standard output is a terminal and NO_COLOR is not set.
//
// Text output shows a file name, path or message as it is when every character of it
// prints as itself, and Go-quoted ("a\nb.xml", "\x1b[2J.xml") when it holds a control
// or format character, invalid UTF-8 or a leading quote, so that no name can forge a
// report line or drive the terminal. JSON output (--output json) keeps names exact, in
// JSON's own escapes.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
)

// Exit codes shared by every command, as each command's help lists them.
const (
	exitOK      = 0 // everything valid, command succeeded
	exitInvalid = 1 // at least one message is invalid
	exitUsage   = 2 // usage error or I/O error
)

// command is one subcommand: its name, a one-line summary for "jcx help", and the function
// that runs it with the arguments after its name.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, s *stdio) int
}

// commands is the dispatch table. A new subcommand is one file with its cmdXxx function
// and one line here.
var commands = []command{
	{"validate", "check messages against the schema and the business rules, or any XML against a schema set", cmdValidate},
	{"convert", "convert a message between XML and JSON, or to and from HI-1", cmdConvert},
	{"sign", "sign a message (XML-DSig or detached JWS)", cmdSign},
	{"verify", "verify message signatures against a trust bundle", cmdVerify},
	{"keygen", "make a signing key and a certificate naming a party", cmdKeygen},
	{"conformance", "run and certify conformance suites", cmdConformance},
	{"log", "keep and check a tamper-evident exchange log (Merkle tree, signed checkpoints, proofs)", cmdLog},
	{"serve", "run the reference implementation (for conformance testing)", cmdServe},
	{"version", "print the tool and message format versions", cmdVersion},
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := runContext(ctx, os.Args[1:], newStdio(os.Stdin, os.Stdout, os.Stderr, os.Getenv))
	stop()
	os.Exit(code)
}

// run executes jcx with the command-line arguments (without the program name) and returns
// the exit code. It touches no global state, so tests call it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, newStdio(stdin, stdout, stderr, os.Getenv))
}

func runContext(ctx context.Context, args []string, s *stdio) int {
	if len(args) == 0 {
		usage(s.err)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(rest, s)
	}
	c, ok := lookup(name)
	if !ok {
		fmt.Fprintf(s.err, "jcx: unknown command %q\n", name)
		fmt.Fprintf(s.err, "Run 'jcx help' for the list of commands.\n")
		return exitUsage
	}
	return c.run(ctx, rest, s)
}

// help prints the command list, or one command's usage, to standard output: help was asked
// for, so it is the output and not a diagnostic.
func help(args []string, s *stdio) int {
	if len(args) == 0 {
		usage(s.out)
		return exitOK
	}
	c, ok := lookup(args[0])
	if !ok {
		fmt.Fprintf(s.err, "jcx help: unknown command %q\n", args[0])
		return exitUsage
	}
	return c.run(context.Background(), []string{"-h"}, &stdio{in: s.in, out: s.out, err: s.out, getenv: s.getenv})
}

func usage(w io.Writer) {
	names := make([]command, len(commands))
	copy(names, commands)
	sort.Slice(names, func(i, j int) bool { return names[i].name < names[j].name })
	var b strings.Builder
	b.WriteString("jcx validates, converts, signs and verifies judicial cooperation messages.\n\n")
	b.WriteString("Usage:\n\n\tjcx <command> [flags] [arguments]\n\nCommands:\n\n")
	for _, c := range names {
		fmt.Fprintf(&b, "\t%-12s %s\n", c.name, c.summary)
	}
	b.WriteString("\nExit codes: 0 success, 1 invalid message, 2 usage or I/O error.\n")
	b.WriteString("Run 'jcx help <command>' for the flags of one command.\n")
	io.WriteString(w, b.String())
}
