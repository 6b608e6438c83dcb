package exchange

import (
	"time"

	"github.com/jcx-dev/jcx/internal/humantime"
)

// header checks the envelope: the parties (3007), the transaction identifier and timestamp
// (3007), the receiver this endpoint expects (8010), the clock window (8013), the payload
// choice and, for a response, the receipt (3005, 3007).
//
// The replay check is not here but in replay, which must run after every other step.
func (c *checker) header() {
	h := &c.msg.Header
	p := Path{}.Child("Header")
	c.party(p.Child("Sender"), h.Sender)
	c.party(p.Child("Receiver"), h.Receiver)
	if h.Sender == h.Receiver {
		c.add(CodeImproperValue, p.Child("Receiver"), "receiver is the sender (%s)", h.Sender)
	}
	if !h.TransactionIdentifier.Valid() {
		c.add(CodeImproperValue, p.Child("TransactionIdentifier"), "transaction identifier %q is not a lowercase UUID", clip(string(h.TransactionIdentifier)))
	}
	if h.WorkflowIdentifier != "" && !h.WorkflowIdentifier.Valid() {
		c.add(CodeImproperValue, p.Child("WorkflowIdentifier"), "workflow identifier %q is not a lowercase UUID", clip(string(h.WorkflowIdentifier)))
	}
	ts, err := h.Timestamp.Time()
	if err != nil {
		c.add(CodeImproperValue, p.Child("Timestamp"), "%v", err)
	}
	if r := c.v.opts.Receiver; r != nil && *r != h.Receiver {
		c.add(CodeReceiverMismatch, p.Child("Receiver"), "message is addressed to %s, this endpoint is %s",
			clip(h.Receiver.String()), r)
	}
	if w := c.v.opts.ClockWindow; w > 0 && err == nil {
		if d := ts.Sub(c.now); d > w || d < -w {
			way := "behind"
			if d > 0 {
				way = "ahead of"
			}
			c.add(CodeClockWindow, p.Child("Timestamp"), "timestamp %s is %s %s this endpoint's clock (%s); at most %s either way is accepted",
				humantime.Time(ts), humantime.Duration(d), way, humantime.Time(c.now.UTC().Truncate(time.Second)), humantime.Duration(w))
		}
	}
	c.payload()
}

func (c *checker) party(p Path, party Party) {
	if !isCountry(party.CountryCode, c.v.opts.AllowTestCountries) {
		c.add(CodeImproperValue, p.Child("CountryCode"), "%q is not an ISO 3166-1 alpha-2 country code", clip(party.CountryCode))
	}
	if !isShortString(party.UniqueIdentifier) {
		c.add(CodeImproperValue, p.Child("UniqueIdentifier"), "unique identifier must be 1–255 characters without control characters")
	}
}

// payload checks that exactly one of Request and Response is present and, for a response,
// the receipt and the choice between action results and message-level errors.
func (c *checker) payload() {
	pl := &c.msg.Payload
	p := Path{}.Child("Payload")
	switch {
	case pl.Request == nil && pl.Response == nil:
		c.add(CodeMissing, p, "payload holds neither a Request nor a Response")
		return
	case pl.Request != nil && pl.Response != nil:
		c.add(CodeImproperValue, p, "payload holds both a Request and a Response")
		return
	case pl.Response == nil:
		return
	}
	r := pl.Response
	rp := p.Child("Response")
	// The receipt binds a signed response to the exact request bytes; anything but a
	// SHA-256 would make that binding meaningless or unverifiable.
	if r.Receipt.Algorithm != DigestSHA256 {
		c.add(CodeImproperValue, rp.Child("Receipt").Child("Algorithm"), "receipt algorithm %q is not %q", clip(r.Receipt.Algorithm), DigestSHA256)
	}
	if !isLowerHex(r.Receipt.Value, 64) {
		c.add(CodeImproperValue, rp.Child("Receipt").Child("Value"), "receipt value must be 64 lowercase hexadecimal digits")
	}
	switch {
	case len(r.ActionResult) == 0 && len(r.Error) == 0:
		c.add(CodeMissing, rp, "response holds neither action results nor an error")
	case len(r.ActionResult) > 0 && len(r.Error) > 0:
		c.add(CodeImproperValue, rp, "response holds both action results and message-level errors")
	}
	for i, e := range r.Error {
		c.errorCode(rp.Item("Error", i).Child("Code"), e.Code)
	}
}

// replay refuses a transaction identifier already seen from the sender (8012). It must be
// the last step: the cache records every identifier it is asked about, so it is asked
// only about messages that every other step accepted. Otherwise a forged or broken message
// could claim an identifier first and get the genuine message refused as a replay. A
// replayed message that is refused for another reason anyway is reported without 8012.
func (c *checker) replay() {
	r := c.v.opts.Replay
	if r == nil || len(c.out) > 0 {
		return
	}
	h := &c.msg.Header
	if r.Seen(h.Sender, h.TransactionIdentifier) {
		c.add(CodeReplay, Path{}.Child("Header").Child("TransactionIdentifier"),
			"transaction %s was already received from %s", h.TransactionIdentifier, clip(h.Sender.String()))
	}
}

// clip shortens a value quoted in a finding, so that a hostile message cannot make its
// report arbitrarily large.
func clip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}
