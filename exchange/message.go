package exchange

import (
	"encoding/xml"

	"github.com/jcx-dev/jcx/exchange/trust"
)

// Message is one exchange between two parties: a header and a payload that is either a
// request or a response. The signature, when present, is not part of the model: it covers
// the bytes of one encoding and is handled by Sign and Verify.
type Message struct {
	XMLName xml.Name `xml:"https://jcx.dev/ns/core/2026-11 Message" json:"-"`
	Header  Header   `xml:"Header" json:"Header"`
	Payload Payload  `xml:"Payload" json:"Payload"`
}

// Header identifies the parties, the transaction and the version of the format.
type Header struct {
	Sender                Party     `xml:"Sender" json:"Sender"`
	Receiver              Party     `xml:"Receiver" json:"Receiver"`
	TransactionIdentifier UUID      `xml:"TransactionIdentifier" json:"TransactionIdentifier"`
	Timestamp             Timestamp `xml:"Timestamp" json:"Timestamp"`
	Version               Version   `xml:"Version" json:"Version"`
	// WorkflowIdentifier groups the messages of one case.
	WorkflowIdentifier UUID `xml:"WorkflowIdentifier,omitempty" json:"WorkflowIdentifier,omitempty"`
}

// Party is an endpoint: a country and an identifier unique within it (an authority, a
// service provider, a central authority). It is trust.Party, the one party type of jcx,
// so the party of a header is the party a certificate names: String gives its one text
// form, CC/UniqueIdentifier, and Validate checks it against the header rules.
type Party = trust.Party

// Version names the specification and the profile a message follows.
type Version struct {
	SpecificationVersion string `xml:"SpecificationVersion" json:"SpecificationVersion"`
	ProfileOwner         string `xml:"ProfileOwner" json:"ProfileOwner"`
	ProfileVersion       string `xml:"ProfileVersion" json:"ProfileVersion"`
}

// Payload holds exactly one of Request or Response.
type Payload struct {
	Request  *Request  `xml:"Request,omitempty" json:"Request,omitempty"`
	Response *Response `xml:"Response,omitempty" json:"Response,omitempty"`
}

// Atomicity says what happens to the other actions of a request when one fails.
type Atomicity string

const (
	// AllOrNothing applies every action or none (the default when absent).
	AllOrNothing Atomicity = "AllOrNothing"
	// Independent applies each action on its own.
	Independent Atomicity = "Independent"
)

// Request carries numbered actions; ActionIdentifier runs 0..n-1 in order.
type Request struct {
	Atomicity Atomicity `xml:"Atomicity,omitempty" json:"Atomicity,omitempty"`
	Action    []Action  `xml:"Action" json:"Action"`
}

// Response answers a request: one result per action, or message-level errors. Its header
// carries the request's TransactionIdentifier, and Receipt the digest of the request bytes.
type Response struct {
	Receipt      Receipt            `xml:"Receipt" json:"Receipt"`
	ActionResult []ActionResult     `xml:"ActionResult,omitempty" json:"ActionResult,omitempty"`
	Error        []ErrorInformation `xml:"Error,omitempty" json:"Error,omitempty"`
}

// Receipt proves what was received: the digest of the exact request bytes.
type Receipt struct {
	// Algorithm is always "sha-256".
	Algorithm string `xml:"Algorithm" json:"Algorithm"`
	// Value is the lowercase hexadecimal digest.
	Value string `xml:"Value" json:"Value"`
}

// ErrorInformation is a message-level or action-level failure.
type ErrorInformation struct {
	Code        ErrorCode `xml:"Code" json:"Code"`
	Path        string    `xml:"Path,omitempty" json:"Path,omitempty"`
	Description string    `xml:"Description" json:"Description"`
}
