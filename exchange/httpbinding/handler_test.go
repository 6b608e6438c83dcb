package httpbinding_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

// TestHandlerRefusals posts each kind of request and checks the HTTP status, the codes
// of the signed answer, its correlation and its receipt, and whether the Service ran.
func TestHandlerRefusals(t *testing.T) {
	p := pki(t)
	const maxBytes = 64 << 10
	type input struct {
		body        []byte
		contentType string
		tx          exchange.UUID // the request's transaction, when it has one
	}
	msg := func(f exchange.Format, edit func(*exchange.Message)) input {
		m := request(t)
		if edit != nil {
			edit(m)
		}
		return input{body: signed(t, m, f, p.Harness), contentType: f.MediaType(), tx: m.Header.TransactionIdentifier}
	}
	cases := []struct {
		name   string
		method string
		in     func() input
		status int
		codes  []exchange.ErrorCode // the answer's Error codes; nil: accepted
		// correlated: the answer carries the request's TransactionIdentifier.
		correlated bool
		served     bool
	}{
		{name: "valid XML", in: func() input { return msg(exchange.FormatXML, nil) }, status: 200, correlated: true, served: true},
		{name: "valid JSON", in: func() input { return msg(exchange.FormatJSON, nil) }, status: 200, correlated: true, served: true},
		{name: "text/xml with charset", in: func() input {
			in := msg(exchange.FormatXML, nil)
			in.contentType = "text/xml; charset=utf-8"
			return in
		}, status: 200, correlated: true, served: true},
		{name: "GET", method: http.MethodGet, in: func() input { return msg(exchange.FormatXML, nil) }, status: 405},
		{name: "text/plain", in: func() input { return input{body: []byte("x"), contentType: "text/plain"} }, status: 415},
		{name: "no content type", in: func() input { return input{body: []byte("<a/>")} }, status: 415},
		{name: "announced far over the limit", in: func() input {
			return input{body: bytes.Repeat([]byte{' '}, maxBytes+httpbinding.OversizeSlack+10), contentType: exchange.MediaTypeXML}
		}, status: 413},
		{name: "a little over the limit", in: func() input {
			in := msg(exchange.FormatXML, nil)
			in.body = append(in.body, bytes.Repeat([]byte{' '}, maxBytes)...)
			return in
		}, status: 200, codes: []exchange.ErrorCode{3022}, correlated: true},
		{name: "not XML", in: func() input { return input{body: []byte("hello"), contentType: exchange.MediaTypeXML} }, status: 200, codes: []exchange.ErrorCode{3020}},
		{name: "DTD", in: func() input {
			return input{body: []byte(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`), contentType: exchange.MediaTypeXML}
		}, status: 200, codes: []exchange.ErrorCode{3020}},
		{name: "duplicate JSON member", in: func() input {
			return input{body: []byte(`{"Header":{},"Header":{}}`), contentType: exchange.MediaTypeJSON}
		}, status: 200, codes: []exchange.ErrorCode{3020}},
		{name: "truncated after a readable header", in: func() input {
			in := msg(exchange.FormatXML, nil)
			i := bytes.Index(in.body, []byte("</Header>"))
			in.body = in.body[:i+len("</Header>")+10]
			return in
		}, status: 200, codes: []exchange.ErrorCode{3020}, correlated: true},
		{name: "unsigned", in: func() input {
			m := request(t)
			return input{body: marshal(t, m, exchange.FormatXML), contentType: exchange.MediaTypeXML, tx: m.Header.TransactionIdentifier}
		}, status: 200, codes: []exchange.ErrorCode{8001}, correlated: true},
		{name: "signer is not the sender", in: func() input {
			m := request(t)
			return input{body: signed(t, m, exchange.FormatJSON, p.Harness2), contentType: exchange.MediaTypeJSON, tx: m.Header.TransactionIdentifier}
		}, status: 200, codes: []exchange.ErrorCode{8004}, correlated: true},
		{name: "signer not trusted", in: func() input {
			m := request(t)
			m.Header.Sender = p.Untrusted.Party
			return input{body: signed(t, m, exchange.FormatXML, p.Untrusted), contentType: exchange.MediaTypeXML, tx: m.Header.TransactionIdentifier}
		}, status: 200, codes: []exchange.ErrorCode{8003}, correlated: true},
		{name: "addressed to another party", in: func() input {
			return msg(exchange.FormatXML, func(m *exchange.Message) {
				m.Header.Receiver = exchange.Party{CountryCode: "DE", UniqueIdentifier: "other"}
			})
		}, status: 200, codes: []exchange.ErrorCode{8010}, correlated: true},
		{name: "stale timestamp", in: func() input {
			return msg(exchange.FormatJSON, func(m *exchange.Message) { m.Header.Timestamp = exchange.NewTimestamp(time.Now().Add(-time.Hour)) })
		}, status: 200, codes: []exchange.ErrorCode{8013}, correlated: true},
		{name: "a response sent to a receiver", in: func() input {
			req := request(t)
			m := exchange.NewResponse(req, []byte("x"))
			m.Payload.Response.Error = []exchange.ErrorInformation{{Code: 3000, Description: "no"}}
			m.Header.Sender, m.Header.Receiver = p.Harness.Party, p.Implementation.Party
			return input{body: signed(t, m, exchange.FormatXML, p.Harness), contentType: exchange.MediaTypeXML, tx: m.Header.TransactionIdentifier}
		}, status: 200, codes: []exchange.ErrorCode{3007}, correlated: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc := &capabilities{}
			h := newHandler(t, svc, func(cfg *httpbinding.Config) { cfg.Options.Limits.MaxBytes = maxBytes })
			srv := httptest.NewServer(h)
			defer srv.Close()
			in := c.in()
			method := cmp(c.method, http.MethodPost)
			req, _ := http.NewRequest(method, srv.URL, bytes.NewReader(in.body))
			if in.contentType != "" {
				req.Header.Set("Content-Type", in.contentType)
			}
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			answer := readAll(t, res)
			if res.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, c.status, answer)
			}
			if c.served != (svc.calls == 1) {
				t.Errorf("service called %d times, want served=%v", svc.calls, c.served)
			}
			if c.status != 200 {
				return
			}
			f, _ := httpbinding.FormatOf(res.Header.Get("Content-Type"))
			if want, _ := httpbinding.FormatOf(in.contentType); f != want && want != exchange.FormatAuto {
				t.Errorf("answered in %v, asked in %v", f, want)
			}
			m := verifyResponse(t, answer, f, in.body)
			got := codes(m)
			if len(got) == 0 || len(c.codes) == 0 {
				if !slices.Equal(got, c.codes) {
					t.Errorf("codes %v, want %v: %+v", got, c.codes, m.Payload.Response.Error)
				}
			} else if !slices.Contains(got, c.codes[0]) {
				t.Errorf("codes %v, want %v: %+v", got, c.codes, m.Payload.Response.Error)
			}
			if (m.Header.TransactionIdentifier == in.tx) != c.correlated {
				t.Errorf("transaction %s, request's %s, want correlated=%v", m.Header.TransactionIdentifier, in.tx, c.correlated)
			}
			if c.correlated && m.Header.Receiver != p.Harness.Party && c.name != "signer not trusted" {
				t.Errorf("addressed to %v, want the sender %v", m.Header.Receiver, p.Harness.Party)
			}
			if !c.correlated && m.Header.Receiver.UniqueIdentifier != httpbinding.UnknownSender {
				t.Errorf("addressed to %v, want %s", m.Header.Receiver, httpbinding.UnknownSender)
			}
			if c.served && len(m.Payload.Response.ActionResult) != 1 {
				t.Errorf("%d action results, want 1", len(m.Payload.Response.ActionResult))
			}
		})
	}
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func readAll(t testing.TB, res *http.Response) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := b.ReadFrom(res.Body); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHandlerReplay: a request accepted once is refused the second time (8012), and a
// refused request does not use up its transaction identifier.
func TestHandlerReplay(t *testing.T) {
	p := pki(t)
	svc := &capabilities{}
	h := newHandler(t, svc, nil)
	ctx := context.Background()

	// Refused for its peer certificate first: the identifier stays free.
	m := request(t)
	body := signed(t, m, exchange.FormatXML, p.Harness)
	answer, _, err := h.Exchange(httpbinding.WithPeerCertificate(ctx, p.Harness2.Signer.Chain[0]), body, exchange.MediaTypeXML)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(verifyResponse(t, answer, exchange.FormatXML, body)); !slices.Equal(got, []exchange.ErrorCode{8011}) {
		t.Fatalf("with another party's TLS certificate: codes %v, want [8011]", got)
	}
	for i, want := range [][]exchange.ErrorCode{nil, {8012}} {
		answer, _, err := h.Exchange(httpbinding.WithPeerCertificate(ctx, p.Harness.Signer.Chain[0]), body, exchange.MediaTypeXML)
		if err != nil {
			t.Fatal(err)
		}
		if got := codes(verifyResponse(t, answer, exchange.FormatXML, body)); !slices.Equal(got, want) {
			t.Errorf("send %d: codes %v, want %v", i+1, got, want)
		}
	}
	if svc.calls != 1 {
		t.Errorf("service called %d times, want 1", svc.calls)
	}
}

// TestHandlerServiceError: a Service error reaches the sender as a signed 3003, and its
// text stays in the log.
func TestHandlerServiceError(t *testing.T) {
	p := pki(t)
	var logged strings.Builder
	h := newHandler(t, httpbinding.ServiceFunc(func(context.Context, *httpbinding.Request) ([]exchange.ActionResult, error) {
		return nil, errors.New("database down at 10.0.0.7")
	}), func(cfg *httpbinding.Config) { cfg.ErrorLog = newLog(&logged) })
	m := request(t)
	body := signed(t, m, exchange.FormatJSON, p.Harness)
	answer, _, err := h.Exchange(context.Background(), body, exchange.MediaTypeJSON)
	if err != nil {
		t.Fatal(err)
	}
	r := verifyResponse(t, answer, exchange.FormatJSON, body)
	if got := codes(r); !slices.Equal(got, []exchange.ErrorCode{3003}) {
		t.Errorf("codes %v, want [3003]", got)
	}
	if strings.Contains(string(answer), "10.0.0.7") {
		t.Error("the Service's error reached the sender")
	}
	if !strings.Contains(logged.String(), "10.0.0.7") {
		t.Errorf("the Service's error was not logged: %q", logged.String())
	}
}

// TestNewRefusesIncompleteConfig: each missing piece is an ErrConfig.
func TestNewRefusesIncompleteConfig(t *testing.T) {
	p := pki(t)
	full := httpbinding.Config{Identity: p.Implementation.Party, Signer: p.Implementation.Signer, Trust: p.Bundle, Service: &capabilities{}}
	cases := map[string]func(*httpbinding.Config){
		"no identity":                   func(c *httpbinding.Config) { c.Identity = exchange.Party{} },
		"no signer":                     func(c *httpbinding.Config) { c.Signer = exchange.Signer{} },
		"signer does not name identity": func(c *httpbinding.Config) { c.Signer = p.Harness.Signer },
		"no trust":                      func(c *httpbinding.Config) { c.Trust = nil },
		"no service":                    func(c *httpbinding.Config) { c.Service = nil },
	}
	for name, edit := range cases {
		cfg := full
		edit(&cfg)
		if _, err := httpbinding.New(cfg); !errors.Is(err, httpbinding.ErrConfig) {
			t.Errorf("%s: err %v, want ErrConfig", name, err)
		}
	}
	if _, err := httpbinding.New(full); err != nil {
		t.Errorf("complete configuration: %v", err)
	}
}

func TestFormatOf(t *testing.T) {
	cases := []struct {
		ct string
		f  exchange.Format
		ok bool
	}{
		{"application/xml", exchange.FormatXML, true},
		{"text/xml; charset=iso-8859-1", exchange.FormatXML, true},
		{"application/json", exchange.FormatJSON, true},
		{"Application/JSON; charset=utf-8", exchange.FormatJSON, true},
		{"", exchange.FormatAuto, true},
		{"text/plain", exchange.FormatAuto, false},
		{"application/xml; =", exchange.FormatAuto, false},
	}
	for _, c := range cases {
		f, ok := httpbinding.FormatOf(c.ct)
		if f != c.f || ok != c.ok {
			t.Errorf("FormatOf(%q) = %v, %v; want %v, %v", c.ct, f, ok, c.f, c.ok)
		}
	}
}

// TestHandlerInvalidResults: results that make an invalid response still get the sender
// a signed, correlated answer (3000), not an HTTP error.
func TestHandlerInvalidResults(t *testing.T) {
	p := pki(t)
	h := newHandler(t, httpbinding.ServiceFunc(func(context.Context, *httpbinding.Request) ([]exchange.ActionResult, error) {
		return []exchange.ActionResult{{ActionIdentifier: 0}}, nil // no verb result, no Failure
	}), func(cfg *httpbinding.Config) { cfg.ErrorLog = newLog(&strings.Builder{}) })
	m := request(t)
	body := signed(t, m, exchange.FormatXML, p.Harness)
	answer, _, err := h.Exchange(context.Background(), body, exchange.MediaTypeXML)
	if err != nil {
		t.Fatal(err)
	}
	r := verifyResponse(t, answer, exchange.FormatXML, body)
	if got := codes(r); !slices.Equal(got, []exchange.ErrorCode{3000}) {
		t.Errorf("codes %v, want [3000]", got)
	}
	if r.Header.TransactionIdentifier != m.Header.TransactionIdentifier {
		t.Error("not correlated")
	}
}

// TestHandlerServiceRefuses: an *exchange.InvalidError from the Service refuses the
// whole request with its findings.
func TestHandlerServiceRefuses(t *testing.T) {
	p := pki(t)
	h := newHandler(t, httpbinding.ServiceFunc(func(context.Context, *httpbinding.Request) ([]exchange.ActionResult, error) {
		return nil, &exchange.InvalidError{Findings: []exchange.Finding{{Code: exchange.CodeNotSupported, Message: "only AllOrNothing"}}}
	}), nil)
	body := signed(t, request(t), exchange.FormatXML, p.Harness)
	answer, _, err := h.Exchange(context.Background(), body, exchange.MediaTypeXML)
	if err != nil {
		t.Fatal(err)
	}
	r := verifyResponse(t, answer, exchange.FormatXML, body)
	if got := codes(r); !slices.Equal(got, []exchange.ErrorCode{3001}) || r.Payload.Response.Error[0].Description != "only AllOrNothing" {
		t.Errorf("errors %+v, want one 3001", r.Payload.Response.Error)
	}
}
