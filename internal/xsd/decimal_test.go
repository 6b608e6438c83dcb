package xsd

import (
	"math/big"
	"strings"
	"testing"
)

// FuzzDecimalDigits holds trimDecimal to a plain reading of libxml2's
// rule and to math/big: a literal within the bound keeps its value.
func FuzzDecimalDigits(f *testing.F) {
	for _, s := range []string{"0", "-0.5", "+000.1", "1.", ".5", strings.Repeat("1", 24), strings.Repeat("1", 24) + ".", "00" + strings.Repeat("9", 25), "0." + strings.Repeat("0", 24)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isDecimalLex(s, false) {
			return
		}
		trimmed, ok := trimDecimal(s)
		if want := libxml2DecimalFits(s); ok != want {
			t.Fatalf("%q: within the bound %v, libxml2's rule says %v", s, ok, want)
		}
		if !ok {
			return
		}
		if len(trimmed) > maxDecimalDigits+3 {
			t.Fatalf("%q trimmed to %q, longer than the bound", s, trimmed)
		}
		want, _ := new(big.Rat).SetString(strings.TrimSuffix(strings.TrimPrefix(s, "+"), "."))
		if got := decimalValue(trimmed).rat(); want != nil && got.Cmp(want) != 0 {
			t.Fatalf("%q: value %v, want %v", s, got, want)
		}
	})
}

// libxml2DecimalFits follows xmlSchemaValAtomicType's decimal loop: skip
// the sign and leading zeros, read at most 24 digits with at most one
// point among them, and fail on anything left.
func libxml2DecimalFits(s string) bool {
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	for i < len(s) && s[i] == '0' {
		i++
	}
	n := 0
	for i < len(s) && n < 24 {
		if s[i] == '.' {
			i++
			for i < len(s) && n < 24 && s[i] >= '0' && s[i] <= '9' {
				i++
				n++
			}
			break
		}
		i++
		n++
	}
	return i == len(s)
}
