package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
)

// testConfig is a run against url with the test PKI's harness and implementation. The
// round-trip limit is generous: these tests check accounting, not speed, and a timeout
// would be reported as a problem.
func testConfig(t testing.TB, url string, clients int, d time.Duration, m string) config {
	t.Helper()
	p := testpki.MustLoad()
	mx, err := parseMix(m)
	if err != nil {
		t.Fatal(err)
	}
	return config{
		target: url, clients: clients, duration: d, timeout: 2 * time.Minute,
		formats: []exchange.Format{exchange.FormatXML, exchange.FormatJSON}, mix: mx,
		auditGets: -1, seed: uint64(time.Now().UnixNano()),
		from: p.Harness.Party, signer: p.Harness.Signer, to: p.Implementation.Party, trust: p.Bundle,
		http: newHTTPClient(clients),
	}
}

// serve starts h on loopback for the test.
func serve(t testing.TB, h http.Handler) string {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts.URL + "/"
}

func report(t testing.TB, rep *Report) string {
	var b strings.Builder
	rep.print(&b)
	return b.String()
}

// A correct server under 200 concurrent clients: every response verifies, every accepted
// object is stored exactly once, every replay is refused.
func TestLoadAccountsForEveryMessage(t *testing.T) {
	srv := newRefimpl(t)
	cfg := testConfig(t, serve(t, srv), 200, 3*time.Second, defaultMix)
	// Every client's first message opens its case: on a slow machine (or under the race
	// detector) 3 s may end before the operations under test begin, so the run goes on
	// until 400 more messages were sent, bounded by ctx.
	cfg.minMessages = int64(cfg.clients) + 400
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	rep, err := load(ctx, cfg, options{storeObjects: srv.Objects})
	if err != nil {
		t.Fatal(err)
	}
	out := report(t, rep)
	t.Logf("\n%s", out)
	if !rep.OK() {
		t.Fatalf("problems under load:\n%s", out)
	}
	// The run must have exercised what it claims to check.
	for _, need := range []struct {
		op    string
		field func(*opCount) int64
	}{
		{opCase, func(c *opCount) int64 { return c.Accepted }},
		{opCreate, func(c *opCount) int64 { return c.Accepted }},
		{opReplay, func(c *opCount) int64 { return c.Refused }},
		{opRace, func(c *opCount) int64 { return c.Refused }},
		{opList, func(c *opCount) int64 { return c.Accepted }},
	} {
		if c := rep.Ops[need.op]; c == nil || need.field(c) == 0 {
			t.Errorf("%s: not exercised in the run:\n%s", need.op, out)
		}
	}
	if rep.Messages == 0 || rep.Latency.P50 <= 0 || rep.Latency.Max < rep.Latency.P99 {
		t.Errorf("no latency measured: %+v", rep.Latency)
	}
}

// Each defect, whether a fault switch of the reference implementation or a fake
// receiver, is reported as the problem it is.
func TestLoadCatchesDefects(t *testing.T) {
	faulty := func(f refimpl.Fault) func(testing.TB) http.Handler {
		return func(t testing.TB) http.Handler {
			cfg, err := refimpl.DefaultConfig()
			if err != nil {
				t.Fatal(err)
			}
			cfg.Faults = []refimpl.Fault{f}
			s, err := refimpl.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	cases := []struct {
		name    string
		handler func(testing.TB) http.Handler
		mix     string
		want    []problemKind // at least one of these
	}{
		{"accept-replays", faulty(refimpl.AcceptReplays), "create=1,replay=2,race=2", []problemKind{probReplayAccepted}},
		{"sign-with-wrong-key", faulty(refimpl.SignWithWrongKey), defaultMix, []problemKind{probUnverified}},
		{"unsigned-responses", faulty(refimpl.UnsignedResponses), defaultMix, []problemKind{probUnverified}},
		{"wrong-correlation", faulty(refimpl.WrongCorrelation), defaultMix, []problemKind{probCorrelation}},
		{"wrong-receipt-digest", faulty(refimpl.WrongReceiptDigest), defaultMix, []problemKind{probReceipt}},
		{"split brain", splitBrain, "create=2,get=2,update=1", []problemKind{probLost, probStale, probUnexpected}},
		{"acceptance without storing", liar, "create=3,get=1", []problemKind{probLost}},
		{"extra objects", inventor, "create=3,get=1", []problemKind{probPhantom}},
		{"idempotent replays", idempotent, "create=1,race=3", []problemKind{probDuplicated}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := testConfig(t, serve(t, tc.handler(t)), 4, 10*time.Second, tc.mix)
			cfg.maxMessages = 60
			rep, err := load(context.Background(), cfg, options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() {
				t.Fatalf("no problem reported:\n%s", report(t, rep))
			}
			for _, p := range rep.Problems {
				for _, k := range tc.want {
					if p.Kind == string(k) {
						return
					}
				}
			}
			t.Fatalf("want one of %v:\n%s", tc.want, report(t, rep))
		})
	}
}

// A target that does not answer is an error before the run, not a run full of problems.
func TestLoadUnreachable(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	url := ts.URL
	ts.Close()
	cfg := testConfig(t, url, 1, time.Second, defaultMix)
	cfg.timeout = 5 * time.Second
	if _, err := load(context.Background(), cfg, options{}); err == nil {
		t.Fatal("no error for a closed port")
	}
	cfg.target = serve(t, http.NotFoundHandler())
	if _, err := load(context.Background(), cfg, options{}); err == nil {
		t.Fatal("no error for a target answering 404")
	}
}
