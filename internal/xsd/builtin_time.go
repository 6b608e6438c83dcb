package xsd

import (
	"math/big"
	"strconv"
	"strings"
)

// dtValue is a date/time value of any of the eight date/time primitives;
// absent components hold the reference values of XSD 1.0 §3.2.7.
type dtValue struct {
	year                 int64
	month, day           int
	hour, minute, second int
	frac                 string // fraction-of-second digits, trailing zeros removed
	tz                   int    // offset in minutes
	hasTZ                bool
}

// timeline returns seconds on a proleptic Gregorian timeline, in UTC when
// the value has a time zone.
func (d dtValue) timeline(extraMinutes int) int64 {
	days := daysFromCivil(d.year, d.month, d.day)
	return days*86400 + int64(d.hour*3600+d.minute*60+d.second) - int64((d.tz+extraMinutes)*60)
}

// daysFromCivil counts days since 1970-01-01 (H. Hinnant's algorithm).
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func cmpFrac(a, b string) int {
	for len(a) < len(b) {
		a += "0"
	}
	for len(b) < len(a) {
		b += "0"
	}
	return strings.Compare(a, b)
}

// compareDT orders two values; with exactly one time zone present the
// order is partial (XSD 1.0 §3.2.7.3): the other is tried at ±14:00.
func compareDT(a, b dtValue) (int, bool) {
	cmp := func(ta, tb int64) int {
		switch {
		case ta < tb:
			return -1
		case ta > tb:
			return 1
		}
		return cmpFrac(a.frac, b.frac)
	}
	if a.hasTZ == b.hasTZ {
		return cmp(a.timeline(0), b.timeline(0)), true
	}
	if a.hasTZ {
		c1 := cmp(a.timeline(0), b.timeline(14*60))
		c2 := cmp(a.timeline(0), b.timeline(-14*60))
		if c1 == c2 && c1 != 0 {
			return c1, true
		}
		return 0, false
	}
	c, ok := compareDT(b, a)
	return -c, ok
}

func (d dtValue) key() string {
	tz := "L"
	if d.hasTZ {
		tz = "Z"
	}
	return strconv.FormatInt(d.timeline(0), 10) + "." + d.frac + tz
}

// lexDateTime parses one of the eight date/time primitives.
func lexDateTime(p primitive) func(string, nsLookup) (value, bool) {
	return func(s string, _ nsLookup) (value, bool) {
		d := dtValue{year: 1972, month: 12, day: 31}
		var ok bool
		rest := s
		switch p {
		case pDateTime, pDate, pGYearMonth, pGYear:
			if d.year, rest, ok = parseYear(rest); !ok {
				return value{}, false
			}
			if p != pGYear {
				if d.month, rest, ok = fixed2(rest, "-"); !ok {
					return value{}, false
				}
				if p != pGYearMonth {
					if d.day, rest, ok = fixed2(rest, "-"); !ok {
						return value{}, false
					}
				} else {
					d.day = 1
				}
			} else {
				d.month, d.day = 1, 1
			}
			if p == pDateTime {
				if !strings.HasPrefix(rest, "T") {
					return value{}, false
				}
				if rest, ok = parseClock(&d, rest[1:]); !ok {
					return value{}, false
				}
			}
		case pTime:
			if rest, ok = parseClock(&d, rest); !ok {
				return value{}, false
			}
		case pGMonthDay:
			if d.month, rest, ok = fixed2(rest, "--"); !ok {
				return value{}, false
			}
			if d.day, rest, ok = fixed2(rest, "-"); !ok {
				return value{}, false
			}
		case pGDay:
			if d.day, rest, ok = fixed2(rest, "---"); !ok {
				return value{}, false
			}
		case pGMonth:
			if d.month, rest, ok = fixed2(rest, "--"); !ok {
				return value{}, false
			}
			d.day = 1
		}
		if d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysIn(d.year, d.month) {
			return value{}, false
		}
		if p == pGMonthDay || p == pGDay {
			// No year: 29 February is allowed (reference year 1972 is leap).
			if d.day > daysIn(2000, d.month) {
				return value{}, false
			}
		}
		if rest != "" {
			if rest, ok = parseTZ(&d, rest); !ok || rest != "" {
				return value{}, false
			}
		}
		return value{prim: p, dt: d}, true
	}
}

func daysIn(y int64, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseYear reads -?YYYY+ : at least four digits, no leading zero beyond
// four, and no year 0000 (XSD 1.0).
func parseYear(s string) (int64, string, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n < 4 || (n > 4 && s[0] == '0') || n > 12 {
		return 0, "", false
	}
	y, _ := strconv.ParseInt(s[:n], 10, 64)
	if y == 0 {
		return 0, "", false
	}
	if neg {
		y = -y + 1 // astronomical numbering keeps the timeline continuous
	}
	return y, s[n:], true
}

// fixed2 reads sep followed by exactly two digits.
func fixed2(s, sep string) (int, string, bool) {
	if !strings.HasPrefix(s, sep) {
		return 0, "", false
	}
	s = s[len(sep):]
	if len(s) < 2 || !isDigit(s[0]) || !isDigit(s[1]) {
		return 0, "", false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), s[2:], true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseClock reads hh:mm:ss(.s+)? ; 24:00:00 is the end of the day.
func parseClock(d *dtValue, s string) (string, bool) {
	var ok bool
	if d.hour, s, ok = fixed2(s, ""); !ok {
		return "", false
	}
	if d.minute, s, ok = fixed2(s, ":"); !ok {
		return "", false
	}
	if d.second, s, ok = fixed2(s, ":"); !ok {
		return "", false
	}
	if strings.HasPrefix(s, ".") {
		n := 1
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		if n == 1 {
			return "", false
		}
		d.frac = strings.TrimRight(s[1:n], "0")
		s = s[n:]
	}
	if d.minute > 59 || d.second > 59 {
		return "", false
	}
	if d.hour == 24 {
		if d.minute != 0 || d.second != 0 || d.frac != "" {
			return "", false
		}
	} else if d.hour > 23 {
		return "", false
	}
	return s, true
}

// parseTZ reads Z or (+|-)hh:mm with |offset| <= 14:00.
func parseTZ(d *dtValue, s string) (string, bool) {
	if s[0] == 'Z' {
		d.hasTZ = true
		return s[1:], true
	}
	if s[0] != '+' && s[0] != '-' {
		return "", false
	}
	h, rest, ok := fixed2(s[1:], "")
	if !ok {
		return "", false
	}
	m, rest, ok := fixed2(rest, ":")
	if !ok || m > 59 || h > 14 || (h == 14 && m != 0) {
		return "", false
	}
	d.tz = h*60 + m
	if s[0] == '-' {
		d.tz = -d.tz
	}
	d.hasTZ = true
	return rest, true
}

// durValue is a duration as months and seconds (XSD 1.0 §3.2.6).
type durValue struct {
	months int64
	secs   *big.Rat
}

func lexDuration(s string, _ nsLookup) (value, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") {
		return value{}, false
	}
	datePart, timePart, hasT := strings.Cut(s[1:], "T")
	if (hasT && timePart == "") || (datePart == "" && !hasT) {
		return value{}, false
	}
	var months int64
	secs := new(big.Rat)
	// Units in each part must appear in this order, each at most once.
	parse := func(part, units string, mult [3]int64, toMonths bool) bool {
		last := -1
		for part != "" {
			n := 0
			for n < len(part) && (isDigit(part[n]) || part[n] == '.') {
				n++
			}
			if n == 0 || n == len(part) || n > 30 {
				return false
			}
			num, unit := part[:n], part[n]
			part = part[n+1:]
			idx := strings.IndexByte(units, unit)
			if idx <= last {
				return false
			}
			last = idx
			dot := strings.IndexByte(num, '.')
			if dot >= 0 && (unit != 'S' || dot == 0 || dot == len(num)-1 || strings.Count(num, ".") > 1) {
				return false
			}
			r := parseDecimal(num)
			if toMonths {
				months += mult[idx] * r.Num().Int64()
			} else {
				secs.Add(secs, new(big.Rat).Mul(r, big.NewRat(mult[idx], 1)))
			}
		}
		return true
	}
	if !parse(datePart, "YM", [3]int64{12, 1}, true) {
		// The date part may also hold days, which count as seconds; the
		// failed attempt may have counted its years and months already.
		months = 0
		ym, d, found := cutDays(datePart)
		if !found || !parse(ym, "YM", [3]int64{12, 1}, true) || !parse(d, "D", [3]int64{86400}, false) {
			return value{}, false
		}
	}
	if hasT && !parse(timePart, "HMS", [3]int64{3600, 60, 1}, false) {
		return value{}, false
	}
	if neg {
		months = -months
		secs.Neg(secs)
	}
	return value{prim: pDuration, dur: durValue{months: months, secs: secs}}, true
}

// cutDays splits "1Y2M3D" into "1Y2M" and "3D".
func cutDays(s string) (string, string, bool) {
	if !strings.HasSuffix(s, "D") {
		return "", "", false
	}
	i := len(s) - 1
	for i > 0 && isDigit(s[i-1]) {
		i--
	}
	return s[:i], s[i:], i < len(s)-1
}

// compareDuration orders durations as XSD 1.0 §3.2.6.2 says: by adding both
// to four reference dateTimes, chosen so that every month length and leap
// year matters; the order holds only when all four agree, otherwise the
// durations are incomparable.
func compareDuration(a, b durValue) (int, bool) {
	if a.months == b.months {
		return a.secs.Cmp(b.secs), true
	}
	order := 0
	for i, ref := range durationRefs {
		c := durationEnd(ref, a).Cmp(durationEnd(ref, b))
		if i > 0 && c != order {
			return 0, false
		}
		order = c
	}
	return order, true
}

// durationRefs are the reference dateTimes 1696-09-01T00:00:00Z,
// 1697-02-01, 1903-03-01 and 1903-07-01, as year and month.
var durationRefs = [4][2]int64{{1696, 9}, {1697, 2}, {1903, 3}, {1903, 7}}

// durationEnd is ref + d in seconds on a common timeline. Every reference
// falls on the first of a month, so adding months never clamps the day.
func durationEnd(ref [2]int64, d durValue) *big.Rat {
	months := ref[1] - 1 + d.months
	year := ref[0] + months/12
	if months %= 12; months < 0 {
		months += 12
		year--
	}
	out := new(big.Rat).SetInt64(daysFromCivil(year, int(months)+1, 1) * 86400)
	return out.Add(out, d.secs)
}
