package hi1

import (
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jcx-dev/jcx/exchange"
)

// The lexical forms TS 103 280 and TS 103 120 give the header's values.
var (
	reUUID = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$`)
	})
	reCountry     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z]{2}$`) })
	reETSIVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^V[0-9]+\.[0-9]+\.[0-9]+$`) })
	reMicroTime   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}(Z|[+-][0-9]{2}:[0-9]{2})$`)
	})
	reQualifiedTime = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$`)
	})
)

// Lengths of TS 103 280's ShortString and LongString.
const (
	maxShort = 255
	maxLong  = 65535
)

// Check applies the envelope rules of TS 103 120 to one message and returns every
// finding, with its code, XPath and (for a decoded message) line:
//
//   - identifiers: the parties' CountryCode is ISO 3166-1 alpha-2 in capitals and their
//     UniqueIdentifier a non-empty string without control characters (3007);
//     TransactionIdentifier, object identifiers and the identifiers of GET, DELIVER and
//     the responses are lowercase UUIDs (3007);
//   - time: Timestamp has exactly six fraction digits and a zone, LastChanged a zone, and
//     both are real dates (3007);
//   - version: ETSIVersion reads Vn.n.n (3007) and is SupportedVersion (3021); the
//     national profile's owner and version are non-empty short strings (3007);
//   - actions: a request has at least one action (3005); ActionIdentifiers run 0, 1, 2 …
//     in document order, a repeated one being 3002 and any other out of place 3007; each
//     action has exactly one verb, and each response exactly one answer (3005 none, 3007
//     several); CREATE, UPDATE, DELIVER and GETResponse carry an object (3005);
//   - the payload is a request or a response, not both or neither (3005, 3007).
//
// Check does not resolve object references (see CheckLinks) nor relate a response to its
// request (see CheckResponse).
func Check(m *HI1Message) []exchange.Finding {
	f := &findings{lines: m.lines}
	checkHeader(f, &m.Header)
	p := rootPath.el("Payload")
	switch pl := &m.Payload; {
	case pl.RequestPayload != nil && pl.ResponsePayload != nil:
		f.add(exchange.CodeImproperValue, p, "payload holds both a request and a response")
	case pl.RequestPayload != nil:
		checkRequest(f, p.el("RequestPayload"), pl.RequestPayload)
	case pl.ResponsePayload != nil:
		checkResponse(f, p.el("ResponsePayload"), pl.ResponsePayload)
	default:
		f.add(exchange.CodeMissing, p, "payload holds neither a request nor a response")
	}
	return f.list
}

func checkHeader(f *findings, h *Header) {
	p := rootPath.el("Header")
	checkEndpoint(f, p.el("SenderIdentifier"), &h.SenderIdentifier)
	checkEndpoint(f, p.el("ReceiverIdentifier"), &h.ReceiverIdentifier)
	checkUUID(f, p.el("TransactionIdentifier"), h.TransactionIdentifier)
	if !validTime(reMicroTime(), h.Timestamp) {
		f.add(exchange.CodeImproperValue, p.el("Timestamp"), "timestamp %q is not a date and time with six fraction digits and a zone, e.g. 2026-01-02T15:04:05.000000Z", clip(h.Timestamp))
	}
	vp := p.el("Version")
	switch v := h.Version.ETSIVersion; {
	case !reETSIVersion().MatchString(v):
		f.add(exchange.CodeImproperValue, vp.el("ETSIVersion"), "ETSIVersion %q does not read Vmajor.minor.patch", clip(v))
	case v != SupportedVersion:
		f.add(exchange.CodeVersion, vp.el("ETSIVersion"), "ETSIVersion %s is not supported; this package speaks %s", v, SupportedVersion)
	}
	checkString(f, vp.el("NationalProfileOwner"), "NationalProfileOwner", h.Version.NationalProfileOwner, maxShort)
	checkString(f, vp.el("NationalProfileVersion"), "NationalProfileVersion", h.Version.NationalProfileVersion, maxShort)
}

func checkEndpoint(f *findings, p xpath, e *EndpointID) {
	if !reCountry().MatchString(e.CountryCode) {
		f.add(exchange.CodeImproperValue, p.el("CountryCode"), "country code %q is not two capital letters (ISO 3166-1 alpha-2)", clip(e.CountryCode))
	}
	checkString(f, p.el("UniqueIdentifier"), "UniqueIdentifier", e.UniqueIdentifier, maxLong)
}

// checkString requires a non-empty value of at most max characters without control
// characters: an identifier that prints differently from what it is cannot be checked by
// a person.
func checkString(f *findings, p xpath, what, s string, max int) {
	switch {
	case strings.TrimSpace(s) == "":
		f.add(exchange.CodeImproperValue, p, "%s is empty", what)
	case utf8.RuneCountInString(s) > max:
		f.add(exchange.CodeImproperValue, p, "%s is longer than %d characters", what, max)
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		f.add(exchange.CodeImproperValue, p, "%s %q holds a control character", what, clip(s))
	}
}

func checkUUID(f *findings, p xpath, id string) {
	if !reUUID().MatchString(id) {
		f.add(exchange.CodeImproperValue, p, "identifier %q is not a lowercase UUID", clip(id))
	}
}

// validTime reports whether s has the lexical form re and is a real date and time.
func validTime(re *regexp.Regexp, s string) bool {
	if !re.MatchString(s) {
		return false
	}
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}

func checkObject(f *findings, p xpath, o HI1Object) {
	b := o.Base()
	checkUUID(f, p.el("ObjectIdentifier"), b.ObjectIdentifier)
	if b.CountryCode != "" && !reCountry().MatchString(b.CountryCode) {
		f.add(exchange.CodeImproperValue, p.el("CountryCode"), "country code %q is not two capital letters (ISO 3166-1 alpha-2)", clip(b.CountryCode))
	}
	for i, id := range b.AssociatedObjects {
		checkUUID(f, p.el("AssociatedObjects").at("AssociatedObject", i), id)
	}
	if b.LastChanged != "" && !validTime(reQualifiedTime(), b.LastChanged) {
		f.add(exchange.CodeImproperValue, p.el("LastChanged"), "LastChanged %q is not a date and time with a zone", clip(b.LastChanged))
	}
}
