package refimpl

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestBudgetRefusesWithRetry: a body the shared budget cannot hold gets 503 with
// Retry-After, and the budget is whole again afterwards.
func TestBudgetRefusesWithRetry(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxBuffered = 64 << 10
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat(" ", 100<<10)
	req := httptest.NewRequest(http.MethodPost, "/", io.NopCloser(strings.NewReader(big)))
	req.Header.Set("Content-Type", "application/xml")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q; want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	// A body that needs nearly the whole budget fits only if the refusal gave back
	// what it had taken.
	near := httptest.NewRequest(http.MethodPost, "/", io.NopCloser(strings.NewReader("<x/>"+strings.Repeat(" ", 60<<10))))
	near.Header.Set("Content-Type", "application/xml")
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, near)
	if rec.Code != http.StatusOK {
		t.Errorf("message of 60 KiB after a refusal: status %d, want 200 (a message-level error)", rec.Code)
	}
}
