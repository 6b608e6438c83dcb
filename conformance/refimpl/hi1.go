package refimpl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/jcx-dev/jcx/internal/intake"
	"io"
	"log"
	"mime"
	"net/http"
	"slices"
	"sync/atomic"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/humantime"
)

// HI1MediaType is the content type of both directions of the HI-1 binding.
const HI1MediaType = "application/xml"

// HI1Server is the reference implementation in its HI-1 profile (`jcx serve --profile
// hi1`): it speaks ETSI TS 103 120 messages in ETSI's namespaces, built on package
// exchange/hi1, over the HTTP binding of docs/hi1.md. It is safe for concurrent use.
//
// It answers every request that is a message with a signed HI-1 response carrying the
// request's TransactionIdentifier: a top-level ErrorInformation when the message as a
// whole is refused (signature, addressing, clock, replay, envelope rules), otherwise one
// ActionResponse per action. Objects are kept in memory, whatever their type: an object
// of a type exchange/hi1 does not model is stored and returned as received.
//
// The faults of Config.Faults that concern HI-1 apply too: accept-replays,
// skip-signature-checks, sign-with-wrong-key, wrong-correlation, ignore-generation,
// accept-unknown-links, unsigned-responses, accept-stale-timestamps and
// accept-wrong-receiver, crash-on-hostile (struck by a request that does not decode at
// all); and skip-envelope-rules and drop-unknown-objects of this profile only.
// wrong-receipt-digest concerns the jcx core binding only and is refused by NewHI1.
type HI1Server struct {
	identity exchange.Party
	signer   exchange.Signer
	wrong    *exchange.Signer
	verify   exchange.VerifyOptions
	now      func() time.Time
	window   time.Duration
	faults   faultSet
	maxBytes int64
	budget   *intake.Budget
	store    *hi1Store
	replay   *intake.ReplayCache
	log      *log.Logger
	// crashed is set by the CrashOnHostile fault.
	crashed atomic.Bool
}

// Faults of the HI-1 profile only.
const (
	// SkipEnvelopeRules accepts HI-1 messages that decode, without the envelope rules of
	// hi1.Check (action numbering, identifier and version formats).
	SkipEnvelopeRules Fault = "skip-envelope-rules"
	// DropUnknownObjects confirms the CREATE of an object of a type exchange/hi1 does not
	// model but does not keep it.
	DropUnknownObjects Fault = "drop-unknown-objects"
)

var hi1OnlyFaults = []Fault{SkipEnvelopeRules, DropUnknownObjects}

// hi1Faults are the faults that have a meaning in the HI-1 profile.
var hi1Faults = []Fault{AcceptReplays, SkipSignatureChecks, SignWithWrongKey, WrongCorrelation,
	IgnoreGeneration, AcceptUnknownLinks, UnsignedResponses, AcceptStaleTimestamps, AcceptWrongReceiver,
	CrashOnHostile, SkipEnvelopeRules, DropUnknownObjects}

// HI1Faults lists the faults NewHI1 accepts, in a stable order.
func HI1Faults() []Fault { return append([]Fault(nil), hi1Faults...) }

// NewHI1 returns the reference implementation in its HI-1 profile with an empty store.
// It takes the same Config as New; Capabilities and AllowTestCountries do not apply.
func NewHI1(cfg Config) (*HI1Server, error) {
	if cfg.Identity.CountryCode == "" || cfg.Identity.UniqueIdentifier == "" {
		return nil, fmt.Errorf("%w: Identity is required", ErrConfig)
	}
	if cfg.Signer.Key == nil || len(cfg.Signer.Chain) == 0 {
		return nil, fmt.Errorf("%w: Signer needs a key and a certificate", ErrConfig)
	}
	d := cfg.withDefaults()
	s := &HI1Server{identity: cfg.Identity, signer: cfg.Signer, now: d.Now, faults: faultSet{},
		maxBytes: d.MaxBytes, log: d.ErrorLog, window: d.ClockWindow,
		budget: intake.NewBudget(d.MaxBuffered), store: newHI1Store(d.MaxObjects)}
	for _, f := range cfg.Faults {
		if _, err := ParseFault(string(f)); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrConfig, err)
		}
		if !slices.Contains(hi1Faults, f) {
			return nil, fmt.Errorf("%w: fault %q does not apply to the hi1 profile", ErrConfig, f)
		}
		s.faults[f] = true
	}
	if cfg.Trust == nil && !s.faults.has(SkipSignatureChecks) {
		return nil, fmt.Errorf("%w: Trust is required to check the requests' signatures", ErrConfig)
	}
	s.verify = exchange.VerifyOptions{Trust: cfg.Trust, Now: s.now}
	if !s.faults.has(AcceptReplays) {
		keep := s.window
		if s.faults.has(AcceptStaleTimestamps) {
			keep = 0 // a replay can then come at any time: remember until full
		}
		s.replay = intake.NewReplayCache(keep, d.MaxTransactions, s.now)
	}
	if s.faults.has(SignWithWrongKey) {
		wrong, err := impostor(s.identity)
		if err != nil {
			return nil, err
		}
		s.wrong = &wrong
	}
	return s, nil
}

// Identity is the party the implementation is.
func (s *HI1Server) Identity() exchange.Party { return s.identity }

// ServeHTTP implements the HI-1 binding: a request message is POSTed with Content-Type
// application/xml and the signed response comes back in the same exchange with status
// 200 for every message-level outcome, errors included: a body over the size limit by
// at most OversizeSlack is refused with a signed top-level ErrorInformation 3022. HTTP
// errors are kept for what is not a message exchange: 405 for a method other than POST,
// 415 for another content type, 413 for a body further over the size limit (not read
// when its length is announced), 503 when the bodies in memory across requests have
// reached Config.MaxBuffered, 400 for a body that could not be read, 500 when no
// response could be produced. HealthPath answers GET as in the core profile.
func (s *HI1Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == HealthPath {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if s.crashed.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "only POST is accepted: send an HI-1 message", http.StatusMethodNotAllowed)
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != HI1MediaType {
		http.Error(w, "content type must be "+HI1MediaType, http.StatusUnsupportedMediaType)
		return
	}
	if r.ContentLength > s.maxBytes+OversizeSlack {
		tooLarge(w, s.maxBytes)
		return
	}
	body, held, err := intake.ReadBody(r.Body, r.ContentLength, s.maxBytes+1, s.budget)
	defer s.budget.Give(held)
	switch {
	case errors.Is(err, intake.ErrBusy):
		w.Header().Set("Retry-After", "1")
		http.Error(w, "busy: too many large requests in progress, retry", http.StatusServiceUnavailable)
		return
	case err != nil:
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	case int64(len(body)) > s.maxBytes:
		s.serveTooLarge(w, r, body)
		return
	}
	writeResponse(w, s.Exchange(r.Context(), body), HI1MediaType)
}

// serveTooLarge answers a body over the size limit by at most OversizeSlack (head is what
// was read of it, one byte over the limit) with a signed top-level ErrorInformation 3022,
// as the core profile does; HI-1 has no receipt, so the rest is read and dropped. The
// header is read from the first MaxBytes bytes when they hold the whole message, so the
// refusal is correlated; otherwise it goes to the unknown sender. Further over the limit
// the body is not read: HTTP 413.
func (s *HI1Server) serveTooLarge(w http.ResponseWriter, r *http.Request, head []byte) {
	n, err := io.Copy(io.Discard, io.LimitReader(r.Body, OversizeSlack-1))
	if err != nil {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	if more, _ := r.Body.Read(make([]byte, 1)); more > 0 {
		tooLarge(w, s.maxBytes)
		return
	}
	if s.crashed.Load() {
		writeResponse(w, nil, HI1MediaType)
		return
	}
	if s.faults.has(CrashOnHostile) {
		s.crashed.Store(true)
		writeResponse(w, nil, HI1MediaType)
		return
	}
	ref := &refusal{exchange.CodeTooLarge, fmt.Sprintf("the message is larger than %d bytes (%d received)", s.maxBytes, int64(len(head))+n)}
	// Trailing white space is not part of the message, and the parser's limit on one
	// text node would refuse it.
	writeResponse(w, s.respond(peekHI1(bytes.TrimRight(head[:s.maxBytes], " \t\r\n"), s.maxBytes), nil, ref), HI1MediaType)
}

// refusal is a reason to refuse the whole message: the top-level ErrorInformation.
type refusal struct {
	code exchange.ErrorCode
	msg  string
}

// Exchange handles one HI-1 request, body exactly as received, and returns the signed
// response; nil only when the response could not be produced (the cause is logged) or
// when the crash-on-hostile fault has struck.
func (s *HI1Server) Exchange(_ context.Context, body []byte) []byte {
	if s.crashed.Load() {
		return nil
	}
	m, ref := s.accept(body)
	if ref != nil {
		peeked := peekHI1(body, s.maxBytes)
		if peeked == nil && s.faults.has(CrashOnHostile) {
			s.crashed.Store(true)
			return nil
		}
		return s.respond(peeked, nil, ref)
	}
	return s.respond(m, s.apply(m), nil)
}

// accept runs every message-level check in order — signature, decoding and envelope
// rules, addressing, clock, references, replay — and returns the request or the first
// refusal.
func (s *HI1Server) accept(body []byte) (*hi1.HI1Message, *refusal) {
	content := body
	var signer *trust.Identity
	if !s.faults.has(SkipSignatureChecks) {
		v, err := hi1.Verify(body, s.verify)
		if err != nil {
			return nil, refusalOf(err, exchange.CodeSignatureInvalid)
		}
		content, signer = v.Content, &v.Signer
	}
	lim := exchange.Limits{MaxBytes: s.maxBytes}
	var m *hi1.HI1Message
	if s.faults.has(SkipEnvelopeRules) {
		var err error
		if m, err = hi1.Decode(content, lim); err != nil {
			return nil, refusalOf(err, exchange.CodeSchema)
		}
	} else {
		rep := hi1.NewValidator(hi1.Options{Limits: lim}).Validate(content)
		if len(rep.Findings) > 0 {
			return nil, findingRefusal(rep.Findings[0])
		}
		m = rep.Message
	}
	if m.Payload.RequestPayload == nil {
		return nil, &refusal{exchange.CodeImproperValue, "this endpoint answers requests; a response was sent to it"}
	}
	h := m.Header
	if signer != nil {
		if err := signer.CheckSender(party(h.SenderIdentifier)); err != nil {
			return nil, &refusal{exchange.CodeSignerNotSender, "the signing certificate does not name the SenderIdentifier"}
		}
	}
	if !s.faults.has(AcceptWrongReceiver) && party(h.ReceiverIdentifier) != s.identity {
		return nil, &refusal{exchange.CodeReceiverMismatch, "the ReceiverIdentifier is not this endpoint"}
	}
	if !s.faults.has(AcceptStaleTimestamps) {
		ts, err := time.Parse(time.RFC3339Nano, h.Timestamp)
		if d := s.now().Sub(ts); err != nil || d > s.window || d < -s.window {
			return nil, &refusal{exchange.CodeClockWindow, "the Timestamp is not within " + humantime.Duration(s.window) + " of this endpoint's clock"}
		}
	}
	if !s.faults.has(AcceptUnknownLinks) {
		if fs := hi1.CheckLinks(m, s.store); len(fs) > 0 {
			return nil, findingRefusal(fs[0])
		}
	}
	if s.replay != nil {
		switch replayed, full := s.replay.Check(party(h.SenderIdentifier), exchange.UUID(h.TransactionIdentifier)); {
		case replayed:
			return nil, &refusal{exchange.CodeReplay, "transaction " + h.TransactionIdentifier + " was already received from this sender"}
		case full:
			return nil, &refusal{exchange.CodeTransient, "too many recent transactions to guard against replays; send again later"}
		}
	}
	return m, nil
}

func party(e hi1.EndpointID) exchange.Party {
	return exchange.Party{CountryCode: e.CountryCode, UniqueIdentifier: e.UniqueIdentifier}
}

// refusalOf turns an error carrying findings into a refusal; other errors get fallback.
func refusalOf(err error, fallback exchange.ErrorCode) *refusal {
	var ie *exchange.InvalidError
	if errors.As(err, &ie) && len(ie.Findings) > 0 {
		return findingRefusal(ie.Findings[0])
	}
	return &refusal{fallback, err.Error()}
}

func findingRefusal(f exchange.Finding) *refusal {
	msg := intake.Text(f.Message)
	if f.Path != "" {
		msg = intake.Text(f.Path) + ": " + msg
	}
	return &refusal{f.Code, msg}
}

// peekHI1 reads what it can of a refused request's header, so that the refusal reaches
// the right party with the right correlation when the header was readable; it reads the
// message unverified, for addressing only.
func peekHI1(body []byte, max int64) *hi1.HI1Message {
	m, err := hi1.Decode(body, exchange.Limits{MaxBytes: max})
	if err != nil || m == nil {
		return nil
	}
	return m
}

// fallbackVersion is the Version of a response whose request's could not be read.
var fallbackVersion = hi1.Version{ETSIVersion: hi1.SupportedVersion, NationalProfileOwner: "jcx", NationalProfileVersion: "unknown"}

// respond builds, encodes and signs the response: to req (nil when nothing of it could
// be read), with the action responses or the top-level refusal.
func (s *HI1Server) respond(req *hi1.HI1Message, answers []hi1.ActionResponse, ref *refusal) []byte {
	var resp *hi1.HI1Message
	if req != nil {
		resp = hi1.NewResponse(req)
	} else {
		resp = hi1.NewResponse(&hi1.HI1Message{Header: hi1.Header{Version: fallbackVersion}})
	}
	h := &resp.Header
	h.SenderIdentifier = hi1.EndpointID{CountryCode: s.identity.CountryCode, UniqueIdentifier: s.identity.UniqueIdentifier}
	// A refused request may name a receiver no response can be addressed to.
	if rc := party(h.ReceiverIdentifier); !intake.PlausibleParty(rc) || rc == s.identity {
		h.ReceiverIdentifier = hi1.EndpointID{CountryCode: s.identity.CountryCode, UniqueIdentifier: UnknownSender}
	}
	if s.faults.has(WrongCorrelation) || !exchange.UUID(h.TransactionIdentifier).Valid() {
		h.TransactionIdentifier = string(exchange.NewUUID())
	}
	h.Timestamp = string(exchange.NewTimestamp(s.now()))
	if ref != nil {
		resp.Payload.ResponsePayload.ErrorInformation = &hi1.ErrorInformation{ErrorCode: ref.code, ErrorDescription: ref.msg}
	} else {
		resp.Payload.ResponsePayload.ActionResponses = answers
	}
	if len(hi1.Check(resp)) > 0 {
		// The request's version or profile names cannot be echoed in a valid message.
		h.Version = fallbackVersion
	}
	data, err := hi1.Encode(resp)
	if err != nil {
		s.log.Printf("refimpl: encoding the HI-1 response: %v", err)
		return nil
	}
	if s.faults.has(UnsignedResponses) {
		return data
	}
	signer := s.signer
	if s.wrong != nil {
		signer = *s.wrong
	}
	if data, err = hi1.Sign(data, signer, hi1.SignOptions{}); err != nil {
		s.log.Printf("refimpl: signing the HI-1 response: %v", err)
		return nil
	}
	return data
}
