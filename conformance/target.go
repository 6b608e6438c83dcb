package conformance

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"sync/atomic"
	"syscall"
	"time"
)

// Target is an implementation under test: it takes one message and returns the message
// it answers with. An error means there was no answer at all (connection refused, the
// process died, a transport-level status); a message-level refusal is an answer. An
// error wrapping ErrUnreachable means no connection could be made at all, which stops a
// run before its first case.
type Target interface {
	Exchange(ctx context.Context, body []byte, contentType string) (resp []byte, respType string, err error)
}

// maxResponse bounds what the harness reads from an implementation, and
// maxResponseHeader the HTTP header of an answer; maxAnswer is the largest answer it
// parses (a bigger one fails the case).
const (
	maxResponse       = 32 << 20
	maxResponseHeader = 64 << 10
	maxAnswer         = 4 << 20
)

// Exchanger is the in-process shape of an implementation that never fails to answer, such
// as the reference implementation's Server.Exchange.
type Exchanger interface {
	Exchange(ctx context.Context, body []byte, contentType string) (resp []byte, respType string)
}

// InProcess adapts an Exchanger. A call that outlives its context is abandoned, so a
// hanging implementation yields a timeout verdict rather than a hanging run.
func InProcess(x Exchanger) Target { return exchangerTarget{x} }

type exchangerTarget struct{ x Exchanger }

func (t exchangerTarget) Exchange(ctx context.Context, body []byte, ct string) ([]byte, string, error) {
	type result struct {
		b  []byte
		ct string
		p  any
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{p: p}
			}
		}()
		b, rt := t.x.Exchange(ctx, body, ct)
		done <- result{b: b, ct: rt}
	}()
	select {
	case r := <-done:
		if r.p != nil {
			return nil, "", fmt.Errorf("%w: implementation panicked: %v", ErrTransport, r.p)
		}
		if len(r.b) == 0 {
			// An Exchanger has no other way to say that it produced no answer.
			return nil, "", fmt.Errorf("%w: empty answer", ErrTransport)
		}
		return r.b, r.ct, nil
	case <-ctx.Done():
		return nil, "", ctx.Err()
	}
}

// Handler adapts an http.Handler mounted at "/" (HI-1 §9.3: POST the message, the answer
// comes back in the same exchange). The handler runs in-process, without a socket.
func Handler(h http.Handler) Target { return handlerTarget{h} }

type handlerTarget struct{ h http.Handler }

func (t handlerTarget) Exchange(ctx context.Context, body []byte, ct string) ([]byte, string, error) {
	type result struct {
		rec *httptest.ResponseRecorder
		p   any
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{p: p}
			}
		}()
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		rec := httptest.NewRecorder()
		t.h.ServeHTTP(rec, req)
		done <- result{rec: rec}
	}()
	select {
	case r := <-done:
		if r.p != nil {
			return nil, "", fmt.Errorf("%w: handler panicked: %v", ErrTransport, r.p)
		}
		return httpAnswer(r.rec.Code, r.rec.Header().Get("Content-Type"), r.rec.Body.Bytes())
	case <-ctx.Done():
		return nil, "", ctx.Err()
	}
}

// StatusError is an HTTP answer other than 200: no message came back.
type StatusError struct{ Code int }

// Error names the status.
func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP status %d (every message-level outcome must be 200)", e.Code)
}

// Unwrap makes a StatusError an ErrTransport.
func (e *StatusError) Unwrap() error { return ErrTransport }

// httpAnswer applies HI-1 §9.3: every message-level outcome is HTTP 200 with a message.
func httpAnswer(status int, ct string, body []byte) ([]byte, string, error) {
	if status != http.StatusOK {
		return nil, "", &StatusError{status}
	}
	if len(body) > maxResponse {
		return nil, "", fmt.Errorf("%w: response larger than %d bytes", ErrTransport, maxResponse)
	}
	return body, ct, nil
}

// HTTPOptions configure an HTTP(S) target.
type HTTPOptions struct {
	// TLS configures HTTPS, including a client certificate for mTLS; nil uses defaults.
	TLS *tls.Config
	// Client replaces the HTTP client entirely (TLS is then ignored).
	Client *http.Client
}

// HTTP returns a target that POSTs each message to url.
func HTTP(url string, opts HTTPOptions) Target {
	return &httpTarget{url: url, c: httpClient(opts)}
}

// httpClient returns opts.Client, or a client for opts.TLS that follows no redirect.
func httpClient(opts HTTPOptions) *http.Client {
	if opts.Client != nil {
		return opts.Client
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = opts.TLS
	tr.MaxIdleConnsPerHost = 64
	tr.MaxResponseHeaderBytes = maxResponseHeader
	return &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return errors.New("redirects are not followed")
	}}
}

type httpTarget struct {
	url string
	c   *http.Client
}

func (t *httpTarget) Exchange(ctx context.Context, body []byte, ct string) ([]byte, string, error) {
	// Whether a connection was made decides between "unreachable" (no verdicts at all)
	// and an implementation that accepted the connection and then failed (verdicts).
	var connected, freshTLS, answered atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(i httptrace.GotConnInfo) {
			connected.Store(true)
			_, isTLS := i.Conn.(*tls.Conn)
			freshTLS.Store(isTLS && !i.Reused)
		},
		GotFirstResponseByte: func() { answered.Store(true) },
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrConfig, err)
	}
	req.Header.Set("Content-Type", ct)
	resp, err := t.c.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		if !connected.Load() || (freshTLS.Load() && !answered.Load() && tlsRefused(err)) {
			return nil, "", fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
		return nil, "", fmt.Errorf("%w: %v", ErrTransport, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		return nil, "", fmt.Errorf("%w: reading the response: %v", ErrTransport, err)
	}
	return httpAnswer(resp.StatusCode, resp.Header.Get("Content-Type"), b)
}

// tlsRefused reports how a server refuses a TLS client after the client considers the
// handshake done, as with TLS 1.3 a server that wants another client certificate does:
// an alert, or, when the server closes before the alert is read, a reset or a broken
// pipe as the request is written. No request can ever pass such a connection, so it
// counts as not made.
func tlsRefused(err error) bool {
	var op *net.OpError
	return (errors.As(err, &op) && op.Op == "remote error") || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// Serve starts h on a loopback listener and returns its URL and a stop function: how
// the command line runs the suite over real HTTP against an in-process implementation.
func Serve(h http.Handler) (url string, stop func()) {
	s := httptest.NewUnstartedServer(h)
	s.Config.ReadHeaderTimeout = 10 * time.Second
	s.Start()
	return s.URL, s.Close
}
