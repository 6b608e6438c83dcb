package conformance

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The harness's own mutants: implementations with the defects the harness exists to
// catch, each run against the shipped suite. A mutant is caught when the run is not
// conformant and the verdicts say why; none may make the run hang or end "unreachable".
// The reference implementation's fault switches (TestFaultsAreCaught) cover the message
// semantics; these cover what an implementation does to the harness itself.

// bombAnswers answers every request, in turn, with one of the answers that are cheap to
// send and costly to check: a very wide array, a number of millions of digits, very many
// sibling elements, a text of millions of digits, each just under the size the harness
// accepts.
type bombAnswers struct{ n atomic.Int64 }

func (b *bombAnswers) Exchange(ctx context.Context, body []byte, ct string) ([]byte, string) {
	enc, _ := encodingOf(ct)
	size := maxAnswer - 1024
	head := `{"Header":{"Sender":{"CountryCode":"LU","UniqueIdentifier":"jcx-reference"}},"Payload":{"Response":{"Error":[`
	xhead := `<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender><CountryCode>LU</CountryCode><UniqueIdentifier>jcx-reference</UniqueIdentifier></Sender></Header><Payload><Response>`
	switch b.n.Add(1) % 2 {
	case 0:
		if enc == JSON {
			return []byte(head + strings.Repeat("1,", size/2) + "1]}}}"), ct
		}
		return []byte(xhead + strings.Repeat("<Error/>", size/8) + "</Response></Payload></Message>"), ct
	default:
		if enc == JSON {
			return []byte(head + "1" + strings.Repeat("0", size) + "]}}}"), ct
		}
		return []byte(xhead + "<Error><Code>1" + strings.Repeat("0", size) + "</Code></Error></Response></Payload></Message>"), ct
	}
}

func TestMutantBombAnswersEndOnTime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole suite against bombs")
	}
	const timeout = 2 * time.Second
	start := time.Now()
	res, err := Run(context.Background(), Config{Target: InProcess(&bombAnswers{}), Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if bound := time.Duration(len(res.Cases)+1)*timeout + 10*time.Second; took > bound {
		t.Errorf("the run took %v, more than cases × timeout + 10 s = %v", took, bound)
	}
	slowest := time.Duration(0)
	for _, c := range res.Cases {
		if c.Verdict != Fail && c.Verdict != Timeout {
			t.Errorf("%s: %s (%s), want fail or timeout", c.Name(), c.Verdict, c.Reason)
		}
		slowest = max(slowest, c.Duration)
	}
	// A case may overrun its limit only by the time it takes to notice.
	if slowest > timeout+time.Second {
		t.Errorf("the slowest case took %v under a %v limit", slowest, timeout)
	}
	if res.Conformant {
		t.Error("conformant")
	}
	t.Logf("%d case runs against bomb answers in %v (slowest %v): %v", len(res.Cases), took, slowest, res.Counts)
}

// Transport mutants accept the connection and then fail: they earn verdicts and are not
// conformant; they are never "unreachable".
func TestMutantTransportsEarnVerdicts(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	tests := []struct {
		name    string
		handler http.HandlerFunc
		verdict Verdict
		reason  string
	}{
		{"HTTP 500", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}, Error, "HTTP status 500"},
		{"close without answer", func(w http.ResponseWriter, r *http.Request) {
			if c, _, err := http.NewResponseController(w).Hijack(); err == nil {
				c.Close()
			}
		}, Error, "no answer from the implementation"},
		{"hang", func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body) // so that the server notices when the client gives up
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}, Timeout, "time limit"},
		{"answer dribbled byte by byte", func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", r.Header.Get("Content-Type"))
			rc := http.NewResponseController(w)
			for range 1000 {
				select {
				case <-release:
					return
				case <-r.Context().Done():
					return
				case <-time.After(50 * time.Millisecond):
				}
				w.Write([]byte(" "))
				rc.Flush()
			}
		}, Timeout, "time limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			defer srv.CloseClientConnections()
			const timeout = time.Second
			start := time.Now()
			res, err := Run(context.Background(), Config{Target: HTTP(srv.URL, HTTPOptions{}), Timeout: timeout, Run: regexp.MustCompile("JCX-C-000[1-4]")})
			if err != nil {
				t.Fatalf("the run did not start: %v", err)
			}
			ran := 0
			for _, c := range res.Cases {
				if c.Verdict == SkippedByChoice {
					continue
				}
				ran++
				if c.Verdict != tt.verdict || !strings.Contains(c.Reason, tt.reason) {
					t.Errorf("%s: %s (%s), want %s with %q", c.Name(), c.Verdict, c.Reason, tt.verdict, tt.reason)
				}
			}
			if ran == 0 || res.Conformant || res.Inconclusive != "" {
				t.Errorf("%d cases ran, conformant %v, inconclusive %q", ran, res.Conformant, res.Inconclusive)
			}
			if len(res.Notes) == 0 {
				t.Error("the summary does not say what the probe got")
			}
			if d, bound := time.Since(start), time.Duration(ran+1)*timeout+5*time.Second; d > bound {
				t.Errorf("took %v, bound %v", d, bound)
			}
		})
	}
}
