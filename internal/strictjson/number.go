package strictjson

// maxSafe is 2^53, the largest magnitude below which every integer is an
// IEEE 754 double and JCS (RFC 8785) reproduces it digit for digit.
const maxSafe = 1 << 53

// number checks the number at c.i against the grammar of RFC 8259 §6:
//
//	-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?
//
// and, under RequireSafeIntegers, that it is an integer of magnitude at
// most 2^53.
func (c *checker) number() error {
	data, start := c.data, c.i
	i := start
	if data[i] == '-' {
		i++
	}
	digits := i
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	default:
		return c.badNumber(start)
	}
	intEnd := i
	mantissa := i - digits
	if i < len(data) && data[i] == '.' {
		i++
		if !isDigit(data, i) {
			return c.badNumber(start)
		}
		fraction := i
		for isDigit(data, i) {
			i++
		}
		mantissa += i - fraction
	}
	exponent := 0
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !isDigit(data, i) {
			return c.badNumber(start)
		}
		first := i
		for isDigit(data, i) {
			i++
		}
		exponent = i - first
	}
	// A number runs into the next token only if it is malformed ("01",
	// "1.2.3", "1e5e5"); say so rather than "unexpected character".
	if i < len(data) && (isDigit(data, i) || data[i] == '.' || data[i] == 'e' || data[i] == 'E' || data[i] == '+' || data[i] == '-') {
		return c.badNumber(start)
	}
	c.i = i
	// Counted before anything computes the number's value: the work of
	// whoever does grows faster than its length.
	if mantissa > c.lim.MaxNumberDigits {
		return c.fail(ErrNumberTooLong, start, "the number %s has %d digits, more than the limit of %d", clip(data[start:i]), mantissa, c.lim.MaxNumberDigits)
	}
	if exponent > MaxExponentDigits {
		return c.fail(ErrNumberTooLong, start, "the number %s has an exponent of %d digits, more than the limit of %d", clip(data[start:i]), exponent, MaxExponentDigits)
	}
	if c.lim.RequireSafeIntegers {
		if intEnd != i {
			return c.fail(ErrUnsafeNumber, start, "the number %s has a fraction or exponent: signed content may hold only integers (JCS, RFC 8785)", clip(data[start:i]))
		}
		if !safeInt(data[digits:intEnd]) {
			return c.fail(ErrUnsafeNumber, start, "the integer %s is beyond ±2^53 and cannot be signed exactly (JCS, RFC 8785): send it as a string", clip(data[start:i]))
		}
	}
	return nil
}

func (c *checker) badNumber(start int) error {
	end := start + 1
	for end < len(c.data) && end-start < 40 {
		switch b := c.data[end]; {
		case b >= '0' && b <= '9', b == '.', b == 'e', b == 'E', b == '+', b == '-':
			end++
			continue
		}
		break
	}
	return c.fail(ErrSyntax, start, "invalid number %s", clip(c.data[start:end]))
}

func isDigit(data []byte, i int) bool { return i < len(data) && data[i] >= '0' && data[i] <= '9' }

// safeInt reports whether the decimal digits d (no sign, no leading zero)
// are at most 2^53.
func safeInt(d []byte) bool {
	if len(d) > 16 {
		return false
	}
	var n uint64
	for _, b := range d {
		n = n*10 + uint64(b-'0')
	}
	return n <= maxSafe
}

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
