package xsd

import (
	"math"
	"math/big"
	"testing"
)

// TestSmallWithin holds the int64 shortcut of the integer bounds to math/big on bounds
// inside, at the edges of and beyond the int64 range.
func TestSmallWithin(t *testing.T) {
	rat := func(s string) *big.Rat {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatal(s)
		}
		return r
	}
	bounds := []*big.Rat{nil, rat("0"), rat("1"), rat("-1"), rat("255"), rat("9223372036854775807"), rat("-9223372036854775808"),
		rat("18446744073709551615"), rat("-18446744073709551616"), rat("1/2")}
	values := []int64{math.MinInt64, -256, -1, 0, 1, 2, 255, 256, math.MaxInt64}
	for _, lo := range bounds {
		for _, hi := range bounds {
			for _, n := range values {
				in, decided := smallWithin(n, lo, hi)
				r := new(big.Rat).SetInt64(n)
				want := (lo == nil || r.Cmp(lo) >= 0) && (hi == nil || r.Cmp(hi) <= 0)
				nonInt := lo != nil && !lo.IsInt() || hi != nil && !hi.IsInt()
				if decided && in != want || !decided && !nonInt {
					t.Errorf("smallWithin(%d, %v, %v) = %v, %v; want %v", n, lo, hi, in, decided, want)
				}
			}
		}
	}
}
