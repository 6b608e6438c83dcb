package refimpl_test

import (
	"bytes"
	"io"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// TestParallelClients runs many requesters at once against one server: each opens its
// own case, updates it and lists it, while they all also race on one shared object. Run
// with -race.
func TestParallelClients(t *testing.T) {
	srv := newServer(t)
	ts := httptest.NewServer(srv)
	defer ts.Close()

	shared := newClient(t, srv, exchange.FormatXML)
	auth := authorisation(shared.from)
	if got := codes(shared.send(create(exchange.Object{Authorisation: auth}))); got != "ok" {
		t.Fatal(got)
	}

	clients, rounds := 16, 5
	if raceEnabled {
		clients, rounds = 8, 3
	}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		applied int
	)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(t, srv, formats[i%2])
			for range rounds {
				own := authorisation(c.from)
				if got := codes(c.send(create(exchange.Object{Authorisation: own}))); got != "ok" {
					t.Errorf("CREATE: %s", got)
					return
				}
				// Everyone tries to move the shared object from the generation it read.
				cur := c.send(get(auth.ObjectIdentifier)).ActionResult[0].GET.Authorisation
				u := *auth
				u.Generation = cur.Generation
				switch got := codes(c.send(update(exchange.Object{Authorisation: &u}))); got {
				case "ok":
					mu.Lock()
					applied++
					mu.Unlock()
				case "3008":
				default:
					t.Errorf("UPDATE: %s", got)
				}
				// The same through HTTP.
				body := c.encode(c.message(get(own.ObjectIdentifier)))
				resp, err := ts.Client().Post(ts.URL, c.format.MediaType(), bytes.NewReader(body))
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	final := shared.send(get(auth.ObjectIdentifier)).ActionResult[0].GET.Authorisation
	// Every applied update moved the generation by exactly one: none was lost.
	if final.Generation != 1+applied {
		t.Fatalf("generation %d after %d applied updates", final.Generation, applied)
	}
	if applied == 0 {
		t.Fatal("no update applied")
	}
}
