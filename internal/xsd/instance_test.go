package xsd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func suiteSchema(t testing.TB) *Schema {
	t.Helper()
	s, err := Compile(os.DirFS("testdata/suite"), "schema.xsd")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestInstanceRefused(t *testing.T) {
	s := suiteSchema(t)
	deep := strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300)
	for _, tc := range []struct {
		name, doc string
		want      error
	}{
		{"doctype", `<!DOCTYPE Library [<!ENTITY x "y">]><Library/>`, ErrDoctype},
		{"entity", `<Library>&x;</Library>`, ErrMalformed},
		{"invalid utf-8", "<Library>\xff</Library>", ErrMalformed},
		{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><Library/>`, ErrMalformed},
		{"unclosed", `<Library>`, ErrMalformed},
		{"mismatched", `<a></b>`, ErrMalformed},
		{"two roots", `<a/><b/>`, ErrMalformed},
		{"empty", ``, ErrMalformed},
		{"unbound prefix", `<p:a/>`, ErrMalformed},
		{"duplicate attribute", `<a x="1" x="2"/>`, ErrMalformed},
		{"duplicate expanded attribute", `<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>`, ErrMalformed},
		{"text after root", `<a/>text`, ErrMalformed},
		{"control character", "<a>\x01</a>", ErrMalformed},
		{"too deep", deep, ErrLimit},
	} {
		_, err := s.ValidateBytes([]byte(tc.doc))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	small, err := CompileOptions(os.DirFS("testdata/suite"), "schema.xsd", &Options{MaxDocumentBytes: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := small.Validate(strings.NewReader(strings.Repeat(" ", 20) + "<a/>")); !errors.Is(err, ErrLimit) {
		t.Errorf("size limit: %v", err)
	}
}

func TestFindingsReportAll(t *testing.T) {
	s := suiteSchema(t)
	doc := `<Library xmlns="urn:jcx:test:suite" version="2">
  <Info><Name>1</Name><Founded>x</Founded></Info>
  <Books><Book isbn="bad"><Title>T</Title><Author>a</Author><Free/></Book></Books>
</Library>`
	fs, err := s.ValidateBytes([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ path, msg string }{
		{"/Library/@version", "fixed value"},
		{"/Library/Info[1]/Name[1]", "pattern"},
		{"/Library/Info[1]/Founded[1]", "xs:gYear"},
		{"/Library/Books[1]/Book[1]/@isbn", "pattern"},
		{"/Library/Books[1]/Book[1]/Author[1]", "pattern"},
	}
	if len(fs) != len(want) {
		t.Fatalf("got %d findings, want %d: %v", len(fs), len(want), fs)
	}
	for i, w := range want {
		if fs[i].Path != w.path || !strings.Contains(fs[i].Message, w.msg) || fs[i].Line == 0 {
			t.Errorf("finding %d = %v, want path %s and message containing %q", i, fs[i], w.path, w.msg)
		}
	}
	fs, _ = s.ValidateBytes([]byte(`<Library xmlns="urn:jcx:test:suite"><Books/></Library>`))
	if len(fs) == 0 || !strings.Contains(fs[0].Message, "expected one of {{urn:jcx:test:suite}Info}") {
		t.Errorf("expected-element message missing: %v", fs)
	}
}

func TestResolveIDREFs(t *testing.T) {
	s, err := CompileOptions(os.DirFS("testdata/suite"), "schema.xsd", &Options{ResolveIDREFs: true})
	if err != nil {
		t.Fatal(err)
	}
	doc := `<Library xmlns="urn:jcx:test:suite"><Info><Name>L</Name><Founded>2000</Founded></Info>
<Books><Book isbn="111-1-11-1-1" id="b"><Title>T</Title><Author>A</Author><Free/></Book></Books>
<Loans><Loan ref="l" member="%s"><Book>111-1-11-1-1</Book><Due>2026-01-01T00:00:00Z</Due><Status>open</Status></Loan></Loans></Library>`
	for _, tc := range []struct {
		ref   string
		valid bool
	}{{"b", true}, {"nobody", false}} {
		fs, err := s.ValidateBytes([]byte(strings.Replace(doc, "%s", tc.ref, 1)))
		if err != nil || (len(fs) == 0) != tc.valid {
			t.Errorf("IDREF %s: findings %v, err %v; want valid=%v", tc.ref, fs, err, tc.valid)
		}
	}
}

// TestConcurrentUse validates from many goroutines with one Schema; run
// with -race.
func TestConcurrentUse(t *testing.T) {
	s := suiteSchema(t)
	docs := map[string]bool{}
	for _, dir := range []string{"valid", "invalid"} {
		entries, _ := os.ReadDir("testdata/suite/" + dir)
		for _, e := range entries[:min(5, len(entries))] {
			docs["testdata/suite/"+dir+"/"+e.Name()] = dir == "valid"
		}
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f, valid := range docs {
				data, _ := os.ReadFile(f)
				if got, _ := ourVerdict(s, data); got != valid {
					t.Errorf("%s: valid=%v", f, got)
				}
			}
		}()
	}
	wg.Wait()
}

// TestCheckChars covers the word-at-a-time character check at and across
// eight-byte boundaries: what it refuses, the line it reports, and that
// invalid UTF-8 anywhere is reported before a bad character.
func TestCheckChars(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		line     int // 0: accepted
		utf8     bool
	}{
		{"plain", "<a>12345678901234567</a>", 0, false},
		{"tabs and newlines", "<a>\t\r\n\t\r\n\t\r\n</a>", 0, false},
		{"multibyte", "<a>é漢字\U0001F600\uFFFD\uFFFC</a>", 0, false},
		{"control first byte", "\x01<a/>", 1, false},
		{"control in word 2", "<a>\n\n12345\x1f</a>", 3, false},
		{"DEL is allowed", "<a>\x7f</a>", 0, false},
		{"U+FFFE", "<a>\n1234567\uFFFE</a>", 2, false},
		{"U+FFFF at end", "\n\n\n\uFFFF", 4, false},
		{"lone continuation", "<a>\x80</a>", 1, true},
		{"surrogate", "<a>\xed\xa0\x80</a>", 1, true},
		{"truncated", "<a>12345678\xe6\xbc", 1, true},
		{"bad utf-8 after control", "<a>\n\x01\n\xff</a>", 1, true},
	} {
		err := checkChars([]byte(tc.in))
		if tc.line == 0 {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var ie *InstanceError
		if !errors.As(err, &ie) || ie.Line != tc.line || strings.Contains(ie.Msg, "UTF-8") != tc.utf8 {
			t.Errorf("%s: got %v, want line %d (utf-8 error %v)", tc.name, err, tc.line, tc.utf8)
		}
	}
}

// TestFindingsOwnTheirStrings validates invalid and malformed documents,
// then overwrites each input: the findings and errors must not change,
// since the scanner reads values through a string sharing the input's
// memory and nothing derived from it may outlive ValidateBytes.
func TestFindingsOwnTheirStrings(t *testing.T) {
	s := suiteSchema(t)
	files, _ := filepath.Glob("testdata/suite/invalid/*.xml")
	if len(files) == 0 {
		t.Fatal("no invalid suite documents")
	}
	var docs [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, data)
		// A malformed variant, for error messages quoting the input.
		docs = append(docs, append(append([]byte(nil), data[:len(data)/2]...), "&bogus;<x y='1' y='2'/>"...))
	}
	withFindings := 0
	for _, data := range docs {
		fs, err := s.ValidateBytes(data)
		want := fmt.Sprint(fs, err)
		if len(fs) > 0 || err != nil {
			withFindings++
		}
		for i := range data {
			data[i] = 'X'
		}
		if got := fmt.Sprint(fs, err); got != want {
			t.Errorf("findings changed when the input was overwritten:\nbefore %s\nafter  %s", want, got)
		}
	}
	if withFindings < len(docs)/2 {
		t.Fatalf("only %d of %d documents had findings or errors", withFindings, len(docs))
	}
}
