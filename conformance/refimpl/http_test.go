package refimpl_test

import (
	"bytes"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/exchange"
)

func TestHTTP(t *testing.T) {
	srv := newServer(t)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	c := newClient(t, srv, exchange.FormatXML)
	valid := c.encode(c.message(capabilities()))
	over := bytes.Repeat([]byte(" "), exchange.DefaultMaxBytes+1)
	farOver := bytes.Repeat([]byte(" "), exchange.DefaultMaxBytes+refimpl.OversizeSlack+1)

	cases := []struct {
		name        string
		method      string
		path        string
		contentType string
		body        io.Reader
		length      int64 // -1: unknown (chunked)
		wantStatus  int
		wantType    string
	}{
		{"message", "POST", "/", "application/xml", bytes.NewReader(valid), 0, 200, "application/xml"},
		{"message on another path", "POST", "/jcx/v1", "application/xml; charset=utf-8", bytes.NewReader(valid), 0, 200, "application/xml"},
		{"message-level error is 200", "POST", "/", "application/json", strings.NewReader("{}"), 0, 200, "application/json"},
		{"GET", "GET", "/", "", nil, 0, 405, ""},
		{"PUT", "PUT", "/", "application/xml", bytes.NewReader(valid), 0, 405, ""},
		{"no content type", "POST", "/", "", bytes.NewReader(valid), 0, 415, ""},
		{"other content type", "POST", "/", "text/plain", bytes.NewReader(valid), 0, 415, ""},
		{"too large, announced", "POST", "/", "application/xml", bytes.NewReader(over), 0, 200, "application/xml"},
		{"too large, streamed", "POST", "/", "application/json", io.MultiReader(bytes.NewReader(over)), -1, 200, "application/json"},
		{"far too large, announced", "POST", "/", "application/xml", bytes.NewReader(farOver), 0, 413, ""},
		{"far too large, streamed", "POST", "/", "application/xml", io.MultiReader(bytes.NewReader(farOver)), -1, 413, ""},
		{"health", "GET", refimpl.HealthPath, "", nil, 0, 200, "text/plain; charset=utf-8"},
		{"health by POST", "POST", refimpl.HealthPath, "", nil, 0, 405, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, ts.URL+tc.path, tc.body)
			if err != nil {
				t.Fatal(err)
			}
			if tc.length < 0 {
				req.ContentLength = -1
			}
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			io.Copy(io.Discard, resp.Body)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if tc.wantType != "" && resp.Header.Get("Content-Type") != tc.wantType {
				t.Errorf("content type %q, want %q", resp.Header.Get("Content-Type"), tc.wantType)
			}
		})
	}
}

// A message a little over the limit is refused with a signed 3022 whose receipt covers
// every byte sent, and whose header answers the sender when it was readable.
func TestHTTPTooLarge(t *testing.T) {
	srv := newServer(t)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, f := range formats {
		c := newClient(t, srv, f)
		m := c.message(capabilities())
		body := c.encode(m)
		// Pad inside the document so that its header stays readable.
		pad := bytes.Repeat([]byte(" "), exchange.DefaultMaxBytes+10-len(body))
		i := bytes.LastIndexByte(body, '}')
		if f == exchange.FormatXML {
			i = bytes.LastIndexByte(body, '<')
		}
		body = append(body[:i:i], append(pad, body[i:]...)...)
		resp, err := ts.Client().Post(ts.URL, f.MediaType(), bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		v, err := exchange.Verify(data, f, exchange.VerifyOptions{Trust: c.pki.Bundle})
		if err != nil {
			t.Fatalf("%s: %v\n%s", f, err, data)
		}
		r := v.Message.Payload.Response
		if codes(r) != "3022" || !r.Receipt.Matches(body) {
			t.Fatalf("%s: %s, receipt matches: %v", f, codes(r), r.Receipt.Matches(body))
		}
		if h := v.Message.Header; h.TransactionIdentifier != m.Header.TransactionIdentifier || h.Receiver != m.Header.Sender {
			t.Errorf("%s: answered %v about %s, want %v about %s", f, h.Receiver, h.TransactionIdentifier, m.Header.Sender, m.Header.TransactionIdentifier)
		}
	}
}

// Through HTTP the response is the same signed, correlated message as in process.
func TestHTTPRoundTrip(t *testing.T) {
	srv := newServer(t)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, f := range formats {
		c := newClient(t, srv, f)
		auth := authorisation(c.from)
		body := c.encode(c.message(create(exchange.Object{Authorisation: auth})))
		resp, err := ts.Client().Post(ts.URL, f.MediaType(), bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		v, err := exchange.Verify(data, f, exchange.VerifyOptions{Trust: c.pki.Bundle})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if r := v.Message.Payload.Response; codes(r) != "ok" || !r.Receipt.Matches(body) {
			t.Fatalf("%s: %s, receipt %v", f, codes(r), r.Receipt)
		}
	}
}

// With mutual TLS the client certificate must name the header's sender (8011).
func TestMutualTLS(t *testing.T) {
	srv := newServer(t)
	p := pki(t)
	ts := httptest.NewUnstartedServer(srv)
	ts.TLS = &tls.Config{
		Certificates: []tls.Certificate{p.Implementation.TLSCertificate()},
		ClientCAs:    p.Pool,
		ClientAuth:   tls.RequireAndVerifyClientCert,
	}
	ts.StartTLS()
	defer ts.Close()

	cases := []struct {
		name   string
		tlsAs  func() tls.Certificate
		signAs string
		want   string
	}{
		{"client is the sender", p.Harness.TLSCertificate, "harness", "ok"},
		{"client is another party", p.Harness2.TLSCertificate, "harness", "8011"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{
				RootCAs:      p.Pool,
				Certificates: []tls.Certificate{tc.tlsAs()},
				ServerName:   "localhost",
			}}}
			c := newClient(t, srv, exchange.FormatXML)
			body := c.encode(c.message(capabilities()))
			resp, err := client.Post(ts.URL, "application/xml", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			m := lenient(t, data, exchange.FormatXML)
			if m == nil || codes(m.Payload.Response) != tc.want {
				t.Fatalf("got %v, want %s\n%s", m, tc.want, data)
			}
		})
	}
}

func TestNewHTTPServerTimeouts(t *testing.T) {
	s := refimpl.NewHTTPServer("127.0.0.1:0", http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Fatalf("a timeout or limit is unset: %+v", s)
	}
}
