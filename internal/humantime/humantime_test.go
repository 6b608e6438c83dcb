package humantime

import (
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{240 * time.Hour, "10 days"},
		{8 * time.Hour, "8 hours"},
		{1440 * time.Hour, "60 days"},
		{24 * time.Hour, "1 day"},
		{30*time.Hour + 59*time.Minute, "1 day 6 hours"},
		{-(26*time.Hour + 3*time.Minute + 4*time.Second), "1 day 2 hours"},
		{5 * time.Minute, "5 minutes"},
		{300*time.Second + 400*time.Millisecond, "5 minutes"},
		{90 * time.Second, "1 minute 30 seconds"},
		{time.Hour + 30*time.Second, "1 hour"},
		{1500 * time.Millisecond, "2 seconds"},
		{time.Second, "1 second"},
		{400 * time.Millisecond, "less than a second"},
		{0, "less than a second"},
	} {
		if got := Duration(tc.d); got != tc.want {
			t.Errorf("Duration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestTime(t *testing.T) {
	cet := time.FixedZone("", 3600)
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 11, 17, 9, 0, 0, 0, time.UTC), "2026-11-17T09:00:00Z"},
		{time.Date(2026, 11, 17, 9, 0, 0, 250_000_000, cet), "2026-11-17T09:00:00.25+01:00"},
		{time.Date(2026, 11, 17, 9, 0, 0, 123456789, time.UTC), "2026-11-17T09:00:00.123456789Z"},
	} {
		if got := Time(tc.t); got != tc.want {
			t.Errorf("Time(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}
