package main

import (
	"crypto/tls"
	"fmt"
	"io/fs"
)

// Size limits of the files jcx reads besides messages (which have exchange.DefaultMaxBytes).
// A path may name anything, /dev/zero or a pipe included, so no file is read without one.
const (
	// maxPEMBytes bounds trust bundles, certificates, chains and keys: as much as
	// trust.ReadBundle accepts, a thousand times a large bundle.
	maxPEMBytes = 8 << 20
	// maxConfigBytes bounds capability and waiver files (small hand-written JSON).
	maxConfigBytes = 1 << 20
	// maxCertificateBytes bounds a conformance certificate to verify (a signed JSON
	// document with a verdict per requirement and the signer's chain): as much as
	// conformance.VerifyCertificate accepts.
	maxCertificateBytes = 1 << 20
)

// readFileLimited reads a file named on the command line, at most limit bytes of it. A
// longer file is not read further and gives an error that names the file and the limit.
func readFileLimited(path string, limit int64) ([]byte, error) {
	data, err := readInput(input{path: path}, nil, limit)
	if err == errTooLarge {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w of %d bytes", errTooLarge, limit)}
	}
	if err != nil {
		return nil, err
	}
	return data, nil
}

// loadKeyPair is tls.LoadX509KeyPair with the files read under maxPEMBytes.
func loadKeyPair(certFile, keyFile string) (tls.Certificate, error) {
	certPEM, err := readFileLimited(certFile, maxPEMBytes)
	if err != nil {
		return tls.Certificate{}, err
	}
	keyPEM, err := readFileLimited(keyFile, maxPEMBytes)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.X509KeyPair(certPEM, keyPEM)
}
