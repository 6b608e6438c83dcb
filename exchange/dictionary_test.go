package exchange

import (
	"regexp"
	"slices"
	"testing"
)

func TestDictionariesWellFormed(t *testing.T) {
	value := regexp.MustCompile(`^[A-Z][A-Za-z0-9-]{1,63}$`)
	if len(dictionaries) != 12 {
		t.Errorf("%d dictionaries, want 12: a dictionary was added or lost without updating this test", len(dictionaries))
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
