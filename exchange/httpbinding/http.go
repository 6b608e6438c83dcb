package httpbinding

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/intake"
)

// OversizeSlack is how far past the size limit a request body is still read, hashed and
// answered with a signed 3022 message instead of being cut off with HTTP 413: a client
// that went a little over the limit gets a refusal it can verify and match with its
// receipt. Past the slack the body is not read.
const OversizeSlack = 1 << 20

// ServeHTTP implements the HTTP binding of HI-1 §9.3: a request message is POSTed with
// Content-Type application/xml or application/json, and the response message comes back
// in the same exchange, in the same encoding, with status 200 for every message-level
// outcome (refusals included).
//
// The cheap checks come first: 405 for a method other than POST, 415 for another
// content type, 413 for a body further over the size limit than OversizeSlack (not
// read when its length is announced), 503 when the bodies in memory across requests
// have reached Config.MaxBuffered, 400 for a body that could not be read, 500 when no
// response could be produced. The TLS client certificate, when there is one, must name
// the request's sender (8011).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "only POST is accepted: send a message", http.StatusMethodNotAllowed)
		return
	}
	ct := r.Header.Get("Content-Type")
	f, ok := FormatOf(ct)
	if !ok || ct == "" {
		http.Error(w, "content type must be "+exchange.MediaTypeXML+" or "+exchange.MediaTypeJSON, http.StatusUnsupportedMediaType)
		return
	}
	if r.ContentLength > h.maxBytes+OversizeSlack {
		refuseTooLarge(w, h.maxBytes)
		return
	}
	body, held, err := intake.ReadBody(r.Body, r.ContentLength, h.maxBytes+1, h.budget)
	defer h.budget.Give(held)
	if errors.Is(err, intake.ErrBusy) {
		w.Header().Set("Retry-After", "1")
		http.Error(w, "busy: too many large requests in progress, retry", http.StatusServiceUnavailable)
		return
	}
	if err != nil {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	if int64(len(body)) > h.maxBytes {
		h.serveTooLarge(w, r, body, f)
		return
	}
	ctx := r.Context()
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
		ctx = WithPeerCertificate(ctx, r.TLS.PeerCertificates[0])
	}
	resp, rt, err := h.Exchange(ctx, body, ct)
	writeResponse(w, resp, rt, err)
}

// serveTooLarge reads the rest of an oversized body (head is what was read so far),
// within OversizeSlack, into the receipt's digest without keeping it, and answers 3022.
func (h *Handler) serveTooLarge(w http.ResponseWriter, r *http.Request, head []byte, f exchange.Format) {
	d := sha256.New()
	d.Write(head)
	// head holds one byte over the limit already.
	n, err := io.Copy(d, io.LimitReader(r.Body, OversizeSlack-1))
	if err != nil {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	if more, _ := r.Body.Read(make([]byte, 1)); more > 0 {
		refuseTooLarge(w, h.maxBytes)
		return
	}
	receipt := exchange.Receipt{Algorithm: exchange.ReceiptAlgorithm, Value: hex.EncodeToString(d.Sum(nil))}
	resp, rt, err := h.tooLarge(head[:h.maxBytes], receipt, int64(len(head))+n, f)
	writeResponse(w, resp, rt, err)
}

func writeResponse(w http.ResponseWriter, resp []byte, contentType string, err error) {
	if err != nil {
		http.Error(w, "no response could be produced", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(resp)))
	w.WriteHeader(http.StatusOK)
	w.Write(resp)
}

func refuseTooLarge(w http.ResponseWriter, max int64) {
	// Tell the client not to send the rest; the connection is not reused.
	w.Header().Set("Connection", "close")
	http.Error(w, "message larger than "+strconv.FormatInt(max, 10)+" bytes", http.StatusRequestEntityTooLarge)
}
