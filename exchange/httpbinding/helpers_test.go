package httpbinding_test

import (
	"context"
	"io"
	"log"
	"testing"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

func pki(t testing.TB) *testpki.PKI {
	t.Helper()
	p, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// capabilities answers every action with the receiver's capabilities, and counts calls.
type capabilities struct{ calls int }

func (c *capabilities) Serve(_ context.Context, req *httpbinding.Request) ([]exchange.ActionResult, error) {
	c.calls++
	var out []exchange.ActionResult
	for _, a := range req.Message.Payload.Request.Action {
		out = append(out, exchange.ActionResult{ActionIdentifier: a.ActionIdentifier, GETCAPABILITIES: &exchange.Capabilities{
			Verb:       []exchange.Verb{exchange.VerbGetCapabilities},
			ObjectType: exchange.ObjectKinds,
			Encoding:   []string{exchange.MediaTypeXML, exchange.MediaTypeJSON},
		}})
	}
	return out, nil
}

func newHandler(t testing.TB, svc httpbinding.Service, edit func(*httpbinding.Config)) *httpbinding.Handler {
	t.Helper()
	p := pki(t)
	cfg := httpbinding.Config{Identity: p.Implementation.Party, Signer: p.Implementation.Signer, Trust: p.Bundle, Service: svc}
	if edit != nil {
		edit(&cfg)
	}
	h, err := httpbinding.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// request is a GETCAPABILITIES request from the harness to the implementation.
func request(t testing.TB) *exchange.Message {
	p := pki(t)
	return exchange.NewRequest(p.Harness.Party, p.Implementation.Party,
		exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
}

// signed encodes and signs m as id, unchecked: cases sign invalid messages and in
// someone else's name on purpose.
func signed(t testing.TB, m *exchange.Message, f exchange.Format, id testpki.Identity) []byte {
	t.Helper()
	data, err := exchange.SignOptions{Unchecked: true}.SignMessage(m, f, id.Signer)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func marshal(t testing.TB, m *exchange.Message, f exchange.Format) []byte {
	t.Helper()
	data, err := exchange.Marshal(m, f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// verifyResponse checks what every answer must be, whatever the outcome: signed by the
// implementation, a response, with a receipt over sent; it returns the response.
func verifyResponse(t testing.TB, answer []byte, f exchange.Format, sent []byte) *exchange.Message {
	t.Helper()
	p := pki(t)
	v, err := exchange.Verify(answer, f, exchange.VerifyOptions{Trust: p.Bundle})
	if err != nil {
		t.Fatalf("the response does not verify: %v\n%s", err, answer)
	}
	m := v.Message
	if m.Header.Sender != p.Implementation.Party {
		t.Errorf("response from %v", m.Header.Sender)
	}
	if m.Payload.Response == nil {
		t.Fatal("not a response")
	}
	if !m.Payload.Response.Receipt.Matches(sent) {
		t.Error("the receipt does not match the bytes sent")
	}
	return m
}

func codes(m *exchange.Message) []exchange.ErrorCode {
	var out []exchange.ErrorCode
	for _, e := range m.Payload.Response.Error {
		out = append(out, e.Code)
	}
	return out
}

func newLog(w io.Writer) *log.Logger { return log.New(w, "", 0) }
