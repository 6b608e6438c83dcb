package exchange_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// Durations and instants in findings are written for people: "10 days", not "240h0m0s";
// 2026-11-17T09:00:00Z, not a fraction of zeros or nine digits the input did not have.
var machineTime = regexp.MustCompile(`\d+h\d+m|\d+m\d+(\.\d+)?s\b|\d{2}:\d{2}:\d{2}\.0+(Z|[+-])|\d{2}:\d{2}:\d{2}\.\d{7,}`)

func TestFindingMessagesSayTimeForPeople(t *testing.T) {
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	v := exchange.NewValidator(exchange.Options{
		Now:                    func() time.Time { return now },
		ClockWindow:            5 * time.Minute,
		RefuseElapsedDeadlines: true,
	})
	files, _ := filepath.Glob("../testdata/messages/invalid/rule-*")
	var timed int
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range v.Validate(data, exchange.FormatAuto).Findings {
			if machineTime.MatchString(f.Message) {
				t.Errorf("%s: %v: a duration or time written for machines", filepath.Base(file), f)
			}
			if f.Code == exchange.CodeDeadline || f.Code == exchange.CodeClockWindow {
				timed++
			}
		}
	}
	if timed < 10 {
		t.Errorf("only %d deadline and clock findings among the rule fixtures", timed)
	}
}

func TestFindingMessagesDurations(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("../testdata/messages/invalid", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for _, tc := range []struct {
		file string
		opts exchange.Options
		code exchange.ErrorCode
		want string
	}{
		{"rule-8031-epoc-20-days.xml", exchange.Options{}, exchange.CodeDeadline,
			"deadline 2026-12-10T08:30:00Z is 20 days after the message timestamp, more than 10 days; an EPOC is answered within 10 days"},
		{"rule-8031-epoc-emergency-24h.json", exchange.Options{}, exchange.CodeDeadline,
			"is 1 day after the message timestamp, more than 8 hours; an emergency EPOC"},
		{"rule-8031-preservation-75-days.json", exchange.Options{}, exchange.CodeDeadline,
			"is 75 days after the message timestamp, more than 60 days; preservation lasts 60 days"},
		{"rule-8031-deadline-before-timestamp.xml", exchange.Options{}, exchange.CodeDeadline,
			"deadline 2026-11-16T09:00:00Z is not after the message timestamp 2026-11-17T09:00:00Z"},
		{"rule-8031-deadline-passed.json", exchange.Options{RefuseElapsedDeadlines: true,
			Now: func() time.Time { return time.Date(2026, 11, 20, 12, 30, 0, 999, time.UTC) }}, exchange.CodeDeadline,
			"deadline 2026-11-19T09:00:00Z passed 1 day 3 hours before this endpoint's clock (2026-11-20T12:30:00Z)"},
		{"rule-3007-country-uk.json", exchange.Options{ClockWindow: 5 * time.Minute,
			Now: func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC) }}, exchange.CodeClockWindow,
			"behind this endpoint's clock (2026-11-22T10:00:00Z); at most 5 minutes either way is accepted"},
	} {
		var got []string
		ok := false
		for _, f := range exchange.NewValidator(tc.opts).Validate(read(tc.file), exchange.FormatAuto).Findings {
			if f.Code == tc.code {
				got = append(got, f.Message)
				ok = ok || strings.Contains(f.Message, tc.want)
			}
		}
		if !ok {
			t.Errorf("%s: %d messages %q, want one containing %q", tc.file, tc.code, got, tc.want)
		}
	}
}
