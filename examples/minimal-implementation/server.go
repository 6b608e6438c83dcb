package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sync"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// Server is a jcx receiver. It is an http.Handler, and Exchange does the same work in
// process. It is safe for concurrent use.
type Server struct {
	me        exchange.Party
	signer    exchange.Signer
	validator *exchange.Validator
	now       func() time.Time

	mu    sync.Mutex // guards store
	store *store
}

// clockWindow is how far a request's timestamp may be from our clock (8013).
const clockWindow = 5 * time.Minute

// maxErrors bounds the message-level errors of one response, so that hostile input
// cannot make the answer arbitrarily large.
const maxErrors = 64

// NewServer returns a receiver that is the party me, signs its responses with signer
// (whose certificate must name me) and accepts requests signed by senders that bundle
// vouches for.
func NewServer(me exchange.Party, signer exchange.Signer, bundle *trust.Bundle) *Server {
	s := &Server{me: me, signer: signer, now: time.Now, store: newStore()}
	s.validator = exchange.NewValidator(exchange.Options{
		Receiver:    &s.me,                                                            // 8010: addressed to us
		ClockWindow: clockWindow,                                                      // 8013: fresh
		Replay:      newReplayCache(2*clockWindow, s.now),                             // 8012: not seen before
		Signature:   exchange.RequireSignature(exchange.VerifyOptions{Trust: bundle}), // 8001–8005
		Now:         func() time.Time { return s.now() },
		// 8031 also for a deadline already passed on arrival.
		RefuseElapsedDeadlines: true,
	})
	return s
}

// ServeHTTP is the HI-1 §9.3 binding: POST a message, get the response message back in
// the same exchange with status 200 — refusals included, since they are messages too.
// HTTP errors are only for what is not a message exchange at all.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST a message", http.StatusMethodNotAllowed)
		return
	}
	if _, ok := formatOf(r.Header.Get("Content-Type")); !ok {
		http.Error(w, "Content-Type must be application/xml or application/json", http.StatusUnsupportedMediaType)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, exchange.DefaultMaxBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "message too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read the body", http.StatusBadRequest)
		return
	}
	resp, ct, err := s.Exchange(r.Context(), body, r.Header.Get("Content-Type"))
	if err != nil {
		http.Error(w, "no response could be produced", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Write(resp)
}

// Exchange handles one request message and returns the signed response.
func (s *Server) Exchange(ctx context.Context, body []byte, contentType string) ([]byte, string, error) {
	f, _ := formatOf(contentType)
	report := s.validator.Validate(body, f)
	if report.Format == exchange.FormatAuto { // not even XML or JSON: answer in XML
		report.Format = exchange.FormatXML
	}
	f = report.Format

	req := report.Message
	findings := report.Findings
	if req != nil && req.Payload.Request == nil && len(findings) == 0 {
		findings = append(findings, exchange.Finding{Code: exchange.CodeImproperValue, Message: "this endpoint answers requests only"})
	}
	if req != nil && len(findings) == 0 && req.Payload.Request.Atomicity == exchange.Independent {
		findings = append(findings, exchange.Finding{Code: exchange.CodeNotSupported, Message: "only AllOrNothing requests are supported"})
	}

	var resp *exchange.Message
	if req != nil {
		// Correlated with the request, addressed back to its sender, with the receipt.
		resp = exchange.NewResponse(req, body)
		// NewResponse answers as the request's Receiver; a misaddressed request (8010)
		// must still be answered by us, since our signature names us.
		resp.Header.Sender = s.me
	} else {
		// Not decoded: answer whoever the header names, if it can be read at all. The
		// receipt still proves what arrived.
		sender, tx := peekHeader(body, f, s.me)
		resp = &exchange.Message{
			Header:  exchange.NewHeader(s.me, sender),
			Payload: exchange.Payload{Response: &exchange.Response{Receipt: exchange.NewReceipt(body)}},
		}
		resp.Header.TransactionIdentifier = tx
	}
	r := resp.Payload.Response
	if len(findings) > 0 {
		for i, fd := range findings {
			if i == maxErrors {
				break
			}
			r.Error = append(r.Error, exchange.ErrorInformation{Code: int(fd.Code), Path: fd.Path, Description: describe(fd)})
		}
	} else {
		s.mu.Lock()
		r.ActionResult = s.store.apply(req, s.me, s.now())
		s.mu.Unlock()
	}
	out, err := exchange.SignMessage(resp, f, s.signer)
	if err != nil {
		return nil, "", fmt.Errorf("signing the response: %w", err)
	}
	return out, f.MediaType(), nil
}

// describe gives every error a description, which the schema requires.
func describe(f exchange.Finding) string {
	if f.Message == "" {
		return fmt.Sprintf("error %d", f.Code)
	}
	return f.Message
}

// formatOf maps a Content-Type to an encoding; an empty one means: detect it.
func formatOf(contentType string) (exchange.Format, bool) {
	if contentType == "" {
		return exchange.FormatAuto, true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return exchange.FormatAuto, false
	}
	switch mt {
	case exchange.MediaTypeXML:
		return exchange.FormatXML, true
	case exchange.MediaTypeJSON:
		return exchange.FormatJSON, true
	}
	return exchange.FormatAuto, false
}

// replayCache remembers (sender, transaction) pairs for as long as a timestamp could
// still pass the clock window; older ones cannot come back, so they are forgotten.
type replayCache struct {
	mu        sync.Mutex
	ttl       time.Duration
	now       func() time.Time
	seen      map[replayKey]time.Time
	lastSweep time.Time
}

type replayKey struct {
	sender exchange.Party
	tx     exchange.UUID
}

// maxTransactions bounds the cache. When it is full of live entries, new transactions
// are refused as if replayed: failing closed is safer than forgetting.
const maxTransactions = 1 << 18

func newReplayCache(ttl time.Duration, now func() time.Time) *replayCache {
	return &replayCache{ttl: ttl, now: now, seen: map[replayKey]time.Time{}}
}

// Seen implements exchange.ReplayCache.
func (c *replayCache) Seen(sender exchange.Party, tx exchange.UUID) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if now.Sub(c.lastSweep) > time.Second || len(c.seen) >= maxTransactions {
		for k, t := range c.seen {
			if now.Sub(t) > c.ttl {
				delete(c.seen, k)
			}
		}
		c.lastSweep = now
	}
	k := replayKey{sender, tx}
	if _, ok := c.seen[k]; ok || len(c.seen) >= maxTransactions {
		return true
	}
	c.seen[k] = now
	return false
}
