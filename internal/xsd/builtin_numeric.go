package xsd

import (
	"math/big"
	"strconv"
	"strings"
	"sync"
)

// isDecimalLex checks [+-]?(d+(.d*)?|.d+); intOnly refuses the fraction.
func isDecimalLex(s string, intOnly bool) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && !intOnly:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// smallRats caches the values of short integer literals, which dominate
// real documents, to avoid allocating for each. It is made on first use, so
// a process that never reads a decimal does not pay for it at start-up.
var smallRats = sync.OnceValue(func() *[256]*big.Rat {
	var t [256]*big.Rat
	for i := range t {
		t[i] = big.NewRat(int64(i), 1)
	}
	return &t
})

func parseDecimal(s string) *big.Rat {
	if len(s) <= 3 {
		if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < 256 && s[0] != '+' {
			return smallRats()[n]
		}
	}
	if len(s) < 18 {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return new(big.Rat).SetInt64(n)
		}
	}
	// Strip a leading '+': big.Rat does not accept it in every form.
	if s[0] == '+' {
		s = s[1:]
	}
	if s[0] == '.' || (s[0] == '-' && len(s) > 1 && s[1] == '.') {
		s = insertZero(s)
	}
	if s[len(s)-1] == '.' {
		s += "0"
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return new(big.Rat)
	}
	return r
}

func insertZero(s string) string {
	if s[0] == '-' {
		return "-0" + s[1:]
	}
	return "0" + s
}

// maxDecimalDigits is libxml2's bound on the digits of a decimal or
// integer literal: it keeps at most 24 once the leading zeros of the
// integer part are skipped, fraction digits included (zeros too), and
// finds a longer literal invalid (xmllint 2.9.14 agrees on every case in
// testdata/lexical/values.txt). Verdicts follow libxml2, and applying
// the bound before any big-number arithmetic keeps the cost of a value
// linear in its length: math/big on a literal of millions of digits is
// quadratic.
const maxDecimalDigits = 24

// trimDecimal checks a literal that passed isDecimalLex against
// maxDecimalDigits and returns it without the leading zeros of its
// integer part (one is kept before a point or alone), so that what
// reaches math/big is short.
func trimDecimal(s string) (string, bool) {
	sign := 0
	if s[0] == '+' || s[0] == '-' {
		sign = 1
	}
	i := sign
	for i < len(s) && s[i] == '0' {
		i++
	}
	// libxml2 reads integer digits while it has fewer than the bound, then
	// fraction digits likewise; anything left over makes the literal
	// invalid, so a point after 24 integer digits does too ("1…1.").
	intDigits, fracDigits := len(s)-i, -1
	if dot := strings.IndexByte(s[i:], '.'); dot >= 0 {
		intDigits, fracDigits = dot, len(s)-i-dot-1
	}
	switch {
	case fracDigits < 0 && intDigits > maxDecimalDigits,
		fracDigits >= 0 && (intDigits >= maxDecimalDigits || intDigits+fracDigits > maxDecimalDigits):
		return "", false
	}
	if i > sign && (i == len(s) || s[i] == '.') {
		i-- // keep one zero: "000" is "0", "00.5" is "0.5"
	}
	if i == sign {
		return s, true
	}
	return s[:sign] + s[i:], true
}

func lexDecimal(s string, _ nsLookup) (value, bool) {
	if !isDecimalLex(s, false) {
		return value{}, false
	}
	s, ok := trimDecimal(s)
	if !ok {
		return value{}, false
	}
	return decimalValue(s), true
}

// smallWithin reports whether n lies within [lo, hi] (a nil bound is none), and whether
// that was decided without math/big, which is so for integer bounds: one beyond the
// int64 range holds or fails for every n by its sign. A value of xs:nonNegativeInteger
// or xs:unsignedLong, the common case, then costs no big.Rat.
func smallWithin(n int64, lo, hi *big.Rat) (in, decided bool) {
	for i, b := range [2]*big.Rat{lo, hi} {
		if b == nil {
			continue
		}
		if !b.IsInt() {
			return false, false
		}
		c := b.Num()
		var out bool
		switch {
		case c.IsInt64() && i == 0:
			out = n < c.Int64()
		case c.IsInt64():
			out = n > c.Int64()
		case i == 0:
			out = c.Sign() > 0 // a lower bound above every int64
		default:
			out = c.Sign() < 0 // an upper bound below every int64
		}
		if out {
			return false, true
		}
	}
	return true, true
}

func lexInteger(lo, hi *big.Rat) func(string, nsLookup) (value, bool) {
	return func(s string, _ nsLookup) (value, bool) {
		if !isDecimalLex(s, true) {
			return value{}, false
		}
		s, ok := trimDecimal(s)
		if !ok {
			return value{}, false
		}
		v := decimalValue(s)
		if lo != nil || hi != nil {
			if v.small {
				if in, decided := smallWithin(v.ival, lo, hi); decided {
					if !in {
						return value{}, false
					}
					return v, true
				}
			}
			r := v.rat()
			if (lo != nil && r.Cmp(lo) < 0) || (hi != nil && r.Cmp(hi) > 0) {
				return value{}, false
			}
		}
		return v, true
	}
}

// isFloatLex checks the float/double lexical space of XSD 1.0:
// decimal mantissa with optional exponent, or INF, -INF, NaN.
func isFloatLex(s string) bool {
	switch s {
	case "INF", "-INF", "NaN":
		return true
	}
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		ed := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			ed++
		}
		_ = ed // libxml2 accepts an exponent without digits ("1e"); so do we
	}
	return i == len(s)
}

func lexFloat(p primitive) func(string, nsLookup) (value, bool) {
	bits := 64
	if p == pFloat {
		bits = 32
	}
	return func(s string, _ nsLookup) (value, bool) {
		if !isFloatLex(s) {
			return value{}, false
		}
		// Drop an empty exponent ("1e", "1e+") that the lexical check let
		// through.
		if k := strings.IndexAny(s, "eE"); k >= 0 && strings.TrimLeft(s[k+1:], "+-") == "" {
			s = s[:k]
		}
		f, err := strconv.ParseFloat(s, bits)
		if err != nil {
			// Out-of-range literals round to ±INF or 0 (IEEE 754 rules).
			if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
				return value{}, false
			}
		}
		return value{prim: p, f: f}, true
	}
}
