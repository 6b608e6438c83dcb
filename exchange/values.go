package exchange

import (
	"crypto/rand"
	"fmt"
	"regexp"
	"sync"
	"time"
)

// UUID is a lowercase RFC 9562 UUID in its 8-4-4-4-12 form. It is kept as text so that a
// decoded message re-encodes to the same characters.
type UUID string

var uuidPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
})

// NewUUID returns a random (version 4) UUID.
func NewUUID() UUID {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("jcx: crypto/rand failed: " + err.Error()) // rand.Read never fails on supported platforms
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return UUID(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}

// Valid reports whether u is a lowercase UUID.
func (u UUID) Valid() bool { return uuidPattern().MatchString(string(u)) }

// TimestampLayout is the layout of header timestamps: UTC with exactly six fraction digits.
// time.RFC3339Nano would drop trailing zeros.
const TimestampLayout = "2006-01-02T15:04:05.000000Z07:00"

// Timestamp is a header timestamp: a date and time with exactly six fraction digits and a
// zone. Messages this package builds always use UTC ("Z").
type Timestamp string

// NewTimestamp formats t in UTC with six fraction digits.
func NewTimestamp(t time.Time) Timestamp {
	return Timestamp(t.UTC().Format(TimestampLayout))
}

var timestampPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$`)
})

// Time parses the timestamp.
func (ts Timestamp) Time() (time.Time, error) {
	if !timestampPattern().MatchString(string(ts)) {
		return time.Time{}, fmt.Errorf("timestamp %q: want YYYY-MM-DDThh:mm:ss.ffffff with six fraction digits and a zone", string(ts))
	}
	return time.Parse(time.RFC3339Nano, string(ts))
}

// DateTime is a date and time with a zone (xs:dateTime with a mandatory offset); fraction
// digits are optional.
type DateTime string

// NewDateTime formats t in UTC, keeping fraction digits only when t has them.
func NewDateTime(t time.Time) DateTime { return DateTime(t.UTC().Format(time.RFC3339Nano)) }

var dateTimePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)
})

// Time parses the date and time.
func (dt DateTime) Time() (time.Time, error) {
	if !dateTimePattern().MatchString(string(dt)) {
		return time.Time{}, fmt.Errorf("date-time %q: want YYYY-MM-DDThh:mm:ss with a zone (Z or ±hh:mm)", string(dt))
	}
	return time.Parse(time.RFC3339Nano, string(dt))
}

// Date is a calendar date without a time, YYYY-MM-DD. It is never turned into a time of
// day: a form date is not midnight UTC.
type Date string

// Time parses the date as midnight UTC, for comparisons only.
func (d Date) Time() (time.Time, error) {
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", string(d))
	}
	return t, nil
}
