package exchange

import (
	"errors"
	"fmt"
	"mime"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// Value checkers used by the rule steps. Each takes one value and says whether it has the
// shape the format requires; none of them panics or allocates without bound, whatever the
// input.

// notCountries are two-letter region codes that golang.org/x/text accepts as countries but
// that ISO 3166-1 does not assign to a country: exceptionally reserved codes (UK, EU, UN …)
// and codes of states that no longer exist (YU, CS, SU …). A message naming them would be
// routed nowhere, so they are refused like any other unknown code.
var notCountries = map[string]bool{
	"AC": true, "CP": true, "DG": true, "EA": true, "EU": true, "EZ": true, "FX": true,
	"IC": true, "SU": true, "TA": true, "UK": true, "UN": true,
	"AN": true, "BU": true, "CS": true, "DD": true, "NT": true, "TP": true, "YU": true, "ZR": true,
}

// testCountry is the user-assigned code that test profiles use for made-up parties.
const testCountry = "XX"

// isCountry reports whether cc is an ISO 3166-1 alpha-2 country code. XK (Kosovo) is
// user-assigned but used by the EU institutions and by IBANs, so it is accepted; XX only
// when allowTest is set.
func isCountry(cc string, allowTest bool) bool {
	if !isUpperAlpha(cc, 2) {
		return false
	}
	if cc == testCountry {
		return allowTest
	}
	if notCountries[cc] {
		return false
	}
	r, err := language.ParseRegion(cc)
	// ParseRegion also maps aliases and numeric codes; only the code itself is wanted.
	return err == nil && r.IsCountry() && r.String() == cc
}

// deprecatedLanguages are two-letter subtags that ParseBase still accepts but ISO 639-1
// has withdrawn or replaced (iw → he, in → id, ji → yi, jw → jv, mo → ro, sh → sr/hr/bs).
var deprecatedLanguages = map[string]bool{"iw": true, "in": true, "ji": true, "jw": true, "mo": true, "sh": true}

// isLanguage reports whether s is a current ISO 639-1 language code (two lowercase
// letters).
func isLanguage(s string) bool {
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' || deprecatedLanguages[s] {
		return false
	}
	b, err := language.ParseBase(s)
	return err == nil && b.String() == s
}

// isCurrency reports whether s is an ISO 4217 alphabetic currency code. XXX ("no currency")
// and XTS (reserved for testing) are refused: an amount in them means nothing.
func isCurrency(s string) bool {
	if !isUpperAlpha(s, 3) || s == "XXX" || s == "XTS" {
		return false
	}
	u, err := currency.ParseISO(s)
	return err == nil && u.String() == s
}

func isUpperAlpha(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// ibanLengths gives the IBAN length of the countries in the SWIFT IBAN registry that
// requests are most likely to name. An IBAN of a country not listed is still checked for
// its shape (15–34 characters) and its check digits.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
	"BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
	"EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
	"GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
	"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
	"LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
	"NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
	"SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
	"TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// Errors of checkIBAN, so that a finding can say what is wrong.
var (
	errIBANShape  = errors.New("not an IBAN: want two capital letters, two check digits and 11–30 capital letters or digits, no spaces")
	errIBANCheck  = errors.New("IBAN check digits do not match (ISO 13616 mod-97)")
	errIBANLength = errors.New("IBAN has the wrong length for its country")
)

// checkIBAN checks an IBAN in electronic form (no spaces): its shape, its length for the
// countries in ibanLengths, and its ISO 7064 mod-97-10 check digits.
func checkIBAN(s string) error {
	if len(s) < 15 || len(s) > 34 || !isUpperAlpha(s[:2], 2) || !isDigit(s[2]) || !isDigit(s[3]) {
		return errIBANShape
	}
	for i := 4; i < len(s); i++ {
		if !isDigit(s[i]) && (s[i] < 'A' || s[i] > 'Z') {
			return errIBANShape
		}
	}
	if n, ok := ibanLengths[s[:2]]; ok && n != len(s) {
		return fmt.Errorf("%w: %s IBANs have %d characters, this one has %d", errIBANLength, s[:2], n, len(s))
	}
	// Move the country and check digits to the end, read letters as 10..35, and keep the
	// running remainder small instead of building a big number.
	rem := 0
	for _, c := range s[4:] + s[:4] {
		if isDigit(byte(c)) {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			rem = (rem*100 + int(c-'A') + 10) % 97
		}
	}
	if rem != 1 {
		return errIBANCheck
	}
	return nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

var e164Pattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`) })

// isE164 reports whether s is a telephone number in E.164 form: +, country code, number,
// at most 15 digits in all.
func isE164(s string) bool { return e164Pattern().MatchString(s) }

// isEmail reports whether s has the shape of an e-mail address: a local part of at most 64
// characters, one @, and a domain of dot-separated labels. Whether the address exists is
// not this format's concern.
func isEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || len(local) > 64 || strings.Contains(domain, "@") {
		return false
	}
	for _, r := range local {
		if r <= ' ' || r == 0x7f || unicode.IsControl(r) || unicode.IsSpace(r) {
			return false
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// hasControl reports whether s holds a control character (Unicode category Cc).
func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}

// isShortString reports whether s is 1–255 characters without control characters, the
// shape of identifiers and references.
func isShortString(s string) bool {
	n := 0
	for range s {
		n++
	}
	return n >= 1 && n <= 255 && !hasControl(s)
}

// isLowerHex reports whether s is exactly n lowercase hexadecimal digits.
func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

var decimalPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(0|[1-9][0-9]{0,29})(\.[0-9]{1,18})?$`) })

// isPositiveDecimal reports whether s is a plain decimal number greater than zero: no
// sign, no exponent, no leading zeros, at most 30 integer and 18 fraction digits.
func isPositiveDecimal(s string) bool {
	if !decimalPattern().MatchString(s) {
		return false
	}
	return strings.ContainsFunc(s, func(r rune) bool { return r >= '1' && r <= '9' })
}

// restrictedName is an RFC 6838 §4.2 type or subtype name.
var restrictedName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$`) })

// parseMediaType checks that s is an RFC 6838 media type (type/subtype with optional
// parameters) and returns its essence, lowercased and without parameters.
func parseMediaType(s string) (string, bool) {
	if len(s) > 255 || hasControl(s) {
		return "", false
	}
	essence, _, err := mime.ParseMediaType(s)
	if err != nil {
		return "", false
	}
	typ, sub, ok := strings.Cut(essence, "/")
	if !ok || !restrictedName().MatchString(typ) || !restrictedName().MatchString(sub) {
		return "", false
	}
	return essence, true
}

// isFileName reports whether s is a bare file name: no directory part, so that writing it
// out can never land outside the directory chosen for it.
func isFileName(s string) bool {
	return isShortString(s) && !strings.ContainsAny(s, `/\`) && strings.Trim(s, ".") != ""
}

// checkContentURI checks a reference to content outside the message: a cid: part of the
// same transport message, an https URL, or a relative path inside the container that
// carries the message. A container path never climbs out of the container.
func checkContentURI(s string) error {
	if len(s) > 4096 || hasControl(s) || s == "" {
		return errors.New("URI is empty, too long or holds control characters")
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("URI does not parse: %v", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "cid":
		if u.Opaque == "" {
			return errors.New("cid: URI has no content identifier")
		}
		return nil
	case "https":
		if u.Host == "" {
			return errors.New("https URI has no host")
		}
		return nil
	case "":
		if u.Host != "" || strings.HasPrefix(u.Path, "/") {
			return errors.New("container path must be relative")
		}
		for _, seg := range strings.Split(u.Path, "/") {
			if seg == ".." {
				return errors.New("container path must not contain \"..\"")
			}
		}
		if u.Path == "" || strings.Contains(u.Path, `\`) {
			return errors.New("container path is empty or uses backslashes")
		}
		return nil
	}
	return fmt.Errorf("URI scheme %q is not accepted: want cid:, https: or a container path", u.Scheme)
}

var (
	imsiPattern   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{6,15}$`) })
	imeiPattern   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{14,16}$`) })
	domainPattern = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))+$`)
	})
)

// identifierFormats gives the shape of each jcx identifier format (DictIdentifierFormat).
// Identifiers of other format owners are national and pass unchecked.
var identifierFormats = map[string]func(string) bool{
	"EmailAddress":    isEmail,
	"TelephoneNumber": isE164,
	"IPAddress":       isIPAddress,
	// An address at a moment, "198.51.100.23@2026-11-16T22:41:09Z": who used an address
	// is only answerable for a given time.
	"IPAddressAtTime": func(s string) bool {
		i := strings.LastIndexByte(s, '@')
		if i < 0 || !isIPAddress(s[:i]) {
			return false
		}
		_, err := DateTime(s[i+1:]).Time()
		return err == nil
	},
	"IMSI": imsiPattern().MatchString,
	"IMEI": imeiPattern().MatchString,
	"MACAddress": func(s string) bool {
		_, err := net.ParseMAC(s)
		return err == nil && len(s) <= 59
	},
	"IBAN":       func(s string) bool { return checkIBAN(s) == nil },
	"DomainName": func(s string) bool { return len(s) <= 253 && domainPattern().MatchString(s) },
	"URL": func(s string) bool {
		u, err := url.Parse(s)
		return err == nil && len(s) <= 4096 && !hasControl(s) && u.Scheme != "" && (u.Host != "" || u.Opaque != "")
	},
	"Username":            isShortString,
	"AccountIdentifier":   isShortString,
	"CryptoWalletAddress": isShortString,
}

// isIPAddress reports whether s is an IPv4 or IPv6 address in its usual text form,
// without a zone.
func isIPAddress(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Zone() == ""
}
