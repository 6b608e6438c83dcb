package refimpl_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// FuzzExchange feeds arbitrary bodies to the handler: it must never panic, and must answer
// with a signed, valid response message in the request's encoding carrying the request's
// receipt (or, for an oversized body, HTTP 413).
func FuzzExchange(f *testing.F) {
	srv := newServer(f)
	c := newClient(f, srv, exchange.FormatXML)
	f.Add(c.encode(c.message(capabilities())), true)
	cj := newClient(f, srv, exchange.FormatJSON)
	f.Add(cj.encode(cj.message(capabilities())), false)
	seeds, _ := filepath.Glob("testdata/fuzz-seeds/*")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err == nil {
			f.Add(data, filepath.Ext(s) == ".xml")
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, isXML bool) {
		ct, format := "application/json", exchange.FormatJSON
		if isXML {
			ct, format = "application/xml", exchange.FormatXML
		}
		req := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			// Only the transport may refuse; a message always gets a message back.
			if rec.Code != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.Bytes())
			}
			return
		}
		if got := rec.Header().Get("Content-Type"); got != ct {
			t.Fatalf("content type %q for a %s request", got, ct)
		}
		v, err := exchange.Verify(rec.Body.Bytes(), format, exchange.VerifyOptions{Trust: c.pki.Bundle})
		if err != nil {
			t.Fatalf("response is not a valid signed message: %v\n%s", err, rec.Body.Bytes())
		}
		r := v.Message.Payload.Response
		if r == nil || !r.Receipt.Matches(body) {
			t.Fatalf("response without the receipt of the request:\n%s", rec.Body.Bytes())
		}
	})
}
