// Package humantime writes durations and instants for the messages people read in
// findings and errors: "10 days" rather than "240h0m0s", and RFC 3339 without the fraction
// digits that only repeat zeros.
package humantime

import (
	"strconv"
	"time"
)

var units = []struct {
	size time.Duration
	name string
}{
	{24 * time.Hour, "day"},
	{time.Hour, "hour"},
	{time.Minute, "minute"},
	{time.Second, "second"},
}

// Duration writes d in its largest unit and the next one, rounded to the second, leaving
// out what is smaller: "10 days", "8 hours", "1 day 6 hours", "5 minutes 30 seconds". A
// negative duration is written as its magnitude; the sentence around it says which way
// it points. Under half a second is "less than a second".
func Duration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Second)
	for i, u := range units {
		if d < u.size {
			continue
		}
		s := plural(int64(d/u.size), u.name)
		if i+1 < len(units) {
			if k := d % u.size / units[i+1].size; k > 0 {
				s += " " + plural(int64(k), units[i+1].name)
			}
		}
		return s
	}
	return "less than a second"
}

func plural(n int64, unit string) string {
	s := strconv.FormatInt(n, 10) + " " + unit
	if n != 1 {
		s += "s"
	}
	return s
}

// Time writes t as RFC 3339 in its own zone, with fraction digits only as far as they
// are not zero: 2026-11-17T09:00:00Z, 2026-11-17T09:00:00.25+01:00.
func Time(t time.Time) string {
	return t.Format(time.RFC3339Nano)
}
