package conformance

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
)

// These tests run the shipped suite against the reference implementation: as it is (it
// must pass), with each of its faults (each must be caught by exactly the cases whose
// negative controls name it), and over every way of reaching an implementation.

func refServer(t testing.TB, faults ...refimpl.Fault) *refimpl.Server {
	t.Helper()
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Faults = faults
	srv, err := refimpl.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func runCore(t testing.TB, target Target) *Result {
	t.Helper()
	return runLogged(t, target, nil)
}

// runLogged runs the core suite against target, whose exchange log log reads (nil: the
// target declares none, and the log cases are skipped-unsupported).
func runLogged(t testing.TB, target Target, log *LogTarget) *Result {
	t.Helper()
	// Generous: under the race detector on a busy machine the 16 MiB cases take a while.
	res, err := Run(context.Background(), Config{Target: target, Log: log, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// requireAllPass requires every case to pass, except that the log cases of a run
// without a log target are skipped-unsupported for that reason.
func requireAllPass(t *testing.T, res *Result) {
	t.Helper()
	for _, c := range res.Cases {
		if c.Kind == KindLog && c.Verdict == SkippedUnsupported && c.Reason == errNoLog.Error() {
			continue
		}
		if c.Verdict != Pass {
			t.Errorf("%s %s: %s: %s", c.Name(), c.Title, c.Verdict, c.Reason)
		}
	}
	if !res.Conformant || len(res.NotCertifiable) > 0 {
		t.Errorf("conformant=%v, not certifiable: %v", res.Conformant, res.NotCertifiable)
	}
}

func TestReferenceImplementationPasses(t *testing.T) {
	start := time.Now()
	h, log := loggedServer(t)
	res := runLogged(t, Handler(h), log)
	requireAllPass(t, res)
	if res.Counts[Pass] != len(res.Cases) {
		t.Errorf("with its exchange log, every case should run and pass: %v", res.Counts)
	}
	t.Logf("%d case runs in %v", len(res.Cases), time.Since(start))
}

// TestFaultsAreCaught is the harness's negative control: every fault of the reference
// implementation makes exactly the cases that name it fail, in every encoding, and no
// other case.
func TestFaultsAreCaught(t *testing.T) {
	suite, err := Core()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	faults := slices.Concat(refimpl.Faults(), refimpl.LogFaults())
	for _, f := range faults {
		known[string(f)] = true
	}
	for _, c := range suite.Cases {
		for _, n := range c.NegativeControls {
			if !known[n] {
				t.Errorf("%s: negative control %q is not a fault of the reference implementation", c.ID, n)
			}
		}
	}
	for _, f := range faults {
		t.Run(string(f), func(t *testing.T) {
			t.Parallel()
			h, log := loggedServer(t, f)
			res := runLogged(t, Handler(h), log)
			for _, cr := range res.Cases {
				var c *Case
				for i := range suite.Cases {
					if suite.Cases[i].ID == cr.ID {
						c = &suite.Cases[i]
					}
				}
				meant := slices.Contains(c.NegativeControls, string(f))
				switch caught := cr.Verdict.failed(); {
				case meant && !caught:
					t.Errorf("%s (%s) should catch %s but is %s", cr.Name(), cr.Title, f, cr.Verdict)
				case !meant && caught:
					t.Errorf("%s (%s) catches %s, which its negative controls do not name: %s", cr.Name(), cr.Title, f, cr.Reason)
				}
			}
			if res.Conformant {
				t.Errorf("fault %s: the run is still conformant", f)
			}
		})
	}
}

func TestOverHTTP(t *testing.T) {
	h, log := loggedServer(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	log.Fetch = LogOverHTTP(srv.URL+LogPath, HTTPOptions{})
	res := runLogged(t, HTTP(srv.URL, HTTPOptions{}), log)
	requireAllPass(t, res)
	if res.Counts[Pass] != len(res.Cases) {
		t.Errorf("with its exchange log, every case should run and pass: %v", res.Counts)
	}
}

func TestOverMutualTLS(t *testing.T) {
	pki, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(refServer(t))
	srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{pki.Implementation.TLSCertificate()},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    pki.Pool,
	}
	srv.StartTLS()
	defer srv.Close()
	client := &tls.Config{RootCAs: pki.Pool, Certificates: []tls.Certificate{pki.Harness.TLSCertificate()}}
	requireAllPass(t, runCore(t, HTTP(srv.URL, HTTPOptions{TLS: client})))

	// Without a client certificate the handshake fails: unreachable, not a verdict.
	_, err = Run(context.Background(), Config{Target: HTTP(srv.URL, HTTPOptions{TLS: &tls.Config{RootCAs: pki.Pool}})})
	if err == nil {
		t.Error("a run without the client certificate started")
	}
}

// The test binary doubles as an exec adapter around the reference implementation when
// JCX_TEST_EXEC_ADAPTER is set (see TestMain), so the exec target is tested with a real
// separate process.
func TestOverExec(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("JCX_TEST_EXEC_ADAPTER", "1")
	target, err := Exec(context.Background(), exe, "-test.run=^$")
	if err != nil {
		t.Fatal(err)
	}
	requireAllPass(t, runCore(t, target))
	if err := target.Close(); err != nil {
		t.Errorf("adapter exit: %v", err)
	}
}

// An adapter that answers a few messages and then dies mid-run: the run still ends,
// with error verdicts for everything it no longer answered.
func TestExecAdapterDies(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("JCX_TEST_EXEC_ADAPTER", "die-after-5")
	target, err := Exec(context.Background(), exe, "-test.run=^$")
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	start := time.Now()
	res, err := Run(context.Background(), Config{Target: target, Timeout: 2 * time.Second, Run: regexp.MustCompile("JCX-C-00[0-2]")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts[Error] == 0 || res.Conformant {
		t.Errorf("counts %v, conformant %v", res.Counts, res.Conformant)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("run took %v", d)
	}
}

func TestMain(m *testing.M) {
	switch os.Getenv("JCX_TEST_EXEC_ADAPTER") {
	case "1":
		os.Exit(execAdapter(-1))
	case "die-after-5":
		os.Exit(execAdapter(5))
	}
	os.Exit(m.Run())
}

// execAdapter serves the reference implementation over the exec protocol, answering
// each line concurrently.
func execAdapter(limit int) int {
	srv, err := refimpl.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64<<10), 64<<20)
	out := make(chan []byte)
	done := make(chan struct{})
	go func() {
		w := bufio.NewWriter(os.Stdout)
		for line := range out {
			w.Write(line)
			w.WriteByte('\n')
			w.Flush()
		}
		close(done)
	}()
	pending := make(chan struct{}, 64)
	for in.Scan() {
		if limit == 0 {
			os.Exit(3) // as a crashing adapter would
		}
		limit--
		var req execRequest
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			continue
		}
		pending <- struct{}{}
		go func() {
			defer func() { <-pending }()
			body, ct := srv.Exchange(context.Background(), req.Body, req.ContentType)
			line, _ := json.Marshal(execResponse{ID: req.ID, ContentType: ct, Body: body})
			out <- line
		}()
	}
	for range cap(pending) {
		pending <- struct{}{}
	}
	close(out)
	<-done
	return 0
}

var _ http.Handler = (*refimpl.Server)(nil)
