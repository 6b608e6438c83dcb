package exchange

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"time"
)

// NewHeader returns a header from sender to receiver with a fresh transaction identifier,
// the current time and this package's version.
func NewHeader(sender, receiver Party) Header {
	return Header{
		Sender:                sender,
		Receiver:              receiver,
		TransactionIdentifier: NewUUID(),
		Timestamp:             NewTimestamp(time.Now()),
		Version:               CurrentVersion(),
	}
}

// CurrentVersion is the Version this package writes.
func CurrentVersion() Version {
	return Version{SpecificationVersion: SpecificationVersion, ProfileOwner: ProfileOwner, ProfileVersion: ProfileVersion}
}

// NewRequest returns a request message whose actions are numbered 0..n-1 in the order
// given, whatever ActionIdentifier they carried.
func NewRequest(sender, receiver Party, actions ...Action) *Message {
	for i := range actions {
		actions[i].ActionIdentifier = i
	}
	return &Message{
		Header:  NewHeader(sender, receiver),
		Payload: Payload{Request: &Request{Action: actions}},
	}
}

// NewResponse returns a response to req: from req's receiver back to its sender, with the
// request's TransactionIdentifier and a receipt over the exact request bytes received.
// The caller adds the results or errors. A request addressed to someone else (8010) is
// answered as its receiver would be: set Header.Sender to your own identity before signing,
// since your certificate names you, not the party the request named.
func NewResponse(req *Message, requestBytes []byte) *Message {
	h := NewHeader(req.Header.Receiver, req.Header.Sender)
	h.TransactionIdentifier = req.Header.TransactionIdentifier
	h.WorkflowIdentifier = req.Header.WorkflowIdentifier
	return &Message{
		Header:  h,
		Payload: Payload{Response: &Response{Receipt: NewReceipt(requestBytes)}},
	}
}

// ReceiptAlgorithm is the only receipt digest algorithm.
const ReceiptAlgorithm = "sha-256"

// NewReceipt returns the receipt for the exact bytes of a received request.
func NewReceipt(requestBytes []byte) Receipt {
	sum := sha256.Sum256(requestBytes)
	return Receipt{Algorithm: ReceiptAlgorithm, Value: hex.EncodeToString(sum[:])}
}

// Matches reports whether the receipt is the one for requestBytes: the proof that the
// responder received exactly what was sent.
func (r Receipt) Matches(requestBytes []byte) bool {
	if r.Algorithm != ReceiptAlgorithm {
		return false
	}
	want := NewReceipt(requestBytes)
	return subtle.ConstantTimeCompare([]byte(r.Value), []byte(want.Value)) == 1
}
