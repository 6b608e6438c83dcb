package exchange

import (
	"regexp"
	"slices"
	"testing"
)

func TestDictionariesWellFormed(t *testing.T) {
	value := regexp.MustCompile(`^[A-Z][A-Za-z0-9-]{1,63}$`)
	if len(dictionaries) != 13 {
		t.Errorf("%d dictionaries, want 13: a dictionary was added or lost without updating this test", len(dictionaries))
	}
	for name, vs := range dictionaries {
		if len(vs) == 0 {
			t.Errorf("dictionary %s is empty", name)
		}
		seen := map[string]bool{}
		for _, v := range vs {
			if !value.MatchString(v) {
				t.Errorf("%s: value %q is not an identifier-like word", name, v)
			}
			if seen[v] {
				t.Errorf("%s: value %q twice", name, v)
			}
			seen[v] = true
		}
	}
	if n := len(dictionaries[DictOffenceCategory]); n != 32 {
		t.Errorf("OffenceCategory has %d values; FD 2002/584/JHA art. 2(2) lists 32", n)
	}
	for _, v := range []string{"MLA", "EIO", "EPOC", "EPOC-PR", "EAW", "Extradition", "Freezing", "Confiscation",
		"JIT", "SpontaneousInformation", "TransferOfProceedings"} {
		if !inDictionary(DictInstrument, v) {
			t.Errorf("instrument %s missing", v)
		}
	}
}

func TestDictionaryValuesIsACopy(t *testing.T) {
	vs, ok := DictionaryValues(DictApprovalType)
	if !ok || !slices.Equal(vs, []string{ApprovalIssuing, ApprovalValidating}) {
		t.Fatalf("DictionaryValues(ApprovalType) = %v, %v", vs, ok)
	}
	vs[0] = "Changed"
	if !inDictionary(DictApprovalType, ApprovalIssuing) {
		t.Fatal("changing the returned slice changed the dictionary")
	}
	if _, ok := DictionaryValues("Nope"); ok {
		t.Fatal("unknown dictionary reported as known")
	}
	mt := AcceptedMediaTypes()
	mt[0] = "x/y"
	if mediaTypeAccepted("x/y") {
		t.Fatal("changing AcceptedMediaTypes' result changed the allow-list")
	}
}

func TestAcceptedMediaTypesAreWellFormed(t *testing.T) {
	for _, m := range acceptedMediaTypes {
		if e, ok := parseMediaType(m); !ok || e != m {
			t.Errorf("allow-list entry %q is not a lowercase media type essence", m)
		}
	}
}

func TestIdentifierFormatsMatchDictionary(t *testing.T) {
	names := dictionaries[DictIdentifierFormat]
	if len(names) != len(identifierFormats) {
		t.Errorf("%d format names, %d checkers", len(names), len(identifierFormats))
	}
	for _, n := range names {
		if identifierFormats[n] == nil {
			t.Errorf("format %s has no checker", n)
		}
	}
}

func TestIdentifierFormats(t *testing.T) {
	for _, tc := range []struct {
		format, value string
		ok            bool
	}{
		{"EmailAddress", "x@example.com", true},
		{"EmailAddress", "x.example.com", false},
		{"TelephoneNumber", "+353123456789", true},
		{"TelephoneNumber", "0123456789", false},
		{"IPAddress", "198.51.100.23", true},
		{"IPAddress", "2001:db8::1", true},
		{"IPAddress", "fe80::1%eth0", false},
		{"IPAddress", "198.51.100.256", false},
		{"IPAddressAtTime", "198.51.100.23@2026-11-16T22:41:09Z", true},
		{"IPAddressAtTime", "2001:db8::1@2026-11-16T22:41:09.5+01:00", true},
		{"IPAddressAtTime", "198.51.100.23", false},
		{"IPAddressAtTime", "198.51.100.23@2026-11-16", false},
		{"IMSI", "208011234567890", true},
		{"IMSI", "20801A", false},
		{"IMEI", "490154203237518", true},
		{"IMEI", "4901542032", false},
		{"MACAddress", "00:1a:2b:3c:4d:5e", true},
		{"MACAddress", "00:1a:2b", false},
		{"IBAN", "DE89370400440532013000", true},
		{"IBAN", "DE00370400440532013000", false},
		{"DomainName", "examplemail.example", true},
		{"DomainName", "-bad-.example", false},
		{"DomainName", "localhost", false},
		{"URL", "https://example.org/u/1", true},
		{"URL", "not a url", false},
		{"Username", "durand_1990", true},
		{"Username", "a\nb", false},
	} {
		if got := identifierFormats[tc.format](tc.value); got != tc.ok {
			t.Errorf("%s(%q) = %v, want %v", tc.format, tc.value, got, tc.ok)
		}
	}
}
