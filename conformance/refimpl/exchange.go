package refimpl

import (
	"context"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
	"github.com/jcx-dev/jcx/internal/intake"
)

// UnknownSender is the UniqueIdentifier, in the implementation's country, that a response
// is addressed to when the request's sender could not be read or is not a valid party.
const UnknownSender = httpbinding.UnknownSender

// Exchange handles one request: body is the message exactly as received, contentType its
// HTTP Content-Type (empty means: tell XML from JSON by the content). It returns the
// signed response message and its content type.
//
// Every message-level outcome is a response: a request that fails validation is answered
// with the errors, one that passes with one result per action. The response is in the
// request's encoding, carries the request's TransactionIdentifier and a receipt over body,
// and is signed as the implementation. Exchange returns a nil response only when the
// response itself could not be produced (the cause is logged) or when the
// crash-on-hostile fault has struck.
func (s *Server) Exchange(ctx context.Context, body []byte, contentType string) ([]byte, string) {
	resp, ct, err := s.handler.Exchange(ctx, body, contentType)
	if err != nil {
		return nil, ""
	}
	return resp, ct
}

// serve is the Server's httpbinding.Service: it records the accepted request when
// Config.Accepted asks for it, then applies its actions to the store.
func (s *Server) serve(ctx context.Context, req *httpbinding.Request) ([]exchange.ActionResult, error) {
	m := req.Message
	if s.accepted != nil {
		if err := s.accepted(ctx, req.Body, m.Header); err != nil {
			s.log.Printf("refimpl: recording an accepted message: %v", err)
			return nil, &exchange.InvalidError{Findings: []exchange.Finding{{Code: exchange.CodeTransient,
				Message: "the message could not be recorded; send it again later"}}}
		}
	}
	return s.apply(m.Payload.Request, m.Header.Sender, req.Format), nil
}

// hooks break the handler where the Server's faults say; each fault changes one
// behaviour of the pipeline every receiver runs, and nothing else.
func (s *Server) hooks(cfg Config, opts exchange.Options, d Config) (intake.Hooks, error) {
	var hk intake.Hooks
	if s.faults.has(AcceptWrongReceiver) || s.faults.has(AcceptStaleTimestamps) {
		// The receiver's validation as httpbinding.New sets it up, one check left out.
		v := opts
		v.RefuseElapsedDeadlines = true
		if !s.faults.has(AcceptWrongReceiver) {
			me := s.identity
			v.Receiver = &me
		}
		if s.faults.has(AcceptStaleTimestamps) {
			v.ClockWindow = 0
		}
		if v.Signature == nil {
			v.Signature = exchange.RequireSignature(exchange.VerifyOptions{Trust: cfg.Trust, Now: s.now})
		}
		hk.Validator = exchange.NewValidator(v)
	}
	switch {
	case s.faults.has(AcceptReplays):
		hk.Replay = func(exchange.Party, exchange.UUID) (bool, bool) { return false, false }
	case s.faults.has(AcceptStaleTimestamps):
		// A replay can then come at any time: remember until full.
		hk.Replay = intake.NewReplayCache(0, d.MaxTransactions, s.now).Check
	}
	if s.faults.has(CrashOnHostile) {
		hk.Undecodable = func() bool { s.crashed.Store(true); return false }
		hk.Down = s.crashed.Load
	}
	if s.faults.has(WrongCorrelation) || s.faults.has(WrongReceiptDigest) {
		hk.Response = func(m *exchange.Message) {
			if s.faults.has(WrongCorrelation) {
				m.Header.TransactionIdentifier = exchange.NewUUID()
			}
			if r := m.Payload.Response; r != nil && s.faults.has(WrongReceiptDigest) {
				// The digest of the digest: well-formed, and of other bytes than the request.
				r.Receipt = exchange.NewReceipt([]byte(r.Receipt.Value))
			}
		}
	}
	if s.faults.has(SignWithWrongKey) || s.faults.has(UnsignedResponses) {
		signer := cfg.Signer
		if s.faults.has(SignWithWrongKey) {
			var err error
			if signer, err = impostor(s.identity); err != nil {
				return hk, err
			}
		}
		hk.Sign = func(data []byte, f exchange.Format) ([]byte, error) {
			if s.faults.has(UnsignedResponses) {
				return data, nil
			}
			return exchange.SignOptions{Unchecked: true}.Sign(data, f, signer)
		}
	}
	return hk, nil
}

// acceptAnySignature is the signature check of the SkipSignatureChecks fault.
type acceptAnySignature struct{}

func (acceptAnySignature) CheckSignature([]byte, exchange.Format, *exchange.Message) []exchange.Finding {
	return nil
}

// FormatOf maps an HTTP Content-Type to an encoding.
//
// Deprecated: use httpbinding.FormatOf, which this calls.
func FormatOf(contentType string) (exchange.Format, bool) {
	return httpbinding.FormatOf(contentType)
}
