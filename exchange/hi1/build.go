package hi1

import (
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// NewHeader returns a header from sender to receiver with a fresh TransactionIdentifier,
// the current time with six fraction digits in UTC, SupportedVersion and the national
// profile named by owner and version.
func NewHeader(sender, receiver EndpointID, profileOwner, profileVersion string) Header {
	return Header{
		SenderIdentifier:      sender,
		ReceiverIdentifier:    receiver,
		TransactionIdentifier: string(exchange.NewUUID()),
		Timestamp:             string(exchange.NewTimestamp(time.Now())),
		Version: Version{
			ETSIVersion:            SupportedVersion,
			NationalProfileOwner:   profileOwner,
			NationalProfileVersion: profileVersion,
		},
	}
}

// NewRequest returns a request with the header and actions, numbered 0, 1, 2 … in the
// order given whatever ActionIdentifier they carried, and DefaultNamespaces.
func NewRequest(h Header, actions ...ActionRequest) *HI1Message {
	for i := range actions {
		actions[i].ActionIdentifier = i
	}
	return &HI1Message{
		Namespaces: DefaultNamespaces(),
		Header:     h,
		Payload:    Payload{RequestPayload: &RequestPayload{ActionRequests: actions}},
	}
}

// NewResponse returns a response to req: from req's receiver back to its sender, with
// the request's TransactionIdentifier, the current time and req's version. The caller
// adds one ActionResponse per action, or a top-level ErrorInformation.
func NewResponse(req *HI1Message) *HI1Message {
	h := req.Header
	h.SenderIdentifier, h.ReceiverIdentifier = req.Header.ReceiverIdentifier, req.Header.SenderIdentifier
	h.Timestamp = string(exchange.NewTimestamp(time.Now()))
	return &HI1Message{
		Namespaces: DefaultNamespaces(),
		Header:     h,
		Payload:    Payload{ResponsePayload: &ResponsePayload{}},
	}
}

// NewObjectIdentifier returns a fresh object identifier: a random lowercase UUID.
func NewObjectIdentifier() string { return string(exchange.NewUUID()) }
