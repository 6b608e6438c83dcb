package httpbinding

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/intake"
)

// Errors of Client.Send. Each failure matches exactly one of them with errors.Is; a
// response that was verified but refuses the request matches ErrRefused and comes
// with the response.
var (
	// ErrSign: the request could not be encoded or signed (the message is invalid,
	// or the signer's certificate is unusable).
	ErrSign = errors.New("httpbinding: the request could not be signed")
	// ErrTransport: no HTTP exchange took place (connection refused, timeout, body
	// cut), or the answer was larger than Client.MaxBytes.
	ErrTransport = errors.New("httpbinding: no answer")
	// ErrStatus: the receiver answered with an HTTP status other than 200, so no
	// message exchange took place (*StatusError has the status).
	ErrStatus = errors.New("httpbinding: HTTP status other than 200")
	// ErrUnverified: the answer's signature does not verify against Client.Trust, or
	// its signer is not its Header.Sender, or it is not a message.
	ErrUnverified = errors.New("httpbinding: the response does not verify")
	// ErrWrongResponder: the response is signed by a party other than the one the
	// request was addressed to, or is not addressed to the request's sender.
	ErrWrongResponder = errors.New("httpbinding: the response is from or to another party")
	// ErrNotResponse: the answer is a message, but not a response.
	ErrNotResponse = errors.New("httpbinding: the answer is not a response")
	// ErrCorrelation: the response carries another TransactionIdentifier.
	ErrCorrelation = errors.New("httpbinding: the response answers another transaction")
	// ErrReceipt: the response's receipt is not the SHA-256 of the bytes sent.
	ErrReceipt = errors.New("httpbinding: the receipt does not match the bytes sent")
	// ErrRefused: the response is genuine and correlated, and refuses the request with
	// message-level errors (*RefusedError lists them).
	ErrRefused = errors.New("httpbinding: the request was refused")
)

// StatusError is an HTTP status other than 200; it matches ErrStatus.
type StatusError struct {
	StatusCode int
	// Body is the start of the answer's body, for a log.
	Body string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("httpbinding: HTTP %d %s: %s", e.StatusCode, http.StatusText(e.StatusCode), e.Body)
}

// Is reports whether target is ErrStatus.
func (e *StatusError) Is(target error) bool { return target == ErrStatus }

// RefusedError carries the errors of a response that refuses a request; it matches
// ErrRefused.
type RefusedError struct {
	Errors []exchange.ErrorInformation
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	b.WriteString("httpbinding: the request was refused:")
	for i, x := range e.Errors {
		if i == 3 {
			fmt.Fprintf(&b, " (%d more)", len(e.Errors)-3)
			break
		}
		fmt.Fprintf(&b, " %d %s", x.Code, x.Description)
		if i < len(e.Errors)-1 && i < 2 {
			b.WriteString(";")
		}
	}
	return b.String()
}

// Is reports whether target is ErrRefused.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

// Client sends requests to one receiver over the HI-1 §9.3 binding. Signer and Trust
// are required.
type Client struct {
	// URL is the receiver's endpoint.
	URL string
	// Signer signs the requests; its certificate must name each request's
	// Header.Sender.
	Signer exchange.Signer
	// Trust holds the CAs and pinned signers the responses must verify against.
	Trust *trust.Bundle
	// Format is the encoding of the requests (and so of the responses);
	// exchange.FormatAuto means XML.
	Format exchange.Format
	// HTTPClient does the exchange; nil means http.DefaultClient. Set its Timeout or
	// give Send a context with a deadline; for mutual TLS, set its Transport's
	// TLSClientConfig.
	HTTPClient *http.Client
	// MaxBytes bounds the answer read; zero means exchange.DefaultMaxBytes.
	MaxBytes int64
}

// Exchange is one completed exchange: the bytes sent and the verified response.
type Exchange struct {
	// Sent is the signed request exactly as posted; the receipt is its SHA-256.
	Sent []byte
	// Response is the verified response, decoded from its signed content.
	Response *exchange.Message
	// Verified is what the response's signature vouches for, its signer included.
	Verified *exchange.Verified
}

// Send signs m, posts it, and checks the answer: status 200, a signature trusted by
// Trust whose signer is the party m was addressed to, a response to m's sender with m's
// TransactionIdentifier, and a receipt over the exact bytes sent. It returns the
// exchange when all of that holds. When the response also refuses the request, the
// error matches ErrRefused and the exchange is returned with it; results of single
// actions (ActionResult failures) are for the caller to read. Any other error matches
// one of the sentinels above.
func (c *Client) Send(ctx context.Context, m *exchange.Message) (*Exchange, error) {
	f := c.Format
	if f == exchange.FormatAuto {
		f = exchange.FormatXML
	}
	sent, err := exchange.SignMessage(m, f, c.Signer)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSign, err)
	}
	answer, err := c.post(ctx, sent, f)
	if err != nil {
		return nil, err
	}
	if c.Trust == nil {
		return nil, fmt.Errorf("%w: Client.Trust is required", ErrUnverified)
	}
	v, err := exchange.Verify(answer, f, exchange.VerifyOptions{Trust: c.Trust})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnverified, err)
	}
	resp := v.Message
	if got, want := resp.Header.Sender, m.Header.Receiver; got != want {
		return nil, fmt.Errorf("%w: signed by %s, sent to %s", ErrWrongResponder, got, want)
	}
	if resp.Payload.Response == nil {
		return nil, ErrNotResponse
	}
	if got, want := resp.Header.TransactionIdentifier, m.Header.TransactionIdentifier; got != want {
		return nil, fmt.Errorf("%w: %s, sent %s", ErrCorrelation, got, want)
	}
	if got, want := resp.Header.Receiver, m.Header.Sender; got != want {
		return nil, fmt.Errorf("%w: addressed to %s, sent by %s", ErrWrongResponder, got, want)
	}
	if !resp.Payload.Response.Receipt.Matches(sent) {
		return nil, ErrReceipt
	}
	x := &Exchange{Sent: sent, Response: resp, Verified: v}
	if errs := resp.Payload.Response.Error; len(errs) > 0 {
		return x, &RefusedError{Errors: errs}
	}
	return x, nil
}

func (c *Client) post(ctx context.Context, body []byte, f exchange.Format) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTransport, err)
	}
	req.Header.Set("Content-Type", f.MediaType())
	hc := c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTransport, err)
	}
	defer res.Body.Close()
	limit := c.MaxBytes
	if limit <= 0 {
		limit = exchange.DefaultMaxBytes
	}
	if res.StatusCode != http.StatusOK {
		start, _ := io.ReadAll(io.LimitReader(res.Body, 512))
		return nil, &StatusError{StatusCode: res.StatusCode, Body: intake.Clip(string(bytes.TrimSpace(start)))}
	}
	// A hostile receiver cannot make the client read without bound.
	data, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTransport, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: the answer is larger than %d bytes", ErrTransport, limit)
	}
	return data, nil
}
