package xsd

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// primitive is the primitive type a value belongs to; values of different
// primitives are never equal.
type primitive uint8

const (
	pAnySimple primitive = iota
	pString
	pBoolean
	pDecimal
	pFloat
	pDouble
	pDuration
	pDateTime
	pTime
	pDate
	pGYearMonth
	pGYear
	pGMonthDay
	pGDay
	pGMonth
	pHexBinary
	pBase64Binary
	pAnyURI
	pQName
	pNOTATION
)

// value is a parsed atomic value in its value space.
type value struct {
	prim  primitive
	s     string   // string-like values; binary octets; QName as {ns}local
	dec   *big.Rat // decimal family, unless small
	ival  int64    // decimal family: the value when small
	small bool
	f     float64 // float, double
	b     bool
	dt    dtValue
	dur   durValue
	raw   string // the literal, kept for facet values in messages
}

// equal reports value-space equality.
func (a value) equal(b value) bool {
	if a.prim != b.prim {
		return false
	}
	switch a.prim {
	case pDecimal:
		if a.small && b.small {
			return a.ival == b.ival
		}
		return a.rat().Cmp(b.rat()) == 0
	case pFloat, pDouble:
		if math.IsNaN(a.f) || math.IsNaN(b.f) {
			return math.IsNaN(a.f) && math.IsNaN(b.f)
		}
		return a.f == b.f
	case pBoolean:
		return a.b == b.b
	case pDuration:
		c, ok := compareDuration(a.dur, b.dur)
		return ok && c == 0
	case pDateTime, pTime, pDate, pGYearMonth, pGYear, pGMonthDay, pGDay, pGMonth:
		c, ok := compareDT(a.dt, b.dt)
		return ok && c == 0
	}
	return a.s == b.s
}

// compare orders a and b; ok is false when they are incomparable.
func (a value) compare(b value) (c int, ok bool) {
	if a.prim != b.prim {
		return 0, false
	}
	switch a.prim {
	case pDecimal:
		if a.small && b.small {
			switch {
			case a.ival < b.ival:
				return -1, true
			case a.ival > b.ival:
				return 1, true
			}
			return 0, true
		}
		return a.rat().Cmp(b.rat()), true
	case pFloat, pDouble:
		if math.IsNaN(a.f) || math.IsNaN(b.f) {
			return 0, false
		}
		switch {
		case a.f < b.f:
			return -1, true
		case a.f > b.f:
			return 1, true
		}
		return 0, true
	case pDuration:
		return compareDuration(a.dur, b.dur)
	case pDateTime, pTime, pDate, pGYearMonth, pGYear, pGMonthDay, pGDay, pGMonth:
		return compareDT(a.dt, b.dt)
	}
	return 0, false
}

// key is a string that is equal for equal values; identity constraints use it.
func (a value) key() string {
	p := string(rune('A' + a.prim))
	switch a.prim {
	case pDecimal:
		if a.small {
			return p + strconv.FormatInt(a.ival, 10)
		}
		return p + a.dec.RatString()
	case pFloat, pDouble:
		return p + strconv.FormatFloat(a.f, 'g', -1, 64)
	case pBoolean:
		if a.b {
			return p + "1"
		}
		return p + "0"
	case pDuration:
		return p + strconv.FormatInt(a.dur.months, 10) + "/" + a.dur.secs.RatString()
	case pDateTime, pTime, pDate, pGYearMonth, pGYear, pGMonthDay, pGDay, pGMonth:
		return p + a.dt.key()
	}
	return p + a.s
}

// length is the length of a value for the length facets; ok is false for
// primitives where length facets do not apply.
func (a value) length() (int, bool) {
	switch a.prim {
	case pString, pAnyURI, pAnySimple:
		return len([]rune(a.s)), true
	case pHexBinary, pBase64Binary:
		return len(a.s), true
	case pQName, pNOTATION:
		return 0, false
	}
	return 0, false
}

// rat returns a decimal value as a big.Rat.
func (a value) rat() *big.Rat {
	if a.small {
		return new(big.Rat).SetInt64(a.ival)
	}
	return a.dec
}

// decimalValue builds a decimal value, keeping integers that fit in an
// int64 out of math/big: most decimals in documents are small integers.
func decimalValue(s string) value {
	if len(s) < 19 && strings.IndexByte(s, '.') < 0 {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return value{prim: pDecimal, ival: n, small: true}
		}
	}
	r := parseDecimal(s)
	if r.IsInt() && r.Num().IsInt64() {
		return value{prim: pDecimal, ival: r.Num().Int64(), small: true}
	}
	return value{prim: pDecimal, dec: r}
}
