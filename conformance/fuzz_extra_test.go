package conformance

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// The harness reads whatever an implementation under test sends back, and an
// implementation may be broken or hostile. These targets feed the transport
// layers arbitrary answers and carry whatever they accept on to the answer
// parser, as a run does. Seeds: testdata/fuzz.

// FuzzExecOutput feeds the exec protocol reader arbitrary process output with
// one exchange waiting. The reader must end, fail every exchange it could not
// answer, and hand the waiting one only an answer carrying its own id.
func FuzzExecOutput(f *testing.F) {
	f.Add([]byte(`{"id":"1","contentType":"application/xml","body":"PE1lc3NhZ2UvPg=="}` + "\n"))
	f.Add([]byte(`{"id":"1","error":"boom"}` + "\n" + `{"id":"1"}`))
	f.Add([]byte("garbage\n{\"id\":\"2\"}\n{\"id\":1}\n"))
	f.Fuzz(func(t *testing.T, out []byte) {
		ch := make(chan execResponse, 1)
		x := &ExecTarget{pending: map[string]chan execResponse{"1": ch}, done: make(chan struct{})}
		x.read(bytes.NewReader(out))
		<-x.done
		if x.dead == nil || !errors.Is(x.dead, ErrTransport) {
			t.Fatalf("reader ended without a transport error: %v", x.dead)
		}
		if len(x.pending) != 0 {
			t.Fatalf("%d exchanges still waiting after the output ended", len(x.pending))
		}
		resp, ok := <-ch
		if !ok {
			return // closed unanswered
		}
		if resp.ID != "1" {
			t.Fatalf("waiting exchange got the answer for %q", resp.ID)
		}
		inspect(t, resp.Body, resp.ContentType)
	})
}

// FuzzHTTPAnswer serves arbitrary HTTP answers to the HTTP and handler
// targets. Anything but 200 is a *StatusError; every refusal is ErrTransport.
func FuzzHTTPAnswer(f *testing.F) {
	f.Add(200, "application/xml", []byte(`<Message><Header/></Message>`))
	f.Add(200, "application/json; charset=utf-8", []byte(`{"Header":{}}`))
	f.Add(500, "text/plain", []byte("oops"))
	f.Add(302, "", []byte(nil))
	f.Fuzz(func(t *testing.T, status int, ct string, body []byte) {
		serve := func() *http.Response {
			return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {ct}},
				Body: io.NopCloser(bytes.NewReader(body)), ContentLength: -1}
		}
		rt := roundTripper(func(req *http.Request) (*http.Response, error) {
			resp := serve()
			resp.Request = req
			return resp, nil
		})
		h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(status) // panics on codes outside 100-999: the target must survive it
			w.Write(body)
		})
		for _, target := range []Target{
			HTTP("http://implementation.invalid/", HTTPOptions{Client: &http.Client{Transport: rt}}),
			Handler(h),
		} {
			b, rct, err := target.Exchange(context.Background(), []byte("<Message/>"), "application/xml")
			if err != nil {
				if !errors.Is(err, ErrTransport) {
					t.Fatalf("%T: refusal is not ErrTransport: %v", target, err)
				}
				var se *StatusError
				if status != http.StatusOK && status >= 100 && status <= 999 && !errors.As(err, &se) {
					t.Fatalf("%T: status %d is not a StatusError: %v", target, status, err)
				}
				continue
			}
			if status != http.StatusOK {
				t.Fatalf("%T: status %d accepted", target, status)
			}
			inspect(t, b, rct)
		}
	})
}

// TestHTTPAnswerLimits: the limits FuzzHTTPAnswer cannot reach with small inputs.
func TestHTTPAnswerLimits(t *testing.T) {
	big := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Write(make([]byte, maxResponse+1))
	})
	// Followed, the redirect would reach a 200 answer.
	redirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/elsewhere" {
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte("<Message/>"))
			return
		}
		http.Redirect(w, r, "/elsewhere", http.StatusTemporaryRedirect)
	})
	for name, h := range map[string]http.Handler{"oversized answer": big, "redirect": redirect} {
		url, stop := Serve(h)
		_, _, err := HTTP(url, HTTPOptions{}).Exchange(context.Background(), []byte("<Message/>"), "application/xml")
		stop()
		if !errors.Is(err, ErrTransport) {
			t.Errorf("%s: error %v, want ErrTransport", name, err)
		}
		if _, _, err := Handler(h).Exchange(context.Background(), []byte("<Message/>"), "application/xml"); !errors.Is(err, ErrTransport) {
			t.Errorf("%s in process: error %v, want ErrTransport", name, err)
		}
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzParseKeyPair: key and certificate files given on the command line never
// panic the harness, and every refusal is ErrConfig.
func FuzzParseKeyPair(f *testing.F) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testpki", name))
		if err != nil {
			f.Fatal(err)
		}
		return b
	}
	f.Add(read("harness.key.pem"), read("harness.pem"))
	f.Add(read("intruder.key.pem"), read("harness.pem"))
	f.Add(read("ca.pem"), read("ca.key.pem"))
	f.Fuzz(func(t *testing.T, keyPEM, certPEM []byte) {
		s, err := ParseKeyPair(keyPEM, certPEM)
		if err != nil {
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("refusal is not ErrConfig: %v", err)
			}
			return
		}
		if s.Key == nil || len(s.Chain) == 0 {
			t.Fatal("accepted without a key or a certificate")
		}
		if _, err := ParseTrust(certPEM); err != nil {
			t.Fatalf("certificates parse once but not as a trust bundle: %v", err)
		}
	})
}

// inspect reads an answer the way a case run does once the transport accepted it.
func inspect(t *testing.T, body []byte, ct string) {
	t.Helper()
	enc, ok := encodingOf(ct)
	if !ok {
		return
	}
	if root, err := parseAnswer(context.Background(), body, enc); err == nil {
		readAnswer(root)
	}
}
