package xsd

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestBuiltinLexical(t *testing.T) {
	for _, tc := range []struct {
		typ, val string
		ok       bool
	}{
		{"boolean", "true", true}, {"boolean", "0", true}, {"boolean", "True", false},
		{"decimal", "-.5", true}, {"decimal", "5.", true}, {"decimal", "1e3", false}, {"decimal", "", false},
		{"integer", "+0", true}, {"integer", "1.0", false},
		{"byte", "-128", true}, {"byte", "128", false}, {"short", "-32769", false},
		{"int", "2147483647", true}, {"int", " 1", false}, // libxml2: no surrounding space on int
		{"long", "-9223372036854775809", false},
		{"unsignedByte", "255", true}, {"unsignedByte", "+1", false},
		{"unsignedLong", "18446744073709551615", true},
		{"positiveInteger", "0", false}, {"negativeInteger", "-1", true}, {"nonPositiveInteger", "1", false},
		{"float", "INF", true}, {"float", "-INF", true}, {"float", "NaN", true}, {"float", "+INF", false},
		{"float", "inf", false}, {"double", "1.5E-3", true}, {"double", "0x10", false},
		{"duration", "P1Y2M3DT4H5M6.5S", true}, {"duration", "PT", false}, {"duration", "P1.5D", false},
		{"duration", "-P3D", true}, {"duration", "P1M2Y", false},
		{"dateTime", "2024-02-29T23:59:59.999+14:00", true}, {"dateTime", "2023-02-29T00:00:00", false},
		{"dateTime", "2026-01-01T24:00:00", true}, {"dateTime", "0000-01-01T00:00:00", false},
		{"date", "-0044-03-15", true}, {"date", "2026-4-01", false},
		{"time", "23:59:59Z", true}, {"time", "23:60:00", false},
		{"gYearMonth", "2026-12", true}, {"gYear", "12026", true}, {"gYear", "02026", false},
		{"gMonthDay", "--02-29", true}, {"gMonthDay", "--02-30", false},
		{"gDay", "---31", true}, {"gMonth", "--12", true}, {"gMonth", "--00", false},
		{"hexBinary", "0aFF", true}, {"hexBinary", "abc", false},
		{"base64Binary", "QUJD", true}, {"base64Binary", "QUI=", true}, {"base64Binary", "QUJ=", false},
		{"anyURI", "http://a/b?c#d", true}, {"anyURI", "a#b#c", false}, {"anyURI", "%zz", false},
		{"language", "en-GB", true}, {"language", "toolongtag", false},
		{"Name", ":a", true}, {"NCName", "a:b", false}, {"NMTOKEN", "-1", true}, {"NMTOKEN", "a b", false},
		{"ID", "a1", true}, {"ID", "1a", false}, {"ENTITY", "e", false},
		{"NMTOKENS", "a b", true}, {"IDREFS", "a 1", false},
		// Only XML's whitespace separates list items: U+0085 and U+2028 are
		// inside the one token, which they make invalid.
		{"NMTOKENS", "a\tb\r\nc", true}, {"NMTOKENS", "ABC\u0085DEF", false}, {"NMTOKENS", "ABC\u2028DEF", false},
		{"NMTOKENS", "ABC\u00a0DEF", false},
		{"QName", "xs:string", true}, {"QName", "nope:string", false},
		{"token", "  a  b ", true}, {"string", "\t", true},
	} {
		typ := builtinByName(tc.typ)
		if typ == nil {
			t.Fatalf("no built-in %s", tc.typ)
		}
		ns := &xnode{scope: map[string]string{"xs": nsXSD}}
		_, err := typ.validate(tc.val, ns, nil)
		if (err == nil) != tc.ok {
			t.Errorf("xs:%s %q: valid=%v, want %v (%v)", tc.typ, tc.val, err == nil, tc.ok, err)
		}
	}
}

func TestValueOrder(t *testing.T) {
	parse := func(typ, s string) value {
		t.Helper()
		v, err := builtinByName(typ).validate(s, nil, nil)
		if err != nil {
			t.Fatalf("%s %q: %v", typ, s, err)
		}
		return v
	}
	for _, tc := range []struct {
		typ, a, b string
		cmp       int
		ok        bool
	}{
		{"decimal", "1.0", "1", 0, true},
		{"decimal", "-0.5", "0.25", -1, true},
		{"float", "INF", "1e38", 1, true},
		{"float", "NaN", "1", 0, false},
		{"dateTime", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00+01:00", 0, true},
		{"dateTime", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00", -1, true},
		{"dateTime", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00", 0, false},
		{"time", "12:00:00.5", "12:00:00.25", 1, true},
		{"date", "-0001-12-31", "0001-01-01", -1, true},
		{"duration", "P1Y", "P12M", 0, true},
		{"duration", "P1M", "P30D", 0, false},
		{"duration", "P1M", "P32D", -1, true},
		{"duration", "PT36H", "P1D", 1, true},
		// Years and months before days are counted once.
		{"duration", "P6M1D", "P1Y", -1, true},
		{"duration", "P100Y", "P50Y2M12DT8H3M16S", 1, true},
		// The four reference dateTimes of XSD 1.0 §3.2.6.2: P1M is 31 days
		// after 1903-03-01 but 30 after 1696-09-01.
		{"duration", "P1M", "P31D", 0, false},
		{"duration", "P1M", "P27D", 1, true},
		{"duration", "P2M", "P62D", 0, false},
		{"duration", "P2M", "P63D", -1, true},
		{"duration", "P1Y", "P366D", 0, false},
		{"duration", "P1Y", "P367D", -1, true},
		{"duration", "-P1M", "-P27D", -1, true},
		{"gYear", "2025", "2026", -1, true},
	} {
		c, ok := parse(tc.typ, tc.a).compare(parse(tc.typ, tc.b))
		if ok != tc.ok || (ok && c != tc.cmp) {
			t.Errorf("%s %s vs %s: (%d, %v), want (%d, %v)", tc.typ, tc.a, tc.b, c, ok, tc.cmp, tc.ok)
		}
	}
}

func TestDecimalDigits(t *testing.T) {
	for _, tc := range []struct {
		lex         string
		total, frac int
	}{
		{"0", 0, 0}, {"123.450", 5, 2}, {"-0.0012", 4, 4}, {"00100", 3, 0}, {"+1.", 1, 0},
	} {
		total, frac := decimalDigits(tc.lex)
		if total != tc.total || frac != tc.frac {
			t.Errorf("%s: (%d, %d), want (%d, %d)", tc.lex, total, frac, tc.total, tc.frac)
		}
	}
}

// TestStrictWhiteSpaceMessage: where white space around a value is refused
// (simpleType.strictWS), the finding quotes the value as written and says
// what is wrong with it, not that the trimmed value is invalid.
func TestStrictWhiteSpaceMessage(t *testing.T) {
	s, err := Compile(fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="i" type="xs:int"/>
</xs:schema>`)}}, "s.xsd")
	if err != nil {
		t.Fatal(err)
	}
	findings, err := s.ValidateBytes([]byte(`<i> 5 </i>`))
	if err != nil || len(findings) != 1 {
		t.Fatalf("findings %v, err %v; want one finding", findings, err)
	}
	if want := "value ' 5 ': white space around an xs:int value is refused here"; !strings.Contains(findings[0].Message, want) {
		t.Errorf("message %q, want it to contain %q", findings[0].Message, want)
	}
}
