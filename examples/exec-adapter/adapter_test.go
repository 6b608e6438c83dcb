// Package execadapter holds the test of the Python exec adapter beside it: the adapter is
// started the way the harness starts it and spoken to with the exec protocol.
package execadapter

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"

	"github.com/jcx-dev/jcx/internal/testtool"
)

type line struct {
	ID          string `json:"id"`
	ContentType string `json:"contentType,omitempty"`
	Body        string `json:"body,omitempty"`
	Error       string `json:"error,omitempty"`
}

func python(t *testing.T) string {
	t.Helper()
	return testtool.Need(t, "python3", "python3")
}

// adapter starts adapter.py for url and returns its input and a reader of its answers
// by id.
func adapter(t *testing.T, url string) (io.WriteCloser, func() map[string]line, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(python(t), "adapter.py", "--timeout", "10", url)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	readAll := func() map[string]line {
		got := map[string]line{}
		sc := bufio.NewScanner(out)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var l line
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				t.Fatalf("answer is not JSON: %q", sc.Text())
			}
			if _, dup := got[l.ID]; dup {
				t.Fatalf("two answers for id %s", l.ID)
			}
			got[l.ID] = l
		}
		return got
	}
	return in, readAll, cmd
}

func send(t *testing.T, w io.Writer, l line) {
	t.Helper()
	data, _ := json.Marshal(l)
	if _, err := w.Write(append(data, '\n')); err != nil {
		t.Fatal(err)
	}
}

func TestAdapter(t *testing.T) {
	srv, err := refimpl.Default()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := testpki.MustLoad()

	in, readAll, cmd := adapter(t, ts.URL)
	requests := map[string][]byte{}
	formats := map[string]exchange.Format{}
	const n = 20
	for i := range n {
		f := []exchange.Format{exchange.FormatXML, exchange.FormatJSON}[i%2]
		m := exchange.NewRequest(p.Harness.Party, p.Implementation.Party, exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
		data, err := exchange.Marshal(m, f)
		if err != nil {
			t.Fatal(err)
		}
		if data, err = exchange.Sign(data, f, p.Harness.Signer); err != nil {
			t.Fatal(err)
		}
		id := strconv.Itoa(i)
		requests[id], formats[id] = data, f
		send(t, in, line{ID: id, ContentType: f.MediaType(), Body: base64.StdEncoding.EncodeToString(data)})
	}
	send(t, in, line{ID: "wrong-type", ContentType: "text/plain", Body: base64.StdEncoding.EncodeToString([]byte("hello"))})
	send(t, in, line{ID: "bad-base64", ContentType: "application/xml", Body: "!!!"})
	in.Close()

	got := readAll()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("adapter exit: %v", err)
	}
	for id, req := range requests {
		l, ok := got[id]
		if !ok {
			t.Fatalf("no answer for %s", id)
		}
		if l.Error != "" || l.ContentType != formats[id].MediaType() {
			t.Fatalf("answer %s: %+v", id, l)
		}
		body, err := base64.StdEncoding.DecodeString(l.Body)
		if err != nil {
			t.Fatal(err)
		}
		v, err := exchange.Verify(body, formats[id], exchange.VerifyOptions{Trust: p.Bundle})
		if err != nil {
			t.Fatalf("answer %s does not verify: %v", id, err)
		}
		if r := v.Message.Payload.Response; len(r.Error) > 0 || !r.Receipt.Matches(req) {
			t.Fatalf("answer %s: errors %+v, receipt %v", id, r.Error, r.Receipt)
		}
	}
	if e := got["wrong-type"].Error; !strings.Contains(e, "415") {
		t.Errorf("unsupported content type: error %q, want HTTP 415", e)
	}
	if got["bad-base64"].Error == "" {
		t.Error("a body that is not base64 was not refused")
	}
}

// An unreachable implementation gives an error answer, not silence.
func TestAdapterUnreachable(t *testing.T) {
	ts := httptest.NewServer(nil)
	url := ts.URL
	ts.Close() // nothing listens there any more
	in, readAll, cmd := adapter(t, url)
	send(t, in, line{ID: "1", ContentType: "application/xml", Body: base64.StdEncoding.EncodeToString([]byte("<x/>"))})
	in.Close()
	done := make(chan map[string]line, 1)
	go func() { done <- readAll() }()
	select {
	case got := <-done:
		if got["1"].Error == "" {
			t.Fatalf("answer %+v, want an error", got["1"])
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no answer")
	}
	cmd.Wait()
}
