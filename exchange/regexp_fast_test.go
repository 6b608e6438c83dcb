package exchange

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/schemajson"
	"github.com/jcx-dev/jcx/schemas"
)

// The byte-loop matchers of regexp_fast.go must answer as regexp does for their source,
// on every string, valid UTF-8 or not.

// regexpCases are inputs that sit on the edges of the recognised patterns; each is tried
// against every pattern.
var regexpCases = []string{
	"", "a", "AB", "ABC", "ab", "abc", "Ab", "A", "ZZ", "[A", "A\n", "\nAB", "AB\n",
	"plain text", "tab\there", "line\nfeed", "cr\rhere", "nul\x00", "del\x7f", "esc\x1b",
	"vt\x0b", "ff\x0c", "c1\u0080", "c1\u0085", "c1\u009f", "nbsp\u00a0", "é", "\u00c2",
	"\xc2", "\xc2\x80", "\xc2\x9f", "\xc2\xa0", "\xc2\x7f", "\x80", "\xff", "\xe2\x80\xa8", "\ufffd",
	"\xed\xa0\x80", "\xc0\x80", "\xf4\x90\x80\x80", "x\xc2", "\xc2\xc2\x85",
	"0b6f3c52-8f0e-4a43-9d1e-2f4f8b5a1c77", "0B6F3C52-8F0E-4A43-9D1E-2F4F8B5A1C77",
	"0b6f3c52-8f0e-4a43-9d1e-2f4f8b5a1c7", "0b6f3c52-8f0e-4a43-9d1e-2f4f8b5a1c777",
	"0b6f3c528f0e-4a43-9d1e-2f4f8b5a1c77-", "0b6f3c52-8f0e-4a43-9d1e-2f4f8b5a1c7g",
	strings.Repeat("a", 64), strings.Repeat("0", 63), strings.Repeat("f", 65), strings.Repeat("9", 128),
	strings.Repeat("e", 127), strings.Repeat("A", 64), strings.Repeat("0", 63) + "g",
	"V1.0.0", "V10.20.300", "V1.0", "V1.0.0.0", "v1.0.0", "V.1.0", "V1..0", "V1.0.", "V١.0.0",
	"2026-11-20", "0026-11-20", "2026-1-20", "2026-11-2", "2026/11/20", "20261-1-20", "2026-11-20 ",
	"2026-11-20T09:00:00Z", "2026-11-20T09:00:00.123456Z", "2026-11-20T09:00:00.1Z",
	"2026-11-20T09:00:00.Z", "2026-11-20T24:00:00Z", "2026-11-20T23:59:59+14:00",
	"2026-11-20T23:59:59+14:01", "2026-11-20T23:59:59-13:59", "2026-11-20T23:59:59+15:00",
	"2026-11-20T23:59:60Z", "2026-11-20T19:60:00Z", "2026-11-20T09:00:00", "2026-11-20T09:00:00z",
	"2026-11-20T09:00:00.123456+01:00", "2026-11-20T09:00:00.1234567Z", "2026-11-20T09:00:00.12345Z",
	"2026-11-20T09:00:00+0100", "2026-11-20T09:00:00+01:00Z", "2026-11-20t09:00:00Z",
	"2026-11-20T09:00:00.123456", "2026-11-20T29:00:00Z", "2026-11-20T20:00:00+09:30",
	"application/pdf", "text/plain; charset=utf-8", "text/plain;charset=utf-8",
	"text/plain;  charset=utf-8", "text/plain; charset=", "text/plain; =utf-8", "text/plain;",
	"text/", "/plain", "-text/plain", "text/-plain", "text/plain/x", "a/b; c=d; e=f", "a/b;c=d;",
	"application/vnd.ms-excel", "a/b; c=d=e", "a/b ; c=d", "a/b; c=\"d\"", "a^b/c+d#e$f&g!h",
	strings.Repeat("a", 127) + "/b", strings.Repeat("a", 128) + "/b", "a/" + strings.Repeat("b", 127),
	"a/" + strings.Repeat("b", 128), "a/b; " + strings.Repeat("c", 127) + "=" + strings.Repeat("d", 127),
	"a/b; " + strings.Repeat("c", 128) + "=d", "a/b; c=" + strings.Repeat("d", 128),
	"QUJD", "QUI=", "QQ==", "QUJDRA==", "QUJDREU=", "QUJ=", "QR==", "QUJDR", "QUJD=", "====", "Q===",
	"QUJD\n", "QU JD", "QUJD" + strings.Repeat("+/09", 100), "-_AB", "QUJ\xc2", "AAA=", "AAE=", "AAg=",
}

func TestFastPatternsAgreeWithRegexp(t *testing.T) {
	for src, match := range fastPatterns {
		re := regexp.MustCompile(src)
		matched := 0
		for _, s := range regexpCases {
			want := re.MatchString(s)
			if got := match(s); got != want {
				t.Errorf("%s on %q: fast %v, regexp %v", src, s, got, want)
			}
			if want {
				matched++
			}
		}
		if matched == 0 {
			t.Errorf("%s: no case matches; the table does not exercise it", src)
		}
	}
}

// TestFastPatternsAreTheSchemas checks that every recognised source is spelled as in the
// generated schema: a source that no longer matches a pattern of the schema would leave
// its pattern on the slow path without any test noticing.
func TestFastPatternsAreTheSchemas(t *testing.T) {
	var doc any
	if err := json.Unmarshal(schemas.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	inSchema := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if p, ok := x.(string); ok && k == "pattern" {
					inSchema[p] = true
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	for src := range fastPatterns {
		if !inSchema[src] {
			t.Errorf("recognised pattern %s is not in the schema", src)
		}
	}
	// Every source still comes back with its own text, which the schema's error
	// messages quote.
	for src := range inSchema {
		re, err := schemaRegexpEngine(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if re.String() != src {
			t.Errorf("engine's String() = %q, want %q", re.String(), src)
		}
	}
}

// TestSchemaEngineFindings holds the schema compiled with the engine to the schemas
// package's compilation, finding for finding, over every JSON fixture and over each
// fixture with its string values replaced by strings on the patterns' edges.
func TestSchemaEngineFindings(t *testing.T) {
	fast, err := compileJSONSchema(schemaRegexpEngine)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := schemajson.Compile(schemas.JSON(), schemas.JSONID, nil)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"invalid", "valid"} {
		fs, err := filepath.Glob(filepath.Join("..", "testdata", "messages", dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatal("no JSON fixtures")
	}
	ptr := func(p []string) string { return pointer(p) }
	compare := func(name string, tree any) {
		t.Helper()
		got := schemaFindings(fast.Validate(tree), ptr)
		want := schemaFindings(slow.Validate(tree), ptr)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: engine findings %v\nregexp findings %v", name, got, want)
		}
	}
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tree, err := parseJSONTree(data, DefaultMaxDepth)
		if err != nil {
			continue // not JSON: the strict check refuses it before the schema
		}
		compare(filepath.Base(f), tree)
		if !strings.Contains(f, string(filepath.Separator)+"valid"+string(filepath.Separator)) {
			continue // the invalid fixtures are compared as they are
		}
		for i, s := range regexpCases {
			if i%7 != 0 && !strings.ContainsAny(s, "\x00\x7f\u0085\t") {
				continue // a sample keeps the run short; controls are always tried
			}
			compare(filepath.Base(f)+"/"+s, replaceStrings(tree, s))
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no fixture parsed")
	}
}

// replaceStrings returns a copy of tree with every string value set to s.
func replaceStrings(tree any, s string) any {
	switch v := tree.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = replaceStrings(x, s)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = replaceStrings(x, s)
		}
		return out
	case string:
		return s
	}
	return tree
}

func FuzzFastPatterns(f *testing.F) {
	for _, s := range regexpCases {
		f.Add(s)
	}
	type pair struct {
		src   string
		re    *regexp.Regexp
		match func(string) bool
	}
	var pairs []pair
	for src, m := range fastPatterns {
		pairs = append(pairs, pair{src, regexp.MustCompile(src), m})
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range pairs {
			if got, want := p.match(s), p.re.MatchString(s); got != want {
				t.Errorf("%s on %q: fast %v, regexp %v", p.src, s, got, want)
			}
		}
	})
}
