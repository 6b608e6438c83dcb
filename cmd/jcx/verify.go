package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
	"github.com/jcx-dev/jcx/exchange/trust"
)

const verifyUsage = `
Verify checks the signature of each message: the signature itself, the signer's
certificate chain against the trust bundle (validity and key usage included), and that the
signer is the message's sender. It prints the signer of each good message.

An HI-1 message (root element HI1Message in the ETSI TS 103 120 Core namespace) is told
apart by its root and verified with the HI-1 profile (docs/hi1.md): Canonical XML 1.1 or
exclusive C14N with the PrefixList its xsi:type values need, and its SenderIdentifier as
the sender.

Exit status: 0 every signature holds, 1 one does not (findings printed), 2 usage or I/O
error.
`

type verifyResult struct {
	Path     string             `json:"path"`
	Valid    bool               `json:"valid"`
	Signer   []string           `json:"signer,omitempty"`
	Findings []exchange.Finding `json:"findings,omitempty"`
}

func cmdVerify(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("verify", "--trust BUNDLE.pem [--output text|json] FILE...", verifyUsage, s)
	trustPath := fs.String("trust", "", "trust bundle `PEM`: CA certificates and pinned signer certificates")
	output := fs.String("output", "text", "output `format`: text or json")
	paths, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *trustPath == "" {
		return usageError(fs, "--trust is required")
	}
	if *output != "text" && *output != "json" {
		return usageError(fs, "--output: want text or json, got %q", *output)
	}
	if len(paths) == 0 {
		return usageError(fs, "no FILE given")
	}
	bundle, ok := loadTrust("verify", *trustPath, s)
	if !ok {
		return exitUsage
	}
	opts := exchange.VerifyOptions{Trust: bundle}
	var results []verifyResult
	status := exitOK
	for _, p := range paths {
		in := input{path: p, stdin: p == stdinName}
		data, err := readInput(in, s.in, exchange.DefaultMaxBytes)
		if err != nil && !errors.Is(err, errTooLarge) {
			fmt.Fprintf(s.err, "jcx verify: %s\n", printable(displayErr(in.path, err)))
			return exitUsage
		}
		res := verifyResult{Path: p}
		var signer trust.Identity
		switch {
		case err != nil:
		case hi1.IsHI1(data):
			var v *hi1.Verified
			if _, v, err = hi1.VerifyMessage(data, opts); err == nil {
				signer = v.Signer
			}
		default:
			var v *exchange.Verified
			if v, err = exchange.Verify(data, exchange.FormatAuto, opts); err == nil {
				signer = v.Signer
			}
		}
		var inv *exchange.InvalidError
		switch {
		case errors.Is(err, errTooLarge):
			// Too large is invalid input, as for validate: exit status 1, not 2.
			res.Findings = []exchange.Finding{tooLargeFinding()}
		case err == nil:
			res.Valid = true
			for _, party := range signer.Parties() {
				res.Signer = append(res.Signer, party.CountryCode+":"+party.UniqueIdentifier)
			}
		case errors.As(err, &inv):
			res.Findings = inv.Findings
		default:
			res.Findings = []exchange.Finding{{Code: exchange.CodeSignatureInvalid, Message: err.Error()}}
		}
		if !res.Valid {
			status = exitInvalid
		}
		results = append(results, res)
	}
	if *output == "json" {
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			Files []verifyResult `json:"files"`
		}{results})
		return status
	}
	colour := s.colour()
	for _, r := range results {
		if r.Valid {
			fmt.Fprintf(s.out, "%s  %s signed by [%s]\n", paint(colour, green, "ok  "), printable(r.Path), printableList(r.Signer))
			continue
		}
		fmt.Fprintf(s.out, "%s  %s\n", paint(colour, red, "FAIL"), printable(r.Path))
		for _, f := range r.Findings {
			fmt.Fprintf(s.out, "  %s\n", formatFinding(f))
		}
	}
	return status
}
