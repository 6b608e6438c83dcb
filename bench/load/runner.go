package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// config is one load run.
type config struct {
	target   string
	clients  int
	duration time.Duration
	// timeout bounds each round trip.
	timeout time.Duration
	// formats are given to the clients in turn.
	formats []exchange.Format
	mix     mix
	// maxMessages stops the run early once this many messages were sent; 0: no limit.
	maxMessages int64
	// minMessages keeps the run going past duration until this many were sent, so that
	// a short run on a slow machine still gets past the clients' first messages.
	minMessages int64
	// auditGets is how many tasks the audit GETs after the LIST (-1: all).
	auditGets int
	seed      uint64
	// from signs the requests; to is the implementation that must answer.
	from   exchange.Party
	signer exchange.Signer
	to     exchange.Party
	trust  *trust.Bundle
	http   *http.Client
}

// maxResponseBytes bounds what is read of one response. The largest response is an
// audit LIST of one case (tasksPerCase entries).
const maxResponseBytes = 32 << 20

// runner holds what the clients of one run share.
type runner struct {
	cfg      config
	probs    *problems
	recent   *ring
	sent     atomic.Int64 // messages sent, for maxMessages
	measured atomic.Bool  // false once the measured phase is over (the audit is not timed)

	mu  sync.Mutex
	ops map[string]*opCount
}

// opCount counts the messages of one operation by outcome.
type opCount struct {
	Sent      int64 `json:"sent"`
	Answered  int64 `json:"answered"`
	Accepted  int64 `json:"accepted"`
	Refused   int64 `json:"refused"` // as expected: replays refused, or the store full
	InDoubt   int64 `json:"in_doubt"`
	StoreFull int64 `json:"store_full,omitempty"`
}

func newRunner(cfg config) *runner {
	return &runner{cfg: cfg, probs: newProblems(), recent: newRing(256), ops: map[string]*opCount{}}
}

// count updates the counters of op under the lock.
func (r *runner) count(op string, fn func(*opCount)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.ops[op]
	if c == nil {
		c = &opCount{}
		r.ops[op] = c
	}
	fn(c)
}

// more reports whether the run goes on at time now.
func (r *runner) more(now, deadline time.Time) bool {
	return now.Before(deadline) || r.sent.Load() < r.cfg.minMessages
}

// takeBudget reports whether another message may be sent.
func (r *runner) takeBudget() bool {
	n := r.sent.Add(1)
	return r.cfg.maxMessages <= 0 || n <= r.cfg.maxMessages
}

// message is one signed request as sent.
type message struct {
	body   []byte
	format exchange.Format
	tx     exchange.UUID
}

// sign builds and signs a request of the actions.
func (r *runner) sign(f exchange.Format, actions ...exchange.Action) (message, error) {
	m := exchange.NewRequest(r.cfg.from, r.cfg.to, actions...)
	data, err := exchange.Marshal(m, f)
	if err != nil {
		return message{}, err
	}
	if data, err = exchange.Sign(data, f, r.cfg.signer); err != nil {
		return message{}, err
	}
	return message{body: data, format: f, tx: m.Header.TransactionIdentifier}, nil
}

// answer is what came back for one message.
type answer struct {
	// resp is the verified response; nil when none arrived or it failed a check, in
	// which case the effect of the request is in doubt and the problem is recorded.
	resp *exchange.Response
	// codes are the message-level error codes of resp.
	codes []exchange.ErrorCode
}

func (a answer) inDoubt() bool { return a.resp == nil }

// refusedWith reports whether the whole message was refused with exactly this code.
func (a answer) refusedWith(code exchange.ErrorCode) bool {
	return a.resp != nil && len(a.codes) == 1 && a.codes[0] == code
}

// roundTrip posts a message and checks what must hold for every response: HTTP 200, a
// signature by the implementation that verifies, the request's transaction identifier,
// addressed back to the sender, and the receipt of the exact bytes sent.
func (r *runner) roundTrip(ctx context.Context, w *worker, op string, m message) answer {
	r.count(op, func(c *opCount) { c.Sent++ })
	ctx, cancel := context.WithTimeout(ctx, r.cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.cfg.target, bytes.NewReader(m.body))
	if err != nil {
		r.probs.add(probTransport, "%s: %v", op, err)
		return r.doubt(op)
	}
	req.Header.Set("Content-Type", m.format.MediaType())
	start := time.Now()
	resp, err := r.cfg.http.Do(req)
	var data []byte
	if err == nil {
		data, err = io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
		resp.Body.Close()
	}
	elapsed := time.Since(start)
	if err != nil {
		r.probs.add(probTransport, "%s after %v: %v", op, elapsed.Round(time.Millisecond), err)
		return r.doubt(op)
	}
	if w != nil && r.measured.Load() {
		w.latency = append(w.latency, elapsed)
	}
	r.count(op, func(c *opCount) { c.Answered++ })
	if resp.StatusCode != http.StatusOK {
		r.probs.add(probStatus, "%s: HTTP %d: %.200s", op, resp.StatusCode, data)
		return r.doubt(op)
	}
	if len(data) > maxResponseBytes {
		r.probs.add(probStatus, "%s: response over %d bytes", op, maxResponseBytes)
		return r.doubt(op)
	}
	if ct := resp.Header.Get("Content-Type"); ct != m.format.MediaType() {
		r.probs.add(probStatus, "%s: response content type %q, want %q", op, ct, m.format.MediaType())
	}
	v, err := exchange.Verify(data, m.format, exchange.VerifyOptions{Trust: r.cfg.trust})
	if err != nil {
		r.probs.add(probUnverified, "%s: %v", op, err)
		return r.doubt(op)
	}
	h := v.Message.Header
	switch {
	case h.Sender != r.cfg.to:
		r.probs.add(probCorrelation, "%s: response from %v, want %v", op, h.Sender, r.cfg.to)
		return r.doubt(op)
	case h.Receiver != r.cfg.from:
		r.probs.add(probCorrelation, "%s: response to %v, want %v", op, h.Receiver, r.cfg.from)
		return r.doubt(op)
	case h.TransactionIdentifier != m.tx:
		r.probs.add(probCorrelation, "%s: response for transaction %s, sent %s", op, h.TransactionIdentifier, m.tx)
		return r.doubt(op)
	}
	rp := v.Message.Payload.Response
	if rp == nil {
		r.probs.add(probUnverified, "%s: the answer is not a response", op)
		return r.doubt(op)
	}
	if !rp.Receipt.Matches(m.body) {
		r.probs.add(probReceipt, "%s: receipt %s does not match transaction %s", op, rp.Receipt.Value, m.tx)
		return r.doubt(op)
	}
	a := answer{resp: rp}
	for _, e := range rp.Error {
		a.codes = append(a.codes, e.Code)
	}
	return a
}

func (r *runner) doubt(op string) answer {
	r.count(op, func(c *opCount) { c.InDoubt++ })
	return answer{}
}

// describe summarises an answer for a problem report.
func describe(a answer) string {
	if a.resp == nil {
		return "no verified response"
	}
	if len(a.codes) > 0 {
		return fmt.Sprintf("refused with %v", a.codes)
	}
	var out []string
	for _, res := range a.resp.ActionResult {
		if res.Failure != nil {
			out = append(out, fmt.Sprintf("action %d failed %d: %s", res.ActionIdentifier, res.Failure.Code, res.Failure.Description))
		} else {
			out = append(out, fmt.Sprintf("action %d ok", res.ActionIdentifier))
		}
	}
	if len(out) == 0 {
		return "no action result"
	}
	return fmt.Sprint(out)
}

// errNoTarget is returned when the target does not answer before the run starts.
var errNoTarget = errors.New("target not reachable")

// ring keeps the most recent accepted messages, for replays.
type ring struct {
	mu   sync.Mutex
	msgs []message
	next int
}

func newRing(n int) *ring { return &ring{msgs: make([]message, 0, n)} }

func (r *ring) push(m message) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.msgs) < cap(r.msgs) {
		r.msgs = append(r.msgs, m)
		return
	}
	r.msgs[r.next] = m
	r.next = (r.next + 1) % len(r.msgs)
}

// pick returns the i-th kept message modulo how many there are.
func (r *ring) pick(i uint64) (message, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.msgs) == 0 {
		return message{}, false
	}
	return r.msgs[i%uint64(len(r.msgs))], true
}
