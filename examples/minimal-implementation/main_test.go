package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance"
	"github.com/jcx-dev/jcx/conformance/conformancetest"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

func newTestServer(t *testing.T) *Server {
	t.Helper()
	pki := testpki.MustLoad()
	s, err := NewServer(pki.Implementation.Signer, pki.Bundle)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The core conformance suite, in process, one subtest per case and encoding. The cases
// that need what capabilities.json declares unsupported are skipped; every other case
// must pass.
func TestConformance(t *testing.T) {
	f, err := os.Open("capabilities.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	caps, err := conformance.ReadCapabilities(f)
	if err != nil {
		t.Fatal(err)
	}
	res := conformancetest.Run(t, conformance.Config{
		Target:       conformance.Handler(newTestServer(t)),
		Capabilities: caps,
		// Generous: the 16 MiB cases take a while under the race detector.
		Timeout: time.Minute,
	})
	if res == nil {
		return
	}
	if !res.Conformant {
		t.Errorf("not conformant: %v", res.Counts)
	}
	if res.Counts[conformance.Pass] == 0 || res.Counts[conformance.SkippedUnsupported] == 0 {
		t.Errorf("counts %v: want passes and the declared skips", res.Counts)
	}
	t.Logf("%v", res.Counts)
}

// One exchange by hand: a signed GETCAPABILITIES gets a signed, correlated response with
// the right receipt.
func TestExchange(t *testing.T) {
	pki := testpki.MustLoad()
	srv := newTestServer(t)
	req := exchange.NewRequest(pki.Harness.Party, pki.Implementation.Party,
		exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		req.Header.TransactionIdentifier = exchange.NewUUID()
		body, err := exchange.SignMessage(req, f, pki.Harness.Signer)
		if err != nil {
			t.Fatal(err)
		}
		out, ct, err := srv.Exchange(context.Background(), body, f.MediaType())
		if err != nil || ct != f.MediaType() {
			t.Fatalf("%s: %v, content type %q", f, err, ct)
		}
		v, err := exchange.Verify(out, f, exchange.VerifyOptions{Trust: pki.Bundle})
		if err != nil {
			t.Fatalf("%s: response does not verify: %v", f, err)
		}
		r := v.Message.Payload.Response
		switch {
		case v.Message.Header.TransactionIdentifier != req.Header.TransactionIdentifier:
			t.Errorf("%s: not correlated", f)
		case !r.Receipt.Matches(body):
			t.Errorf("%s: receipt does not match", f)
		case len(r.Error) > 0 || len(r.ActionResult) != 1 || r.ActionResult[0].GETCAPABILITIES == nil:
			t.Errorf("%s: unexpected response %+v", f, r)
		}

		// The same bytes again are a replay.
		out, _, _ = srv.Exchange(context.Background(), body, f.MediaType())
		m, err := exchange.Unmarshal(out, f)
		if err != nil || len(m.Payload.Response.Error) == 0 || m.Payload.Response.Error[0].Code != exchange.CodeReplay {
			t.Errorf("%s: replay not refused with 8012: %v %+v", f, err, m)
		}
	}
}

func TestHTTPErrors(t *testing.T) {
	ts := httptest.NewServer(newTestServer(t))
	defer ts.Close()
	for _, tc := range []struct {
		method, ct string
		body       string
		want       int
	}{
		{http.MethodGet, "", "", http.StatusMethodNotAllowed},
		{http.MethodPost, "text/plain", "hello", http.StatusUnsupportedMediaType},
		{http.MethodPost, "application/xml", strings.Repeat(" ", exchange.DefaultMaxBytes+httpbinding.OversizeSlack+1), http.StatusRequestEntityTooLarge},
		{http.MethodPost, "application/xml", "<not a message/>", http.StatusOK},
	} {
		req, _ := http.NewRequest(tc.method, ts.URL, bytes.NewReader([]byte(tc.body)))
		if tc.ct != "" {
			req.Header.Set("Content-Type", tc.ct)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.ct, resp.StatusCode, tc.want)
		}
	}
}

// run serves over real HTTP until its context ends.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--addr", "127.0.0.1:0"}, pw) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url := strings.Fields(line)[2] // "listening on URL as CC/ID"
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
}
