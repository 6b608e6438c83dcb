package jws

import (
	"bytes"
	"strconv"
)

// number writes the number at c.i as ECMAScript prints the double it denotes.
func (c *canonicalizer) number(dst []byte) ([]byte, error) {
	start := c.i
	integer := true
	for c.i < len(c.b) {
		ch := c.b[c.i]
		if ch >= '0' && ch <= '9' || ch == '-' {
			c.i++
			continue
		}
		if ch == '.' || ch == 'e' || ch == 'E' || ch == '+' {
			integer = false
			c.i++
			continue
		}
		break
	}
	text := c.b[start:c.i]
	digits := len(text)
	if digits > 0 && text[0] == '-' {
		digits--
	}
	// An integer of up to 15 digits is a double exactly and prints as its digits; JSON
	// allows no leading zero, so the text is already the shortest form but for "-0".
	if integer && digits > 0 && digits <= 15 {
		if string(text) == "-0" {
			return append(dst, '0'), nil
		}
		return append(dst, text...), nil
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil || digits == 0 {
		c.i = start
		return nil, c.errNotChecked()
	}
	return appendES6Number(dst, f), nil
}

// appendES6Number writes a finite f as ECMAScript's Number.prototype.toString does
// (ECMA-262 Number::toString): the shortest decimal digits that read back as f, in plain
// notation when the decimal exponent is within [-7, 21), in exponent notation otherwise.
func appendES6Number(dst []byte, f float64) []byte {
	if f == 0 {
		return append(dst, '0') // also -0
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	// 'e' with precision -1 gives the shortest round-tripping digits: d[.ddd]e±x.
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	mant, exp, _ := bytes.Cut(e, []byte{'e'})
	digits := make([]byte, 0, len(mant))
	for _, ch := range mant {
		if ch != '.' {
			digits = append(digits, ch)
		}
	}
	x, _ := strconv.Atoi(string(exp))
	k, n := len(digits), x+1 // f = 0.digits × 10^n
	switch {
	case k <= n && n <= 21:
		dst = append(dst, digits...)
		for range n - k {
			dst = append(dst, '0')
		}
	case 0 < n && n <= 21:
		dst = append(dst, digits[:n]...)
		dst = append(dst, '.')
		dst = append(dst, digits[n:]...)
	case -6 < n && n <= 0:
		dst = append(dst, '0', '.')
		for range -n {
			dst = append(dst, '0')
		}
		dst = append(dst, digits...)
	default:
		dst = append(dst, digits[0])
		if k > 1 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		dst = append(dst, 'e')
		if n-1 >= 0 {
			dst = append(dst, '+')
		}
		dst = strconv.AppendInt(dst, int64(n-1), 10)
	}
	return dst
}
