package refimpl_test

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/exchange"
)

// A probe observes one behaviour of an implementation and describes it in a word or a
// code list. Each runs on a fresh server, so that one probe (a crash, say) cannot change
// what another sees.
type probe struct {
	name string
	run  func(p *prober) string
}

// prober sends requests without the client's checks, since faulty responses are what
// the probes look at.
type prober struct {
	t   *testing.T
	srv *refimpl.Server
	c   *client
}

// exchange sends body and decodes the response leniently; nil means no response.
func (p *prober) exchange(body []byte) ([]byte, *exchange.Message) {
	resp, _ := p.srv.Exchange(context.Background(), body, p.c.format.MediaType())
	if resp == nil {
		return nil, nil
	}
	return resp, lenient(p.t, resp, p.c.format)
}

func (p *prober) codes(actions ...exchange.Action) string {
	_, m := p.exchange(p.c.encode(p.c.message(actions...)))
	return codesOf(m)
}

func codesOf(m *exchange.Message) string {
	if m == nil {
		return "no response"
	}
	return codes(m.Payload.Response)
}

func (p *prober) createAuth() *exchange.Authorisation {
	a := authorisation(p.c.from)
	if got := p.codes(create(exchange.Object{Authorisation: a})); got != "ok" {
		p.t.Fatalf("CREATE: %s", got)
	}
	return a
}

var probes = []probe{
	{"replay", func(p *prober) string {
		// GETCAPABILITIES, so that a replay that gets through is plainly accepted.
		body := p.c.encode(p.c.message(capabilities()))
		p.exchange(body)
		_, m := p.exchange(body)
		return codesOf(m)
	}},
	{"unsigned", func(p *prober) string {
		p.c.unsigned = true
		return p.codes(capabilities())
	}},
	{"wrong-signer", func(p *prober) string {
		p.c.as = p.c.pki.WrongSigner
		return p.codes(capabilities())
	}},
	{"untrusted-signer", func(p *prober) string {
		p.c.as = p.c.pki.Untrusted
		return p.codes(capabilities())
	}},
	{"tampered", func(p *prober) string {
		m := p.c.message(capabilities())
		body := p.c.encode(m)
		// Change the signed transaction identifier to another valid one, leaving the
		// signature as it was: only the signature check can notice.
		i := bytes.Index(body, []byte(m.Header.TransactionIdentifier))
		if body[i] == '0' {
			body[i] = '1'
		} else {
			body[i] = '0'
		}
		_, m = p.exchange(body)
		return codesOf(m)
	}},
	{"wrong-receiver", func(p *prober) string {
		p.c.to = p.c.pki.Harness2.Party
		return p.codes(capabilities())
	}},
	{"stale-timestamp", func(p *prober) string {
		p.c.at = -time.Hour
		return p.codes(capabilities())
	}},
	{"stale-generation", func(p *prober) string {
		a := p.createAuth()
		a.Generation = 1
		a.Facts = "first"
		p.codes(update(exchange.Object{Authorisation: a}))
		a.Facts = "second"
		return p.codes(update(exchange.Object{Authorisation: a}))
	}},
	{"unknown-link", func(p *prober) string {
		return p.codes(create(exchange.Object{AssistanceTask: assistanceTask(p.c.from, exchange.NewUUID())}))
	}},
	{"rollback", func(p *prober) string {
		a := p.createAuth()
		fresh := authorisation(p.c.from)
		return p.codes(create(exchange.Object{Authorisation: fresh}), create(exchange.Object{Authorisation: a})) +
			" then " + p.codes(get(fresh.ObjectIdentifier))
	}},
	{"response-signature", func(p *prober) string {
		resp, m := p.exchange(p.c.encode(p.c.message(capabilities())))
		if m == nil {
			return "no response"
		}
		if _, err := exchange.Verify(resp, p.c.format, exchange.VerifyOptions{Trust: p.c.pki.Bundle}); err != nil {
			if unsignedResponse(resp, p.c.format) {
				return "unsigned"
			}
			return "invalid"
		}
		if m.Header.Sender != p.c.pki.Implementation.Party {
			return "wrong sender"
		}
		return "valid"
	}},
	{"correlation", func(p *prober) string {
		req := p.c.message(capabilities())
		_, m := p.exchange(p.c.encode(req))
		if m == nil {
			return "no response"
		}
		if m.Header.TransactionIdentifier != req.Header.TransactionIdentifier {
			return "wrong"
		}
		return "same"
	}},
	{"receipt", func(p *prober) string {
		body := p.c.encode(p.c.message(capabilities()))
		_, m := p.exchange(body)
		if m == nil {
			return "no response"
		}
		switch r := m.Payload.Response.Receipt; {
		case r.Value == "":
			return "missing"
		case !r.Matches(body):
			return "wrong"
		}
		return "matches"
	}},
	{"alive-after-hostile", func(p *prober) string {
		p.exchange([]byte(`<?xml version="1.0"?><!DOCTYPE m [<!ENTITY e SYSTEM "file:///etc/passwd">]><m>&e;</m>`))
		if _, m := p.exchange(p.c.encode(p.c.message(capabilities()))); m == nil {
			return "dead"
		}
		return "alive"
	}},
}

// baseline is what a correct implementation shows.
var baseline = map[string]string{
	"replay":              "8012",
	"unsigned":            "8001",
	"wrong-signer":        "8004",
	"untrusted-signer":    "8003",
	"tampered":            "8002",
	"wrong-receiver":      "8010",
	"stale-timestamp":     "8013",
	"stale-generation":    "3008",
	"unknown-link":        "3016",
	"rollback":            "3000,3010 then 3014",
	"response-signature":  "valid",
	"correlation":         "same",
	"receipt":             "matches",
	"alive-after-hostile": "alive",
}

// faulty is what each fault changes: exactly these probes, to these values.
var faulty = map[refimpl.Fault]map[string]string{
	refimpl.AcceptReplays: {"replay": "ok"},
	refimpl.SkipSignatureChecks: {
		"unsigned": "ok", "wrong-signer": "ok", "untrusted-signer": "ok", "tampered": "ok",
	},
	refimpl.SignWithWrongKey:      {"response-signature": "invalid"},
	refimpl.WrongCorrelation:      {"correlation": "wrong"},
	refimpl.WrongReceiptDigest:    {"receipt": "wrong"},
	refimpl.IgnoreGeneration:      {"stale-generation": "ok"},
	refimpl.AcceptUnknownLinks:    {"unknown-link": "ok"},
	refimpl.UnsignedResponses:     {"response-signature": "unsigned"},
	refimpl.AcceptStaleTimestamps: {"stale-timestamp": "ok"},
	refimpl.AcceptWrongReceiver:   {"wrong-receiver": "ok"},
	refimpl.CrashOnHostile:        {"alive-after-hostile": "dead"},
}

func observe(t *testing.T, f exchange.Format, faults ...refimpl.Fault) map[string]string {
	got := map[string]string{}
	for _, pr := range probes {
		srv := newServer(t, faults...)
		got[pr.name] = pr.run(&prober{t: t, srv: srv, c: newClient(t, srv, f)})
	}
	return got
}

func TestBaseline(t *testing.T) {
	for _, f := range formats {
		t.Run(f.String(), func(t *testing.T) {
			t.Parallel()
			if got := observe(t, f); !maps.Equal(got, baseline) {
				t.Fatalf("correct implementation:\n got %v\nwant %v", got, baseline)
			}
		})
	}
}

// TestFaults checks that each fault changes exactly the behaviour it names.
func TestFaults(t *testing.T) {
	if got, want := slices.Sorted(maps.Keys(faulty)), slices.Sorted(slices.Values(refimpl.Faults())); !slices.Equal(got, want) {
		t.Fatalf("faults without a test, or tests without a fault:\n got %v\nwant %v", got, want)
	}
	fs := formats
	if raceEnabled {
		fs = formats[:1] // the fault paths do not depend on the encoding
	}
	for _, fault := range refimpl.Faults() {
		for _, f := range fs {
			t.Run(string(fault)+"/"+f.String(), func(t *testing.T) {
				t.Parallel()
				want := maps.Clone(baseline)
				maps.Copy(want, faulty[fault])
				got := observe(t, f, fault)
				for name := range want {
					if got[name] != want[name] {
						t.Errorf("%s: got %q, want %q", name, got[name], want[name])
					}
				}
			})
		}
	}
}

func TestParseFault(t *testing.T) {
	for _, f := range refimpl.Faults() {
		if got, err := refimpl.ParseFault(string(f)); err != nil || got != f {
			t.Errorf("ParseFault(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := refimpl.ParseFault("accept-everything"); err == nil {
		t.Error("ParseFault accepted an unknown name")
	}
	cfg, _ := refimpl.DefaultConfig()
	cfg.Faults = []refimpl.Fault{"accept-everything"}
	if _, err := refimpl.New(cfg); err == nil {
		t.Error("New accepted an unknown fault")
	}
}

// unsignedResponse reports whether a response carries no signature at all.
func unsignedResponse(resp []byte, f exchange.Format) bool {
	marker := []byte("SignatureValue")
	if f == exchange.FormatJSON {
		marker = []byte(`"Signature"`)
	}
	return !bytes.Contains(resp, marker)
}
