package httpbinding_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// FuzzHandler feeds arbitrary bodies to a Handler: it must never panic, and must answer
// with a signed response in the request's encoding carrying the request's receipt;
// the Service sees only requests that passed every check, so never one of these.
func FuzzHandler(f *testing.F) {
	p := pki(f)
	svc := &capabilities{}
	h := newHandler(f, svc, nil)
	f.Add(signed(f, request(f), exchange.FormatXML, p.Harness), true)
	f.Add(signed(f, request(f), exchange.FormatJSON, p.Harness), false)
	f.Add([]byte(`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender><CountryCode>FR</CountryCode>`), true)
	f.Add([]byte(`{"Header":{"Sender":{"CountryCode":"FR","UniqueIdentifier":"x"},"TransactionIdentifier":"0564e067-5668-4c27-8af3-40d6e3bc1ffa"},"Payload":`), false)
	f.Fuzz(func(t *testing.T, body []byte, isXML bool) {
		ct, format := exchange.MediaTypeJSON, exchange.FormatJSON
		if isXML {
			ct, format = exchange.MediaTypeXML, exchange.FormatXML
		}
		req := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body.Bytes())
		}
		if got := rec.Header().Get("Content-Type"); got != ct {
			t.Fatalf("content type %q for a %s request", got, ct)
		}
		v, err := exchange.Verify(rec.Body.Bytes(), format, exchange.VerifyOptions{Trust: p.Bundle})
		if err != nil {
			t.Fatalf("response is not a valid signed message: %v\n%s", err, rec.Body.Bytes())
		}
		if r := v.Message.Payload.Response; r == nil || !r.Receipt.Matches(body) {
			t.Fatalf("response without the receipt of the request:\n%s", rec.Body.Bytes())
		}
	})
}
