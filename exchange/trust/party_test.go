package trust

import (
	"crypto/x509"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestPartyValidateAndString(t *testing.T) {
	cases := []struct {
		p     Party
		ok    bool
		text  string
		fault string
	}{
		{Party{"NL", "om-rotterdam"}, true, "NL/om-rotterdam", ""},
		{Party{"XX", "a/b c"}, true, "XX/a/b c", ""},
		{Party{"nl", "om"}, false, "nl/om", "CountryCode"},
		{Party{"NLD", "om"}, false, "NLD/om", "CountryCode"},
		{Party{"NL", ""}, false, "NL/", "UniqueIdentifier"},
		{Party{"NL", strings.Repeat("é", 256)}, false, "", "UniqueIdentifier"},
		{Party{"NL", "a\x07b"}, false, "", "control"},
		{Party{"NL", "bad\xff"}, false, "", "UniqueIdentifier"},
	}
	for _, tc := range cases {
		err := tc.p.Validate()
		if tc.ok != (err == nil) {
			t.Errorf("%q: Validate() = %v, want ok %v", tc.p.String(), err, tc.ok)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidParty) || errors.Is(err, ErrUntrusted) || !strings.Contains(err.Error(), tc.fault) {
				t.Errorf("%q: err = %v, want ErrInvalidParty about %s, not ErrUntrusted", tc.p.String(), err, tc.fault)
			}
		}
		if tc.text != "" && tc.p.String() != tc.text {
			t.Errorf("String() = %q, want %q", tc.p.String(), tc.text)
		}
	}
}

// TestMisuseIsNotUntrusted: giving a bad party or no bundle is the caller's mistake, not
// a peer jcx refuses, so it carries no 8003.
func TestMisuseIsNotUntrusted(t *testing.T) {
	_, err := Issue(IssueRequest{Party: Party{"France", "pnf"}})
	if !errors.Is(err, ErrInvalidParty) || errors.Is(err, ErrUntrusted) {
		t.Errorf("Issue with a bad country: %v, want ErrInvalidParty and not ErrUntrusted", err)
	}
	var te *Error
	if errors.As(err, &te) {
		t.Errorf("Issue with a bad country carries code %d", te.Code())
	}
	for name, f := range map[string]func() error{
		"LoadBundle(nil)": func() error { _, err := LoadBundle(nil); return err },
		"NewBundle()":     func() error { _, err := NewBundle(); return err },
		"nil bundle":      func() error { _, err := (*Bundle)(nil).Verify([]*x509.Certificate{{}}, time.Time{}); return err },
		"LoadSigner":      func() error { _, err := LoadSigner([]byte("x"), []byte("y")); return err },
	} {
		err := f()
		if !errors.Is(err, ErrConfig) || errors.Is(err, ErrUntrusted) || errors.As(err, &te) {
			t.Errorf("%s: %v, want ErrConfig without a code", name, err)
		}
		if strings.Count(err.Error(), "trust:") != 1 {
			t.Errorf("%s: %q repeats its prefix", name, err)
		}
	}
}
