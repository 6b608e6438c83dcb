package safexml

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The differential tests hold checkText to the streaming path it
// replaces for UTF-8 documents: over real documents and mutations of
// them, both must accept the same documents and refuse the others with
// the same sentinel. Messages and positions may differ.

var diffLimits = []Limits{
	{},
	{MaxBytes: 1 << 16, MaxDepth: 8, MaxAttrs: 8, MaxNameLen: 32, MaxTokenBytes: 1 << 12},
}

// diffCorpus returns the XML documents of this package, of the message
// fixtures and of the XSD engine's tests.
func diffCorpus(tb testing.TB) [][]byte {
	tb.Helper()
	var docs [][]byte
	for _, root := range []string{"testdata", "../../testdata/messages", "../xsd/testdata"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xml") {
				return err
			}
			b, err := os.ReadFile(path)
			docs = append(docs, b)
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	if len(docs) < 200 {
		tb.Fatalf("only %d documents found; the corpus has moved", len(docs))
	}
	return docs
}

// kindOf returns the sentinel an error from PrepareBytes wraps.
func kindOf(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e.kind
	}
	return err
}

// compare fails t when the two paths disagree about data.
func compare(t *testing.T, data []byte, lim Limits) {
	t.Helper()
	got, errNew := prepareBytes(data, lim, false)
	want, errOld := prepareBytes(data, lim, true)
	if kindOf(errNew) != kindOf(errOld) {
		t.Fatalf("paths disagree on %q\nnew: %v\nold: %v", trim(data), errNew, errOld)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("paths return different documents for %q", trim(data))
	}
}

func trim(b []byte) []byte {
	if len(b) > 2000 {
		return append(b[:2000:2000], "…"...)
	}
	return b
}

func TestCheckTextMatchesDecoder(t *testing.T) {
	docs := diffCorpus(t)
	accepted := 0
	for _, d := range docs {
		for _, lim := range diffLimits {
			compare(t, d, lim)
		}
		if _, err := PrepareBytes(d, Limits{}); err == nil {
			accepted++
		}
	}
	// The comparison means little if the corpus were refused wholesale.
	if accepted < len(docs)/2 {
		t.Fatalf("only %d of %d documents accepted", accepted, len(docs))
	}
}

func TestCheckTextMatchesDecoderOnMutations(t *testing.T) {
	docs := diffCorpus(t)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 40
	if testing.Short() {
		n = 5
	}
	for _, d := range docs {
		for range n {
			m := mutate(rng, d)
			for _, lim := range diffLimits {
				compare(t, m, lim)
			}
		}
	}
}

// pieces are the fragments mutations insert: markup delimiters, names
// that are and are not names, namespace declarations and references.
var pieces = []string{
	"<", ">", "/", "</", "/>", "<a>", "</a>", "<a/>", "=", `"`, "'", "&", ";", "&amp;", "&#60;", "&#x0;", "&lt",
	":", "a:", ":a", "a:b:c", "p:x", "1", "-", ".", "$", "é", "\u00b7", "\u0301", " ", "\r", "\n", "\t",
	"<!--", "-->", "--", "<![CDATA[", "]]>", "]]", "<?", "?>", "<?xml version=\"1.0\"?>", "<!DOCTYPE a>",
	` xmlns="urn:x"`, ` xmlns:p="urn:p"`, ` xmlns:q="urn:p"`, ` p:a="1" q:a="2"`, ` a="1" a="2"`,
	` xmlns:p=""`, ` xmlns:xml="urn:x"`, ` xmlns:xmlns="urn:x"`, ` xmlns="http://www.w3.org/XML/1998/namespace"`,
	"<!-- a -- b -->", "<!-- a --->", "<!---->", "<!--->", "]]&gt;", "]]&amp;>", "]>", ` xml:lang="en"`, ` xmlns:p="&#x75;rn:p"`, ` xmlns:p="a&#13;b"`, ` b="x]]>y"`,
}

// mutate returns a copy of d changed in one to three places.
func mutate(rng *rand.Rand, d []byte) []byte {
	m := bytes.Clone(d)
	for range 1 + rng.IntN(3) {
		if len(m) == 0 {
			m = append(m, pieces[rng.IntN(len(pieces))]...)
			continue
		}
		i := rng.IntN(len(m))
		switch rng.IntN(5) {
		case 0: // delete a few bytes
			j := min(len(m), i+1+rng.IntN(4))
			m = append(m[:i], m[j:]...)
		case 1, 2: // insert a piece
			p := pieces[rng.IntN(len(pieces))]
			m = append(m[:i], append([]byte(p), m[i:]...)...)
		case 3: // replace a byte
			m[i] = "<>/=\"'&;:]-!?xa1 é"[rng.IntN(18)]
		case 4: // duplicate a span
			j := min(len(m), i+1+rng.IntN(40))
			m = append(m[:j], append(bytes.Clone(m[i:j]), m[j:]...)...)
		}
	}
	return m
}

// FuzzCheckText compares the two paths on arbitrary input.
func FuzzCheckText(f *testing.F) {
	for _, d := range diffCorpus(f) {
		if len(d) <= 16<<10 {
			f.Add(d)
		}
	}
	for _, p := range pieces {
		f.Add([]byte("<a>" + p + "</a>"))
		f.Add([]byte("<p:a xmlns:p='urn:p'" + p + "/>"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lim := range diffLimits {
			compare(t, data, lim)
		}
	})
}
