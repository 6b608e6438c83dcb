package main

import (
	"context"
	"sync"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// Server is a jcx receiver. Package httpbinding does the receiving: the HTTP binding,
// every check a receiver owes (signature, signer = sender, receiver, clock window,
// replay, size), the signed, correlated response and its receipt. What is left here is
// this receiver's own business: applying the actions to its store. Its embedded Handler
// is an http.Handler, and its Exchange method does the same work in process.
type Server struct {
	*httpbinding.Handler
	me  exchange.Party
	now func() time.Time

	mu    sync.Mutex // guards store
	store *store
}

// NewServer returns a receiver that is the party me, signs its responses with signer
// (whose certificate must name me) and accepts requests signed by senders that bundle
// vouches for.
func NewServer(me exchange.Party, signer exchange.Signer, bundle *trust.Bundle) (*Server, error) {
	s := &Server{me: me, now: time.Now, store: newStore()}
	h, err := httpbinding.New(httpbinding.Config{Identity: me, Signer: signer, Trust: bundle, Service: s})
	if err != nil {
		return nil, err
	}
	s.Handler = h
	return s, nil
}

// Serve implements httpbinding.Service: it sees only requests that passed every check.
func (s *Server) Serve(_ context.Context, req *httpbinding.Request) ([]exchange.ActionResult, error) {
	if req.Message.Payload.Request.Atomicity == exchange.Independent {
		// Refuses the whole request; capabilities.json declares it.
		return nil, &exchange.InvalidError{Findings: []exchange.Finding{{Code: exchange.CodeNotSupported,
			Message: "only AllOrNothing requests are supported"}}}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.apply(req.Message, s.me, s.now()), nil
}
