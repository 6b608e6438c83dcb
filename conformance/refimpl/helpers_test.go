package refimpl_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
)

var formats = []exchange.Format{exchange.FormatXML, exchange.FormatJSON}

func pki(t testing.TB) *testpki.PKI {
	t.Helper()
	p, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// newServer returns a reference implementation with the default configuration and the
// faults given.
func newServer(t testing.TB, faults ...refimpl.Fault) *refimpl.Server {
	t.Helper()
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Faults = faults
	s, err := refimpl.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// client plays the requester: it builds, signs and sends messages and checks every
// response for what must hold whatever the outcome (signature, correlation, receipt).
type client struct {
	t      testing.TB
	srv    *refimpl.Server
	pki    *testpki.PKI
	as     testpki.Identity // signs the messages
	from   exchange.Party   // Header.Sender
	to     exchange.Party   // Header.Receiver
	format exchange.Format
	// at shifts the header timestamp from now.
	at time.Duration
	// unsigned sends messages without a signature.
	unsigned bool
}

func newClient(t testing.TB, srv *refimpl.Server, f exchange.Format) *client {
	p := pki(t)
	return &client{t: t, srv: srv, pki: p, as: p.Harness, from: p.Harness.Party, to: p.Implementation.Party, format: f}
}

// message builds a request of the actions.
func (c *client) message(actions ...exchange.Action) *exchange.Message {
	m := exchange.NewRequest(c.from, c.to, actions...)
	m.Header.Timestamp = exchange.NewTimestamp(time.Now().Add(c.at))
	return m
}

// encode marshals and (unless unsigned) signs m.
func (c *client) encode(m *exchange.Message) []byte {
	c.t.Helper()
	data, err := exchange.Marshal(m, c.format)
	if err != nil {
		c.t.Fatal(err)
	}
	if c.unsigned {
		return data
	}
	// Unchecked: cases send invalid messages and sign as others on purpose.
	data, err = exchange.SignOptions{Unchecked: true}.Sign(data, c.format, c.as.Signer)
	if err != nil {
		c.t.Fatal(err)
	}
	return data
}

// send sends the actions and returns the verified response.
func (c *client) send(actions ...exchange.Action) *exchange.Response {
	c.t.Helper()
	return c.sendBytes(c.encode(c.message(actions...)))
}

// sendBytes sends a request and checks that the response is in the same encoding, signed
// by the implementation, correlated with the request and carries its receipt.
func (c *client) sendBytes(body []byte) *exchange.Response {
	c.t.Helper()
	resp, ct := c.srv.Exchange(context.Background(), body, c.format.MediaType())
	if resp == nil {
		c.t.Fatal("no response")
	}
	if ct != c.format.MediaType() {
		c.t.Errorf("response content type %q, want %q", ct, c.format.MediaType())
	}
	v, err := exchange.Verify(resp, c.format, exchange.VerifyOptions{Trust: c.pki.Bundle})
	if err != nil {
		c.t.Fatalf("response does not verify: %v\n%s", err, resp)
	}
	h := v.Message.Header
	if h.Sender != c.pki.Implementation.Party {
		c.t.Errorf("response sender %v, want %v", h.Sender, c.pki.Implementation.Party)
	}
	req := lenient(c.t, body, c.format)
	if req != nil && req.Header.TransactionIdentifier.Valid() {
		if h.Receiver != req.Header.Sender {
			c.t.Errorf("response receiver %v, want %v", h.Receiver, req.Header.Sender)
		}
		if h.TransactionIdentifier != req.Header.TransactionIdentifier {
			c.t.Errorf("response transaction %s, want %s", h.TransactionIdentifier, req.Header.TransactionIdentifier)
		}
	}
	r := v.Message.Payload.Response
	if r == nil {
		c.t.Fatalf("response without a Response payload:\n%s", resp)
	}
	if !r.Receipt.Matches(body) {
		c.t.Errorf("receipt %v does not match the request bytes", r.Receipt)
	}
	return r
}

// lenient decodes a message without any check, for looking at what a faulty
// implementation sent; it returns nil when nothing can be read.
func lenient(t testing.TB, data []byte, f exchange.Format) *exchange.Message {
	var m exchange.Message
	var err error
	if f == exchange.FormatJSON {
		err = json.Unmarshal(data, &m)
	} else {
		err = xml.Unmarshal(data, &m)
	}
	if err != nil {
		return nil
	}
	return &m
}

// codes lists the error codes of a response: the message-level ones, or each action's
// failure code ("ok" for an action that succeeded), joined by commas.
func codes(r *exchange.Response) string {
	if r == nil {
		return "no response"
	}
	var out []string
	for _, e := range r.Error {
		out = append(out, fmt.Sprint(e.Code))
	}
	if len(out) > 0 {
		slices.Sort(out)
		return strings.Join(slices.Compact(out), ",")
	}
	for _, a := range r.ActionResult {
		if a.Failure != nil {
			out = append(out, fmt.Sprint(a.Failure.Code))
		} else {
			out = append(out, "ok")
		}
	}
	return strings.Join(out, ",")
}

// Objects used by the tests: an MLA authorisation from the harness and tasks under it.

func code(dict, value string) exchange.Code {
	return exchange.Code{Owner: exchange.DictionaryOwner, Name: dict, Value: value}
}

func base(owner exchange.Party, links ...exchange.UUID) exchange.ObjectBase {
	return exchange.ObjectBase{
		ObjectIdentifier: exchange.NewUUID(),
		CountryCode:      owner.CountryCode,
		OwnerIdentifier:  owner.UniqueIdentifier,
		AssociatedObject: links,
	}
}

func authorisation(owner exchange.Party) *exchange.Authorisation {
	return &exchange.Authorisation{
		ObjectBase:     base(owner),
		Reference:      "MLA-2026-0001",
		Instrument:     code(exchange.DictInstrument, exchange.InstrumentMLA),
		LegalBasis:     []exchange.LegalBasis{{Instrument: "UNTOC", Article: "18"}},
		IssuingState:   owner.CountryCode,
		ExecutingState: "LU",
		Approval: []exchange.Approval{{
			ApprovalType: code(exchange.DictApprovalType, exchange.ApprovalIssuing),
			Authority:    exchange.Authority{Name: "Juge d'instruction, Paris"},
			Timestamp:    exchange.NewDateTime(time.Now().Add(-24 * time.Hour).Truncate(time.Second)),
		}},
		Offence: []exchange.Offence{{Description: "Laundering of the proceeds of fraud"}},
	}
}

func assistanceTask(owner exchange.Party, auth exchange.UUID) *exchange.AssistanceTask {
	return &exchange.AssistanceTask{
		ObjectBase: base(owner, auth),
		Reference:  "MLA-2026-0001-T1",
		Measure:    code(exchange.DictMeasure, "BankingInformation"),
		Details:    "Statements of the account for 2025.",
	}
}

func delivery(owner exchange.Party, task exchange.UUID) exchange.Delivery {
	return exchange.Delivery{
		ObjectBase:         base(owner, task),
		TaskReference:      task,
		DeliveryIdentifier: exchange.NewUUID(),
		SequenceNumber:     1,
		LastSequence:       true,
		Artefact: []exchange.Artefact{{
			Name: "statements.pdf", MediaType: "application/pdf", Size: 3,
			Digest: []exchange.Digest{{Algorithm: exchange.DigestSHA256,
				Value: "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"}},
		}},
	}
}

func create(o exchange.Object) exchange.Action {
	return exchange.Action{CREATE: &exchange.ObjectAction{Object: o}}
}

func update(o exchange.Object) exchange.Action {
	return exchange.Action{UPDATE: &exchange.ObjectAction{Object: o}}
}

func get(id exchange.UUID) exchange.Action {
	return exchange.Action{GET: &exchange.GetAction{Identifier: id}}
}

func list(l exchange.ListAction) exchange.Action { return exchange.Action{LIST: &l} }

func deliver(d exchange.Delivery) exchange.Action {
	return exchange.Action{DELIVER: &exchange.DeliverAction{Delivery: d}}
}

func capabilities() exchange.Action {
	return exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}}
}
