package exchange

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheckIBAN(t *testing.T) {
	valid := []string{
		"DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
		"NL91ABNA0417164300", "BE68539007547034", "NO9386011117947", "MT84MALT011000012345MTLCAST001S",
		"IE29AIBK93115212345678", "ES9121000418450200051332", "IT60X0542811101000000123456",
		"CH9300762011623852957", "PL61109010140000071219812874",
	}
	for _, s := range valid {
		if err := checkIBAN(s); err != nil {
			t.Errorf("checkIBAN(%q) = %v, want nil", s, err)
		}
	}
	invalid := []struct {
		in   string
		want error
	}{
		{"DE88370400440532013000", errIBANCheck},         // check digits off by one
		{"DE89370400440532013001", errIBANCheck},         // one digit of the account changed
		{"DE89370400440523013000", errIBANCheck},         // two digits swapped
		{"DE8937040044053201300", errIBANLength},         // one digit short for DE
		{"GB82WEST1234569876543", errIBANLength},         // one short for GB
		{"DE89 3704 0044 0532 0130 00", errIBANShape},    // print form
		{"de89370400440532013000", errIBANShape},         // lowercase
		{"D189370400440532013000", errIBANShape},         // digit in the country
		{"DEAB370400440532013000", errIBANShape},         // letters as check digits
		{"DE8937040044", errIBANShape},                   // too short for any country
		{strings.Repeat("9", 35), errIBANShape},          // too long
		{"ZZ12" + strings.Repeat("1", 20), errIBANCheck}, // unknown country: shape passes, digits do not
		{"", errIBANShape},
	}
	for _, tc := range invalid {
		if err := checkIBAN(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("checkIBAN(%q) = %v, want %v", tc.in, err, tc.want)
		}
	}
}

func TestValueCheckers(t *testing.T) {
	type row struct {
		in   string
		want bool
	}
	checks := []struct {
		name string
		fn   func(string) bool
		rows []row
	}{
		{"isCountry", func(s string) bool { return isCountry(s, false) }, []row{
			{"DE", true}, {"IE", true}, {"GB", true}, {"XK", true}, {"AQ", true},
			{"UK", false}, {"EU", false}, {"YU", false}, {"XX", false}, {"ZZ", false}, {"QO", false},
			{"de", false}, {"DEU", false}, {"276", false}, {"D", false}, {"", false},
		}},
		{"isCountry test profile", func(s string) bool { return isCountry(s, true) }, []row{{"XX", true}, {"XY", false}}},
		{"isLanguage", isLanguage, []row{
			{"en", true}, {"fr", true}, {"ga", true}, {"he", true},
			{"iw", false}, {"mo", false}, {"EN", false}, {"eng", false}, {"xx", false}, {"e", false}, {"", false},
		}},
		{"isCurrency", isCurrency, []row{
			{"EUR", true}, {"USD", true}, {"CHF", true}, {"XAU", true},
			{"eur", false}, {"BTC", false}, {"XXX", false}, {"XTS", false}, {"EU", false}, {"EURO", false},
		}},
		{"isE164", isE164, []row{
			{"+33144325000", true}, {"+12", true}, {"+123456789012345", true},
			{"+1234567890123456", false}, {"0033144325000", false}, {"+33 1 44 32 50 00", false},
			{"+0123", false}, {"+1", false}, {"+", false}, {"", false},
		}},
		{"isEmail", isEmail, []row{
			{"entraide@parquet.example.fr", true}, {"a.b+c@xn--bcher-kva.example", true}, {"ö@bücher.de", true},
			{"entraide.parquet.fr", false}, {"a@b", false}, {"a@@b.c", false}, {"a b@c.d", false},
			{"@c.d", false}, {"a@.c", false}, {"a@c.", false}, {"a@-c.d", false}, {"a\x00@c.d", false},
			{strings.Repeat("a", 65) + "@c.d", false},
		}},
		{"isShortString", isShortString, []row{
			{"x", true}, {strings.Repeat("é", 255), true},
			{"", false}, {strings.Repeat("x", 256), false}, {"a\tb", false}, {"a\u0085b", false},
		}},
		{"isPositiveDecimal", isPositiveDecimal, []row{
			{"1", true}, {"0.01", true}, {"1250000.00", true},
			{"0", false}, {"0.00", false}, {"-1", false}, {"+1", false}, {"01", false}, {"1.", false},
			{".5", false}, {"1e6", false}, {"1,5", false}, {"", false}, {strings.Repeat("9", 31), false},
		}},
		{"isFileName", isFileName, []row{
			{"order.pdf", true}, {".hidden", true},
			{"..", false}, {".", false}, {"a/b", false}, {`a\b`, false}, {"", false}, {"a\nb", false},
		}},
	}
	for _, c := range checks {
		for _, r := range c.rows {
			if got := c.fn(r.in); got != r.want {
				t.Errorf("%s(%q) = %v, want %v", c.name, r.in, got, r.want)
			}
		}
	}
}

func TestParseMediaType(t *testing.T) {
	for _, tc := range []struct {
		in, essence string
		ok          bool
	}{
		{"application/pdf", "application/pdf", true},
		{"Text/Plain; charset=UTF-8", "text/plain", true},
		{"application/vnd.etsi.asic-e+zip", "application/vnd.etsi.asic-e+zip", true},
		{"pdf", "", false},
		{"application/", "", false},
		{"/pdf", "", false},
		{"application/pdf; charset", "", false},
		{"appli cation/pdf", "", false},
		{"application/pdf\n", "", false},
	} {
		got, ok := parseMediaType(tc.in)
		if got != tc.essence || ok != tc.ok {
			t.Errorf("parseMediaType(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.essence, tc.ok)
		}
	}
}

func TestCheckContentURI(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"cid:part1@example.org", true},
		{"https://files.example/a.pdf", true},
		{"annexes/a.pdf", true},
		{"a.pdf", true},
		{"cid:", false},
		{"https:///a.pdf", false},
		{"http://files.example/a.pdf", false},
		{"file:///etc/passwd", false},
		{"/etc/passwd", false},
		{"annexes/../../a.pdf", false},
		{"..", false},
		{`annexes\a.pdf`, false},
		{"//host/a.pdf", false},
		{"", false},
	} {
		if err := checkContentURI(tc.in); (err == nil) != tc.ok {
			t.Errorf("checkContentURI(%q) = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

func TestLegalActOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Directive 2014/41/EU", actEIODirective},
		{"Richtlinie 2014/41/EU des Europäischen Parlaments", actEIODirective},
		{"Regulation (EU) 2023/1543", actEEvidence},
		{"Council Framework Decision 2002/584/JHA", actEAW},
		{"FD 2002/584/JHA", actEAW},
		{"Regulation (EU) 2018/1805", actFreezing},
		{"UNTOC", actUNTOC},
		{"United Nations Convention against Transnational Organized Crime", actUNTOC},
		{"UNCAC", actUNCAC},
		{"Budapest Convention on Cybercrime (ETS 185)", actBudapest},
		{"CETS No. 185", actBudapest},
		{"ETS No. 030", actCoE1959},
		{"CETS 30", actCoE1959},
		{"ETS 24", actCoE1957},
		{"ETS 305", ""},
		{"Directive 2014/411/EU", ""},
		{"Treaty between France and Argentina", ""},
		{"", ""},
	} {
		if got := legalActOf(tc.in); got != tc.want {
			t.Errorf("legalActOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestArticleNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		okay bool
	}{
		{"18", 18, true}, {"Art. 18(1)", 18, true}, {"article 46 paragraph 3", 46, true}, {" 31 ", 31, true},
		{"", 0, false}, {"eighteen", 0, false}, {"§ 18", 0, false},
	} {
		n, ok := articleNumber(tc.in)
		if n != tc.n || ok != tc.okay {
			t.Errorf("articleNumber(%q) = %d, %v; want %d, %v", tc.in, n, ok, tc.n, tc.okay)
		}
	}
}

// FuzzValueCheckers checks that no checker panics and that what they accept has the shape
// their callers rely on.
func FuzzValueCheckers(f *testing.F) {
	for _, s := range []string{"DE89370400440532013000", "DE", "en", "EUR", "+33144325000", "a@b.c", "1.5",
		"text/plain; charset=utf-8", "cid:a@b", "annexes/../x", "Directive 2014/41/EU", "Art. 18"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if checkIBAN(s) == nil && (len(s) < 15 || len(s) > 34) {
			t.Errorf("IBAN %q accepted with length %d", s, len(s))
		}
		if isCountry(s, true) && len(s) != 2 {
			t.Errorf("country %q accepted", s)
		}
		if isLanguage(s) && len(s) != 2 {
			t.Errorf("language %q accepted", s)
		}
		if isCurrency(s) && len(s) != 3 {
			t.Errorf("currency %q accepted", s)
		}
		if isFileName(s) && strings.ContainsAny(s, `/\`) {
			t.Errorf("file name %q accepted", s)
		}
		if checkContentURI(s) == nil && strings.Contains(s, "..") && !strings.HasPrefix(strings.ToLower(s), "https:") && !strings.HasPrefix(strings.ToLower(s), "cid:") {
			for _, seg := range strings.Split(s, "/") {
				if seg == ".." {
					t.Errorf("container path %q climbs out", s)
				}
			}
		}
		if e, ok := parseMediaType(s); ok && !strings.Contains(e, "/") {
			t.Errorf("media type %q accepted as %q", s, e)
		}
		for _, valid := range identifierFormats {
			valid(s)
		}
		isE164(s)
		isEmail(s)
		isPositiveDecimal(s)
		legalActOf(s)
		articleNumber(s)
	})
}

func TestClip(t *testing.T) {
	if got := clip("short"); got != "short" {
		t.Errorf("clip(short) = %q", got)
	}
	long := strings.Repeat("a", 63) + "éé" + strings.Repeat("b", 100)
	got := clip(long)
	if !strings.HasSuffix(got, "…") || len(got) > 64+len("…") || !utf8.ValidString(got) {
		t.Errorf("clip(long) = %q: want at most 64 bytes of valid UTF-8 and an ellipsis", got)
	}
	if got != strings.Repeat("a", 63)+"…" {
		t.Errorf("clip cut inside a character: %q", got)
	}
}
