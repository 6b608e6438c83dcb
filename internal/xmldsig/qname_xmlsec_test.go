package xmldsig

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// xmlsec1 and the QName profile: xmlsec1 verifies what SignQNames signs
// and VerifyQNames verifies what xmlsec1 signs, with C14N 1.1 and with
// exclusive C14N and a PrefixList, ECDSA and RSA; rebinding a prefix that
// only an xsi:type value uses fails on both sides. Equal digests on both
// sides also hold the canonical forms to xmlsec1's byte for byte.

// qnameInterop is the corpus: ETSI's examples without a signature and
// some generated documents, each with xsi:type values.
func qnameInterop(t *testing.T) map[string][]byte {
	docs := map[string][]byte{}
	for name, doc := range etsiExamples(t) {
		if !bytes.Contains(doc, []byte("xmldsig#")) {
			docs["etsi/"+name] = doc
		}
	}
	// C14N 1.1 gives SignedInfo the xml:lang and xml:space of its
	// ancestors.
	docs["inherited xml attributes"] = []byte(`<Root xmlns="urn:core" xml:lang="fr" xml:space="preserve" xmlns:xsi="` + nsXSI +
		`" xmlns:a="urn:a"><E xsi:type="a:T"/><F xml:lang="de"/></Root>`)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 6 {
		docs[fmt.Sprintf("generated/%d", i)] = generateQNameDoc(rng)
	}
	return docs
}

// qnameCanons are the canonicalizations SignQNames offers.
var qnameCanons = []struct{ name, alg string }{{"c14n11", AlgC14N11}, {"exc-c14n", AlgExcC14N}}

// qnameVerifyCanons are those VerifyQNames reads: SignQNames's, C14N 1.0
// named, and C14N 1.0 implied by a Reference whose only transform is
// enveloped-signature (alg empty; SignedInfo then uses C14N 1.0 too).
var qnameVerifyCanons = append(qnameCanons[:len(qnameCanons):len(qnameCanons)],
	struct{ name, alg string }{"c14n10", AlgC14N10}, struct{ name, alg string }{"implied-c14n10", ""})

var reXSIType = regexp.MustCompile(`xsi:type="([A-Za-z][A-Za-z0-9]*):`)

// rebindTypePrefix rebinds, on the root, the prefix of the first prefixed
// xsi:type value to another namespace: the attack the profile exists to
// stop. It returns nil when doc has no such value declared on the root.
func rebindTypePrefix(doc []byte) []byte {
	m := reXSIType.FindSubmatch(doc)
	if m == nil {
		return nil
	}
	decl := regexp.MustCompile(`xmlns:` + string(m[1]) + `="[^"]*"`)
	root := doc[:bytes.IndexByte(doc, '>')]
	loc := decl.FindIndex(root)
	if loc == nil {
		return nil
	}
	return append(append(append([]byte{}, doc[:loc[0]]...), "xmlns:"+string(m[1])+`="urn:evil"`...), doc[loc[1]:]...)
}

func TestXmlsecVerifiesQNameSignatures(t *testing.T) {
	xmlsec := needTool(t, "xmlsec1")
	var rebound atomic.Int32
	for name, doc := range qnameInterop(t) {
		for _, canon := range qnameCanons {
			for _, k := range []string{"ecdsa", "rsa"} {
				key, cert := testKey(t, k)
				signed, err := SignQNames(doc, key, []*x509.Certificate{cert, testCert(t, "ca")},
					QNameSignOptions{Canonicalization: canon.alg})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				t.Run(name+"/"+canon.name+"/"+k, func(t *testing.T) {
					t.Parallel()
					if ok, out := xmlsecVerify(t, xmlsec, signed); !ok {
						t.Fatalf("xmlsec1 refused our signature:\n%s\n%s", out, signed)
					}
					if _, err := VerifyQNames(signed, VerifyOptions{}); err != nil {
						t.Fatalf("VerifyQNames refused SignQNames: %v", err)
					}
					evil := rebindTypePrefix(signed)
					if evil == nil {
						evil = bytes.Replace(signed, []byte("</"), []byte("x</"), 1)
					} else {
						rebound.Add(1)
					}
					if ok, _ := xmlsecVerify(t, xmlsec, evil); ok {
						t.Errorf("xmlsec1 accepted a tampered document")
					}
					if _, err := VerifyQNames(evil, VerifyOptions{}); err == nil {
						t.Errorf("VerifyQNames accepted a tampered document")
					}
				})
			}
		}
	}
	t.Cleanup(func() {
		if rebound.Load() == 0 && !t.Skipped() {
			t.Error("no document had an xsi:type prefix to rebind")
		}
	})
}

// xmlsecQNameTemplate is a signature template with canon as the
// canonicalization of SignedInfo and of the content.
func xmlsecQNameTemplate(method, canon string, prefixes []string) string {
	tr := `<Transform Algorithm="` + canon + `"/>`
	if canon == "" { // enveloped-signature alone: C14N 1.0 implied
		canon, tr = AlgC14N10, ""
	}
	if len(prefixes) > 0 {
		tr = `<Transform Algorithm="` + canon + `"><ec:InclusiveNamespaces xmlns:ec="` + AlgExcC14N +
			`" PrefixList="` + strings.Join(prefixes, " ") + `"/></Transform>`
	}
	return strings.NewReplacer(
		`<CanonicalizationMethod Algorithm="`+AlgExcC14N+`"/>`, `<CanonicalizationMethod Algorithm="`+canon+`"/>`,
		`<Transform Algorithm="`+AlgExcC14N+`"/>`, tr,
		"METHOD", method,
	).Replace(xmlsecTemplate)
}

func TestWeVerifyXmlsecQNameSignatures(t *testing.T) {
	xmlsec := needTool(t, "xmlsec1")
	docs := qnameInterop(t)
	// More generated documents for exclusive C14N with a PrefixList, the
	// form xmllint cannot be asked for, so that xmlsec1 is its oracle.
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range 24 {
		docs[fmt.Sprintf("generated-prefixlist/%02d", i)] = generateQNameDoc(rng)
	}
	for name, doc := range docs {
		for _, canon := range qnameVerifyCanons {
			alg := canon.alg
			if alg == "" {
				alg = AlgC14N10
			}
			plain, err := canonicalQNames(doc, canonSpec{alg: alg})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var prefixes []string
			if canon.alg == AlgExcC14N {
				prefixes = plain.qnames.prefixes
			}
			want, err := canonicalQNames(doc, canonSpec{alg: alg, prefixes: prefixes})
			if err != nil {
				t.Fatal(err)
			}
			keys := []struct{ key, method string }{{"ecdsa", AlgECDSA256}, {"rsa", AlgRSASHA256}}
			if strings.HasPrefix(name, "generated-prefixlist/") {
				if canon.alg != AlgExcC14N {
					continue
				}
				keys = keys[:1]
			}
			for _, tc := range keys {
				t.Run(name+"/"+canon.name+"/"+tc.key, func(t *testing.T) {
					t.Parallel()
					signed := xmlsecSignTemplate(t, xmlsec, doc, tc.key, xmlsecQNameTemplate(tc.method, canon.alg, prefixes))
					res, err := VerifyQNames(signed, VerifyOptions{})
					if err != nil {
						t.Fatalf("VerifyQNames refused xmlsec1's signature: %v\n%s", err, signed)
					}
					if !bytes.Equal(res.Content, want.content) {
						t.Errorf("Content:\n%s\nwant:\n%s", res.Content, want.content)
					}
					evil := rebindTypePrefix(signed)
					if evil == nil {
						evil = bytes.Replace(signed, []byte("</"), []byte("x</"), 1)
					}
					if _, err := VerifyQNames(evil, VerifyOptions{}); err == nil {
						t.Errorf("VerifyQNames accepted a tampered xmlsec1 document")
					}
					if ok, _ := xmlsecVerify(t, xmlsec, evil); ok {
						t.Errorf("xmlsec1 accepted its own document tampered")
					}
				})
			}
		}
	}
}
