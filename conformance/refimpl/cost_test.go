package refimpl_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/costtest"
)

// serverCostShapes are the shapes posted to the server: the costliest of the cost suite
// for exchange.Validate, and a valid document, which passes the schema and the rules and
// is refused only by the signature check, so that it pays for every step.
var serverCostShapes = []string{
	"json/wide-actions", "json/wide-object-long-names", "json/valid-document", "xml/long-names",
}

// TestServerCost posts the cost suite's shapes to the reference receiver, unsigned,
// three at once: together they must stay within three times the budget of one message,
// and a valid signed request sent meanwhile must be answered about as fast as alone.
func TestServerCost(t *testing.T) {
	size, checkBudget := int(exchange.DefaultMaxBytes), true
	if raceEnabled || testing.Short() {
		// Slower and heavier under the race detector: the concurrency is what matters
		// there, at a sixteenth of the size, without the budget, which is for the
		// program as built.
		size, checkBudget = size/16, false
	}
	srv := newServer(t)
	ts := httptest.NewServer(srv)
	defer ts.Close()

	probe := newClient(t, srv, exchange.FormatXML)
	sendProbe := func() time.Duration {
		body := probe.encode(probe.message(capabilities()))
		start := time.Now()
		status, resp := post(t, ts.URL, exchange.MediaTypeXML, body)
		took := time.Since(start)
		if status != http.StatusOK || bytes.Contains(resp, []byte("<ErrorCode>")) {
			t.Errorf("the probe was refused: HTTP %d\n%.500s", status, resp)
		}
		return took
	}
	alone := []time.Duration{sendProbe(), sendProbe(), sendProbe()}
	slices.Sort(alone)
	baseline := alone[1]

	budget := costtest.Budget{CPU: 3 * costtest.DefaultBudget.CPU, Heap: 3 * costtest.DefaultBudget.Heap}
	for _, shape := range costtest.Shapes() {
		if !slices.Contains(serverCostShapes, shape.Name) {
			continue
		}
		t.Run(shape.Name, func(t *testing.T) {
			mediaType := exchange.MediaTypeXML
			if shape.JSON {
				mediaType = exchange.MediaTypeJSON
			}
			body := shape.Make(size)
			var (
				probeTook             time.Duration
				probeDone, hostileEnd time.Time
			)
			cost := costtest.Measure(3*len(body), func() {
				var (
					wg sync.WaitGroup
					mu sync.Mutex
				)
				for range 3 {
					wg.Go(func() {
						if status, resp := post(t, ts.URL, mediaType, body); status != http.StatusOK {
							t.Errorf("HTTP %d: %.300s", status, resp)
						}
						mu.Lock()
						hostileEnd = time.Now() // the last of the three to end
						mu.Unlock()
					})
				}
				time.Sleep(20 * time.Millisecond) // the three are being read or validated
				probeTook = sendProbe()
				probeDone = time.Now()
				wg.Wait()
			})
			t.Logf("three at once: %v; the probe took %v (alone %v)", cost, probeTook, baseline)
			if checkBudget {
				if err := budget.Check(cost); err != nil {
					t.Errorf("three at once over three budgets: %v", err)
				}
			}
			// The probe may wait for its share of the two cores, but not for the three
			// to finish: it is answered before they are, or at most one budget (the
			// most one message may take) later than alone. Wall time on a loaded machine
			// is no measure under the race detector, where only the CPU is compared.
			if limit := baseline + costtest.DefaultBudget.CPU; !raceEnabled && probeDone.After(hostileEnd) && probeTook > limit {
				t.Errorf("the probe took %v with three hostile requests in progress, more than %v, and ended after them", probeTook, limit)
			}
		})
	}
}

func post(t *testing.T, url, mediaType string, body []byte) (int, []byte) {
	resp, err := http.Post(url, mediaType, bytes.NewReader(body))
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Error(err)
	}
	return resp.StatusCode, out
}
