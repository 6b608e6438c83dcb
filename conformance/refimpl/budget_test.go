package refimpl

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestReadBody(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 50_000) // 500 kB
	tests := []struct {
		name      string
		announced int64
		limit     int64
		budget    int64
		want      int // bytes returned, -1 for errBusy
	}{
		{"announced length", int64(len(data)), 1 << 20, 1 << 20, len(data)},
		{"unknown length grows in chunks", -1, 1 << 20, 1 << 20, len(data)},
		{"limit cuts the body", -1, 1000, 1 << 20, 1000},
		{"announced length over the budget", int64(len(data)), 1 << 20, 100_000, -1},
		{"unknown length runs out of budget", -1, 1 << 20, 200_000, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := &budget{free: tc.budget}
			got, held, err := readBody(bytes.NewReader(data), tc.announced, tc.limit, b)
			b.give(held)
			if b.free != tc.budget {
				t.Errorf("budget after give = %d, want %d (nothing kept)", b.free, tc.budget)
			}
			if tc.want < 0 {
				if err != errBusy {
					t.Fatalf("err = %v, want errBusy", err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, data[:tc.want]) {
				t.Fatalf("got %d bytes, err %v; want %d bytes", len(got), err, tc.want)
			}
		})
	}
}

// TestBudgetRefusesWithRetry: a body the shared budget cannot hold gets 503 with
// Retry-After, and the budget is whole again afterwards for a small message.
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
	if srv.budget.free != cfg.MaxBuffered {
		t.Errorf("budget not given back: %d of %d", srv.budget.free, cfg.MaxBuffered)
	}
	small := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("<x/>"))
	small.Header.Set("Content-Type", "application/xml")
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, small)
	if rec.Code != http.StatusOK {
		t.Errorf("small message after a refusal: status %d, want 200 (a message-level error)", rec.Code)
	}
}
