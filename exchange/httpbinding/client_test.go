package httpbinding_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

// TestSendMutualTLS sends through a Handler behind mutual TLS: the client certificate
// that names the sender passes, another party's gets a verified 8011 refusal.
func TestSendMutualTLS(t *testing.T) {
	p := pki(t)
	svc := &capabilities{}
	srv := httptest.NewUnstartedServer(newHandler(t, svc, nil))
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert}
	srv.StartTLS()
	defer srv.Close()
	for _, c := range []struct {
		name  string
		cert  testpki.Identity
		codes []exchange.ErrorCode
	}{
		{"certificate names the sender", p.Harness, nil},
		{"certificate names another party", p.Harness2, []exchange.ErrorCode{8011}},
	} {
		t.Run(c.name, func(t *testing.T) {
			// A transport of its own: a connection made with another certificate is not reused.
			tr := srv.Client().Transport.(*http.Transport).Clone()
			tr.TLSClientConfig.Certificates = []tls.Certificate{c.cert.TLSCertificate()}
			defer tr.CloseIdleConnections()
			hc := &http.Client{Transport: tr}
			cl := &httpbinding.Client{URL: srv.URL, Signer: p.Harness.Signer, Trust: p.Bundle, HTTPClient: hc}
			x, err := cl.Send(context.Background(), request(t))
			if c.codes == nil && err != nil {
				t.Fatal(err)
			}
			if c.codes != nil {
				var refused *httpbinding.RefusedError
				if !errors.As(err, &refused) || !errors.Is(err, httpbinding.ErrRefused) {
					t.Fatalf("err %v, want a refusal", err)
				}
				if got := codes(x.Response); !slices.Equal(got, c.codes) {
					t.Errorf("codes %v, want %v", got, c.codes)
				}
			}
		})
	}
	if svc.calls != 1 {
		t.Errorf("service called %d times, want 1", svc.calls)
	}
}

// TestSendChecksTheAnswer runs Send against receivers that answer wrongly in one way
// each, and checks that each is reported by its own sentinel error.
func TestSendChecksTheAnswer(t *testing.T) {
	p := pki(t)
	// answer builds what the fake receiver sends back for the request bytes it got.
	type answer func(t *testing.T, req *exchange.Message, body []byte) (int, []byte)
	respond := func(edit func(resp *exchange.Message), as testpki.Identity) answer {
		return func(t *testing.T, req *exchange.Message, body []byte) (int, []byte) {
			resp := exchange.NewResponse(req, body)
			resp.Payload.Response.Error = []exchange.ErrorInformation{{Code: 3001, Description: "not supported here"}}
			if edit != nil {
				edit(resp)
			}
			return 200, signed(t, resp, exchange.FormatXML, as)
		}
	}
	cases := []struct {
		name   string
		answer answer
		want   error
	}{
		{"refused, genuinely", respond(nil, p.Implementation), httpbinding.ErrRefused},
		{"HTTP 500", func(*testing.T, *exchange.Message, []byte) (int, []byte) { return 500, []byte("oops") }, httpbinding.ErrStatus},
		{"not a message", func(*testing.T, *exchange.Message, []byte) (int, []byte) { return 200, []byte("<a/>") }, httpbinding.ErrUnverified},
		{"unsigned", func(t *testing.T, req *exchange.Message, body []byte) (int, []byte) {
			return 200, marshal(t, exchange.NewResponse(req, body), exchange.FormatXML)
		}, httpbinding.ErrUnverified},
		{"signed by an untrusted key", respond(func(m *exchange.Message) { m.Header.Sender = p.Untrusted.Party }, p.Untrusted), httpbinding.ErrUnverified},
		{"from another party", respond(func(m *exchange.Message) { m.Header.Sender = p.Harness2.Party }, p.Harness2), httpbinding.ErrWrongResponder},
		{"to another party", respond(func(m *exchange.Message) { m.Header.Receiver = p.Harness2.Party }, p.Implementation), httpbinding.ErrWrongResponder},
		{"another transaction", respond(func(m *exchange.Message) { m.Header.TransactionIdentifier = exchange.NewUUID() }, p.Implementation), httpbinding.ErrCorrelation},
		{"receipt of other bytes", respond(func(m *exchange.Message) { m.Payload.Response.Receipt = exchange.NewReceipt([]byte("other")) }, p.Implementation), httpbinding.ErrReceipt},
		{"a request, not a response", func(t *testing.T, req *exchange.Message, body []byte) (int, []byte) {
			m := exchange.NewRequest(p.Implementation.Party, p.Harness.Party, exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
			m.Header.TransactionIdentifier = req.Header.TransactionIdentifier
			return 200, signed(t, m, exchange.FormatXML, p.Implementation)
		}, httpbinding.ErrNotResponse},
		{"answer over the limit", func(*testing.T, *exchange.Message, []byte) (int, []byte) {
			return 200, []byte(strings.Repeat(" ", 2<<10))
		}, httpbinding.ErrTransport},
	}
	sentinels := []error{httpbinding.ErrSign, httpbinding.ErrTransport, httpbinding.ErrStatus, httpbinding.ErrUnverified,
		httpbinding.ErrWrongResponder, httpbinding.ErrNotResponse, httpbinding.ErrCorrelation, httpbinding.ErrReceipt, httpbinding.ErrRefused}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body := readAll(t, &http.Response{Body: r.Body})
				req, err := exchange.Unmarshal(body, exchange.FormatXML)
				if err != nil {
					t.Error(err)
					return
				}
				status, data := c.answer(t, req, body)
				w.Header().Set("Content-Type", exchange.MediaTypeXML)
				w.WriteHeader(status)
				w.Write(data)
			}))
			defer srv.Close()
			cl := &httpbinding.Client{URL: srv.URL, Signer: p.Harness.Signer, Trust: p.Bundle, MaxBytes: 1 << 10}
			if c.name != "answer over the limit" {
				cl.MaxBytes = 0
			}
			x, err := cl.Send(context.Background(), request(t))
			for _, s := range sentinels {
				if errors.Is(err, s) != (s == c.want) {
					t.Errorf("err %v: errors.Is(err, %v) = %v", err, s, errors.Is(err, s))
				}
			}
			if (x != nil) != (c.want == httpbinding.ErrRefused) {
				t.Errorf("exchange %v with err %v", x, err)
			}
		})
	}
}

func TestSendTransportAndSigningErrors(t *testing.T) {
	p := pki(t)
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more
	cl := &httpbinding.Client{URL: url, Signer: p.Harness.Signer, Trust: p.Bundle}
	if _, err := cl.Send(context.Background(), request(t)); !errors.Is(err, httpbinding.ErrTransport) {
		t.Errorf("closed server: err %v, want ErrTransport", err)
	}
	bad := request(t)
	bad.Payload.Request.Action = nil // the schema needs one action at least
	if _, err := cl.Send(context.Background(), bad); !errors.Is(err, httpbinding.ErrSign) {
		t.Errorf("invalid message: err %v, want ErrSign", err)
	}
}
