package refimpl

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

// HealthPath answers GET with 200 while the server is up; load balancers and the
// harness use it to wait for a freshly started implementation.
const HealthPath = "/healthz"

// ServeHTTP implements the HTTP binding of HI-1 §9.3 with httpbinding.Handler.ServeHTTP:
// a request message is POSTed with Content-Type application/xml or application/json, and
// the response message comes back in the same exchange, in the same encoding, with
// status 200 for every message-level outcome (errors included). A body over the size
// limit by at most OversizeSlack is hashed and refused with a signed 3022 message too.
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
	s.handler.ServeHTTP(w, r)
}

// OversizeSlack is how far past the size limit a request body is still read, hashed and
// answered with a signed 3022 message instead of being cut off with HTTP 413.
const OversizeSlack = httpbinding.OversizeSlack

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
