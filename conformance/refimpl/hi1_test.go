package refimpl_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
	"github.com/jcx-dev/jcx/exchange/trust"
)

func newHI1Server(t testing.TB, faults ...refimpl.Fault) *refimpl.HI1Server {
	t.Helper()
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Faults = faults
	s, err := refimpl.NewHI1(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func endpoint(p exchange.Party) hi1.EndpointID {
	return hi1.EndpointID{CountryCode: p.CountryCode, UniqueIdentifier: p.UniqueIdentifier}
}

// hi1Request builds and signs a request from the harness identity to the reference
// implementation, as id signs it.
func hi1Request(t testing.TB, p *testpki.PKI, id testpki.Identity, edit func(*hi1.HI1Message), actions ...hi1.ActionRequest) []byte {
	t.Helper()
	m := hi1.NewRequest(hi1.NewHeader(endpoint(p.Harness.Party), endpoint(p.Implementation.Party), "jcx", "2026-11"), actions...)
	if edit != nil {
		edit(m)
	}
	data, err := hi1.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := hi1.Sign(data, id.Signer, hi1.SignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// hi1Answer verifies a response as the requester must and decodes what was signed.
func hi1Answer(t testing.TB, p *testpki.PKI, req, resp []byte) *hi1.HI1Message {
	t.Helper()
	v, err := hi1.Verify(resp, exchange.VerifyOptions{Trust: p.Bundle})
	if err != nil {
		t.Fatalf("the response does not verify: %v\n%s", err, resp)
	}
	m, err := hi1.Decode(v.Content, exchange.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Signer.CheckSender(trust.Party{CountryCode: m.Header.SenderIdentifier.CountryCode, UniqueIdentifier: m.Header.SenderIdentifier.UniqueIdentifier}); err != nil {
		t.Fatal(err)
	}
	if q, err := hi1.Decode(req, exchange.Limits{}); err == nil {
		if fs := hi1.CheckResponse(q, m); len(fs) > 0 {
			t.Errorf("the response does not answer the request: %v", fs)
		}
	}
	return m
}

func topError(m *hi1.HI1Message) exchange.ErrorCode {
	if e := m.Payload.ResponsePayload.ErrorInformation; e != nil {
		return e.ErrorCode
	}
	return 0
}

func TestHI1Refusals(t *testing.T) {
	p := pki(t)
	list := hi1.ActionRequest{LIST: &hi1.LISTRequest{}}
	cases := []struct {
		name string
		as   testpki.Identity
		edit func(*hi1.HI1Message)
		raw  func([]byte) []byte
		want exchange.ErrorCode
	}{
		{"accepted", p.Harness, nil, nil, 0},
		{"unsigned", p.Harness, nil, func(b []byte) []byte {
			i := bytes.Index(b, []byte("<ds:Signature"))
			return append(b[:i:i], "</HI1Message>"...)
		}, 8001},
		{"tampered", p.Harness, nil, func(b []byte) []byte { return bytes.Replace(b, []byte("jcx</"), []byte("jcy</"), 1) }, 8002},
		{"wrong signer", p.WrongSigner, nil, nil, 8004},
		{"untrusted signer", p.Untrusted, nil, nil, 8003},
		{"expired signer", p.Expired, nil, nil, 8003},
		{"other receiver", p.Harness, func(m *hi1.HI1Message) { m.Header.ReceiverIdentifier.UniqueIdentifier = "someone-else" }, nil, 8010},
		{"stale", p.Harness, func(m *hi1.HI1Message) {
			m.Header.Timestamp = string(exchange.NewTimestamp(time.Now().Add(-time.Hour)))
		}, nil, 8013},
		{"other version", p.Harness, func(m *hi1.HI1Message) { m.Header.Version.ETSIVersion = "V1.99.1" }, nil, 3021},
		{"duplicate action", p.Harness, func(m *hi1.HI1Message) {
			m.Payload.RequestPayload.ActionRequests = append(m.Payload.RequestPayload.ActionRequests, hi1.ActionRequest{ActionIdentifier: 0, LIST: &hi1.LISTRequest{}})
		}, nil, 3002},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newHI1Server(t)
			req := hi1Request(t, p, tc.as, tc.edit, list)
			if tc.raw != nil {
				req = tc.raw(req)
			}
			resp := srv.Exchange(context.Background(), req)
			m := hi1Answer(t, p, req, resp)
			if got := topError(m); got != tc.want {
				t.Fatalf("top-level error %d, want %d: %+v", got, tc.want, m.Payload.ResponsePayload.ErrorInformation)
			}
		})
	}
}

func TestHI1Replay(t *testing.T) {
	p := pki(t)
	for _, tc := range []struct {
		fault refimpl.Fault
		want  exchange.ErrorCode
	}{{"", 8012}, {refimpl.AcceptReplays, 0}} {
		var faults []refimpl.Fault
		if tc.fault != "" {
			faults = append(faults, tc.fault)
		}
		srv := newHI1Server(t, faults...)
		req := hi1Request(t, p, p.Harness, nil, hi1.ActionRequest{LIST: &hi1.LISTRequest{}})
		if got := topError(hi1Answer(t, p, req, srv.Exchange(context.Background(), req))); got != 0 {
			t.Fatalf("first sending: %d", got)
		}
		if got := topError(hi1Answer(t, p, req, srv.Exchange(context.Background(), req))); got != tc.want {
			t.Errorf("fault %q: replay answered %d, want %d", tc.fault, got, tc.want)
		}
	}
}

// TestHI1Objects creates an object of each kind the suite uses, one of a national type
// included, and reads each back unchanged but for its Generation.
func TestHI1Objects(t *testing.T) {
	p := pki(t)
	srv := newHI1Server(t)
	task := &hi1.LDTaskObject{ObjectBase: hi1.ObjectBase{ObjectIdentifier: hi1.NewObjectIdentifier()}, Reference: "FR-1"}
	create := hi1Request(t, p, p.Harness, nil, hi1.ActionRequest{CREATE: &hi1.CREATERequest{HI1Object: task}})
	m := hi1Answer(t, p, create, srv.Exchange(context.Background(), create))
	if r := m.Payload.ResponsePayload.ActionResponses; len(r) != 1 || r[0].CREATEResponse == nil || r[0].CREATEResponse.Identifier != task.ObjectIdentifier {
		t.Fatalf("CREATE answered %+v", r)
	}
	get := hi1Request(t, p, p.Harness, nil, hi1.ActionRequest{GET: &hi1.GETRequest{Identifier: task.ObjectIdentifier}})
	m = hi1Answer(t, p, get, srv.Exchange(context.Background(), get))
	got, ok := m.Payload.ResponsePayload.ActionResponses[0].GETResponse.HI1Object.(*hi1.LDTaskObject)
	if !ok || got.Reference != "FR-1" || got.Generation == nil || *got.Generation != 1 {
		t.Fatalf("GET answered %+v", m.Payload.ResponsePayload.ActionResponses[0])
	}
	stale := 5
	upd := &hi1.LDTaskObject{ObjectBase: hi1.ObjectBase{ObjectIdentifier: task.ObjectIdentifier, Generation: &stale}, Reference: "FR-2"}
	for _, tc := range []struct {
		gen  int
		want exchange.ErrorCode
	}{{5, exchange.CodeStaleGeneration}, {1, 0}} {
		*upd.Generation = tc.gen
		req := hi1Request(t, p, p.Harness, nil, hi1.ActionRequest{UPDATE: &hi1.UPDATERequest{HI1Object: upd}})
		r := hi1Answer(t, p, req, srv.Exchange(context.Background(), req)).Payload.ResponsePayload.ActionResponses[0]
		switch {
		case tc.want != 0 && (r.ErrorInformation == nil || r.ErrorInformation.ErrorCode != tc.want):
			t.Errorf("UPDATE at generation %d: %+v, want %d", tc.gen, r, tc.want)
		case tc.want == 0 && r.UPDATEResponse == nil:
			t.Errorf("UPDATE at generation %d: %+v", tc.gen, r.ErrorInformation)
		}
	}
}

func TestHI1HTTP(t *testing.T) {
	p := pki(t)
	ts := httptest.NewServer(newHI1Server(t))
	defer ts.Close()
	valid := hi1Request(t, p, p.Harness, nil, hi1.ActionRequest{LIST: &hi1.LISTRequest{}})
	cases := []struct {
		name, method, path, contentType string
		body                            []byte
		wantStatus                      int
	}{
		{"message", "POST", "/", "application/xml", valid, 200},
		{"with charset, another path", "POST", "/hi1", "application/xml; charset=utf-8", hi1Request(t, p, p.Harness, nil, hi1.ActionRequest{LIST: &hi1.LISTRequest{}}), 200},
		{"refusal is 200", "POST", "/", "application/xml", []byte("<x/>"), 200},
		{"JSON is not HI-1", "POST", "/", "application/json", valid, 415},
		{"GET", "GET", "/", "", nil, 405},
		{"too large is refused with 3022", "POST", "/", "application/xml", bytes.Repeat([]byte(" "), exchange.DefaultMaxBytes+1), 200},
		{"far too large", "POST", "/", "application/xml", bytes.Repeat([]byte(" "), exchange.DefaultMaxBytes+refimpl.OversizeSlack+1), 413},
		{"health", "GET", refimpl.HealthPath, "", nil, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, ts.URL+tc.path, bytes.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.wantStatus, body)
			}
			if tc.wantStatus == 200 && tc.path != refimpl.HealthPath {
				if ct := resp.Header.Get("Content-Type"); ct != refimpl.HI1MediaType {
					t.Errorf("Content-Type %q", ct)
				}
				if _, err := hi1.Verify(body, exchange.VerifyOptions{Trust: p.Bundle}); err != nil {
					t.Errorf("the answer does not verify: %v", err)
				}
			}
		})
	}
}

func TestNewHI1RefusesCoreOnlyFaults(t *testing.T) {
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []refimpl.Fault{refimpl.WrongReceiptDigest} {
		cfg.Faults = []refimpl.Fault{f}
		if _, err := refimpl.NewHI1(cfg); !errors.Is(err, refimpl.ErrConfig) {
			t.Errorf("fault %s: %v, want ErrConfig", f, err)
		}
	}
	cfg.Faults = []refimpl.Fault{refimpl.SkipEnvelopeRules}
	if _, err := refimpl.New(cfg); !errors.Is(err, refimpl.ErrConfig) || !strings.Contains(err.Error(), "hi1") {
		t.Errorf("core profile with an HI-1 fault: %v", err)
	}
}

// A message over the size limit is refused with a signed top-level ErrorInformation 3022,
// correlated when its header lies within the limit; with crash-on-hostile the server dies
// on it instead.
func TestHI1TooLarge(t *testing.T) {
	p := pki(t)
	req := hi1Request(t, p, p.Harness, nil, hi1.ActionRequest{LIST: &hi1.LISTRequest{}})
	body := append(bytes.Clone(req), bytes.Repeat([]byte(" "), exchange.DefaultMaxBytes+10-len(req))...)
	post := func(ts *httptest.Server) (int, []byte) {
		resp, err := ts.Client().Post(ts.URL, refimpl.HI1MediaType, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, data
	}
	ts := httptest.NewServer(newHI1Server(t))
	defer ts.Close()
	status, data := post(ts)
	if status != 200 {
		t.Fatalf("status %d: %s", status, data)
	}
	m := hi1Answer(t, p, req, data)
	if c := topError(m); c != exchange.CodeTooLarge {
		t.Errorf("top-level error %d, want 3022", c)
	}

	crashing := httptest.NewServer(newHI1Server(t, refimpl.CrashOnHostile))
	defer crashing.Close()
	if status, _ := post(crashing); status != http.StatusInternalServerError {
		t.Errorf("crash-on-hostile: status %d, want 500", status)
	}
}
