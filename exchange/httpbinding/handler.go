package httpbinding

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/intake"
)

// DefaultMaxBuffered is the default of Config.MaxBuffered: the request bytes held in
// memory at once, across all requests.
const DefaultMaxBuffered = intake.DefaultMaxBuffered

// Request is a request message that passed every check of the receiver: decoded,
// schema-valid, addressed to the receiver, fresh, signed by a trusted signer who is its
// Header.Sender, sent over a connection that authenticated that sender (when mutual TLS
// is used), and never seen before.
type Request struct {
	// Message is the decoded request; its Payload.Request is not nil.
	Message *exchange.Message
	// Format is the encoding it arrived in; the response uses the same.
	Format exchange.Format
	// Body is the request exactly as received, which the response's receipt covers.
	Body []byte
}

// Service performs the actions of a verified request and returns one result per action,
// in order. It is the part of a receiver that is the vendor's own. To refuse the whole
// request (a feature it does not support, say), it returns an *exchange.InvalidError:
// its findings become the response's errors, and the request's transaction identifier
// is taken back from the replay cache, so that the same message may be sent again (a
// receiver that could not record it durably answers 3003 and expects just that). Any
// other error means the request could
// not be processed now: the sender gets a signed 3003 (transient, retry) and the error
// goes to Config.ErrorLog, not to the sender.
type Service interface {
	Serve(ctx context.Context, req *Request) ([]exchange.ActionResult, error)
}

// ServiceFunc adapts a function to Service.
type ServiceFunc func(ctx context.Context, req *Request) ([]exchange.ActionResult, error)

// Serve calls f.
func (f ServiceFunc) Serve(ctx context.Context, req *Request) ([]exchange.ActionResult, error) {
	return f(ctx, req)
}

// Config configures a Handler. Identity, Signer, Service and Trust (or
// Options.Signature) are required; every other field has the default of a receiver, so
// that a Config with those four is a complete receiver (NewReceiver builds it from the
// signer's certificate). New refuses an incomplete Config with an error matching
// ErrConfig, and exchange.ErrNoSigner or exchange.ErrNoTrust when that is what lacks.
type Config struct {
	// Identity is the receiving party: requests must be addressed to it (8010), and
	// responses are signed as it.
	Identity exchange.Party
	// Signer signs the responses; its certificate must name Identity.
	Signer exchange.Signer
	// Trust holds the CAs and pinned signers whose parties may send requests. It sets
	// Options.Signature when that is nil.
	Trust *trust.Bundle
	// Service performs the verified requests.
	Service Service
	// Options are the receiver's validation options. Zero fields get a receiver's
	// defaults: Receiver is Identity, ClockWindow is DefaultClockWindow, deadlines
	// already elapsed are refused (8031), Signature requires a signature trusted by
	// Trust. Options.Replay is not consulted by the validator: the handler asks
	// Replay itself, after every other check, so that a refused message never uses up
	// its transaction identifier.
	Options exchange.Options
	// Replay remembers the transactions already accepted (8012); nil means a cache in
	// memory that forgets an entry once a replay of it would be stale (8013) and holds
	// at most MaxTransactions. A cache with a method Forget(exchange.Party,
	// exchange.UUID) is told of transactions a Service refused whole.
	Replay exchange.ReplayCache
	// MaxTransactions bounds the default replay cache; zero means
	// DefaultMaxTransactions. When it is full of entries still needed, new requests
	// get 3003 (retry) instead of an old entry being forgotten.
	MaxTransactions int
	// MaxBuffered bounds the request bytes held in memory at once across all requests;
	// zero means DefaultMaxBuffered. A request that would pass it gets HTTP 503.
	MaxBuffered int64
	// ErrorLog receives internal errors (a response that could not be signed, a
	// Service error); nil means the log package's standard logger.
	ErrorLog *log.Logger
}

// Defaults of Config.
const (
	DefaultClockWindow     = exchange.DefaultClockWindow
	DefaultMaxTransactions = 1 << 18
)

// errNoResponse is what Exchange returns when a hook decided the request gets no answer.
var errNoResponse = errors.New("httpbinding: no response")

// ErrConfig is matched by every error New returns for an incomplete configuration.
var ErrConfig = errors.New("httpbinding: invalid configuration")

// Handler is a receiver: an http.Handler for the HI-1 §9.3 binding (see ServeHTTP),
// and Exchange for the same work in process. It is safe for concurrent use.
type Handler struct {
	identity  exchange.Party
	signer    exchange.Signer
	service   Service
	validator *exchange.Validator
	now       func() time.Time
	maxBytes  int64
	budget    *intake.Budget
	replay    exchange.ReplayCache
	window    *intake.ReplayCache // the default cache, which can also report being full
	log       *log.Logger
	hooks     intake.Hooks // the reference implementation's faults only
}

func init() {
	intake.Install = func(x any, hooks intake.Hooks) {
		h := x.(*Handler)
		h.hooks = hooks
		if hooks.Validator != nil {
			h.validator = hooks.Validator
		}
	}
}

// New returns a Handler for cfg.
func New(cfg Config) (*Handler, error) {
	if err := cfg.Identity.Validate(); err != nil {
		return nil, fmt.Errorf("%w: Identity: %w", ErrConfig, err)
	}
	if cfg.Signer.Key == nil || cfg.Signer.Certificate() == nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, exchange.ErrNoSigner)
	}
	if trust.CheckSender(cfg.Signer.Chain[0], cfg.Identity) != nil {
		return nil, fmt.Errorf("%w: the Signer's certificate does not name Identity %s", ErrConfig, cfg.Identity)
	}
	if cfg.Service == nil {
		return nil, fmt.Errorf("%w: Service is required", ErrConfig)
	}
	opts := cfg.Options
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Signature == nil {
		if cfg.Trust == nil {
			return nil, fmt.Errorf("%w: Trust checks the requests' signatures: %w", ErrConfig, exchange.ErrNoTrust)
		}
		opts.Signature = exchange.RequireSignature(exchange.VerifyOptions{Trust: cfg.Trust, Now: opts.Now})
	}
	if opts.Receiver == nil {
		me := cfg.Identity
		opts.Receiver = &me
	}
	if opts.ClockWindow <= 0 {
		opts.ClockWindow = DefaultClockWindow
	}
	opts.RefuseElapsedDeadlines = true
	if opts.Limits.MaxBytes <= 0 {
		opts.Limits.MaxBytes = exchange.DefaultMaxBytes
	}
	opts.Replay = nil
	h := &Handler{
		identity: cfg.Identity,
		signer:   cfg.Signer,
		service:  cfg.Service,
		now:      opts.Now,
		maxBytes: opts.Limits.MaxBytes,
		budget:   intake.NewBudget(cfg.MaxBuffered),
		replay:   cfg.Replay,
		log:      cfg.ErrorLog,
	}
	if h.log == nil {
		h.log = log.Default()
	}
	if h.replay == nil {
		maxTx := cfg.MaxTransactions
		if maxTx <= 0 {
			maxTx = DefaultMaxTransactions
		}
		h.window = intake.NewReplayCache(opts.ClockWindow, maxTx, h.now)
	}
	h.validator = exchange.NewValidator(opts)
	return h, nil
}

// Exchange handles one request in process: body is the message exactly as received,
// contentType its HTTP Content-Type (empty means: tell XML from JSON by the content).
// It returns the signed response and its content type, or an error when no response
// could be produced (the signing key failed). Every message-level outcome is a
// response: refusals carry the request's TransactionIdentifier when it can be read.
func (h *Handler) Exchange(ctx context.Context, body []byte, contentType string) ([]byte, string, error) {
	f, ok := FormatOf(contentType)
	if !ok {
		fs := []exchange.Finding{{Code: exchange.CodeEncoding,
			Message: fmt.Sprintf("content type %q is neither %s nor %s", intake.Clip(contentType), exchange.MediaTypeXML, exchange.MediaTypeJSON)}}
		return h.respond(nil, body, exchange.NewReceipt(body), exchange.FormatXML, fs, nil)
	}
	if int64(len(body)) > h.maxBytes {
		return h.tooLarge(body[:h.maxBytes], exchange.NewReceipt(body), int64(len(body)), f)
	}
	rep := h.validator.Validate(body, f)
	if rep.Format == exchange.FormatAuto {
		rep.Format = exchange.FormatXML
	}
	m := rep.Message
	if m == nil {
		if h.hooks.Undecodable != nil && !h.hooks.Undecodable() {
			return nil, "", errNoResponse
		}
		return h.respond(nil, body, exchange.NewReceipt(body), rep.Format, rep.Findings, nil)
	}
	findings := rep.Findings
	if len(findings) == 0 && m.Payload.Request == nil {
		findings = append(findings, exchange.Finding{Code: exchange.CodeImproperValue, Path: path(rep.Format, "Payload"),
			Message: "this endpoint answers requests; a response was sent to it"})
	}
	if fd := peerFinding(ctx, m, rep.Format); fd != nil {
		findings = append(findings, *fd)
	}
	// Last, so that only a message every other check accepted claims its identifier.
	if len(findings) == 0 {
		if fd := h.checkReplay(m, rep.Format); fd != nil {
			findings = append(findings, *fd)
		}
	}
	if len(findings) > 0 {
		return h.respond(m, body, exchange.NewReceipt(body), rep.Format, findings, nil)
	}
	results, err := h.service.Serve(ctx, &Request{Message: m, Format: rep.Format, Body: body})
	var refused *exchange.InvalidError
	if errors.As(err, &refused) && len(refused.Findings) > 0 {
		// Refused whole, so not applied: the same message may come again (a log that
		// could not record it asks for exactly that), and must not be taken for a replay.
		h.forgetReplay(m)
		return h.respond(m, body, exchange.NewReceipt(body), rep.Format, refused.Findings, nil)
	}
	if err != nil {
		h.log.Printf("httpbinding: transaction %s: %v", m.Header.TransactionIdentifier, err)
		fs := []exchange.Finding{{Code: exchange.CodeTransient, Message: "the request could not be processed now; send it again later with a new transaction identifier"}}
		return h.respond(m, body, exchange.NewReceipt(body), rep.Format, fs, nil)
	}
	resp, ct, err := h.respond(m, body, exchange.NewReceipt(body), rep.Format, nil, results)
	if err != nil {
		// The results make an invalid response: the sender still gets a signed answer.
		fs := []exchange.Finding{{Code: exchange.CodeGeneral, Message: "the receiver could not encode the results of this request"}}
		return h.respond(m, body, exchange.NewReceipt(body), rep.Format, fs, nil)
	}
	return resp, ct, nil
}

func (h *Handler) checkReplay(m *exchange.Message, f exchange.Format) *exchange.Finding {
	var replayed, full bool
	if h.hooks.Replay != nil {
		replayed, full = h.hooks.Replay(m.Header.Sender, m.Header.TransactionIdentifier)
	} else if h.window != nil {
		replayed, full = h.window.Check(m.Header.Sender, m.Header.TransactionIdentifier)
	} else {
		replayed = h.replay.Seen(m.Header.Sender, m.Header.TransactionIdentifier)
	}
	switch {
	case replayed:
		return &exchange.Finding{Code: exchange.CodeReplay, Path: headerPath(f, "TransactionIdentifier"),
			Message: fmt.Sprintf("transaction %s was already received from this sender", m.Header.TransactionIdentifier)}
	case full:
		return &exchange.Finding{Code: exchange.CodeTransient, Path: headerPath(f, "TransactionIdentifier"),
			Message: "too many recent transactions to guard against replays; send again later"}
	}
	return nil
}

// forgetReplay takes back the transaction checkReplay recorded, when the cache can.
func (h *Handler) forgetReplay(m *exchange.Message) {
	switch {
	case h.hooks.Replay != nil:
	case h.window != nil:
		h.window.Forget(m.Header.Sender, m.Header.TransactionIdentifier)
	default:
		if f, ok := h.replay.(interface {
			Forget(exchange.Party, exchange.UUID)
		}); ok {
			f.Forget(m.Header.Sender, m.Header.TransactionIdentifier)
		}
	}
}

// tooLarge answers a request larger than the limit with 3022. Only its first bytes were
// kept (prefix, for the header) and the whole was hashed into the receipt, so a client
// that sent too much still gets a signed refusal that proves what arrived.
func (h *Handler) tooLarge(prefix []byte, receipt exchange.Receipt, size int64, f exchange.Format) ([]byte, string, error) {
	if f == exchange.FormatAuto {
		var ok bool
		if f, ok = exchange.Detect(prefix); !ok {
			f = exchange.FormatXML
		}
	}
	fs := []exchange.Finding{{Code: exchange.CodeTooLarge,
		Message: fmt.Sprintf("message is larger than %d bytes (%d received)", h.maxBytes, size)}}
	return h.respond(nil, prefix, receipt, f, fs, nil)
}
