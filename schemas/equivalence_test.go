package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/jcx-dev/jcx/internal/schemagen/translate"

	"github.com/jcx-dev/jcx/internal/schemajson"
)

// TestSimpleTypesAgree puts every simple type of the XSD to xmllint and to the JSON
// Schema with the same values, and requires the same verdict: this is what shows that the
// translated patterns, lengths, bounds and formats mean what the XSD facets mean.
//
// One difference is by design and excluded: XSD collapses white space in values of
// non-string types (dates, numbers, base64, URIs) before checking them, JSON does not, so
// " 2026-11-28" is a date in XML only. jcx never writes such values.
func TestSimpleTypesAgree(t *testing.T) {
	xmllint := needTool(t, "xmllint")
	s, err := translate.Parse(os.DirFS("xsd"), "jcx.xsd")
	if err != nil {
		t.Fatal(err)
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range s.SimpleTypes {
			if !yield(n) {
				return
			}
		}
	})

	type probe struct {
		typ, value string
		line       int
	}
	var probes []probe
	var doc strings.Builder
	doc.WriteString(`<Probe xmlns="` + Namespace + `">` + "\n")
	line := 2
	for _, name := range names {
		st := s.SimpleTypes[name]
		for _, v := range candidates(st) {
			if st.Base != "string" && (strings.TrimSpace(v) != v || strings.ContainsAny(v, "\t\n\r")) {
				continue // white-space collapse, see above
			}
			if !xmlChars(v) {
				continue // not representable in XML 1.0 at all
			}
			probes = append(probes, probe{name, v, line})
			doc.WriteString("<" + name + ">" + xmlEscape(v) + "</" + name + ">\n")
			line++
		}
	}
	doc.WriteString("</Probe>\n")

	// A probe schema: the jcx simple types and a root accepting any of them, in any order.
	dir := t.TempDir()
	types, err := os.ReadFile("xsd/types.xsd")
	if err != nil {
		t.Fatal(err)
	}
	var x strings.Builder
	x.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="` + Namespace + `" targetNamespace="` + Namespace + `" elementFormDefault="qualified">
<xs:include schemaLocation="types.xsd"/>
<xs:element name="Probe"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded">
`)
	for _, name := range names {
		x.WriteString(`<xs:element name="` + name + `" type="` + name + `"/>` + "\n")
	}
	x.WriteString("</xs:choice></xs:complexType></xs:element>\n</xs:schema>\n")
	for name, data := range map[string][]byte{"types.xsd": types, "probe.xsd": []byte(x.String()), "probe.xml": []byte(doc.String())} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(xmllint, "--noout", "--nonet", "--schema", "probe.xsd", "probe.xml")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_ = cmd.Run()
	if !strings.Contains(stderr.String(), "probe.xml") {
		t.Fatalf("xmllint did not validate the probes:\n%s", stderr.String())
	}
	rejected := map[int]bool{}
	lineRE := regexp.MustCompile(`(?m)^probe\.xml:(\d+): element \w+: Schemas validity error`)
	for _, m := range lineRE.FindAllStringSubmatch(stderr.String(), -1) {
		n, _ := strconv.Atoi(m[1])
		rejected[n] = true
	}

	c, err := schemajson.NewCompiler(JSON(), JSONID, nil)
	if err != nil {
		t.Fatal(err)
	}
	disagree := 0
	for _, p := range probes {
		sch, err := c.Compile(JSONID + "#/$defs/" + p.typ)
		if err != nil {
			t.Fatal(err)
		}
		jsonOK := sch.Validate(jsonValue(s.SimpleTypes[p.typ], p.value)) == nil
		if xmlOK := !rejected[p.line]; xmlOK != jsonOK {
			disagree++
			t.Errorf("%s %q: XSD valid %v, JSON Schema valid %v", p.typ, p.value, xmlOK, jsonOK)
		}
	}
	t.Logf("%d values over %d simple types, %d disagreements", len(probes), len(names), disagree)
}

// jsonValue is the JSON form of an XML value: a number for integer types when it is
// one, a boolean for booleans, a string otherwise.
func jsonValue(st *translate.SimpleType, v string) any {
	switch st.Base {
	case "int", "long":
		if _, err := strconv.ParseInt(v, 10, 64); err == nil {
			return json.Number(strings.TrimPrefix(v, "+"))
		}
	}
	return v
}

func xmlChars(v string) bool {
	for _, r := range v {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF || r == unicode.ReplacementChar {
			return false
		}
	}
	return true
}

func xmlEscape(v string) string {
	var b strings.Builder
	for _, r := range v {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '>':
			b.WriteString("&gt;")
		case r < 0x20 || r >= 0x7F:
			fmt.Fprintf(&b, "&#x%X;", r) // keeps every probe on one line, and tabs as tabs
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// candidates are values near the edges of the simple types, plus each type's own
// enumeration and a few values built from its bounds.
func candidates(st *translate.SimpleType) []string {
	out := []string{
		"", "a", "A", "ab", "AB", "abc", "ABC", "DE", "de", "DEU", "en", "EUR", "eur", "x y", " a", "a ", "a\tb", "a\nb",
		"a\u0085b", "a\u007fb", "a\u200bb", "é", "Straße", "日本", "٣", "𝟘", "\U0001F600", "A\u0301",
		strings.Repeat("a", 255), strings.Repeat("a", 256), strings.Repeat("é", 255), strings.Repeat("𝟘", 256),
		strings.Repeat("a", 65535), strings.Repeat("a", 65536), strings.Repeat("a", 4096), strings.Repeat("a", 4097),
		"0", "1", "-1", "01", "+1", "-0", "1.5", "1.", ".5", "1e5", "1E5", "0.000000000000000001", "0.0000000000000000001",
		"123456789012345678901234567890", "1234567890123456789012345678901", "99", "100", "999", "1000", "9999", "10000",
		"2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
		"2026-11-28", "2026-02-29", "2024-02-29", "2026-13-01", "2026-11-28Z", "2026-11-28+01:00", "26-11-28", "12026-11-28",
		"2026-11-28T03:00:00Z", "2026-11-28T03:00:00", "2026-11-28T03:00:00.000000Z", "2026-11-28T03:00:00.000Z",
		"2026-11-28T03:00:00.123456+01:00", "2026-11-28T03:00:00.5-05:30", "2026-11-28T24:00:00Z",
		"2026-11-28T24:00:00.000000Z", "2026-11-28T23:59:60Z", "2026-11-28T23:59:60.000000Z", "2026-11-28T25:00:00Z",
		"2026-11-28T03:60:00Z", "2026-11-28t03:00:00z", "2026-11-28T03:00:00+14:00", "2026-11-28T03:00:00+15:00",
		"2026-11-28T03:00:00+01:60", "2026-11-28T03:00:00.000000+24:00", "2026-11-28T03:00:00.1234567Z",
		"0000-01-01", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00.000000Z",
		"0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E", "0f8fad5bd9cb469fa16570867728950e",
		"V1.0.0", "V10.20.30", "v1.0.0", "V1.0", "V1.0.0.0",
		"sha-256", "SHA-256", "sha-1", strings.Repeat("ab", 32), strings.Repeat("AB", 32), strings.Repeat("ab", 64),
		strings.Repeat("a", 63), strings.Repeat("a", 96),
		"application/pdf", "text/plain; charset=utf-8", "text/plain;charset=utf-8", "pdf", "a/b/c", "application/ld+json",
		"https://example.com/x", "cid:artefact-1", "a b", "%zz", "http://[::1]/", "#frag", "relative/path",
		"JVBERi0xLjcKJcK1wrYK", "abc=", "ab==", "a===", "====", "abcd", "abc", "ab=c", "YQ==", "YQ", "ab cd",
		"+4930", "+0", "+493090140123456", "+4930901401234567", "4930",
		"FR1420041010050500013M02606", "fr1420041010050500013m02606", "FR14",
		"user@example.com", "@x", "a@b@c", "a b@c", "a@", "user@exa mple.com",
		"file.pdf", ".", "..", "...", ".hidden", "a/b", "a\\b", "a:b",
		"true", "false", "1", "0",
		"a#b#c", "a:b", "1a:b", "//host/path", "?q", "a%2Fb", "a%2", "http://x/%E2%82%AC", "https://example.com/a b",
		"urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", "mailto:x@y", "a?b?c", "a#b?c", "a:b:c", "./a:b", "http://a/b[1]", "http://[::1]:8080/x", "http://[::1", "//[::1]/",
		"123456789012345", "1234567890123456", "123456789012345.123456789", "123456789012345.1234567890",
		"123456789012345678901234", "1234567890123456789012345", "1.123456789", "1.1234567890", "0.5", "00.5",
		"YQ==", "YR==", "YWI=", "YWJ=", "YWJj", "Y===",
		"2026-11-28T03:00:00+13:59", "2026-11-28T03:00:00-14:00", "2026-11-28T03:00:00+14:01", "2026-11-28T03:00:00.000000-14:00",
		"0999-01-01", "1000-01-01", "9999-12-31", "0999-01-01T00:00:00Z", "1000-01-01T00:00:00Z",
	}
	out = append(out, st.Enumeration...)
	for _, e := range st.Enumeration {
		out = append(out, strings.ToUpper(e), e+" ")
	}
	one := big.NewInt(1)
	for _, b := range []*big.Int{st.MinInclusive, st.MaxInclusive} {
		if b != nil {
			out = append(out, b.String(), new(big.Int).Sub(b, one).String(), new(big.Int).Add(b, one).String())
		}
	}
	return out
}
