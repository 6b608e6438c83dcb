package main

import (
	"context"
	"fmt"
	"os"

	"github.com/jcx-dev/jcx/exchange/trust"
)

const keygenUsage = `
Keygen makes a signing key and a certificate that names the party {COUNTRY, AUTHORITY}
by the jcx identity rule: Subject C = COUNTRY and a subjectAltName URI
urn:jcx:party:COUNTRY:AUTHORITY. The certificate is self-signed (trust it by pinning it in
a bundle), or issued by the CA given with --ca-cert and --ca-key.

The key file is written with mode 0600 and never overwritten.
`

func cmdKeygen(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("keygen", "--country CC --authority ID [--alg ecdsa-p256|rsa-3072] [--ca-cert C --ca-key K] --key-out F --cert-out F", keygenUsage, s)
	country := fs.String("country", "", "ISO 3166-1 alpha-2 `code` of the party")
	authority := fs.String("authority", "", "the party's unique `identifier`")
	alg := fs.String("alg", "ecdsa-p256", "key `algorithm`: ecdsa-p256 or rsa-3072")
	caCert := fs.String("ca-cert", "", "issuing CA certificate `PEM`")
	caKey := fs.String("ca-key", "", "issuing CA private key `PEM`")
	keyOut := fs.String("key-out", "", "write the private key to `FILE`")
	certOut := fs.String("cert-out", "", "write the certificate to `FILE`")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(fs, "unexpected argument %q", rest[0])
	}
	if *country == "" || *authority == "" || *keyOut == "" || *certOut == "" {
		return usageError(fs, "--country, --authority, --key-out and --cert-out are required")
	}
	var algorithm trust.KeyAlgorithm
	switch *alg {
	case "ecdsa-p256":
		algorithm = trust.ECDSAP256
	case "rsa-3072":
		algorithm = trust.RSA3072
	default:
		return usageError(fs, "--alg: want ecdsa-p256 or rsa-3072, got %q", *alg)
	}
	if (*caCert == "") != (*caKey == "") {
		return usageError(fs, "--ca-cert and --ca-key go together")
	}
	req := trust.IssueRequest{Party: trust.Party{CountryCode: *country, UniqueIdentifier: *authority}, Algorithm: algorithm}
	if *caCert != "" {
		ca, err := loadAuthority(*caCert, *caKey)
		if err != nil {
			fmt.Fprintf(s.err, "jcx keygen: %s\n", printableErr(err))
			return exitUsage
		}
		req.Issuer = ca
	}
	issued, err := trust.Issue(req)
	key, cert := issued.Key, issued.Certificate()
	if err != nil {
		fmt.Fprintf(s.err, "jcx keygen: %s\n", printableErr(err))
		return exitUsage
	}
	keyPEM, err := trust.MarshalPrivateKeyPEM(key)
	if err != nil {
		fmt.Fprintf(s.err, "jcx keygen: %s\n", printableErr(err))
		return exitUsage
	}
	if err := writeNew(*keyOut, keyPEM, 0o600); err != nil {
		fmt.Fprintf(s.err, "jcx keygen: %s\n", printableErr(err))
		return exitUsage
	}
	if err := writeFileAtomic(*certOut, trust.MarshalCertificatePEM(cert)); err != nil {
		fmt.Fprintf(s.err, "jcx keygen: %s\n", printableErr(err))
		return exitUsage
	}
	fmt.Fprintf(s.out, "key:         %s\ncertificate: %s\nparty:       %s\n", printable(*keyOut), printable(*certOut), printable(req.Party.URI()))
	return exitOK
}

func loadAuthority(certPath, keyPath string) (*trust.Authority, error) {
	certs, err := readCertificates(certPath)
	if err != nil {
		return nil, err
	}
	keyPEM, err := readFileLimited(keyPath, maxPEMBytes)
	if err != nil {
		return nil, err
	}
	key, err := trust.ParsePrivateKeyPEM(keyPEM)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", keyPath, err)
	}
	return &trust.Authority{Key: key, Certificate: certs[0]}, nil
}

// writeNew creates path, refusing to replace an existing file: a private key is never
// overwritten by accident.
func writeNew(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}
