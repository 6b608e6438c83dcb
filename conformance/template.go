package conformance

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// TimestampLayout is the header timestamp form: UTC with exactly six fraction digits.
const TimestampLayout = "2006-01-02T15:04:05.000000Z07:00"

// Placeholders are written {{name}} in templates. The harness defines these for every
// step; a step's vars add more or override them, and may use placeholders themselves:
//
//	sender.cc, sender.id       the harness identity (Header.Sender)
//	receiver.cc, receiver.id   the implementation identity (Header.Receiver)
//	tx                         a fresh TransactionIdentifier for the step
//	timestamp                  the current time in the header form
//	timestamp.stale            one hour ago, outside any sensible clock window
//	timestamp.future           one hour ahead, likewise
//	timestamp.recent           a minute ago, inside any sensible clock window
//	timestamp.seconds          now, without the six fraction digits the profile requires
//	date.future                thirty days ahead (deadlines, expiries)
//	date.past                  a day ago (approvals)
//	spec.version, profile.owner, profile.version
//	etsi.version               the TS 103 120 version of HI-1 messages (V1.12.1)
//	id.NAME                    a fresh UUID per case run, the same in every step of the
//	                           case: how scenarios carry object identifiers across steps
//	canary.a, canary.b, canary.url, canary.file
//	                           secrets and a loopback listener that show entity expansion
//	                           and fetches (see canaries)
//
// Values are escaped for the template's encoding (XML character data or the inside of a
// JSON string), so a value can never change the structure of the message.
type expander struct {
	harness, impl exchange.Party
	now           time.Time
	ids           map[string]string
	newUUID       func() string
	canary        *canaries // canary.* placeholders (see canaries), set up on first use
}

// vars returns the built-in placeholders of one step, overridden by the step's own.
func (x *expander) vars(step map[string]string) (map[string]string, error) {
	v := map[string]string{
		"sender.cc":        x.harness.CountryCode,
		"sender.id":        x.harness.UniqueIdentifier,
		"receiver.cc":      x.impl.CountryCode,
		"receiver.id":      x.impl.UniqueIdentifier,
		"tx":               x.newUUID(),
		"timestamp":        x.now.UTC().Format(TimestampLayout),
		"timestamp.stale":  x.now.Add(-time.Hour).UTC().Format(TimestampLayout),
		"timestamp.recent": x.now.Add(-time.Minute).UTC().Format(TimestampLayout),
		"timestamp.future": x.now.Add(time.Hour).UTC().Format(TimestampLayout),
		// The right instant in a form the profile refuses: no fraction digits.
		"timestamp.seconds": x.now.UTC().Format(time.RFC3339),
		"date.future":       x.now.Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339),
		"date.past":         x.now.Add(-24 * time.Hour).UTC().Format(time.RFC3339),
		"spec.version":      "V1.0.0",
		"etsi.version":      "V1.12.1",
		"profile.owner":     "jcx",
		"profile.version":   "2026-11",
	}
	// Step values may refer to built-ins and ids, never to other step values: one level,
	// so there are no cycles to detect.
	base := func(name string) (string, bool) {
		if s, ok := v[name]; ok {
			return s, true
		}
		return x.id(name)
	}
	for k, val := range step {
		s, err := substitute(val, base, nil)
		if err != nil {
			return nil, fmt.Errorf("var %s: %w", k, err)
		}
		v[k] = s
	}
	return v, nil
}

// id returns the per-case UUID for an id.NAME placeholder.
func (x *expander) id(name string) (string, bool) {
	key, ok := strings.CutPrefix(name, "id.")
	if !ok || key == "" {
		return "", false
	}
	if u, ok := x.ids[key]; ok {
		return u, true
	}
	u := x.newUUID()
	x.ids[key] = u
	return u, true
}

// expand fills a template with the variables, escaping for the encoding.
func (x *expander) expand(tmpl []byte, e Encoding, v map[string]string) ([]byte, error) {
	var canaryErr error
	lookup := func(name string) (string, bool) {
		if s, ok := v[name]; ok {
			return s, true
		}
		if strings.HasPrefix(name, "canary.") && x.canary != nil {
			s, ok, err := x.canary.lookup(name)
			if err != nil {
				canaryErr = err
			}
			return s, ok
		}
		return x.id(name)
	}
	out, err := substitute(string(tmpl), lookup, escaperFor(e))
	if err == nil && canaryErr != nil {
		err = fmt.Errorf("setting up a canary: %v", canaryErr)
	}
	return []byte(out), err
}

func escaperFor(e Encoding) func(string) string {
	if e == JSON {
		return func(s string) string {
			b, _ := json.Marshal(s) // a string always marshals
			return string(b[1 : len(b)-1])
		}
	}
	return func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s)) // writes to a buffer, cannot fail
		return b.String()
	}
}

// substitute replaces every {{name}} in s. An unknown name or an unterminated
// placeholder is an error: a typo in a suite must not turn into a silently odd message.
func substitute(s string, lookup func(string) (string, bool), escape func(string) string) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return "", fmt.Errorf("unterminated placeholder at %q", trimTo(s[i:], 20))
		}
		name := s[i+2 : i+j]
		val, ok := lookup(name)
		if !ok {
			return "", fmt.Errorf("unknown placeholder {{%s}}", name)
		}
		if escape != nil {
			val = escape(val)
		}
		b.WriteString(s[:i])
		b.WriteString(val)
		s = s[i+j+2:]
	}
}

func trimTo(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
