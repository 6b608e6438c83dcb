package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"regexp"
	"testing"
)

// FuzzNumber holds the number bound to an independent count: a number in
// an array is refused with ErrNumberTooLong exactly when its digits before
// the exponent exceed MaxNumberDigits or its exponent has more than
// MaxExponentDigits digits, and an accepted number's exact value stays
// small enough for math/big to be cheap.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-1", "1.5", "1e10", "12345678901234567890123", "0.0000000000001", "1E+0999", "1e00001", "9999999999999.5"} {
		f.Add(s)
	}
	lim := Limits{MaxNumberDigits: 12}
	f.Fuzz(func(t *testing.T, s string) {
		data := []byte("[" + s + "]")
		if !json.Valid(data) {
			return
		}
		err := Check(data, lim)
		mantissa, exponent := longestNumber(data)
		tooLong := mantissa > lim.MaxNumberDigits || exponent > MaxExponentDigits
		switch {
		case tooLong && !errors.Is(err, ErrNumberTooLong):
			t.Fatalf("%q: %d digits, %d-digit exponent, yet %v", s, mantissa, exponent, err)
		case !tooLong && errors.Is(err, ErrNumberTooLong):
			t.Fatalf("%q: %d digits, %d-digit exponent, within the limits, yet %v", s, mantissa, exponent, err)
		case err == nil:
			for _, n := range numbers(data) {
				r, ok := new(big.Rat).SetString(n)
				if !ok {
					t.Fatalf("%q accepted but not a number to math/big", n)
				}
				if bits := r.Num().BitLen() + r.Denom().BitLen(); bits > 40_000 {
					t.Fatalf("%q accepted with an exact value of %d bits", n, bits)
				}
			}
		}
	})
}

// numberParts splits a JSON number into its digits before the exponent and
// its exponent digits.
var numberParts = regexp.MustCompile(`^-?([0-9]+)(?:\.([0-9]+))?(?:[eE][+-]?([0-9]+))?$`)

// numbers lists the numbers in data, read with encoding/json's tokenizer.
func numbers(data []byte) []string {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var out []string
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		if n, ok := tok.(json.Number); ok {
			out = append(out, string(n))
		}
	}
}

// longestNumber reports the most digits before an exponent and the longest
// exponent of any number in data.
func longestNumber(data []byte) (mantissa, exponent int) {
	for _, n := range numbers(data) {
		m := numberParts.FindStringSubmatch(n)
		if m == nil {
			continue
		}
		mantissa = max(mantissa, len(m[1])+len(m[2]))
		exponent = max(exponent, len(m[3]))
	}
	return mantissa, exponent
}
