package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// signMessage is the fixture signed and verified: about 5 KB in either encoding.
const signMessage = "epoc-nl-ie-subscriber-emergency-request"

// compareSign times exchange.Sign followed by exchange.Verify against the floor any
// implementation pays: SHA-256 over the message and one signature, then SHA-256 and one
// verification, with the padding each encoding uses for RSA (PKCS #1 v1.5 in XML-DSig,
// PSS in JWS). The signer certificate is pinned in the trust bundle, so Verify checks
// one signature, as the floor does.
func compareSign(cfg config) []row {
	var rows []row
	for _, alg := range []struct {
		key   trust.KeyAlgorithm
		label string
		iters int
	}{
		{trust.ECDSAP256, "ECDSA P-256", 200},
		{trust.RSA3072, "RSA-3072", 20},
	} {
		for _, ext := range []string{".xml", ".json"} {
			name := fmt.Sprintf("sign+verify 5 KB %s, %s (CPU/op)", ext[1:], alg.label)
			r, err := signRow(cfg, alg.key, ext, alg.iters)
			if err != nil {
				rows = append(rows, skipped(name, err.Error()))
				continue
			}
			r.name = name
			rows = append(rows, r)
		}
	}
	return rows
}

func signRow(cfg config, alg trust.KeyAlgorithm, ext string, iters int) (row, error) {
	data, err := os.ReadFile(filepath.Join(cfg.root, "testdata", "messages", "valid", signMessage+ext))
	if err != nil {
		return row{}, err
	}
	f := exchange.FormatXML
	if ext == ".json" {
		f = exchange.FormatJSON
	}
	m, err := exchange.Unmarshal(data, f)
	if err != nil {
		return row{}, err
	}
	key, cert, err := trust.Issue(trust.IssueRequest{
		Party:     trust.Party{CountryCode: m.Header.Sender.CountryCode, UniqueIdentifier: m.Header.Sender.UniqueIdentifier},
		Algorithm: alg,
	})
	if err != nil {
		return row{}, err
	}
	bundle, err := trust.LoadBundle(trust.MarshalCertificatePEM(cert))
	if err != nil {
		return row{}, err
	}
	signer := exchange.Signer{Key: key, Chain: []*x509.Certificate{cert}}
	vopts := exchange.VerifyOptions{Trust: bundle}
	var opts crypto.SignerOpts = crypto.SHA256
	if _, isRSA := key.Public().(*rsa.PublicKey); isRSA && f == exchange.FormatJSON {
		opts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
	}

	// Each side is timed as sign and verify separately too, to show where time goes.
	var jSign, jVerify, rSign, rVerify []sample
	jcxOp := func() (sample, error) {
		var signed []byte
		s, err := timeInProcess(func() error {
			for range iters {
				if signed, err = exchange.Sign(data, f, signer); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return s, err
		}
		v, err := timeInProcess(func() error {
			for range iters {
				if _, err := exchange.Verify(signed, f, vopts); err != nil {
					return err
				}
			}
			return nil
		})
		jSign, jVerify = append(jSign, s), append(jVerify, v)
		return sample{wall: s.wall + v.wall, cpu: s.cpu + v.cpu}, err
	}
	rawOp := func() (sample, error) {
		var sig []byte
		s, err := timeInProcess(func() error {
			for range iters {
				sum := sha256.Sum256(data)
				if sig, err = key.Sign(rand.Reader, sum[:], opts); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return s, err
		}
		v, err := timeInProcess(func() error {
			for range iters {
				sum := sha256.Sum256(data)
				if !rawVerify(key.Public(), sum[:], sig, opts) {
					return errors.New("raw signature does not verify")
				}
			}
			return nil
		})
		rSign, rVerify = append(rSign, s), append(rVerify, v)
		return sample{wall: s.wall + v.wall, cpu: s.cpu + v.cpu}, err
	}
	// One untimed round each warms caches and compiles the schemas.
	if _, err := jcxOp(); err != nil {
		return row{}, err
	}
	if _, err := rawOp(); err != nil {
		return row{}, err
	}
	jSign, jVerify, rSign, rVerify = nil, nil, nil, nil
	j, r, err := alternate(cfg.n, jcxOp, rawOp)
	if err != nil {
		return row{}, err
	}
	per := func(d time.Duration) time.Duration { return d / time.Duration(iters) }
	return row{
		jcx:   seconds(per(j.cpu)),
		other: seconds(per(r.cpu)) + " raw",
		ratio: ratio(j.cpu, r.cpu),
		goal:  atMost(2),
		note: fmt.Sprintf("sign %s vs %s, verify %s vs %s",
			seconds(per(median(jSign).cpu)), seconds(per(median(rSign).cpu)),
			seconds(per(median(jVerify).cpu)), seconds(per(median(rVerify).cpu))),
	}, nil
}

func rawVerify(pub crypto.PublicKey, digest, sig []byte, opts crypto.SignerOpts) bool {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		return ecdsa.VerifyASN1(k, digest, sig)
	case *rsa.PublicKey:
		if pss, ok := opts.(*rsa.PSSOptions); ok {
			return rsa.VerifyPSS(k, crypto.SHA256, digest, sig, pss) == nil
		}
		return rsa.VerifyPKCS1v15(k, crypto.SHA256, digest, sig) == nil
	}
	return false
}
