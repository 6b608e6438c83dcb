package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
	"github.com/jcx-dev/jcx/exchange/trust"
)

const signUsage = `
Sign signs a message with a key and its certificate: XML gets an enveloped XML-DSig
signature as the last child of the root, JSON a top-level "Signature" member holding a
detached JWS over the RFC 8785 form of the rest. The message must be valid, and the
certificate must name the message's sender (see "jcx keygen"); otherwise sign prints the
findings (8004 for the sender) and signs nothing. --unchecked signs a schema-valid message
anyway, to make fixtures that a receiver must refuse.

An HI-1 message (root element HI1Message in the ETSI TS 103 120 Core namespace) is told
apart by its root and signed with the HI-1 profile (docs/hi1.md): an enveloped
ds:Signature as the last child of HI1Message, canonicalized with Canonical XML 1.1, or with
--c14n exc-c14n with exclusive C14N and the PrefixList its xsi:type values need. It must
decode and pass the HI-1 envelope rules, and the certificate must name its
SenderIdentifier; --unchecked signs it as it is.

Exit status: 0 written, 1 the message is invalid, 2 usage, key or I/O error.
`

func cmdSign(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("sign", "--key KEY.pem --cert CERT.pem [--chain PEM] [--c14n c14n11|exc-c14n] [--out FILE] FILE|-", signUsage, s)
	keyPath := fs.String("key", "", "private key `PEM` (PKCS #8, EC or RSA)")
	certPath := fs.String("cert", "", "signing certificate `PEM`")
	chainPath := fs.String("chain", "", "intermediate certificates `PEM`, carried after the signing certificate")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	unchecked := fs.Bool("unchecked", false, "sign a schema-valid message even when it fails the rules or the certificate does not name Header.Sender (for test fixtures)")
	c14n := fs.String("c14n", "", "HI-1 messages only: `c14n11` (the default) or exc-c14n")
	paths, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *keyPath == "" || *certPath == "" {
		return usageError(fs, "--key and --cert are required")
	}
	if len(paths) != 1 {
		return usageError(fs, "want exactly one FILE (or - for standard input), got %d", len(paths))
	}
	signer, err := loadSigner(*keyPath, *certPath, *chainPath)
	if err != nil {
		fmt.Fprintf(s.err, "jcx sign: %s\n", printableErr(err))
		return exitUsage
	}
	in := input{path: paths[0], stdin: paths[0] == stdinName}
	data, err := readInput(in, s.in, exchange.DefaultMaxBytes)
	if errors.Is(err, errTooLarge) {
		printInvalid(s.err, in.path, []exchange.Finding{tooLargeFinding()})
		return exitInvalid
	}
	if err != nil {
		fmt.Fprintf(s.err, "jcx sign: %s\n", printable(displayErr(in.path, err)))
		return exitUsage
	}
	var signed []byte
	if hi1.IsHI1(data) {
		var opts hi1.SignOptions
		switch *c14n {
		case "", "c14n11":
		case "exc-c14n":
			opts.Canonicalization = hi1.ExclusiveC14N
		default:
			return usageError(fs, "--c14n: want c14n11 or exc-c14n, got %q", *c14n)
		}
		if *unchecked {
			signed, err = hi1.Sign(data, signer, opts)
		} else {
			signed, err = hi1.SignChecked(data, signer, nil, opts)
		}
	} else {
		if *c14n != "" {
			return usageError(fs, "--c14n applies to HI-1 messages only; %s is not one", in.path)
		}
		signed, err = exchange.SignOptions{Unchecked: *unchecked}.Sign(data, exchange.FormatAuto, signer)
	}
	if err != nil {
		var inv *exchange.InvalidError
		if errors.As(err, &inv) {
			printInvalid(s.err, in.path, inv.Findings)
			return exitInvalid
		}
		fmt.Fprintf(s.err, "jcx sign: %s: %s\n", printable(in.path), printableErr(err))
		return exitUsage
	}
	if *out == "" {
		if _, err := s.out.Write(signed); err != nil {
			fmt.Fprintf(s.err, "jcx sign: %s\n", printableErr(err))
			return exitUsage
		}
		return exitOK
	}
	if err := writeFileAtomic(*out, signed); err != nil {
		fmt.Fprintf(s.err, "jcx sign: %s\n", printableErr(err))
		return exitUsage
	}
	return exitOK
}

// loadSigner reads a key, its certificate and optional intermediates.
func loadSigner(keyPath, certPath, chainPath string) (exchange.Signer, error) {
	keyPEM, err := readFileLimited(keyPath, maxPEMBytes)
	if err != nil {
		return exchange.Signer{}, err
	}
	key, err := trust.ParsePrivateKeyPEM(keyPEM)
	if err != nil {
		return exchange.Signer{}, fmt.Errorf("%s: %w", keyPath, err)
	}
	chain, err := readCertificates(certPath)
	if err != nil {
		return exchange.Signer{}, err
	}
	if chainPath != "" {
		more, err := readCertificates(chainPath)
		if err != nil {
			return exchange.Signer{}, err
		}
		chain = append(chain, more...)
	}
	return exchange.Signer{Key: key, Chain: chain}, nil
}

func readCertificates(path string) ([]*x509.Certificate, error) {
	b, err := readFileLimited(path, maxPEMBytes)
	if err != nil {
		return nil, err
	}
	certs, err := trust.ParseCertificatesPEM(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("%s: no certificate found", path)
	}
	return certs, nil
}
