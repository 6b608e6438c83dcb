package httpbinding

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/intake"
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
	if h.hooks.Down != nil && h.hooks.Down() {
		return nil, "", errNoResponse
	}
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
	if !intake.PlausibleParty(hd.Receiver) || hd.Receiver == h.identity {
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
			r.Error = append(r.Error, exchange.ErrorInformation{Code: exchange.CodeGeneral,
				Description: fmt.Sprintf("%d more errors not listed", len(findings)-maxErrors)})
			break
		}
		msg := intake.Text(fd.Message)
		if msg == "" {
			msg = fmt.Sprintf("error %d", fd.Code)
		}
		r.Error = append(r.Error, exchange.ErrorInformation{Code: fd.Code, Path: intake.Text(fd.Path), Description: msg})
	}
	resp := &exchange.Message{Header: hd, Payload: exchange.Payload{Response: r}}
	if h.hooks.Response != nil {
		h.hooks.Response(resp)
	}
	data, err := h.sign(resp, f)
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

// sign encodes and signs a response, checked as every message this package signs.
func (h *Handler) sign(resp *exchange.Message, f exchange.Format) ([]byte, error) {
	if h.hooks.Sign == nil {
		return exchange.SignMessage(resp, f, h.signer)
	}
	data, err := exchange.Marshal(resp, f)
	if err != nil {
		return nil, err
	}
	return h.hooks.Sign(data, f)
}
