package xmldsig

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/safexml"
)

// FuzzVerify feeds Verify arbitrary documents, seeded with the golden
// signatures. Verify must not panic, and whatever it accepts must yield
// content free of signatures that parses again.
func FuzzVerify(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.xml"))
	for _, name := range names {
		f.Add(readFile(f, name))
	}
	f.Add([]byte(`<r><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></r>`))
	f.Add([]byte(`<!DOCTYPE r><r/>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		res, err := Verify(doc, VerifyOptions{Limits: Limits{MaxBytes: 1 << 16}})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			return
		}
		root, err := parse(res.Content, Limits{}, nil)
		if err != nil {
			t.Fatalf("accepted, but Content does not parse: %v", err)
		}
		if len(findSignatures(root, 1)) != 0 {
			t.Fatal("accepted, but Content still holds a signature")
		}
		if len(res.Chain) == 0 {
			t.Fatal("accepted without a certificate")
		}
	})
}

// FuzzCanonical compares canonicalize with the oracle (goxmldsig's
// exclusive C14N over etree) on every input the package's safety scan
// accepts: the content without the first signature and that signature's
// SignedInfo must be the same bytes. Where the input can meet one of the
// oracle's known departures from the specification (see the spec cases
// of TestCanonicalEdgeCases: order of prefixed and xml: attributes,
// xmlns="" where no default was rendered, CR in processing instructions),
// a difference is allowed only if it is one canonicalization can remove:
// canonicalizing the oracle's output again must give our output.
func FuzzCanonical(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	golden, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.xml"))
	for _, name := range append(names, golden...) {
		f.Add(readFile(f, name))
	}
	for _, tc := range edgeCases {
		f.Add([]byte(tc.doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		lim := Limits{MaxBytes: 1 << 16}
		if _, err := scan(doc, lim, nil); err != nil {
			return
		}
		got, err := canonicalizeStrict(doc, lim)
		want, wantSI, oerr := oracleCanonical(t, doc)
		switch {
		case err != nil && !errors.Is(err, ErrInvalid):
			t.Fatalf("error %v is not ErrInvalid", err)
		case isOutsideRootPI(err):
			return // the profile refuses what the oracle leaves out
		case err != nil && oerr == nil && !nsMalformed(doc):
			t.Fatalf("refused what the oracle canonicalizes: %v\noracle: %q", err, want)
		case err != nil || oerr != nil:
			return // both refuse, or a namespace error only one of them sees
		}
		if bytes.Equal(got.content, want) && bytes.Equal(got.signedInfo, wantSI) {
			return
		}
		if !oracleMayDepart(doc) {
			t.Fatalf("content:\n%q\noracle:\n%q\nSignedInfo:\n%q\noracle:\n%q", got.content, want, got.signedInfo, wantSI)
		}
		again, err := canonicalizeStrict(want, Limits{})
		if err != nil {
			t.Fatalf("oracle output does not canonicalize: %v\n%q", err, want)
		}
		if !bytes.Equal(again.content, got.content) {
			t.Fatalf("content:\n%q\noracle, canonicalized again:\n%q", got.content, again.content)
		}
	})
}

// oracleMayDepart reports whether doc can meet a known bug of the oracle.
func oracleMayDepart(doc []byte) bool {
	root, err := parse(doc, Limits{}, nil)
	if err != nil {
		return true
	}
	if bytes.Contains(doc, []byte("<?")) && bytes.Contains(doc, []byte("\r")) {
		return true
	}
	for _, el := range append(root.FindElements("//*"), root) {
		prefixed := 0
		for _, a := range el.Attr {
			switch {
			case a.Space == "" && a.Key == "xmlns" && a.Value == "":
				return true
			case a.Space != "" && a.Space != "xmlns":
				prefixed++
			}
		}
		if prefixed > 1 {
			return true
		}
	}
	return false
}

// nsMalformed reports whether doc breaks a rule of Namespaces in XML or
// well-formedness that encoding/xml does not check and canonicalize
// refuses: duplicate attributes, attributes without white space between
// them, names that are not QNames, undeclared or reserved prefixes,
// processing instructions whose target is not a name.
func nsMalformed(doc []byte) bool {
	_, err := canonicalizeStrict(doc, Limits{})
	if err == nil {
		return false
	}
	for _, why := range []string{"duplicate attribute", "not a QName", "undeclared namespace prefix", "xmlns prefix", "xml prefix", "prefix undeclared", "not separated by white space", "malformed processing instruction"} {
		if strings.Contains(err.Error(), why) {
			return true
		}
	}
	return false
}

// FuzzPrepare holds the canonicalization pass to what lets Sign and Verify
// skip the encoding/xml scan: a document it vouches for is one scan
// accepts, with the same root layout; whatever scan refuses, prepare
// refuses with scan's very error, unless the XML front door's declaration
// check has refused the document first; and what that check refuses,
// prepare refuses.
func FuzzPrepare(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	golden, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.xml"))
	for _, name := range append(names, golden...) {
		f.Add(readFile(f, name))
	}
	for _, tc := range edgeCases {
		f.Add([]byte(tc.doc))
	}
	for _, doc := range prepareSeeds {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		lim := Limits{MaxBytes: 1 << 16, MaxDepth: 8}
		lay, serr := scan(doc, lim, nil)
		c, err := canonicalize(doc, lim)
		if err == nil && c.vouched && c.deferred == nil {
			if serr != nil {
				t.Fatalf("vouched for a document scan refuses: %v", serr)
			}
			if c.layout != lay {
				t.Fatalf("layout %+v, scan's %+v", c.layout, lay)
			}
		}
		_, play, perr := prepare(doc, lim, nil)
		declErr := safexml.CheckStart(doc)
		switch {
		case declErr != nil && perr == nil:
			t.Fatalf("prepare accepts a start the front door refuses: %v", declErr)
		case serr != nil && (perr == nil || (declErr == nil && perr.Error() != serr.Error())):
			t.Fatalf("prepare: %v\nscan: %v", perr, serr)
		case serr == nil && perr == nil && play != lay:
			t.Fatalf("prepare's layout %+v, scan's %+v", play, lay)
		}
	})
}

// prepareSeeds are documents at the edge of well-formedness.
var prepareSeeds = []string{
	`<r><!-- a -- b --></r>`, `<r><!-- a ---></r>`, `<r>]]></r>`, `<r a="]]>"/>`,
	`<?xml version="1.1"?><r/>`, `<?xml version="1.0" encoding="latin1"?><r/>`, `<?xml encoding='UTF-8'?><r/>`,
	`<é/>`, `<r é="1"/>`, "<r>\x01</r>", "<r>\xff</r>", "<!-- \x01 --><r/>", "<r/>\u00a0", "\uFEFF<r/>", "<r/>\uFEFF",
	`<!DOCTYPE r><r/>`, `<r/><r/>`, `x<r/>`, `<r/>x`, `<![CDATA[ ]]><r/>`, `<?A!?><r/>`, `<r><?A!?></r>`,
	`<r>&#x0000000041;&#0065;</r>`, `<r>&#0;</r>`, `<r>&bogus;</r>`, `<r a="1"b="2"/>`, `<r a="1" a="2"/>`,
	`<a><b><c><d><e><f><g><h><i/></h></g></f></e></d></c></b></a>`, `<r></r >`, `<r/ >`, `< r/>`, `<r></s>`,
}
