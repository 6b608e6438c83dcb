package exchange_test

// Benchmarks for the hot paths, named for benchstat:
//
//	go test -run '^$' -bench . -benchmem -count 10 ./exchange > new.txt
//	benchstat old.txt new.txt
//
// Validate runs over every valid fixture in turn (one op is one message) and also
// reports docs/s. Sign and Verify use the 5 KB EPOC fixture and come with a RawCrypto
// baseline that does only what no implementation can avoid: SHA-256 over the message
// and one signature or verification, so the ratio the performance goal speaks of can be
// read off one benchmark run.

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// benchMessage is the fixture Sign, Verify, Marshal and Unmarshal use: about 5 KB.
const benchMessage = "epoc-nl-ie-subscriber-emergency-request"

var benchFormats = []struct {
	name string
	f    exchange.Format
	ext  string
}{
	{"xml", exchange.FormatXML, ".xml"},
	{"json", exchange.FormatJSON, ".json"},
}

// validCorpus reads every valid fixture of one encoding.
func validCorpus(b *testing.B, ext string) [][]byte {
	b.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "messages", "valid", "*"+ext))
	if err != nil || len(files) == 0 {
		b.Fatalf("no %s fixtures: %v", ext, err)
	}
	docs := make([][]byte, len(files))
	for i, f := range files {
		if docs[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	return docs
}

func readBenchMessage(b *testing.B, ext string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "messages", "valid", benchMessage+ext))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkValidate validates the valid fixtures one after another, schema only and
// through the whole pipeline. The clock is fixed to the fixtures' own time so that
// deadlines do not turn them invalid as the calendar moves on.
func BenchmarkValidate(b *testing.B) {
	now := func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	for _, bf := range benchFormats {
		docs := validCorpus(b, bf.ext)
		size := 0
		for _, d := range docs {
			size += len(d)
		}
		for _, mode := range []struct {
			name string
			opts exchange.Options
		}{
			{"schema-only", exchange.Options{SchemaOnly: true, Now: now}},
			{"full", exchange.Options{Now: now}},
		} {
			b.Run(bf.name+"/"+mode.name, func(b *testing.B) {
				v := exchange.NewValidator(mode.opts)
				b.SetBytes(int64(size / len(docs)))
				b.ReportAllocs()
				defer testtool.ReportCPU(b)()
				i := 0
				for b.Loop() {
					r := v.Validate(docs[i%len(docs)], bf.f)
					if !r.Valid() {
						b.Fatalf("fixture %d invalid: %v", i%len(docs), r.Findings)
					}
					i++
				}
				b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
			})
		}
	}
}

func BenchmarkUnmarshal(b *testing.B) {
	for _, bf := range benchFormats {
		data := readBenchMessage(b, bf.ext)
		b.Run(bf.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer testtool.ReportCPU(b)()
			for b.Loop() {
				if _, err := exchange.Unmarshal(data, bf.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMarshal(b *testing.B) {
	m, err := exchange.Unmarshal(readBenchMessage(b, ".xml"), exchange.FormatXML)
	if err != nil {
		b.Fatal(err)
	}
	for _, bf := range benchFormats {
		b.Run(bf.name, func(b *testing.B) {
			b.ReportAllocs()
			defer testtool.ReportCPU(b)()
			for b.Loop() {
				if _, err := exchange.Marshal(m, bf.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchIdentity is a signer named as the fixture's sender, with a bundle that pins it.
type benchIdentity struct {
	alg    trust.KeyAlgorithm
	signer exchange.Signer
	bundle *trust.Bundle
}

var benchAlgorithms = []trust.KeyAlgorithm{trust.ECDSAP256, trust.RSA3072}

func newBenchIdentity(b *testing.B, alg trust.KeyAlgorithm) benchIdentity {
	b.Helper()
	m, err := exchange.Unmarshal(readBenchMessage(b, ".xml"), exchange.FormatXML)
	if err != nil {
		b.Fatal(err)
	}
	s := m.Header.Sender
	issued, err := trust.Issue(trust.IssueRequest{
		Party:     s,
		Algorithm: alg,
	})
	key, cert := issued.Key, issued.Certificate()
	if err != nil {
		b.Fatal(err)
	}
	bundle, err := trust.LoadBundle(trust.MarshalCertificatePEM(cert))
	if err != nil {
		b.Fatal(err)
	}
	return benchIdentity{alg: alg, signer: exchange.Signer{Key: key, Chain: []*x509.Certificate{cert}}, bundle: bundle}
}

func BenchmarkSign(b *testing.B) {
	for _, alg := range benchAlgorithms {
		id := newBenchIdentity(b, alg)
		for _, bf := range benchFormats {
			data := readBenchMessage(b, bf.ext)
			b.Run(string(alg)+"/"+bf.name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				defer testtool.ReportCPU(b)()
				for b.Loop() {
					if _, err := exchange.Sign(data, bf.f, id.signer); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	for _, alg := range benchAlgorithms {
		id := newBenchIdentity(b, alg)
		for _, bf := range benchFormats {
			signed, err := exchange.Sign(readBenchMessage(b, bf.ext), bf.f, id.signer)
			if err != nil {
				b.Fatal(err)
			}
			opts := exchange.VerifyOptions{Trust: id.bundle}
			b.Run(string(alg)+"/"+bf.name, func(b *testing.B) {
				b.SetBytes(int64(len(signed)))
				b.ReportAllocs()
				defer testtool.ReportCPU(b)()
				for b.Loop() {
					if _, err := exchange.Verify(signed, bf.f, opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkValidateSigned runs the whole pipeline with Options.Signature on the signed
// 5 KB fixture: what a receiving server does with each request. Replay and object
// resolution are off, so only the signature step is added to Validate/full.
func BenchmarkValidateSigned(b *testing.B) {
	now := func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	id := newBenchIdentity(b, trust.ECDSAP256)
	for _, bf := range benchFormats {
		signed, err := exchange.Sign(readBenchMessage(b, bf.ext), bf.f, id.signer)
		if err != nil {
			b.Fatal(err)
		}
		v := exchange.NewValidator(exchange.Options{Now: now, Signature: exchange.RequireSignature(exchange.VerifyOptions{Trust: id.bundle})})
		b.Run(string(id.alg)+"/"+bf.name, func(b *testing.B) {
			b.SetBytes(int64(len(signed)))
			b.ReportAllocs()
			defer testtool.ReportCPU(b)()
			for b.Loop() {
				if r := v.Validate(signed, bf.f); !r.Valid() {
					b.Fatalf("signed fixture invalid: %v", r.Findings)
				}
			}
		})
	}
}

// BenchmarkRawCrypto is the floor for Sign and Verify: hash the message and sign, or
// hash and verify, with the padding each encoding uses for RSA (PKCS #1 v1.5 in
// XML-DSig, PSS in JWS).
func BenchmarkRawCrypto(b *testing.B) {
	for _, alg := range benchAlgorithms {
		id := newBenchIdentity(b, alg)
		key := id.signer.Key
		for _, bf := range benchFormats {
			data := readBenchMessage(b, bf.ext)
			var opts crypto.SignerOpts = crypto.SHA256
			if bf.f == exchange.FormatJSON && strings.HasPrefix(string(alg), "rsa") {
				opts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
			}
			sum := sha256.Sum256(data)
			sig, err := key.Sign(rand.Reader, sum[:], opts)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(string(alg)+"/"+bf.name+"/sign", func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					sum := sha256.Sum256(data)
					if _, err := key.Sign(rand.Reader, sum[:], opts); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(string(alg)+"/"+bf.name+"/verify", func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					sum := sha256.Sum256(data)
					if !rawVerify(key.Public(), sum[:], sig, opts) {
						b.Fatal("raw signature does not verify")
					}
				}
			})
		}
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

// BenchmarkCheckArtefact streams a 64 MiB generated attachment through CheckArtefact with
// the mandatory sha-256 digest only; the generator's own cost is in both this and the
// io.Copy baseline.
func BenchmarkCheckArtefact(b *testing.B) {
	const size = 64 << 20
	a := artefactEntry(b, attachment(5, size))
	a.Digest = a.Digest[:1]
	b.Run("CheckArtefact", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		defer testtool.ReportCPU(b)()
		for b.Loop() {
			if err := exchange.CheckArtefact(context.Background(), attachment(5, size), a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("io.Copy+sha256", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		defer testtool.ReportCPU(b)()
		for b.Loop() {
			h := sha256.New()
			if _, err := io.Copy(h, attachment(5, size)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCheckSchema is BenchmarkValidate/*/schema-only without building the model,
// which is what "jcx validate --schema-only" runs.
func BenchmarkCheckSchema(b *testing.B) {
	for _, bf := range benchFormats {
		docs := validCorpus(b, bf.ext)
		size := 0
		for _, d := range docs {
			size += len(d)
		}
		b.Run(bf.name, func(b *testing.B) {
			v := exchange.NewValidator(exchange.Options{})
			b.SetBytes(int64(size / len(docs)))
			b.ReportAllocs()
			defer testtool.ReportCPU(b)()
			i := 0
			for b.Loop() {
				if r := v.CheckSchema(docs[i%len(docs)], bf.f); !r.Valid() {
					b.Fatalf("fixture %d invalid: %v", i%len(docs), r.Findings)
				}
				i++
			}
			b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
