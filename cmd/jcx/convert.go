package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
)

const convertUsage = `
Convert decodes a message (XML or JSON, detected from its content), checks it against the
schema, and writes it in the other encoding, in canonical form, to standard output or to
--out. Converting to the input's own encoding rewrites it in canonical form.

A signature does not survive conversion: it covers the bytes of one encoding, so the
output is always unsigned. Sign the converted message again if it must be signed.

Business rules are not checked; use "jcx validate" for that.

HI-1 (ETSI TS 103 120 V1.12.1): --to hi1 maps a jcx request to an HI-1 message, and
--from hi1 reads an HI-1 message and writes the jcx request it maps to (in XML unless
--to json). The mapping carries what the two share (header, actions, Authorisation,
DisclosureTask as LDTask, Document, Notification, Delivery; docs/hi1.md has the table);
anything else is refused with a finding naming the element, never dropped.

Exit status: 0 written, 1 the input is invalid (findings on standard error, nothing
written), 2 usage or I/O error.
`

func cmdConvert(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("convert", "--to xml|json|hi1 [--from jcx|hi1] [--out FILE] FILE|-", convertUsage, s)
	to := fs.String("to", "", "output encoding: xml, json or hi1 (required, except with --from hi1)")
	from := fs.String("from", "jcx", "input: jcx (XML or JSON) or hi1")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	paths, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	switch *from {
	case "jcx":
	case "hi1":
		if *to == "" {
			*to = "xml"
		}
		if *to == "hi1" {
			return usageError(fs, "--from hi1 converts to jcx: want --to xml or json")
		}
	default:
		return usageError(fs, "--from: unknown input %q: want jcx or hi1", *from)
	}
	var target exchange.Format
	switch *to {
	case "hi1":
	case "xml":
		target = exchange.FormatXML
	case "json":
		target = exchange.FormatJSON
	case "":
		return usageError(fs, "--to is required")
	default:
		return usageError(fs, "--to: unknown encoding %q: want xml, json or hi1", *to)
	}
	if len(paths) != 1 {
		return usageError(fs, "want exactly one FILE (or - for standard input), got %d", len(paths))
	}
	in := input{path: paths[0], stdin: paths[0] == stdinName}

	data, err := readInput(in, s.in, exchange.DefaultMaxBytes)
	if errors.Is(err, errTooLarge) {
		printInvalid(s.err, in.path, []exchange.Finding{tooLargeFinding()})
		return exitInvalid
	}
	if err != nil {
		fmt.Fprintf(s.err, "jcx convert: %s\n", printable(displayErr(in.path, err)))
		return exitUsage
	}
	m, err := decodeForConvert(data, *from)
	if err != nil {
		var inv *exchange.InvalidError
		if !errors.As(err, &inv) {
			fmt.Fprintf(s.err, "jcx convert: %s: %s\n", printable(in.path), printableErr(err))
			return exitInvalid
		}
		printInvalid(s.err, in.path, inv.Findings)
		return exitInvalid
	}
	var encoded []byte
	if *to == "hi1" {
		h, refused := hi1.ToHI1(m)
		if len(refused) > 0 {
			printInvalid(s.err, in.path, refused)
			return exitInvalid
		}
		encoded, err = hi1.Encode(h)
	} else {
		encoded, err = exchange.Marshal(m, target)
	}
	if err != nil {
		fmt.Fprintf(s.err, "jcx convert: %s: %s\n", printable(in.path), printableErr(err))
		return exitInvalid
	}
	if exchange.Signed(data, exchange.FormatAuto) {
		fmt.Fprintf(s.err, "jcx convert: note: the signature of %s was not carried over; the output is unsigned\n", printable(in.path))
	}
	if *out == "" {
		if _, err := s.out.Write(encoded); err != nil {
			fmt.Fprintf(s.err, "jcx convert: %s\n", printableErr(err))
			return exitUsage
		}
		return exitOK
	}
	if err := writeFileAtomic(*out, encoded); err != nil {
		fmt.Fprintf(s.err, "jcx convert: %s\n", printableErr(err))
		return exitUsage
	}
	return exitOK
}

// decodeForConvert decodes a jcx message, or an HI-1 message mapped to jcx. Findings come
// as an *exchange.InvalidError either way.
func decodeForConvert(data []byte, from string) (*exchange.Message, error) {
	if from != "hi1" {
		return exchange.Unmarshal(data, exchange.FormatAuto)
	}
	h, err := hi1.Decode(data, exchange.Limits{})
	if err != nil {
		return nil, err
	}
	m, refused := hi1.FromHI1(h)
	if len(refused) > 0 {
		return nil, &exchange.InvalidError{Findings: refused}
	}
	return m, nil
}

// writeFileAtomic writes data to a temporary file beside path and renames it into place,
// so a failure never leaves a truncated output behind.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
