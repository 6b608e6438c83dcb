package conformance

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
)

// HI-1 mutants: implementations that answer the way broken HI-1 endpoints do. Each wraps
// the reference implementation's HI-1 profile and changes its answers — and signs them
// again as the implementation, so that only the check that exists for the defect can
// catch it. Every mutant must make the hi1 suite's run not conformant, and some case must
// say why.

// hi1Mutant is an http.Handler around the reference implementation that edits every
// message it answers with: edit changes the decoded answer, which is then signed again
// (with exc-C14N when excC14N), or raw changes the signed bytes.
type hi1Mutant struct {
	next    http.Handler
	signer  exchange.Signer
	edit    func(req, resp *hi1.HI1Message)
	raw     func(resp []byte) []byte
	excC14N bool
}

func (m hi1Mutant) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	inner := r.Clone(r.Context())
	inner.Body, inner.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	rec := httptest.NewRecorder()
	m.next.ServeHTTP(rec, inner)
	out := rec.Body.Bytes()
	if rec.Code == http.StatusOK {
		out = m.mutate(body, out)
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(rec.Code)
	w.Write(out)
}

func (m hi1Mutant) mutate(reqBytes, resp []byte) []byte {
	if m.raw != nil {
		return m.raw(resp)
	}
	msg, err := hi1.Decode(resp, exchange.Limits{})
	if err != nil {
		return resp
	}
	req, _ := hi1.Decode(reqBytes, exchange.Limits{}) // nil when the request does not decode
	msg.Signature = nil
	if m.edit != nil {
		m.edit(req, msg)
	}
	out, err := hi1.Encode(msg)
	if err != nil {
		return resp
	}
	c := hi1.C14N11
	if m.excC14N {
		c = hi1.ExclusiveC14N
	}
	if out, err = hi1.Sign(out, m.signer, hi1.SignOptions{Canonicalization: c}); err != nil {
		return resp
	}
	return out
}

// onActions applies f to every action response of an answer that has some.
func onActions(f func(req *hi1.HI1Message, rs []hi1.ActionResponse) []hi1.ActionResponse) func(req, resp *hi1.HI1Message) {
	return func(req, resp *hi1.HI1Message) {
		if p := resp.Payload.ResponsePayload; p != nil && len(p.ActionResponses) > 0 {
			p.ActionResponses = f(req, p.ActionResponses)
		}
	}
}

// onErrors applies f to every ErrorInformation of an answer, top-level and per action.
func onErrors(f func(*hi1.ErrorInformation)) func(req, resp *hi1.HI1Message) {
	return func(_, resp *hi1.HI1Message) {
		p := resp.Payload.ResponsePayload
		if p == nil {
			return
		}
		if p.ErrorInformation != nil {
			f(p.ErrorInformation)
		}
		for i := range p.ActionResponses {
			if e := p.ActionResponses[i].ErrorInformation; e != nil {
				f(e)
			}
		}
	}
}

func TestHI1MutantsAreCaught(t *testing.T) {
	pki, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	impl := pki.Implementation.Signer
	lenient := []refimpl.Fault{refimpl.SkipSignatureChecks, refimpl.SkipEnvelopeRules, refimpl.AcceptReplays,
		refimpl.AcceptStaleTimestamps, refimpl.AcceptWrongReceiver, refimpl.AcceptUnknownLinks, refimpl.IgnoreGeneration}
	tests := []struct {
		name   string
		target func(t *testing.T) http.Handler
		mutant hi1Mutant
		reason string // what the reason of some failed case says
	}{
		{name: "drops an action", reason: "does not answer action 1", mutant: hi1Mutant{edit: onActions(
			func(_ *hi1.HI1Message, rs []hi1.ActionResponse) []hi1.ActionResponse {
				if len(rs) > 1 {
					return rs[:len(rs)-1]
				}
				return rs
			})}},
		{name: "answers an action twice", reason: "not a valid message: findings [3002]", mutant: hi1Mutant{edit: onActions(
			func(_ *hi1.HI1Message, rs []hi1.ActionResponse) []hi1.ActionResponse { return append(rs, rs[0]) })}},
		{name: "answers an action it was not asked", reason: "which the request does not have", mutant: hi1Mutant{edit: onActions(
			func(_ *hi1.HI1Message, rs []hi1.ActionResponse) []hi1.ActionResponse {
				extra := rs[len(rs)-1]
				extra.ActionIdentifier = len(rs)
				return append(rs, extra)
			})}},
		{name: "answers with another verb", reason: "is a CREATE, answered with a UPDATE result", mutant: hi1Mutant{edit: onActions(
			func(_ *hi1.HI1Message, rs []hi1.ActionResponse) []hi1.ActionResponse {
				for i := range rs {
					if c := rs[i].CREATEResponse; c != nil {
						rs[i].CREATEResponse, rs[i].UPDATEResponse = nil, &hi1.UPDATEResponse{Identifier: c.Identifier}
					}
				}
				return rs
			})}},
		{name: "answers about another object", reason: "the answer is about", mutant: hi1Mutant{edit: onActions(
			func(_ *hi1.HI1Message, rs []hi1.ActionResponse) []hi1.ActionResponse {
				for i := range rs {
					if c := rs[i].CREATEResponse; c != nil {
						c.Identifier = hi1.NewObjectIdentifier()
					}
				}
				return rs
			})}},
		{name: "reports another Generation", reason: "generation 2, want 1", mutant: hi1Mutant{edit: onActions(
			func(_ *hi1.HI1Message, rs []hi1.ActionResponse) []hi1.ActionResponse {
				for i := range rs {
					if g := rs[i].GETResponse; g != nil {
						if b := g.HI1Object.Base(); b.Generation != nil {
							next := *b.Generation + 1
							b.Generation = &next
						}
					}
				}
				return rs
			})}},
		{name: "returns another object", reason: "GET returned", mutant: hi1Mutant{edit: onActions(
			func(_ *hi1.HI1Message, rs []hi1.ActionResponse) []hi1.ActionResponse {
				for i := range rs {
					if g := rs[i].GETResponse; g != nil {
						b := *g.HI1Object.Base()
						g.HI1Object = &hi1.NotificationObject{ObjectBase: b}
					}
				}
				return rs
			})}},
		{name: "lists nothing", reason: "the list [] has no LDTask", mutant: hi1Mutant{edit: onActions(
			func(_ *hi1.HI1Message, rs []hi1.ActionResponse) []hi1.ActionResponse {
				for i := range rs {
					if l := rs[i].LISTResponse; l != nil {
						l.ListResponseRecord = nil
					}
				}
				return rs
			})}},
		{name: "wrong TransactionIdentifier", reason: "not the request's", mutant: hi1Mutant{edit: func(_, resp *hi1.HI1Message) {
			resp.Header.TransactionIdentifier = string(exchange.NewUUID())
		}}},
		{name: "swaps sender and receiver", reason: "is not the sender", mutant: hi1Mutant{edit: func(_, resp *hi1.HI1Message) {
			h := &resp.Header
			h.SenderIdentifier, h.ReceiverIdentifier = h.ReceiverIdentifier, h.SenderIdentifier
		}}},
		{name: "addressed to another party", reason: "is addressed to", mutant: hi1Mutant{edit: func(_, resp *hi1.HI1Message) {
			resp.Header.ReceiverIdentifier.UniqueIdentifier = "someone-else"
		}}},
		{name: "unsigned", reason: "signature does not verify", mutant: hi1Mutant{raw: func(resp []byte) []byte {
			if i := bytes.Index(resp, []byte("<ds:Signature")); i >= 0 {
				return append(bytes.Clone(resp[:i]), "</HI1Message>\n"...)
			}
			return resp
		}}},
		{name: "changed after signing", reason: "signature does not verify", mutant: hi1Mutant{raw: func(resp []byte) []byte {
			return bytes.Replace(resp, []byte("<Timestamp>20"), []byte("<Timestamp>19"), 1)
		}}},
		{name: "signed by another party", reason: "signature does not verify", mutant: hi1Mutant{signer: pki.WrongSigner.Signer}},
		{name: "wrong error code", reason: "refused with codes [3000]", mutant: hi1Mutant{edit: onErrors(func(e *hi1.ErrorInformation) {
			e.ErrorCode = exchange.CodeGeneral
		})}},
		{name: "refuses everything", reason: "should be accepted", mutant: hi1Mutant{edit: func(_, resp *hi1.HI1Message) {
			resp.Payload.ResponsePayload = &hi1.ResponsePayload{ErrorInformation: &hi1.ErrorInformation{
				ErrorCode: exchange.CodeGeneral, ErrorDescription: "refused"}}
		}}},
		{name: "accepts invalid messages", reason: "should be refused", target: func(t *testing.T) http.Handler {
			return hi1Server(t, lenient...)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := tt.mutant
			if m.signer.Key == nil {
				m.signer = impl
			}
			var h http.Handler = hi1Server(t)
			if tt.target != nil {
				h = tt.target(t)
			} else {
				m.next = h
				h = m
			}
			_, res := runHI1On(t, Handler(h))
			said := false
			for _, c := range res.Cases {
				if c.Verdict.failed() && strings.Contains(c.Reason, tt.reason) {
					said = true
				}
			}
			if res.Conformant || !said {
				for _, c := range res.Cases {
					t.Logf("%s: %s %s", c.Name(), c.Verdict, c.Reason)
				}
				t.Errorf("conformant %v; no failed case says %q", res.Conformant, tt.reason)
			}
		})
	}
}

// TestHI1ExcC14NAnswersPass is the mutants' control: answers decoded, encoded again and
// signed with exclusive C14N instead of C14N 1.1 are still correct answers, and pass.
func TestHI1ExcC14NAnswersPass(t *testing.T) {
	pki, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	_, res := runHI1On(t, Handler(hi1Mutant{next: hi1Server(t), signer: pki.Implementation.Signer, excC14N: true}))
	requireAllPass(t, res)
}

func runHI1On(t testing.TB, target Target) (*Suite, *Result) {
	t.Helper()
	suite, err := Embedded("hi1")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Config{Suite: suite, Target: target, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return suite, res
}

// An HI-1 implementation whose signing certificate the harness does not trust fails
// every case on trust: the run is inconclusive and says to give --trust, as for jcx.
func TestHI1UntrustedImplementationIsInconclusive(t *testing.T) {
	pki, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	_, res := runHI1On(t, Handler(hi1Mutant{next: hi1Server(t), signer: pki.Untrusted.Signer}))
	if res.Conformant || !strings.Contains(res.Inconclusive, "--trust") {
		t.Errorf("conformant %v, inconclusive %q", res.Conformant, res.Inconclusive)
	}
}
