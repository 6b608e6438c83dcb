package refimpl

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

// maxErrors bounds the message-level errors of one response, so that a hostile request
// cannot make the response arbitrarily large.
const maxErrors = 64

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
	if s.crashed.Load() {
		return nil, ""
	}
	f, ok := FormatOf(contentType)
	if !ok {
		fs := []exchange.Finding{{Code: exchange.CodeEncoding,
			Message: fmt.Sprintf("content type %q is neither %s nor %s", clip(contentType), exchange.MediaTypeXML, exchange.MediaTypeJSON)}}
		return s.respond(nil, body, exchange.NewReceipt(body), exchange.FormatXML, fs, nil)
	}
	rep := s.validator.Validate(body, f)
	if rep.Format == exchange.FormatAuto {
		rep.Format = exchange.FormatXML
	}
	m := rep.Message
	if m == nil {
		if s.faults.has(CrashOnHostile) {
			s.crashed.Store(true)
			return nil, ""
		}
		return s.respond(nil, body, exchange.NewReceipt(body), rep.Format, rep.Findings, nil)
	}
	findings := rep.Findings
	if len(findings) == 0 && m.Payload.Request == nil {
		findings = append(findings, exchange.Finding{Code: exchange.CodeImproperValue, Path: payloadPath(rep.Format),
			Message: "this endpoint answers requests; a response was sent to it"})
	}
	if fd := peerFinding(ctx, m, rep.Format); fd != nil {
		findings = append(findings, *fd)
	}
	// Last, so that only a message every other check accepted claims its identifier.
	if len(findings) == 0 && s.replay != nil {
		switch replayed, full := s.replay.Check(m.Header.Sender, m.Header.TransactionIdentifier); {
		case replayed:
			findings = append(findings, exchange.Finding{Code: exchange.CodeReplay, Path: transactionPath(rep.Format),
				Message: fmt.Sprintf("transaction %s was already received from this sender", m.Header.TransactionIdentifier)})
		case full:
			findings = append(findings, exchange.Finding{Code: exchange.CodeTransient, Path: transactionPath(rep.Format),
				Message: "too many recent transactions to guard against replays; send again later"})
		}
	}
	if len(findings) == 0 && s.accepted != nil {
		if err := s.accepted(ctx, body, m.Header); err != nil {
			s.log.Printf("refimpl: recording an accepted message: %v", err)
			findings = append(findings, exchange.Finding{Code: exchange.CodeTransient,
				Message: "the message could not be recorded; send it again later"})
		}
	}
	if len(findings) > 0 {
		return s.respond(m, body, exchange.NewReceipt(body), rep.Format, findings, nil)
	}
	results := s.apply(m.Payload.Request, m.Header.Sender, rep.Format)
	return s.respond(m, body, exchange.NewReceipt(body), rep.Format, nil, results)
}

// exchangeTooLarge answers a request larger than the limit with 3022. Only its first
// bytes were kept (prefix, for the header) and the whole was hashed into the receipt,
// so a client that sent too much still gets a signed refusal that proves what arrived.
func (s *Server) exchangeTooLarge(prefix []byte, receipt exchange.Receipt, size int64, contentType string) ([]byte, string) {
	if s.crashed.Load() {
		return nil, ""
	}
	f, ok := FormatOf(contentType)
	if f == exchange.FormatAuto || !ok {
		if f, ok = exchange.Detect(prefix); !ok {
			f = exchange.FormatXML
		}
	}
	fs := []exchange.Finding{{Code: exchange.CodeTooLarge,
		Message: fmt.Sprintf("message is larger than %d bytes (%d received)", s.maxBytes, size)}}
	return s.respond(nil, prefix, receipt, f, fs, nil)
}

// respond builds, encodes and signs the response to req (nil when the request could not
// be decoded, in which case the header is read from body as far as possible).
func (s *Server) respond(req *exchange.Message, body []byte, receipt exchange.Receipt, f exchange.Format, findings []exchange.Finding, results []exchange.ActionResult) ([]byte, string) {
	h := exchange.Header{
		Sender:    s.identity,
		Timestamp: exchange.NewTimestamp(s.now()),
		Version:   exchange.CurrentVersion(),
	}
	if req != nil {
		h.Receiver = req.Header.Sender
		h.TransactionIdentifier = req.Header.TransactionIdentifier
		h.WorkflowIdentifier = req.Header.WorkflowIdentifier
	} else {
		hd := peekHeader(body, f)
		h.Receiver, h.TransactionIdentifier = hd.Sender, hd.TransactionIdentifier
	}
	// A refused request may name a sender no response can be addressed to.
	if !plausibleParty(h.Receiver) || h.Receiver == s.identity {
		h.Receiver = exchange.Party{CountryCode: s.identity.CountryCode, UniqueIdentifier: UnknownSender}
	}
	if s.faults.has(WrongCorrelation) || !h.TransactionIdentifier.Valid() {
		h.TransactionIdentifier = exchange.NewUUID()
	}
	if !h.WorkflowIdentifier.Valid() {
		h.WorkflowIdentifier = ""
	}
	r := &exchange.Response{Receipt: receipt, ActionResult: results}
	if s.faults.has(WrongReceiptDigest) {
		// The digest of the digest: well-formed, and of other bytes than the request.
		r.Receipt = exchange.NewReceipt([]byte(receipt.Value))
	}
	for i, fd := range findings {
		if i == maxErrors {
			r.Error = append(r.Error, exchange.ErrorInformation{Code: int(exchange.CodeGeneral),
				Description: fmt.Sprintf("%d more errors not listed", len(findings)-maxErrors)})
			break
		}
		msg := text(fd.Message)
		if msg == "" {
			msg = fmt.Sprintf("error %d", fd.Code)
		}
		r.Error = append(r.Error, exchange.ErrorInformation{Code: int(fd.Code), Path: text(fd.Path), Description: msg})
	}
	resp := &exchange.Message{Header: h, Payload: exchange.Payload{Response: r}}
	data, err := exchange.Marshal(resp, f)
	if err != nil {
		s.log.Printf("refimpl: encoding the response: %v", err)
		return nil, ""
	}
	if !s.faults.has(UnsignedResponses) {
		signer := s.signer
		if s.wrong != nil {
			signer = *s.wrong
		}
		// Faults answer with invalid responses or a wrong signer on purpose.
		if data, err = (exchange.SignOptions{Unchecked: true}).Sign(data, f, signer); err != nil {
			s.log.Printf("refimpl: signing the response: %v", err)
			return nil, ""
		}
	}
	return data, f.MediaType()
}

// peekedHeader is what peekHeader reads of a request that could not be decoded, so that
// even its error response reaches the right party with the right correlation when the
// header itself was readable.
type peekedHeader struct {
	Sender                exchange.Party `xml:"Sender" json:"Sender"`
	TransactionIdentifier exchange.UUID  `xml:"TransactionIdentifier" json:"TransactionIdentifier"`
}

// peekHeader reads tokens only up to the end of the Header, so it works on a prefix of an
// oversized message too; what it cannot read stays empty.
func peekHeader(body []byte, f exchange.Format) peekedHeader {
	var h peekedHeader
	switch f {
	case exchange.FormatXML:
		d := xml.NewDecoder(bytes.NewReader(body))
		for depth := 0; ; {
			tok, err := d.Token()
			if err != nil {
				return h
			}
			switch t := tok.(type) {
			case xml.StartElement:
				depth++
				if depth == 2 && t.Name.Local == "Header" {
					if d.DecodeElement(&h, &t) != nil {
						return peekedHeader{}
					}
					return h
				}
			case xml.EndElement:
				depth--
			}
		}
	case exchange.FormatJSON:
		d := json.NewDecoder(bytes.NewReader(body))
		if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
			return h
		}
		for d.More() {
			key, err := d.Token()
			if err != nil {
				return h
			}
			if key == "Header" {
				if d.Decode(&h) != nil {
					return peekedHeader{}
				}
				return h
			}
			var skip json.RawMessage
			if d.Decode(&skip) != nil {
				return h
			}
		}
	}
	return h
}

// UnknownSender is the UniqueIdentifier, in the implementation's country, that a response
// is addressed to when the request's sender could not be read or is not a valid party.
const UnknownSender = "unknown-sender"

func plausibleParty(p exchange.Party) bool {
	cc := p.CountryCode
	if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
		return false
	}
	id := p.UniqueIdentifier
	if id == "" || len(id) > 255 || !utf8.ValidString(id) {
		return false
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return false
		}
	}
	return true
}

// FormatOf maps an HTTP Content-Type to an encoding.
//
// Deprecated: use httpbinding.FormatOf, which this calls.
func FormatOf(contentType string) (exchange.Format, bool) {
	return httpbinding.FormatOf(contentType)
}

func payloadPath(f exchange.Format) string {
	p := exchange.Path{}.Child("Payload")
	if f == exchange.FormatXML {
		return p.XPath()
	}
	return p.JSONPointer()
}

func transactionPath(f exchange.Format) string {
	p := exchange.Path{}.Child("Header").Child("TransactionIdentifier")
	if f == exchange.FormatXML {
		return p.XPath()
	}
	return p.JSONPointer()
}

func senderPath(f exchange.Format) string {
	p := exchange.Path{}.Child("Header").Child("Sender")
	if f == exchange.FormatXML {
		return p.XPath()
	}
	return p.JSONPointer()
}

// maxText bounds a description or path in a response (the schema allows 65535).
const maxText = 4096

// text makes a finding's message or path fit the schema's free text: valid UTF-8, no
// control characters but tab, line feed and carriage return, at most maxText bytes. A
// finding may quote hostile input, and the response must stay a valid, signable message.
func text(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return '\uFFFD'
		}
		return r
	}, s)
	if len(s) > maxText {
		i := maxText
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i] + "…"
	}
	return s
}

// clip shortens a value quoted in a message, so hostile input cannot make it large.
func clip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
