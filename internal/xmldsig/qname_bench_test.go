package xmldsig

import (
	"crypto/x509"
	"path/filepath"
	"testing"
)

// The QName profile's canonical forms beside the jcx profile's, over the
// same documents: the 5 KB jcx message of the other benchmarks and
// testdata/hi1-request.xml (an HI-1 request with two xsi:type objects).
//
//	go test -run '^$' -bench 'QNames' -benchmem ./internal/xmldsig

var qnameBenchDocs = []struct{ name, path string }{
	{"jcx-message", benchMessage},
	{"hi1-request", filepath.Join("testdata", "hi1-request.xml")},
}

func BenchmarkCanonicalQNames(b *testing.B) {
	for _, d := range qnameBenchDocs {
		doc := readFile(b, d.path)
		first, err := canonicalizeWith(doc, Limits{}, qnameConfig(canonSpec{alg: AlgExcC14N}, canonSpec{alg: AlgExcC14N}))
		if err != nil {
			b.Fatal(err)
		}
		withList := canonSpec{alg: AlgExcC14N, prefixes: first.qnames.prefixes}
		for _, tc := range []struct {
			name string
			cfg  passConfig
		}{
			{"exc-c14n-jcx-profile", passConfig{}},
			{"c14n11", qnameConfig(canonSpec{alg: AlgC14N11}, canonSpec{alg: AlgC14N11})},
			{"exc-c14n-prefixlist", qnameConfig(canonSpec{alg: AlgExcC14N}, withList)},
		} {
			b.Run(d.name+"/"+tc.name, func(b *testing.B) {
				benchLoop(b, len(doc), func() error {
					_, err := canonicalizeWith(doc, Limits{}, tc.cfg)
					return err
				})
			})
		}
	}
}

func BenchmarkSignVerifyQNames(b *testing.B) {
	doc := readFile(b, filepath.Join("testdata", "hi1-request.xml"))
	key, cert := testKey(b, "ecdsa")
	chain := []*x509.Certificate{cert}
	for _, c := range []struct{ name, alg string }{{"c14n11", AlgC14N11}, {"exc-c14n", AlgExcC14N}} {
		opts := QNameSignOptions{Canonicalization: c.alg}
		signed, err := SignQNames(doc, key, chain, opts)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("sign/"+c.name, func(b *testing.B) {
			benchLoop(b, len(doc), func() error {
				_, err := SignQNames(doc, key, chain, opts)
				return err
			})
		})
		b.Run("verify/"+c.name, func(b *testing.B) {
			benchLoop(b, len(signed), func() error {
				_, err := VerifyQNames(signed, VerifyOptions{})
				return err
			})
		})
	}
}
