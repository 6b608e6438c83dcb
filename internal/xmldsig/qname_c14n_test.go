package xmldsig

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// The differential tests of the QName profile's canonical forms: C14N 1.1
// against xmllint --c14n11, exclusive C14N with an empty PrefixList
// against xmllint --exc-c14n, over ETSI's HI-1 examples, the edge cases of
// the jcx profile and generated documents. Exclusive C14N with a
// PrefixList, which xmllint cannot be asked for, is held to xmlsec1 by the
// signatures of qname_xmlsec_test.go (equal digests mean equal bytes) and
// to goxmldsig by FuzzCanonicalQNames.

// etsiExamples returns the example messages of ETSI TS 103 120 V1.12.1.
func etsiExamples(t testing.TB) map[string][]byte {
	t.Helper()
	dir := filepath.Join(testtool.Vectors(t, "etsi-ts103120-v1.12.1"), "examples")
	names, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	if len(names) < 20 {
		t.Fatalf("found %d examples in %s, want 20", len(names), dir)
	}
	docs := map[string][]byte{}
	for _, name := range names {
		docs[filepath.Base(name)] = readFile(t, name)
	}
	return docs
}

// canonicalQNames canonicalizes doc for a QName-profile signature whose
// content and SignedInfo both use spec, the deferred and QName errors
// reported as the error.
func canonicalQNames(doc []byte, spec canonSpec) (*canonical, error) {
	c, err := canonicalizeWith(doc, Limits{}, qnameConfig(spec, spec))
	if err != nil {
		return nil, err
	}
	if c.deferred != nil {
		return nil, c.deferred
	}
	return c, nil
}

// xmllintC14N runs xmllint with flag (--c14n11, --exc-c14n) on doc and
// returns the root element of its output.
func xmllintC14N(t *testing.T, xmllint, flag string, doc []byte) []byte {
	t.Helper()
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, flag, f).Output()
	if err != nil {
		t.Fatalf("xmllint %s: %v", flag, err)
	}
	return rootOnly(out)
}

// qnameCorpus is what the differential tests run over: ETSI's examples
// (the signed one without its signature, which xmllint cannot leave out),
// the edge cases xmllint agrees with, and generated documents. Documents
// with comments are left out: xmllint keeps them.
func qnameCorpus(t *testing.T) map[string][]byte {
	docs := map[string][]byte{}
	for name, doc := range etsiExamples(t) {
		if i := bytes.Index(doc, []byte("<ds:Signature")); i >= 0 {
			j := bytes.Index(doc, []byte("</ds:Signature>"))
			doc = append(doc[:i:i], doc[j+len("</ds:Signature>"):]...)
		}
		docs["etsi/"+name] = doc
	}
	for _, tc := range edgeCases {
		if strings.Contains(tc.doc, "Signature") || tc.libxml2Differs || tc.outsideRoot {
			continue
		}
		docs["edge/"+tc.name] = []byte(tc.doc)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 200 {
		docs[fmt.Sprintf("generated/%03d", i)] = generateQNameDoc(rng)
	}
	for name, doc := range docs {
		if bytes.Contains(doc, []byte("<!--")) {
			delete(docs, name)
		}
	}
	return docs
}

func TestC14N11MatchesXmllint(t *testing.T) {
	xmllint := needTool(t, "xmllint")
	for name, doc := range qnameCorpus(t) {
		t.Run(name, func(t *testing.T) {
			got, err := canonicalQNames(doc, canonSpec{alg: AlgC14N11})
			if err != nil {
				t.Fatal(err)
			}
			if want := xmllintC14N(t, xmllint, "--c14n11", doc); !bytes.Equal(got.content, want) {
				t.Errorf("content:\n%s\nxmllint --c14n11:\n%s", got.content, want)
			}
		})
	}
}

// TestC14N10MatchesXmllint holds C14N 1.0, which the QName profile
// verifies, to xmllint --c14n: for a whole document it must equal C14N 1.1.
func TestC14N10MatchesXmllint(t *testing.T) {
	xmllint := needTool(t, "xmllint")
	for name, doc := range qnameCorpus(t) {
		t.Run(name, func(t *testing.T) {
			got, err := canonicalQNames(doc, canonSpec{alg: AlgC14N10})
			if err != nil {
				t.Fatal(err)
			}
			if want := xmllintC14N(t, xmllint, "--c14n", doc); !bytes.Equal(got.content, want) {
				t.Errorf("content:\n%s\nxmllint --c14n:\n%s", got.content, want)
			}
		})
	}
}

func TestExcC14NQNamesMatchesXmllint(t *testing.T) {
	xmllint := needTool(t, "xmllint")
	for name, doc := range qnameCorpus(t) {
		t.Run(name, func(t *testing.T) {
			got, err := canonicalizeWith(doc, Limits{}, qnameConfig(canonSpec{alg: AlgExcC14N}, canonSpec{alg: AlgExcC14N}))
			if err != nil {
				t.Fatal(err)
			}
			if want := xmllintC14N(t, xmllint, "--exc-c14n", doc); !bytes.Equal(got.content, want) {
				t.Errorf("content:\n%s\nxmllint --exc-c14n:\n%s", got.content, want)
			}
		})
	}
}

// generateQNameDoc writes a random document of the kind HI-1 messages
// are: a default namespace, prefixes declared on the root and redeclared
// below, xsi:type values with and without prefixes, xml:lang, attributes
// in namespaces, text needing escapes.
func generateQNameDoc(rng *rand.Rand) []byte {
	var b strings.Builder
	prefixes := []string{"a", "b", "c"}
	uri := func() string { return fmt.Sprintf("urn:ns:%d", rng.IntN(4)) }
	b.WriteString(`<Root xmlns="urn:core" xmlns:xsi="` + nsXSI + `"`)
	for _, p := range prefixes {
		if rng.IntN(3) > 0 {
			fmt.Fprintf(&b, ` xmlns:%s="%s"`, p, uri())
		}
	}
	declared := map[string]bool{}
	for _, p := range prefixes {
		declared[p] = strings.Contains(b.String(), "xmlns:"+p+"=")
	}
	if rng.IntN(4) == 0 {
		b.WriteString(` xml:lang="en"`)
	}
	b.WriteString(">")
	var element func(depth int, declared map[string]bool)
	element = func(depth int, declared map[string]bool) {
		scope := map[string]bool{}
		for k, v := range declared {
			scope[k] = v
		}
		name := "E"
		var attrs strings.Builder
		if rng.IntN(3) == 0 {
			p := prefixes[rng.IntN(len(prefixes))]
			fmt.Fprintf(&attrs, ` xmlns:%s="%s"`, p, uri())
			scope[p] = true
		}
		switch rng.IntN(6) {
		case 0:
			attrs.WriteString(` xmlns="urn:other"`)
		case 1:
			attrs.WriteString(` xmlns=""`)
		}
		var usable []string
		for _, p := range prefixes {
			if scope[p] {
				usable = append(usable, p)
			}
		}
		if len(usable) > 0 && rng.IntN(3) == 0 {
			name = usable[rng.IntN(len(usable))] + ":E"
		}
		switch {
		case len(usable) > 0 && rng.IntN(2) == 0:
			fmt.Fprintf(&attrs, ` xsi:type="%s:T%d"`, usable[rng.IntN(len(usable))], rng.IntN(3))
		case rng.IntN(4) == 0:
			attrs.WriteString(` xsi:type="T"`)
		}
		if len(usable) > 0 && rng.IntN(4) == 0 {
			fmt.Fprintf(&attrs, ` %s:k="v&amp;%d" z="&lt;&quot;"`, usable[rng.IntN(len(usable))], rng.IntN(9))
		}
		if rng.IntN(6) == 0 {
			attrs.WriteString(` xml:space="preserve"`)
		}
		fmt.Fprintf(&b, "<%s%s>", name, attrs.String())
		for range rng.IntN(4) {
			if depth < 4 && rng.IntN(2) == 0 {
				element(depth+1, scope)
			} else {
				fmt.Fprintf(&b, "t%d &amp; &gt;\r\n", rng.IntN(9))
			}
		}
		fmt.Fprintf(&b, "</%s>", name)
	}
	for range 1 + rng.IntN(3) {
		element(0, declared)
	}
	b.WriteString("</Root>")
	return []byte(b.String())
}

// TestCanonicalQNamesHostileWidth is TestCanonicalHostileWidth for the
// QName profile: 20,000 declarations on the root, each rendered by C14N
// 1.1 and each named in no PrefixList, must cost linear time.
func TestCanonicalQNamesHostileWidth(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<r xmlns:xsi="` + nsXSI + `"`)
	for i := range 20000 {
		fmt.Fprintf(&b, ` xmlns:p%d="urn:%d" p%d:a="1"`, i, i, i)
	}
	b.WriteString(`><c xsi:type="p7:T"><d xmlns:p9="urn:x"/></c></r>`)
	list := canonSpec{alg: AlgExcC14N, prefixes: []string{"p7"}}
	for _, spec := range []canonSpec{{alg: AlgC14N11}, list} {
		start := testtool.ProcessCPU()
		c, err := canonicalQNames([]byte(b.String()), spec)
		if err != nil || c.qnames.err != nil {
			t.Fatalf("%s: %v %v", spec.alg, err, c.qnames.err)
		}
		if d := testtool.ProcessCPU() - start; d > 10*time.Second {
			t.Errorf("%s took %v of CPU", spec.alg, d)
		}
	}
}
