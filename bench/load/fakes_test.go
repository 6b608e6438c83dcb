package main

import (
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

// Defective receivers that no fault switch of the reference implementation produces:
// each loses, invents or repeats something the load must notice.

// fake is an http.Handler around a function of the request body, for the defective
// receivers below.
type fake func(ctx context.Context, body []byte, contentType string) ([]byte, string)

func (f fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, exchange.DefaultMaxBytes))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, ct := f(r.Context(), body, r.Header.Get("Content-Type"))
	if resp == nil {
		http.Error(w, "no response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Write(resp)
}

func newRefimpl(t testing.TB) *refimpl.Server {
	t.Helper()
	s, err := refimpl.Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// splitBrain sends requests to two independent servers in turn, as two replicas behind a
// load balancer that share no state would: objects go missing and replays get through.
func splitBrain(t testing.TB) http.Handler {
	a, b := newRefimpl(t), newRefimpl(t)
	var n atomic.Uint64
	return fake(func(ctx context.Context, body []byte, ct string) ([]byte, string) {
		if n.Add(1)%2 == 0 {
			return a.Exchange(ctx, body, ct)
		}
		return b.Exchange(ctx, body, ct)
	})
}

// taskCreate decodes a request and returns it when it CREATEs an AssistanceTask.
func taskCreate(body []byte, ct string) (*exchange.Message, exchange.Format, *exchange.AssistanceTask) {
	f, ok := httpbinding.FormatOf(ct)
	if !ok {
		return nil, f, nil
	}
	m, err := exchange.Unmarshal(body, f)
	if err != nil || m.Payload.Request == nil || len(m.Payload.Request.Action) != 1 {
		return nil, f, nil
	}
	c := m.Payload.Request.Action[0].CREATE
	if c == nil || c.AssistanceTask == nil {
		return nil, f, nil
	}
	return m, f, c.AssistanceTask
}

// liar answers every third task CREATE with a correctly signed acceptance without storing
// anything: the audit must find the tasks missing.
func liar(t testing.TB) http.Handler {
	s := newRefimpl(t)
	p := testpki.MustLoad()
	var n atomic.Uint64
	return fake(func(ctx context.Context, body []byte, ct string) ([]byte, string) {
		m, f, task := taskCreate(body, ct)
		if task == nil || n.Add(1)%3 != 0 {
			return s.Exchange(ctx, body, ct)
		}
		resp := exchange.NewResponse(m, body)
		resp.Payload.Response.ActionResult = []exchange.ActionResult{{
			CREATE: &exchange.ObjectResult{Identifier: task.ObjectIdentifier, Generation: 1},
		}}
		data, err := exchange.SignMessage(resp, f, p.Implementation.Signer)
		if err != nil {
			t.Error(err)
			return nil, ""
		}
		return data, f.MediaType()
	})
}

// inventor stores an extra task next to every third task CREATE, as a server that
// applies a message twice under different identifiers would: the audit must list it as
// a phantom.
func inventor(t testing.TB) http.Handler {
	s := newRefimpl(t)
	p := testpki.MustLoad()
	var n atomic.Uint64
	return fake(func(ctx context.Context, body []byte, ct string) ([]byte, string) {
		m, f, task := taskCreate(body, ct)
		if task != nil && n.Add(1)%3 == 0 {
			extra := *task
			extra.ObjectIdentifier = exchange.NewUUID()
			req := exchange.NewRequest(m.Header.Sender, m.Header.Receiver,
				exchange.Action{CREATE: &exchange.ObjectAction{Object: exchange.Object{AssistanceTask: &extra}}})
			data, err := exchange.SignMessage(req, f, p.Harness.Signer)
			if err != nil {
				t.Error(err)
			} else {
				s.Exchange(ctx, data, ct)
			}
		}
		return s.Exchange(ctx, body, ct)
	})
}

// idempotent answers a message it has seen before with the response it gave then, a
// tempting design that accepts replays: the second copy of a message looks accepted.
func idempotent(t testing.TB) http.Handler {
	s := newRefimpl(t)
	type answer struct {
		body []byte
		ct   string
	}
	var (
		mu   sync.Mutex
		seen = map[[32]byte]answer{}
	)
	return fake(func(ctx context.Context, body []byte, ct string) ([]byte, string) {
		key := sha256.Sum256(body)
		mu.Lock()
		// Held across the exchange so that two copies at once get the same answer.
		defer mu.Unlock()
		if a, ok := seen[key]; ok {
			return a.body, a.ct
		}
		resp, rt := s.Exchange(ctx, body, ct)
		seen[key] = answer{resp, rt}
		return resp, rt
	})
}
