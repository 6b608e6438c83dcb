package sigerr

import (
	"errors"
	"io"
	"testing"
)

func TestIs(t *testing.T) {
	missing := Sentinel("a", Missing, "signature required")
	invalid := Sentinel("a", Invalid, "invalid signature")
	otherPkg := Sentinel("b", Invalid, "invalid signature")
	err := New("a", Invalid, "digest mismatch", io.ErrUnexpectedEOF)
	tests := []struct {
		name   string
		target error
		want   bool
	}{
		{"same package and code", invalid, true},
		{"same package, other code", missing, false},
		{"same code, other package", otherPkg, false},
		{"the cause", io.ErrUnexpectedEOF, true},
		{"a non-sentinel error of the same code", New("a", Invalid, "x", nil), false},
	}
	for _, tc := range tests {
		if got := errors.Is(err, tc.target); got != tc.want {
			t.Errorf("%s: errors.Is = %v, want %v", tc.name, got, tc.want)
		}
	}
	if err.Code() != Invalid || err.Error() != "a: digest mismatch: unexpected EOF" {
		t.Errorf("Code/Error = %d %q", err.Code(), err.Error())
	}
}
