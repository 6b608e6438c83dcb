package refimpl_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/exchange"
)

// TestAcceptedHook: the hook sees every accepted request, exactly as received, and no
// refused one; when it fails, the request is refused as transient (3003).
func TestAcceptedHook(t *testing.T) {
	var mu sync.Mutex
	var seen [][]byte
	var fail error
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Accepted = func(_ context.Context, body []byte, h exchange.Header) error {
		mu.Lock()
		defer mu.Unlock()
		if fail != nil {
			return fail
		}
		seen = append(seen, bytes.Clone(body))
		return nil
	}
	srv, err := refimpl.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv, exchange.FormatXML)
	body := c.encode(c.message(capabilities()))
	if r := c.sendBytes(body); codes(r) != "ok" {
		t.Fatalf("accepted request answered %s", codes(r))
	}
	c.unsigned = true
	if r := c.send(capabilities()); codes(r) == "ok" {
		t.Fatal("unsigned request accepted")
	}
	c.unsigned = false
	mu.Lock()
	fail = errors.New("disk full")
	mu.Unlock()
	retried := c.encode(c.message(capabilities()))
	if r := c.sendBytes(retried); codes(r) != "3003" {
		t.Fatalf("request whose recording failed answered %q, want 3003", codes(r))
	}
	if len(seen) != 1 || !bytes.Equal(seen[0], body) {
		t.Fatalf("hook saw %d requests, want exactly the accepted one", len(seen))
	}
	// The refused request did not use up its transaction identifier: sent again as it
	// was, it is recorded and accepted — and only then is a further copy a replay.
	mu.Lock()
	fail = nil
	mu.Unlock()
	if r := c.sendBytes(retried); codes(r) != "ok" {
		t.Fatalf("the same request sent again once recording works answered %q, want ok", codes(r))
	}
	if r := c.sendBytes(retried); codes(r) != "8012" {
		t.Fatalf("a replay of the recorded request answered %q, want 8012", codes(r))
	}
	if len(seen) != 2 || !bytes.Equal(seen[1], retried) {
		t.Fatalf("hook saw %d requests, want the two accepted ones", len(seen))
	}
}
