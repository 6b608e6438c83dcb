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

// NewServer returns a receiver that is the party signer's certificate names, signs its
// responses with signer and accepts requests signed by senders that bundle vouches for.
// httpbinding.NewReceiver is the receiver preset: identity, trust, clock window,
// replay cache and deadlines judged at receipt, in one call.
func NewServer(signer exchange.Signer, bundle *trust.Bundle) (*Server, error) {
	s := &Server{now: time.Now, store: newStore()}
	h, err := httpbinding.NewReceiver(signer, bundle, s)
	if err != nil {
		return nil, err
	}
	s.Handler, s.me = h, h.Identity()
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
