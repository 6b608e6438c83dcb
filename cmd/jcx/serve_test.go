package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine to write while the test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

var listening = regexp.MustCompile(`listening on (https?://\S+)`)

// startServe runs "jcx serve" with args on a free port and returns its base URL, a stop
// function and a channel with the exit code.
func startServe(t *testing.T, args ...string) (string, context.CancelFunc, <-chan int, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- runContext(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...),
			newStdio(strings.NewReader(""), io.Discard, stderr, nil))
	}()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], cancel, done, stderr
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve did not start: %s", stderr.String())
	return "", nil, nil, nil
}

func signedRequest(t *testing.T, f exchange.Format) []byte {
	t.Helper()
	p := testpki.MustLoad()
	m := exchange.NewRequest(p.Harness.Party, p.Implementation.Party,
		exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	data, err := exchange.Marshal(m, f)
	if err != nil {
		t.Fatal(err)
	}
	if data, err = exchange.Sign(data, f, p.Harness.Signer); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestServe(t *testing.T) {
	url, stop, done, _ := startServe(t)
	p := testpki.MustLoad()
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		body := signedRequest(t, f)
		resp, err := http.Post(url, f.MediaType(), bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d", f, resp.StatusCode)
		}
		v, err := exchange.Verify(data, f, exchange.VerifyOptions{Trust: p.Bundle})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		r := v.Message.Payload.Response
		if len(r.Error) > 0 || !r.Receipt.Matches(body) {
			t.Fatalf("%s: errors %+v, receipt %v", f, r.Error, r.Receipt)
		}
	}
	resp, err := http.Get(url + refimpl.HealthPath)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	stop()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d after stop", code)
	}
}

// A request in progress when the signal comes is finished before the server exits.
func TestServeDrainsOnShutdown(t *testing.T) {
	url, stop, done, _ := startServe(t)
	body := signedRequest(t, exchange.FormatXML)
	pr, pw := io.Pipe()
	type result struct {
		status int
		err    error
	}
	got := make(chan result, 1)
	wrote := make(chan struct{})
	go func() {
		trace := &httptrace.ClientTrace{WroteHeaders: func() { close(wrote) }}
		req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), "POST", url, pr)
		req.Header.Set("Content-Type", "application/xml")
		req.ContentLength = int64(len(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			got <- result{err: err}
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		got <- result{status: resp.StatusCode}
	}()
	<-wrote
	pw.Write(body[:len(body)/2])
	// Give the server time to accept the connection and start reading the body.
	time.Sleep(300 * time.Millisecond)
	stop()
	time.Sleep(100 * time.Millisecond)
	pw.Write(body[len(body)/2:])
	pw.Close()
	r := <-got
	if r.err != nil || r.status != 200 {
		t.Fatalf("request in progress: status %d, %v", r.status, r.err)
	}
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d", code)
	}
}

func TestServeMutualTLS(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"implementation.pem", "implementation.key.pem", "ca.pem"} {
		data, err := testpki.File(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	url, stop, done, _ := startServe(t,
		"--tls-cert", filepath.Join(dir, "implementation.pem"),
		"--tls-key", filepath.Join(dir, "implementation.key.pem"),
		"--client-ca", filepath.Join(dir, "ca.pem"))
	defer func() { stop(); <-done }()
	if !strings.HasPrefix(url, "https://") {
		t.Fatalf("url %s", url)
	}
	p := testpki.MustLoad()
	// Without a client certificate the handshake fails.
	noCert := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsClient(p, nil)}}
	if _, err := noCert.Get(url + refimpl.HealthPath); err == nil {
		t.Fatal("connection without a client certificate accepted")
	}
	cert := p.Harness.TLSCertificate()
	withCert := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsClient(p, &cert)}}
	resp, err := withCert.Post(url, "application/xml", bytes.NewReader(signedRequest(t, exchange.FormatXML)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
}

func TestServeUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"list faults", []string{"--list-faults"}, exitOK, "accept-replays\n"},
		{"list HI-1 faults", []string{"--profile", "hi1", "--list-faults"}, exitOK, "accept-replays\nskip-signature-checks\n"},
		{"unknown profile", []string{"--profile", "hi2"}, exitUsage, ""},
		{"core fault in the HI-1 profile", []string{"--profile", "hi1", "--fault", "wrong-receipt-digest"}, exitUsage, ""},
		{"unknown fault", []string{"--fault", "accept-everything"}, exitUsage, ""},
		{"key without cert", []string{"--key", "k.pem"}, exitUsage, ""},
		{"client CA without TLS", []string{"--client-ca", "ca.pem"}, exitUsage, ""},
		{"argument", []string{"extra"}, exitUsage, ""},
		{"missing trust file", []string{"--trust", "/nonexistent/bundle.pem"}, exitUsage, ""},
		{"address in use or invalid", []string{"--addr", "256.0.0.1:99999"}, exitUsage, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(append([]string{"serve"}, tc.args...), strings.NewReader(""), &out, &errb)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, errb.String())
			}
			if !strings.HasPrefix(out.String(), tc.out) {
				t.Fatalf("stdout %q, want prefix %q", out.String(), tc.out)
			}
		})
	}
	// --list-faults prints every fault, one a line.
	var out bytes.Buffer
	run([]string{"serve", "--list-faults"}, strings.NewReader(""), &out, io.Discard)
	sc := bufio.NewScanner(&out)
	n := 0
	for sc.Scan() {
		if _, err := refimpl.ParseFault(sc.Text()); err != nil {
			t.Error(err)
		}
		n++
	}
	if want := len(refimpl.Faults()) + len(refimpl.LogFaults()); n != want {
		t.Fatalf("%d lines, want %d", n, want)
	}
}

func tlsClient(p *testpki.PKI, cert *tls.Certificate) *tls.Config {
	c := &tls.Config{RootCAs: p.Pool, ServerName: "localhost"}
	if cert != nil {
		c.Certificates = []tls.Certificate{*cert}
	}
	return c
}
