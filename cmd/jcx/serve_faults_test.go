//go:build unix

package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
)

// The faults a server meets in the field, against the real jcx binary in its own process:
// a signal while requests are in progress, bodies far over the limit, clients that send
// their headers a byte at a time, and clients that never read their responses. Each
// subtest starts its own `jcx serve` on a free loopback port.

func TestServeFaults(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs Linux /proc to watch the server's memory")
	}
	bin := buildJCX(t)
	t.Run("SIGTERM drains requests in progress", func(t *testing.T) { t.Parallel(); testDrain(t, bin) })
	t.Run("oversized bodies are cut off", func(t *testing.T) { t.Parallel(); testOversized(t, bin) })
	t.Run("slow headers are cut off", func(t *testing.T) { t.Parallel(); testSlowHeaders(t, bin) })
	t.Run("a client that never reads wedges nothing", func(t *testing.T) { t.Parallel(); testNeverReads(t, bin) })
}

// testDrain: requests whose bodies are still arriving when SIGTERM comes are finished
// and answered; new connections are refused from then on; the process exits 0.
func testDrain(t *testing.T, bin string) {
	s := startServeProcess(t, bin)
	const n = 8
	type slow struct {
		conn net.Conn
		body []byte
		tx   exchange.UUID
	}
	var reqs []slow
	for range n {
		body, tx := capabilitiesRequest(t)
		c, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(2 * time.Minute))
		if _, err := io.WriteString(c, rawHead(s.addr, "Content-Length: "+strconv.Itoa(len(body)))); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Write(body[:len(body)/2]); err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, slow{c, body, tx})
	}
	time.Sleep(300 * time.Millisecond) // the server is now reading the bodies
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The listener closes at once.
	refused := false
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", s.addr, time.Second)
		if err != nil {
			refused = true
			break
		}
		c.Close()
	}
	if !refused {
		t.Error("new connections still accepted 10 s after SIGTERM")
	}
	for _, r := range reqs {
		if _, err := r.conn.Write(r.body[len(r.body)/2:]); err != nil {
			t.Fatalf("the rest of a request in progress: %v", err)
		}
	}
	for _, r := range reqs {
		resp, err := http.ReadResponse(bufio.NewReader(r.conn), nil)
		if err != nil {
			t.Fatalf("request in progress at SIGTERM: %v\n%s", err, s.stderr.String())
		}
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		checkAnswer(t, resp.StatusCode, data, r.body, r.tx)
		r.conn.Close()
	}
	if code := s.waitExit(t, 10*time.Second); code != 0 {
		t.Fatalf("exit %d after SIGTERM:\n%s", code, s.stderr.String())
	}
}

// maxGrowth bounds how much a single oversized request may grow the server's resident
// memory: the limit (16 MiB) is read into memory once, and a little more is hashed.
const maxGrowth = 64 << 20

// testOversized: a body announced or streamed far over the limit is refused with 413
// without the server's memory growing by more than maxGrowth; a body just over the limit
// gets a signed 3022 whose receipt covers every byte sent.
func testOversized(t *testing.T, bin string) {
	s := startServeProcess(t, bin)
	postCapabilities(t, s.url) // warm up before measuring
	rss0, peak0 := s.memory(t)

	const huge = 64 << 20
	// Announced: refused before a byte of the body is sent.
	c := dial(t, s.addr)
	io.WriteString(c, rawHead(s.addr, "Content-Length: "+strconv.Itoa(huge)))
	if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("announced %d bytes: %v %v", huge, resp, err)
	}
	c.Close()

	// Streamed without a length: cut off once the limit and its slack are read.
	c = dial(t, s.addr)
	io.WriteString(c, rawHead(s.addr, "Transfer-Encoding: chunked"))
	sent := make(chan int64, 1)
	go func() {
		chunk := append(append([]byte("10000\r\n"), bytes.Repeat([]byte("a"), 1<<16)...), "\r\n"...)
		var n int64
		for n < huge {
			if _, err := c.Write(chunk); err != nil {
				break
			}
			n += 1 << 16
		}
		io.WriteString(c, "0\r\n\r\n")
		sent <- n
	}()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("streamed %d bytes: %v %v", huge, resp, err)
	}
	c.Close()
	n := <-sent
	rss1, peak1 := s.memory(t)
	t.Logf("VmRSS %d MiB before, %d MiB after; peak %d MiB then %d MiB; %d MiB sent of %d",
		rss0>>20, rss1>>20, peak0>>20, peak1>>20, n>>20, huge>>20)
	if n >= huge {
		t.Errorf("the server read all %d MiB before refusing", huge>>20)
	}
	if peak1-rss0 > maxGrowth {
		t.Errorf("memory grew by %d MiB for one oversized request (bound %d MiB)", (peak1-rss0)>>20, maxGrowth>>20)
	}

	// Just over the limit: a message-level refusal the client can verify and match.
	body, tx := capabilitiesRequest(t)
	pad := exchange.DefaultMaxBytes + 64<<10 - len(body) - len("<!---->")
	body = append(append(append(body, "<!--"...), bytes.Repeat([]byte("x"), pad)...), "-->"...)
	r := post(t, s.url, body, tx)
	if len(r.Error) != 1 || r.Error[0].Code != exchange.CodeTooLarge {
		t.Fatalf("%d bytes: errors %+v, want 3022", len(body), r.Error)
	}
	// Still serving.
	postCapabilities(t, s.url)
}

// postCapabilities checks that the server answers a fresh GETCAPABILITIES.
func postCapabilities(t *testing.T, url string) {
	t.Helper()
	body, tx := capabilitiesRequest(t)
	post(t, url, body, tx)
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(2 * time.Minute))
	t.Cleanup(func() { c.Close() })
	return c
}

// testSlowHeaders: clients that send their headers a byte a second are disconnected once
// refimpl.ReadHeaderTimeout has passed, and others are served meanwhile.
func testSlowHeaders(t *testing.T, bin string) {
	if testing.Short() {
		t.Skipf("takes %v", refimpl.ReadHeaderTimeout)
	}
	s := startServeProcess(t, bin)
	const lorises = 20
	bound := refimpl.ReadHeaderTimeout + 5*time.Second
	closed := make(chan time.Duration, lorises)
	for range lorises {
		c := dial(t, s.addr)
		start := time.Now()
		go func() {
			// The server closes the connection without an answer: Read returns then.
			io.Copy(io.Discard, c)
			closed <- time.Since(start)
		}()
		go func() {
			head := []byte(rawHead(s.addr, "X-Padding: "+strings.Repeat("a", 64)))
			for i := 0; i < len(head) && time.Since(start) < bound+5*time.Second; i++ {
				if _, err := c.Write(head[i : i+1]); err != nil {
					return
				}
				time.Sleep(time.Second)
			}
		}()
	}
	time.Sleep(time.Second)
	postCapabilities(t, s.url)
	var first, last time.Duration
	for i := range lorises {
		select {
		case d := <-closed:
			if d < refimpl.ReadHeaderTimeout/2 || d > bound {
				t.Errorf("slow client cut off after %v, want about %v", d.Round(time.Millisecond), refimpl.ReadHeaderTimeout)
			}
			if i == 0 {
				first = d
			}
			last = d
		case <-time.After(bound + 10*time.Second):
			t.Fatalf("slow client still connected after %v", bound+10*time.Second)
		}
	}
	t.Logf("%d slow clients cut off after %v to %v", lorises, first.Round(time.Millisecond), last.Round(time.Millisecond))
	postCapabilities(t, s.url)
}

// testNeverReads: a client pipelines requests for a large object and never reads the
// answers, so the server blocks writing to it; other clients are still served, and the
// blocked answers all arrive, in order, once it reads.
func testNeverReads(t *testing.T, bin string) {
	s := startServeProcess(t, bin)
	p := testpki.MustLoad()
	auth := &exchange.Authorisation{
		ObjectBase: exchange.ObjectBase{ObjectIdentifier: exchange.NewUUID(), CountryCode: "FR", OwnerIdentifier: p.Harness.Party.UniqueIdentifier},
		Reference:  "BIG-1", Instrument: exchange.Code{Owner: exchange.DictionaryOwner, Name: exchange.DictInstrument, Value: exchange.InstrumentMLA},
		IssuingState: "FR", ExecutingState: p.Implementation.Party.CountryCode,
		LegalBasis: []exchange.LegalBasis{{Instrument: "UNTOC", Article: "18"}},
		Approval: []exchange.Approval{{
			ApprovalType: exchange.Code{Owner: exchange.DictionaryOwner, Name: exchange.DictApprovalType, Value: exchange.ApprovalIssuing},
			Authority:    exchange.Authority{Name: "Juge d'instruction, Paris"},
			Timestamp:    exchange.NewDateTime(time.Now().Add(-time.Hour).Truncate(time.Second)),
		}},
		Offence: []exchange.Offence{{Description: "Laundering of the proceeds of fraud"}},
	}
	// A task of about 1 MiB: 16 formalities of 64000 characters.
	formality := strings.Repeat("x", 64000)
	task := &exchange.AssistanceTask{
		ObjectBase: exchange.ObjectBase{ObjectIdentifier: exchange.NewUUID(), CountryCode: "FR", OwnerIdentifier: p.Harness.Party.UniqueIdentifier,
			AssociatedObject: []exchange.UUID{auth.ObjectIdentifier}},
		Reference: "BIG-1-T1", Measure: exchange.Code{Owner: exchange.DictionaryOwner, Name: exchange.DictMeasure, Value: "BankingInformation"},
		Formality: slices.Repeat([]string{formality}, 16),
	}
	body, tx := signedMessage(t, exchange.FormatXML,
		exchange.Action{CREATE: &exchange.ObjectAction{Object: exchange.Object{Authorisation: auth}}},
		exchange.Action{CREATE: &exchange.ObjectAction{Object: exchange.Object{AssistanceTask: task}}})
	r := post(t, s.url, body, tx)
	if len(r.Error) > 0 || len(r.ActionResult) != 2 || r.ActionResult[1].CREATE == nil {
		t.Fatalf("creating the large task: %+v", r)
	}

	// Enough answers to fill the kernel's send buffer (its largest size) many times over:
	// the server must then block in a write to this client.
	const size = 16 * 64000
	n := int(sendBufferMax(t)/size) + 8
	var (
		pipeline bytes.Buffer
		bodies   [][]byte
		txs      []exchange.UUID
	)
	for range n {
		body, tx := signedMessage(t, exchange.FormatXML, exchange.Action{GET: &exchange.GetAction{Identifier: task.ObjectIdentifier}})
		pipeline.WriteString(rawHead(s.addr, "Content-Length: "+strconv.Itoa(len(body))))
		pipeline.Write(body)
		bodies, txs = append(bodies, body), append(txs, tx)
	}
	d := net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
		// A small receive buffer that does not grow, since nothing is read.
		return rc.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
	}}
	stuck, err := d.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stuck.Close()
	stuck.SetDeadline(time.Now().Add(2 * time.Minute))
	go stuck.Write(pipeline.Bytes())
	time.Sleep(2 * time.Second)

	// Others are served while the server is blocked on the client that does not read.
	for range 5 {
		start := time.Now()
		postCapabilities(t, s.url)
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("a request took %v while a client did not read", d)
		}
	}
	// Every blocked answer arrives, in order, once the client reads.
	br := bufio.NewReader(stuck)
	for i := range n {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("answer %d of %d to the client that did not read: %v", i+1, n, err)
		}
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		r := checkAnswer(t, resp.StatusCode, data, bodies[i], txs[i])
		if len(r.ActionResult) != 1 || r.ActionResult[0].GET == nil {
			t.Fatalf("answer %d: %+v", i+1, r.Error)
		}
	}
}

// sendBufferMax is the largest a TCP send buffer may grow to (the third value of
// net.ipv4.tcp_wmem), 4 MiB when it cannot be read.
func sendBufferMax(t *testing.T) int64 {
	data, err := os.ReadFile("/proc/sys/net/ipv4/tcp_wmem")
	if f := strings.Fields(string(data)); err == nil && len(f) == 3 {
		if n, err := strconv.ParseInt(f[2], 10, 64); err == nil {
			return n
		}
	}
	return 4 << 20
}
