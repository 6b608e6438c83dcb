package conformance

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jcx-dev/jcx/exchange"
)

// Outcomes of a step.
const (
	OutcomeAccepted = "accepted"
	OutcomeRejected = "rejected"
)

// failure carries a verdict other than pass and the reason for it.
type failure struct {
	verdict       Verdict
	msg           string
	err           error  // the cause, when there is one
	misconfigured string // a hint when the harness's configuration is the likelier cause
}

func (f *failure) Error() string { return string(f.verdict) + ": " + f.msg }

func (f *failure) Unwrap() error { return f.err }

func failf(format string, a ...any) error {
	return &failure{verdict: Fail, msg: fmt.Sprintf(format, a...)}
}

// caseRun is one case in one encoding while it runs.
type caseRun struct {
	r          *runner
	c          *Case
	enc        Encoding
	x          *expander
	transcript []Exchange
	sent       []sentMessage // the messages of the case's steps, as sent
}

// do runs the case's steps. A fetch the canary listener saw outweighs any other verdict:
// it is what the case exists to catch, and it may also be why the answer came late.
func (cr *caseRun) do(ctx context.Context) error {
	var err error
	if cr.c.Kind == KindLog {
		err = cr.logCase(ctx)
	} else {
		err = cr.steps(ctx)
	}
	if leak := cr.x.canary.leak(nil); leak != "" {
		return failf("%s", leak)
	}
	return err
}

func (cr *caseRun) steps(ctx context.Context) error {
	for i := range cr.c.Steps {
		st := &cr.c.Steps[i]
		label := fmt.Sprintf("step %d (%s)", i+1, st.Template)
		if _, err := cr.send(ctx, st, label); err != nil {
			if len(cr.c.Steps) > 1 {
				return prefix(err, label)
			}
			return err
		}
	}
	if cr.c.Kind == KindHostile {
		// The attack was refused; the implementation must still answer normally.
		probe := &Step{Template: cr.r.suite.Manifest.Probe, Expect: Expect{Outcome: OutcomeAccepted}}
		if _, err := cr.send(ctx, probe, "liveness probe"); err != nil {
			return prefix(err, "liveness probe after the attack")
		}
	}
	return nil
}

func prefix(err error, p string) error {
	var f *failure
	if errors.As(err, &f) {
		return &failure{verdict: f.verdict, msg: p + ": " + f.msg, err: f.err, misconfigured: f.misconfigured}
	}
	return fmt.Errorf("%s: %w", p, err)
}

// build expands, signs and mutates the step's message. It returns the bytes to send and
// the variables used.
func (cr *caseRun) build(st *Step) ([]byte, map[string]string, error) {
	vars, err := cr.x.vars(st.Vars)
	if err != nil {
		return nil, nil, &failure{verdict: Error, msg: "suite: " + err.Error()}
	}
	tmpl, ok := cr.r.suite.template(st.Template, cr.enc)
	if !ok {
		return nil, nil, &failure{verdict: Error, msg: fmt.Sprintf("suite: template %s has no %s form", st.Template, cr.enc)}
	}
	unsigned, err := cr.x.expand(tmpl, cr.enc, vars)
	if err != nil {
		return nil, nil, &failure{verdict: Error, msg: "suite: template " + st.Template + ": " + err.Error()}
	}
	if cr.c != nil && cr.c.Kind == KindDocument {
		if err := cr.checkLocally(unsigned, st); err != nil {
			return nil, nil, err
		}
	}
	msg := unsigned
	signer := st.signer()
	if cr.r.suite.Manifest.Templates[st.Template].Raw {
		signer = SignNone
	}
	sign := func(b []byte, as string) ([]byte, error) {
		out, err := cr.r.kit.Sign(b, cr.enc, as)
		if err != nil {
			return nil, &failure{verdict: Error, msg: "harness could not sign as " + as + ": " + err.Error()}
		}
		return out, nil
	}
	if signer != SignNone {
		if msg, err = sign(unsigned, signer); err != nil {
			return nil, nil, err
		}
	}
	var signAs func([]byte, string, string) ([]byte, error)
	if cs, ok := cr.r.kit.(canonicalSigner); ok {
		signAs = func(b []byte, as, canon string) ([]byte, error) {
			out, err := cs.signCanonical(b, as, canon)
			if err != nil {
				return nil, &failure{verdict: Error, msg: "harness could not sign as " + as + " with " + canon + ": " + err.Error()}
			}
			return out, nil
		}
	}
	for _, name := range st.Mutations {
		msg, err = mutationNamed(name)(&mutationInput{msg: msg, unsigned: unsigned, enc: cr.enc, vars: vars, signer: signer, sign: sign, signAs: signAs})
		if err != nil {
			return nil, nil, &failure{verdict: Error, msg: "mutation " + name + ": " + err.Error()}
		}
	}
	return msg, vars, nil
}

// checkLocally verifies a document case against the SDK before the implementation sees
// it: a suite whose own expectations the SDK contradicts has a defect, and the verdict
// says so instead of blaming the implementation.
func (cr *caseRun) checkLocally(msg []byte, st *Step) error {
	codes := cr.r.kit.Validate(msg, cr.enc)
	want := st.Expect.Valid
	switch {
	case want == nil:
		return nil
	case *want && len(codes) > 0:
		return &failure{verdict: Error, msg: fmt.Sprintf("suite defect: the document should be valid, but the SDK reports %v", codes)}
	case !*want && !intersects(codes, st.Expect.Codes):
		return &failure{verdict: Error, msg: fmt.Sprintf("suite defect: the document should earn one of %v, but the SDK reports %v", st.Expect.Codes, codes)}
	}
	return nil
}

// send runs one step: build, exchange (twice for a replay), check the answer.
func (cr *caseRun) send(ctx context.Context, st *Step, label string) (*answer, error) {
	msg, vars, err := cr.build(st)
	if err != nil {
		return nil, err
	}
	cr.sent = append(cr.sent, sentMessage{msg, vars})
	ct := cr.enc.MediaType()
	if slices.Contains(st.Mutations, "replay") {
		if _, _, err := cr.exchange(ctx, msg, ct, label+", first sending"); err != nil {
			return nil, err
		}
		label += ", replayed"
	}
	resp, rt, err := cr.exchange(ctx, msg, ct, label)
	if err != nil {
		var se *StatusError
		if errors.As(err, &se) && slices.Contains(st.Expect.HTTPStatus, se.Code) {
			return nil, nil // refused before it was a message, as the step allows
		}
		return nil, err
	}
	return cr.checkWithin(ctx, st, msg, vars, resp, rt)
}

// checkWithin checks an answer before the case's deadline: parsing and verifying count
// against the same time limit as connecting, sending and receiving, so an answer that is
// cheap to send and costly to check ends the case with "timeout", on time. The parsers'
// limits (see parseAnswer) keep an abandoned check short as well.
func (cr *caseRun) checkWithin(ctx context.Context, st *Step, req []byte, vars map[string]string, resp []byte, rt string) (*answer, error) {
	type checked struct {
		a   *answer
		err error
	}
	done := make(chan checked, 1)
	go func() {
		a, err := cr.check(ctx, st, req, vars, resp, rt)
		done <- checked{a, err}
	}()
	select {
	case c := <-done:
		if c.err != nil && ctx.Err() != nil {
			return nil, cr.expired(ctx, "checking the answer")
		}
		return c.a, c.err
	case <-ctx.Done():
		return nil, cr.expired(ctx, "checking the answer")
	}
}

// expired is the verdict of a case whose context ended during what.
func (cr *caseRun) expired(ctx context.Context, what string) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return &failure{verdict: Error, msg: "the run was cancelled", err: ctx.Err()}
	}
	return &failure{verdict: Timeout, msg: "time limit of " + cr.r.cfg.Timeout.String() + " reached while " + what}
}

func (cr *caseRun) exchange(ctx context.Context, msg []byte, ct, label string) ([]byte, string, error) {
	resp, rt, err := cr.r.cfg.Target.Exchange(ctx, msg, ct)
	ex := Exchange{Step: len(cr.transcript) + 1, Label: label, Request: transcriptText(msg), RequestType: ct,
		Response: transcriptText(resp), ResponseType: rt}
	if err != nil {
		ex.Error = err.Error()
	}
	cr.transcript = append(cr.transcript, ex)
	switch {
	case err == nil:
		return resp, rt, nil
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return nil, "", cr.expired(ctx, "waiting for the answer")
	default:
		return nil, "", &failure{verdict: Error, msg: err.Error(), err: err}
	}
}

// unparseable mutations leave the receiver without a TransactionIdentifier it could
// trust, so correlation is not checked for them (the receipt still is).
var unparseable = []string{"truncate", "oversize", "deep-nesting", "duplicate-key", "invalid-text"}

// check verifies an answer: the transport-independent properties every response must
// have, then the step's expectations.
func (cr *caseRun) check(ctx context.Context, st *Step, req []byte, vars map[string]string, resp []byte, rt string) (*answer, error) {
	// Hostile content showing in an answer is the worst thing an answer can do.
	if leak := cr.x.canary.leak(resp); leak != "" {
		return nil, failf("%s", leak)
	}
	if e, ok := encodingOf(rt); !ok || e != cr.enc {
		return nil, failf("answered with Content-Type %q to a %s request", rt, cr.enc.MediaType())
	}
	if len(resp) > maxAnswer {
		return nil, failf("the answer has %d bytes; no answer to the suite's requests needs more than %d", len(resp), maxAnswer)
	}
	root, err := parseAnswer(ctx, resp, cr.enc)
	if err != nil {
		return nil, failf("the answer is not a well-formed %s message: %v", cr.enc, err)
	}
	a, err := readAnswer(root)
	if err != nil {
		return nil, failf("the answer is not a message: %v", err)
	}
	if want := cr.r.suite.Manifest.binding(); a.hi1 != (want == BindingHI1) {
		return nil, failf("the answer is not a message of the suite's %s binding", want)
	}
	if !a.isResp {
		return nil, failf("the answer is not a Response")
	}
	if codes := cr.r.kit.Validate(resp, cr.enc); len(codes) > 0 {
		return nil, failf("the answer is not a valid message: findings %v", codes)
	}
	signer, err := cr.r.kit.VerifyResponse(resp, cr.enc)
	if err != nil {
		f := &failure{verdict: Fail, msg: fmt.Sprintf("the answer's signature does not verify: %v", err)}
		if errors.Is(err, ErrSignerNotTrusted) {
			f.misconfigured = fmt.Sprintf("the answers are signed as %s by a certificate the harness does not trust: give --trust BUNDLE.pem with the CA of the implementation's signing certificate", a.sender)
		}
		return nil, f
	}
	if signer != cr.r.impl {
		return nil, &failure{verdict: Fail, msg: fmt.Sprintf("the answer is signed by %s, not by the implementation %s", signer, cr.r.impl),
			misconfigured: fmt.Sprintf("the answers are signed by %s, but the harness expects %s: give --implementation %s", signer, cr.r.impl, signer)}
	}
	if a.sender != cr.r.impl {
		return nil, failf("the answer's Sender is %s, not the implementation %s", a.sender, cr.r.impl)
	}
	raw := cr.r.suite.Manifest.Templates[st.Template].Raw
	parsed := !raw && !st.Uncorrelated && !slices.ContainsFunc(st.Mutations, func(m string) bool { return slices.Contains(unparseable, m) })
	if parsed {
		if a.tx != vars["tx"] {
			return nil, failf("the answer carries TransactionIdentifier %q, not the request's %q", a.tx, vars["tx"])
		}
		if h := cr.r.kit.Harness(); a.receiver != h {
			return nil, failf("the answer is addressed to %s, not to the requester %s", a.receiver, h)
		}
		if sent, err := parseAnswer(ctx, req, cr.enc); err == nil {
			if acts, ok := readRequest(sent); ok {
				if err := checkActions(acts, a); err != nil {
					return nil, err
				}
			}
		}
	}
	sum := sha256.Sum256(req)
	// An HI-1 response has no receipt: TransactionIdentifier and ActionIdentifiers bind it.
	if !a.hi1 && (a.receipt.alg != "sha-256" || !strings.EqualFold(a.receipt.value, hex.EncodeToString(sum[:]))) {
		return nil, failf("the receipt (%s %s) is not the SHA-256 of the request bytes", a.receipt.alg, a.receipt.value)
	}
	return a, cr.expect(st.Expect, a)
}

// expect checks the step's acceptable outcomes.
func (cr *caseRun) expect(e Expect, a *answer) error {
	codes := a.codes()
	switch e.Outcome {
	case OutcomeAccepted:
		if len(codes) > 0 {
			return failf("refused with codes %v; the message should be accepted", codes)
		}
	case OutcomeRejected:
		if len(codes) == 0 {
			return failf("accepted; the message should be refused with one of %v", e.Codes)
		}
		if !intersects(codes, e.Codes) {
			return failf("refused with codes %v; the acceptable set is %v", codes, e.Codes)
		}
		if err := checkPaths(a, e.Codes, cr.enc); err != nil {
			return err
		}
	}
	for _, re := range e.Results {
		var got *result
		for i := range a.results {
			if a.results[i].action == re.Action {
				got = &a.results[i]
			}
		}
		if got == nil {
			return failf("no result for action %d", re.Action)
		}
		if len(re.Codes) > 0 {
			if !intersects(got.codes, re.Codes) {
				return failf("action %d: codes %v, the acceptable set is %v", re.Action, got.codes, re.Codes)
			}
			continue
		}
		if len(got.codes) > 0 {
			return failf("action %d failed with %v", re.Action, got.codes)
		}
		if re.Verb != "" && got.verb != re.Verb {
			return failf("action %d: result %q, want %q", re.Action, got.verb, re.Verb)
		}
		if re.Generation != 0 && got.generation != re.Generation {
			return failf("action %d: generation %d, want %d", re.Action, got.generation, re.Generation)
		}
		if re.Listed != "" && !slices.Contains(got.listed, re.Listed) {
			return failf("action %d: the list %v has no %s", re.Action, got.listed, re.Listed)
		}
		if re.Object != "" && got.object != re.Object {
			return failf("action %d: GET returned %q, want %s", re.Action, got.object, re.Object)
		}
	}
	return nil
}

func intersects(got, acceptable []exchange.ErrorCode) bool {
	for _, c := range got {
		if slices.Contains(acceptable, c) {
			return true
		}
	}
	return false
}

// transcriptText keeps transcripts readable and reports bounded: text is cut at 16 KiB,
// and bytes that are not UTF-8 are shown as such.
func transcriptText(b []byte) string {
	const max = 16 << 10
	cut := ""
	if len(b) > max {
		cut = fmt.Sprintf("\n… (%d bytes in all; cut for the report)", len(b))
		b = b[:max]
	}
	if !utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD") + cut
	}
	return string(b) + cut
}
