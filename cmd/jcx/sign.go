package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

const signUsage = `
Sign signs a message with a key and its certificate: XML gets an enveloped XML-DSig
signature as the last child of the root, JSON a top-level "Signature" member holding a
detached JWS over the RFC 8785 form of the rest. The message must be valid, and the
certificate must name the message's sender (see "jcx keygen"); otherwise sign prints the
findings (8004 for the sender) and signs nothing. --unchecked signs a schema-valid message
anyway, to make fixtures that a receiver must refuse.

Exit status: 0 written, 1 the message is invalid, 2 usage, key or I/O error.
`

func cmdSign(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("sign", "--key KEY.pem --cert CERT.pem [--chain PEM] [--out FILE] FILE|-", signUsage, s)
	keyPath := fs.String("key", "", "private key `PEM` (PKCS #8, EC or RSA)")
	certPath := fs.String("cert", "", "signing certificate `PEM`")
	chainPath := fs.String("chain", "", "intermediate certificates `PEM`, carried after the signing certificate")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	unchecked := fs.Bool("unchecked", false, "sign a schema-valid message even when it fails the rules or the certificate does not name Header.Sender (for test fixtures)")
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
	signed, err := exchange.SignOptions{Unchecked: *unchecked}.Sign(data, exchange.FormatAuto, signer)
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
