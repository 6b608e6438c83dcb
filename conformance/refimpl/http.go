package refimpl

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"github.com/jcx-dev/jcx/internal/intake"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// HealthPath answers GET with 200 while the server is up; load balancers and the
// harness use it to wait for a freshly started implementation.
const HealthPath = "/healthz"

// ServeHTTP implements the HTTP binding of HI-1 §9.3: a request message is POSTed with
// Content-Type application/xml or application/json, and the response message comes back
// in the same exchange, in the same encoding, with status 200 for every message-level
// outcome (errors included). A body over the size limit by at most OversizeSlack is
// hashed and refused with a signed 3022 message too.
//
// HTTP errors are kept for what is not a message exchange: 405 for a method other than
// POST, 415 for another content type, 413 for a body further over the size limit (not
// read when its length is announced), 503 when the bodies in memory across requests have
// reached Config.MaxBuffered, 400 for a body that could not be read, 500 when no
// response could be produced. Any path but HealthPath takes messages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == HealthPath {
		s.health(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "only POST is accepted: send a message", http.StatusMethodNotAllowed)
		return
	}
	ct := r.Header.Get("Content-Type")
	if _, ok := FormatOf(ct); !ok || ct == "" {
		http.Error(w, "content type must be "+exchange.MediaTypeXML+" or "+exchange.MediaTypeJSON, http.StatusUnsupportedMediaType)
		return
	}
	if r.ContentLength > s.maxBytes+OversizeSlack {
		tooLarge(w, s.maxBytes)
		return
	}
	body, held, err := intake.ReadBody(r.Body, r.ContentLength, s.maxBytes+1, s.budget)
	defer s.budget.Give(held)
	if errors.Is(err, intake.ErrBusy) {
		w.Header().Set("Retry-After", "1")
		http.Error(w, "busy: too many large requests in progress, retry", http.StatusServiceUnavailable)
		return
	}
	if err != nil {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	if int64(len(body)) > s.maxBytes {
		s.serveTooLarge(w, r, body, ct)
		return
	}
	ctx := r.Context()
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
		ctx = WithPeerCertificate(ctx, r.TLS.PeerCertificates[0])
	}
	resp, rt := s.Exchange(ctx, body, ct)
	writeResponse(w, resp, rt)
}

// OversizeSlack is how far past the size limit a request body is still read, hashed and
// answered with a signed 3022 message instead of being cut off with HTTP 413: a client
// that went a little over the limit gets a refusal it can verify and match with its
// receipt. Past the slack the body is not read.
const OversizeSlack = 1 << 20

// serveTooLarge reads the rest of an oversized body (head is what was read so far),
// within OversizeSlack, into the receipt's digest without keeping it, and answers 3022.
func (s *Server) serveTooLarge(w http.ResponseWriter, r *http.Request, head []byte, ct string) {
	h := sha256.New()
	h.Write(head)
	// head holds one byte over the limit already.
	n, err := io.Copy(h, io.LimitReader(r.Body, OversizeSlack-1))
	if err != nil {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	if more, _ := r.Body.Read(make([]byte, 1)); more > 0 {
		tooLarge(w, s.maxBytes)
		return
	}
	receipt := exchange.Receipt{Algorithm: exchange.ReceiptAlgorithm, Value: hex.EncodeToString(h.Sum(nil))}
	resp, rt := s.exchangeTooLarge(head[:s.maxBytes], receipt, int64(len(head))+n, ct)
	writeResponse(w, resp, rt)
}

func writeResponse(w http.ResponseWriter, resp []byte, contentType string) {
	if resp == nil {
		http.Error(w, "no response could be produced", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(resp)))
	w.WriteHeader(http.StatusOK)
	w.Write(resp)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
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
	io.WriteString(w, "ok\n")
}

func tooLarge(w http.ResponseWriter, max int64) {
	// Tell the client not to send the rest; the connection is not reused.
	w.Header().Set("Connection", "close")
	http.Error(w, "message larger than "+strconv.FormatInt(max, 10)+" bytes", http.StatusRequestEntityTooLarge)
}

// Timeouts of NewHTTPServer. A message of the maximum size must fit in ReadTimeout on a
// slow link; a client that sends its headers slower than ReadHeaderTimeout is cut off.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 60 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
	MaxHeaderBytes    = 64 << 10
)

// NewHTTPServer returns an http.Server for h with every timeout set, so that slow or
// stalled clients cannot hold connections open.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}
