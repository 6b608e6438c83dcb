package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
)

// Helpers of TestServeFaults: the jcx binary, a `jcx serve` process and its memory, and
// signed requests with their checked answers.

// buildJCX builds the command into a temporary directory. Without a go tool the test is
// skipped, unless CI is set: there it must run.
func buildJCX(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("the go tool is needed to build jcx: ", err)
		}
		t.Skip("the go tool is needed to build jcx: ", err)
	}
	bin := filepath.Join(t.TempDir(), "jcx")
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	cmd.Dir = packageDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// packageDir is where the test started: the package's source directory.
var packageDir = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return wd
}()

// served is one `jcx serve` process started by a test.
type served struct {
	cmd    *exec.Cmd
	url    string // http://127.0.0.1:PORT/
	addr   string // 127.0.0.1:PORT
	stderr *lockedBuffer
	exited chan struct{} // closed when the process has exited
	err    error         // of Wait, once exited is closed
}

var servingOn = regexp.MustCompile(`listening on http://(\S+)`)

// startServe runs the binary with `serve --addr 127.0.0.1:0` and waits for the address it
// prints. The process is killed (by its id) at the end of the test if it still runs.
func startServeProcess(t *testing.T, bin string) *served {
	t.Helper()
	s := &served{stderr: &lockedBuffer{}, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	s.cmd.Stderr = s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		s.err = s.cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			s.cmd.Process.Kill()
			<-s.exited
		}
	})
	deadline := time.After(30 * time.Second)
	for {
		if m := servingOn.FindStringSubmatch(s.stderr.String()); m != nil {
			s.addr, s.url = m[1], "http://"+m[1]+"/"
			return s
		}
		select {
		case <-s.exited:
			t.Fatalf("jcx serve exited: %v\n%s", s.err, s.stderr.String())
		case <-deadline:
			t.Fatalf("jcx serve did not start:\n%s", s.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// waitExit waits at most d for the process to exit and returns its exit code.
func (s *served) waitExit(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-s.exited:
	case <-time.After(d):
		t.Fatalf("jcx serve still running %v after the signal:\n%s", d, s.stderr.String())
	}
	if s.err == nil {
		return 0
	}
	if ee, ok := s.err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	t.Fatal(s.err)
	return -1
}

// memory returns the resident set size and its peak, in bytes, from /proc/PID/status.
func (s *served) memory(t *testing.T) (rss, peak int64) {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	field := func(name string) int64 {
		for line := range strings.SplitSeq(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, name+":"); ok {
				kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
				if err != nil {
					t.Fatalf("%s: %q", name, line)
				}
				return kb << 10
			}
		}
		t.Fatalf("no %s in /proc/PID/status", name)
		return 0
	}
	return field("VmRSS"), field("VmHWM")
}

// lockedBuffer is a bytes.Buffer that the process's output and the test may use at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *lockedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// signedMessage returns a request of the actions, signed by the harness.
func signedMessage(t *testing.T, f exchange.Format, actions ...exchange.Action) ([]byte, exchange.UUID) {
	t.Helper()
	p := testpki.MustLoad()
	m := exchange.NewRequest(p.Harness.Party, p.Implementation.Party, actions...)
	data, err := exchange.SignMessage(m, f, p.Harness.Signer)
	if err != nil {
		t.Fatal(err)
	}
	return data, m.Header.TransactionIdentifier
}

func capabilitiesRequest(t *testing.T) ([]byte, exchange.UUID) {
	return signedMessage(t, exchange.FormatXML, exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
}

// checkAnswer requires HTTP 200 and a response signed by the implementation, for the
// transaction tx, with the receipt of body; it returns the response.
func checkAnswer(t *testing.T, status int, data, body []byte, tx exchange.UUID) *exchange.Response {
	t.Helper()
	if status != http.StatusOK {
		t.Fatalf("status %d: %.300s", status, data)
	}
	p := testpki.MustLoad()
	v, err := exchange.Verify(data, exchange.FormatAuto, exchange.VerifyOptions{Trust: p.Bundle})
	if err != nil {
		t.Fatalf("response does not verify: %v", err)
	}
	h := v.Message.Header
	r := v.Message.Payload.Response
	switch {
	case h.Sender != p.Implementation.Party || h.TransactionIdentifier != tx:
		t.Fatalf("response from %v for %s, want %v for %s", h.Sender, h.TransactionIdentifier, p.Implementation.Party, tx)
	case r == nil:
		t.Fatal("not a response")
	case !r.Receipt.Matches(body):
		t.Fatalf("receipt %s is not of the request", r.Receipt.Value)
	}
	return r
}

// post sends a message on a fresh connection and checks the answer.
func post(t *testing.T, url string, body []byte, tx exchange.UUID) *exchange.Response {
	t.Helper()
	c := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	resp, err := c.Post(url, exchange.MediaTypeXML, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		t.Fatal(err)
	}
	return checkAnswer(t, resp.StatusCode, data, body, tx)
}

// rawHead is the head of a POST of an XML message with the given framing header
// (Content-Length or Transfer-Encoding), for tests that write to the connection
// themselves.
func rawHead(addr, framing string) string {
	return "POST / HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/xml\r\n" + framing + "\r\n\r\n"
}
