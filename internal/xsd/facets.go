package xsd

import (
	"fmt"
	"strconv"
	"strings"
)

// facetSet holds the constraining facets of one restriction step. Facets
// of every step apply: checking all steps is equivalent to checking the most
// restrictive value, and patterns must hold at each step (XSD 1.0 §4.3.4).
type facetSet struct {
	patterns   []*pattern // alternatives of this step: one must match
	patternSrc []string
	enums      []value // nil means no enumeration facet
	enumLex    []string
	hasEnum    bool
	length     int // -1 when absent
	minLength  int
	maxLength  int
	minInc     *value
	maxInc     *value
	minExc     *value
	maxExc     *value
	totalDig   int
	fracDig    int
}

func newFacetSet() *facetSet {
	return &facetSet{length: -1, minLength: -1, maxLength: -1, totalDig: -1, fracDig: -1}
}

// checkFacets checks the literal lex (whitespace-normalised) and value v.
// n is the item count for lists, -1 otherwise.
func (t *simpleType) checkFacets(lex string, v value, n int) error {
	for _, f := range t.facets {
		if err := f.check(t, lex, v, n); err != nil {
			return err
		}
	}
	return nil
}

func (f *facetSet) check(t *simpleType, lex string, v value, n int) error {
	if len(f.patterns) > 0 {
		ok := false
		for _, re := range f.patterns {
			if re.match(lex) {
				ok = true
				break
			}
		}
		if !ok {
			return &validationError{fmt.Sprintf("value %s does not match pattern %s", quote(lex), strings.Join(f.patternSrc, " | "))}
		}
	}
	if f.hasEnum {
		ok := false
		for i, e := range f.enums {
			if n >= 0 || t.variety == union {
				// Lists and unions compare the normalised literals.
				if f.enumLex[i] == lex || e.equal(v) {
					ok = true
					break
				}
			} else if e.equal(v) {
				ok = true
				break
			}
		}
		if !ok {
			return &validationError{fmt.Sprintf("value %s is not one of the enumeration {%s}", quote(lex), joinQuoted(f.enumLex))}
		}
	}
	if f.length >= 0 || f.minLength >= 0 || f.maxLength >= 0 {
		l, ok := n, n >= 0
		if !ok {
			l, ok = v.length()
		}
		if ok {
			switch {
			case f.length >= 0 && l != f.length:
				return &validationError{fmt.Sprintf("value %s has length %d, expected %d", quote(lex), l, f.length)}
			case f.minLength >= 0 && l < f.minLength:
				return &validationError{fmt.Sprintf("value %s has length %d, shorter than minLength %d", quote(lex), l, f.minLength)}
			case f.maxLength >= 0 && l > f.maxLength:
				return &validationError{fmt.Sprintf("value %s has length %d, longer than maxLength %d", quote(lex), l, f.maxLength)}
			}
		}
	}
	if f.minInc != nil {
		if c, ok := v.compare(*f.minInc); !ok || c < 0 {
			return &validationError{fmt.Sprintf("value %s is less than minInclusive %s", quote(lex), f.minInc.lexical())}
		}
	}
	if f.maxInc != nil {
		if c, ok := v.compare(*f.maxInc); !ok || c > 0 {
			return &validationError{fmt.Sprintf("value %s is greater than maxInclusive %s", quote(lex), f.maxInc.lexical())}
		}
	}
	if f.minExc != nil {
		if c, ok := v.compare(*f.minExc); !ok || c <= 0 {
			return &validationError{fmt.Sprintf("value %s is not greater than minExclusive %s", quote(lex), f.minExc.lexical())}
		}
	}
	if f.maxExc != nil {
		if c, ok := v.compare(*f.maxExc); !ok || c >= 0 {
			return &validationError{fmt.Sprintf("value %s is not less than maxExclusive %s", quote(lex), f.maxExc.lexical())}
		}
	}
	if f.totalDig >= 0 || f.fracDig >= 0 {
		total, frac := decimalDigits(lex)
		if f.totalDig >= 0 && total > f.totalDig {
			return &validationError{fmt.Sprintf("value %s has %d digits, more than totalDigits %d", quote(lex), total, f.totalDig)}
		}
		if f.fracDig >= 0 && frac > f.fracDig {
			return &validationError{fmt.Sprintf("value %s has %d fraction digits, more than fractionDigits %d", quote(lex), frac, f.fracDig)}
		}
	}
	return nil
}

// decimalDigits counts significant total and fraction digits of a decimal
// literal: leading zeros of the integer part and trailing zeros of the
// fraction do not count.
func decimalDigits(lex string) (total, frac int) {
	lex = strings.TrimLeft(lex, "+-")
	ip, fp, _ := strings.Cut(lex, ".")
	ip = strings.TrimLeft(ip, "0")
	fp = strings.TrimRight(fp, "0")
	if ip == "" {
		// XSD 1.0 would give 0.0012 two digits; libxml2 counts the
		// leading fraction zeros (four), and verdicts follow libxml2.
		return len(fp), len(fp)
	}
	return len(ip) + len(fp), len(fp)
}

func joinQuoted(s []string) string {
	var b strings.Builder
	for i, x := range s {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 12 {
			b.WriteString("…")
			break
		}
		b.WriteString(quote(x))
	}
	return b.String()
}

// lexical renders a facet value for messages.
func (a value) lexical() string {
	if a.raw != "" {
		return a.raw
	}
	switch a.prim {
	case pDecimal:
		if a.small {
			return strconv.FormatInt(a.ival, 10)
		}
		if a.dec.IsInt() {
			return a.dec.Num().String()
		}
		return a.dec.FloatString(20)
	case pFloat, pDouble:
		return strconv.FormatFloat(a.f, 'g', -1, 64)
	case pDuration, pDateTime, pTime, pDate, pGYearMonth, pGYear, pGMonthDay, pGDay, pGMonth:
		return a.key()[1:]
	}
	return a.s
}
