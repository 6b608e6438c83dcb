package httpbinding

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jcx-dev/jcx/exchange"
)

// maxErrors bounds the message-level errors of one response, so that a hostile request
// cannot make the response arbitrarily large.
const maxErrors = 64

// UnknownSender is the UniqueIdentifier, in the receiver's country, that a response is
// addressed to when the request's sender could not be read or is not a valid party.
const UnknownSender = "unknown-sender"

// respond builds, encodes and signs the response to req (nil when the request could not
// be decoded, in which case the header is read from body as far as possible).
func (h *Handler) respond(req *exchange.Message, body []byte, receipt exchange.Receipt, f exchange.Format, findings []exchange.Finding, results []exchange.ActionResult) ([]byte, string, error) {
	hd := exchange.Header{
		Sender:    h.identity,
		Timestamp: exchange.NewTimestamp(h.now()),
		Version:   exchange.CurrentVersion(),
	}
	if req != nil {
		hd.Receiver = req.Header.Sender
		hd.TransactionIdentifier = req.Header.TransactionIdentifier
		hd.WorkflowIdentifier = req.Header.WorkflowIdentifier
	} else {
		p := peekHeader(body, f)
		hd.Receiver, hd.TransactionIdentifier = p.Sender, p.TransactionIdentifier
	}
	// A refused request may name a sender no response can be addressed to.
	if !plausibleParty(hd.Receiver) || hd.Receiver == h.identity {
		hd.Receiver = exchange.Party{CountryCode: h.identity.CountryCode, UniqueIdentifier: UnknownSender}
	}
	if !hd.TransactionIdentifier.Valid() {
		hd.TransactionIdentifier = exchange.NewUUID()
	}
	if !hd.WorkflowIdentifier.Valid() {
		hd.WorkflowIdentifier = ""
	}
	r := &exchange.Response{Receipt: receipt, ActionResult: results}
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
	resp := &exchange.Message{Header: hd, Payload: exchange.Payload{Response: r}}
	data, err := exchange.SignMessage(resp, f, h.signer)
	if err != nil {
		h.log.Printf("httpbinding: the response could not be produced: %v", err)
		return nil, "", fmt.Errorf("httpbinding: response: %w", err)
	}
	return data, f.MediaType(), nil
}

// peekedHeader is what peekHeader reads of a request that could not be decoded, so that
// even its refusal reaches the right party with the right correlation when the header
// itself was readable.
type peekedHeader struct {
	Sender                exchange.Party `xml:"Sender" json:"Sender"`
	TransactionIdentifier exchange.UUID  `xml:"TransactionIdentifier" json:"TransactionIdentifier"`
}

// peekHeader reads tokens only up to the end of the Header, so it works on a prefix of an
// oversized message too; what it cannot read stays empty. Its input is bounded by the
// size limit, and encoding/xml reads no DTD.
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

// path is the location of a top-level element in the request's own path style.
func path(f exchange.Format, name string) string {
	return pathOf(f, exchange.Path{}.Child(name))
}

func headerPath(f exchange.Format, name string) string {
	return pathOf(f, exchange.Path{}.Child("Header").Child(name))
}

func pathOf(f exchange.Format, p exchange.Path) string {
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
