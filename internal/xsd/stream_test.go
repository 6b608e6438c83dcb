package xsd

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestStreamingPaths checks finding paths where validation no longer has
// the earlier siblings: indexes among same-named siblings, and *[n] once
// a parent has more distinct child names than are counted.
func TestStreamingPaths(t *testing.T) {
	s := suiteSchema(t)
	const lib = `<Library xmlns="urn:jcx:test:suite"><Info><Name>L</Name><Founded>2000</Founded></Info><Books>`
	var distinct strings.Builder
	for i := range maxSiblingNames + fewSiblingNames + 5 {
		fmt.Fprintf(&distinct, "<n%d/>", i)
	}
	for _, tc := range []struct {
		name, doc, path string
	}{
		{"same-named siblings",
			lib + `<Book isbn="111-1-11-1-1"><Title>T</Title><Author>A</Author><Free/></Book><Book isbn="bad"><Title>T</Title><Author>A</Author><Free/></Book></Books></Library>`,
			"/Library/Books[1]/Book[2]/@isbn"},
		{"counted names under a lax wildcard",
			`<Library xmlns="urn:jcx:test:suite"><Info><Name>L</Name><Founded>2000</Founded></Info><Books><Book isbn="111-1-11-1-1"><Title>T</Title><Author>A</Author><Free/></Book></Books><x:w xmlns:x="urn:other"><a/><b/><a/><Library/></x:w></Library>`,
			"/Library/w[1]/Library[1]"},
		{"names beyond the count",
			`<Library xmlns="urn:jcx:test:suite"><Info><Name>L</Name><Founded>2000</Founded></Info><Books><Book isbn="111-1-11-1-1"><Title>T</Title><Author>A</Author><Free/></Book></Books><x:w xmlns:x="urn:other">` + distinct.String() + `<Library/></x:w></Library>`,
			fmt.Sprintf("/Library/w[1]/*[%d]", maxSiblingNames+fewSiblingNames+6)},
	} {
		fs, err := s.ValidateBytes([]byte(tc.doc))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(fs) == 0 || fs[0].Path != tc.path {
			t.Errorf("%s: findings %v, want the first at %s", tc.name, fs, tc.path)
		}
	}
}

// TestStreamingStops checks that validation stops at the finding limit
// while the rest of the document is still read: a well-formedness error
// after the limit is the verdict.
func TestStreamingStops(t *testing.T) {
	s, err := CompileOptions(os.DirFS("testdata/suite"), "schema.xsd", &Options{MaxFindings: 5})
	if err != nil {
		t.Fatal(err)
	}
	flood := `<Library xmlns="urn:jcx:test:suite"><x/>` + strings.Repeat("<Library/>", 50)
	fs, err := s.ValidateBytes([]byte(flood + `</Library>`))
	if err != nil || len(fs) != 6 || !strings.Contains(fs[5].Message, "too many findings") {
		t.Errorf("flood: %v %v, want 5 findings and the stop", fs, err)
	}
	if _, err := s.ValidateBytes([]byte(flood + `<a></b></Library>`)); !errors.Is(err, ErrMalformed) {
		t.Errorf("malformed after the limit: %v, want ErrMalformed", err)
	}
}

// TestStreamingTextAfterChildren: text in element-only content is found
// wherever it is, also after the children, and reported once.
func TestStreamingTextAfterChildren(t *testing.T) {
	s := suiteSchema(t)
	doc := `<Library xmlns="urn:jcx:test:suite"><Info><Name>L</Name><Founded>2000</Founded></Info>%s<Books><Book isbn="111-1-11-1-1"><Title>T</Title><Author>A</Author><Free/></Book></Books>%s</Library>`
	for _, tc := range []struct{ before, after string }{{"x", ""}, {"", "x"}, {"x", "y"}} {
		fs, err := s.ValidateBytes([]byte(fmt.Sprintf(doc, tc.before, tc.after)))
		if err != nil || len(fs) != 1 || fs[0].Path != "/Library" || !strings.Contains(fs[0].Message, "character content") {
			t.Errorf("text %q/%q: %v %v, want one character-content finding", tc.before, tc.after, fs, err)
		}
	}
}

// TestIdentityStateLimit: what identity constraints and IDs keep is
// bounded by Options.MaxIdentityState, and the bound applies to what is
// kept at once, not to the document.
func TestIdentityStateLimit(t *testing.T) {
	s, err := CompileOptions(os.DirFS("testdata/suite"), "schema.xsd", &Options{MaxIdentityState: 40})
	if err != nil {
		t.Fatal(err)
	}
	book := `<Book isbn="%03d-1-11-1-1"><Title>T</Title><Author>A</Author><Free/></Book>`
	doc := func(n int) []byte {
		var b strings.Builder
		b.WriteString(`<Library xmlns="urn:jcx:test:suite"><Info><Name>L</Name><Founded>2000</Founded></Info><Books>`)
		for i := range n {
			fmt.Fprintf(&b, book, i)
		}
		b.WriteString(`</Books></Library>`)
		return []byte(b.String())
	}
	if fs, err := s.ValidateBytes(doc(5)); err != nil || len(fs) != 0 {
		t.Errorf("5 books: %v %v", fs, err)
	}
	if _, err := s.ValidateBytes(doc(20)); !errors.Is(err, ErrLimit) {
		t.Errorf("20 books: %v, want ErrLimit", err)
	}
}
