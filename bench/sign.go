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
	"github.com/jcx-dev/jcx/internal/jws"
	"github.com/jcx-dev/jcx/internal/xmldsig"
)

// signMessage is the fixture signed and verified: about 5 KB in either encoding.
const signMessage = "epoc-nl-ie-subscriber-emergency-request"

// compareSign times signing followed by verification against the floor any
// implementation pays: SHA-256 over the message and one signature, then SHA-256 and one
// verification, with the padding each encoding uses for RSA (PKCS #1 v1.5 in XML-DSig,
// PSS in JWS). The signer certificate is pinned in the trust bundle, so verification
// checks one signature, as the floor does.
//
// Two layers are timed. "SDK" is exchange.Sign then exchange.Verify, which also
// schema-validate the message on both sides and decode the signed content into the
// model. "signature" is the signature layer alone: XML-DSig or JWS signing
// (canonicalisation, digest, envelope) and verification (profile checks,
// canonicalisation, digest, the signer's chain against the bundle), without the schema
// and the model.
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
		for _, layer := range []string{"signature", "SDK"} {
			for _, ext := range []string{".xml", ".json"} {
				name := fmt.Sprintf("sign+verify 5 KB %s, %s, %s (CPU/op)", ext[1:], alg.label, layer)
				r, err := signRow(cfg, alg.key, ext, layer, alg.iters)
				if err != nil {
					rows = append(rows, skipped(name, err.Error()))
					continue
				}
				r.name = name
				rows = append(rows, r)
			}
		}
	}
	return rows
}

func signRow(cfg config, alg trust.KeyAlgorithm, ext, layer string, iters int) (row, error) {
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
	issued, err := trust.Issue(trust.IssueRequest{
		Party:     m.Header.Sender,
		Algorithm: alg,
	})
	key, cert := issued.Key, issued.Certificate()
	if err != nil {
		return row{}, err
	}
	bundle, err := trust.LoadBundle(trust.MarshalCertificatePEM(cert))
	if err != nil {
		return row{}, err
	}
	signer := exchange.Signer{Key: key, Chain: []*x509.Certificate{cert}}
	signFn, verifyFn := sdkLayer(f, signer, exchange.VerifyOptions{Trust: bundle})
	if layer == "signature" {
		signFn, verifyFn = signatureLayer(f, signer, bundle)
	}
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
				if signed, err = signFn(data); err != nil {
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
				if err := verifyFn(signed); err != nil {
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

// sdkLayer is what an SDK user calls: exchange.Sign and exchange.Verify.
func sdkLayer(f exchange.Format, signer exchange.Signer, vopts exchange.VerifyOptions) (func([]byte) ([]byte, error), func([]byte) error) {
	return func(data []byte) ([]byte, error) { return exchange.SignOptions{Unchecked: true}.Sign(data, f, signer) },
		func(signed []byte) error { _, err := exchange.Verify(signed, f, vopts); return err }
}

// signatureLayer is the signature layer under exchange.Sign and exchange.Verify: the
// XML-DSig or JWS operations and the chain check, without schema validation or the model.
func signatureLayer(f exchange.Format, signer exchange.Signer, bundle *trust.Bundle) (func([]byte) ([]byte, error), func([]byte) error) {
	if f == exchange.FormatXML {
		return func(data []byte) ([]byte, error) { return xmldsig.Sign(data, signer.Key, signer.Chain) },
			func(signed []byte) error {
				r, err := xmldsig.Verify(signed, xmldsig.VerifyOptions{})
				if err != nil {
					return err
				}
				_, err = bundle.Verify(r.Chain, time.Now())
				return err
			}
	}
	return func(data []byte) ([]byte, error) { return jws.Sign(data, signer.Key, signer.Chain) },
		func(signed []byte) error {
			r, err := jws.Verify(signed)
			if err != nil {
				return err
			}
			_, err = bundle.Verify(r.Chain, time.Now())
			return err
		}
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
