package hi1

import "github.com/jcx-dev/jcx/exchange"

// The model's struct tags name each member's element as "ns:Local", with ns a key of
// nsKeys; "ns:Wrapper>ns:Item" is a list held in a wrapper element; "req" marks a member
// that is always written; "any" takes any element; alternatives are separated by "|".

// HI1Message is an HI-1 message: a header and a payload, which is either a request of
// numbered actions or a response, and an optional signature.
type HI1Message struct {
	// Namespaces are the declarations of the root element, in their order. Decode keeps
	// the received ones and Encode writes them again, so prefixes (those in xsi:type
	// values too) are the sender's; NewRequest and NewResponse start with
	// DefaultNamespaces. A namespace a member needs and no declaration binds is declared
	// on the root when encoding.
	Namespaces []Namespace

	Header  Header  `hi1:"core:Header,req"`
	Payload Payload `hi1:"core:Payload,req"`
	// Signature is the message's signature element (ds:Signature, or the Core
	// namespace's Signature that V1.12.1 declares), kept as received.
	Signature *Extension `hi1:"ds:Signature|core:Signature"`

	// lines maps the XPath of each element of a decoded message to its position; lexical,
	// the XPath of a number or boolean to its text as received where Encode would write
	// it otherwise.
	lines   map[string]position
	lexical map[string]string
}

// Header identifies the parties, the transaction and the version spoken.
type Header struct {
	SenderIdentifier      EndpointID `hi1:"core:SenderIdentifier,req"`
	ReceiverIdentifier    EndpointID `hi1:"core:ReceiverIdentifier,req"`
	TransactionIdentifier string     `hi1:"core:TransactionIdentifier,req"` // lowercase UUID
	Timestamp             string     `hi1:"core:Timestamp,req"`             // e.g. 2015-09-01T12:00:00.000000Z
	Version               Version    `hi1:"core:Version,req"`
}

// EndpointID names a party: an ISO 3166-1 alpha-2 country and an identifier unique in it.
type EndpointID struct {
	CountryCode      string `hi1:"core:CountryCode,req"`
	UniqueIdentifier string `hi1:"core:UniqueIdentifier,req"`
}

// Version is the version of TS 103 120 and of the national profile the message follows.
type Version struct {
	ETSIVersion            string `hi1:"core:ETSIVersion,req"` // e.g. V1.12.1
	NationalProfileOwner   string `hi1:"core:NationalProfileOwner,req"`
	NationalProfileVersion string `hi1:"core:NationalProfileVersion,req"`
}

// Payload holds exactly one of a request and a response.
type Payload struct {
	RequestPayload  *RequestPayload  `hi1:"core:RequestPayload"`
	ResponsePayload *ResponsePayload `hi1:"core:ResponsePayload"`
}

// RequestPayload is a request: one or more actions, numbered from 0.
type RequestPayload struct {
	ActionRequests []ActionRequest `hi1:"core:ActionRequests>core:ActionRequest,req"`
}

// ResponsePayload answers a request: one response per action, or one error for the whole
// message (the top-level error).
type ResponsePayload struct {
	ActionResponses  []ActionResponse  `hi1:"core:ActionResponses>core:ActionResponse"`
	ErrorInformation *ErrorInformation `hi1:"core:ErrorInformation"`
}

// ActionRequest is one action of a request; exactly one verb is set.
type ActionRequest struct {
	ActionIdentifier int             `hi1:"core:ActionIdentifier,req"`
	GET              *GETRequest     `hi1:"core:GET"`
	CREATE           *CREATERequest  `hi1:"core:CREATE"`
	UPDATE           *UPDATERequest  `hi1:"core:UPDATE"`
	LIST             *LISTRequest    `hi1:"core:LIST"`
	DELIVER          *DELIVERRequest `hi1:"core:DELIVER"`
}

// ActionResponse answers the request's action with the same ActionIdentifier; exactly
// one of the responses is set: the one of the request's verb, or ErrorInformation.
type ActionResponse struct {
	ActionIdentifier int               `hi1:"core:ActionIdentifier,req"`
	GETResponse      *GETResponse      `hi1:"core:GETResponse"`
	CREATEResponse   *CREATEResponse   `hi1:"core:CREATEResponse"`
	UPDATEResponse   *UPDATEResponse   `hi1:"core:UPDATEResponse"`
	LISTResponse     *LISTResponse     `hi1:"core:LISTResponse"`
	ErrorInformation *ErrorInformation `hi1:"core:ErrorInformation"`
	DELIVERResponse  *DELIVERResponse  `hi1:"core:DELIVERResponse"`
}

// GETRequest asks for the object with the identifier.
type GETRequest struct {
	Identifier string `hi1:"core:Identifier,req"`
}

// GETResponse carries the object asked for.
type GETResponse struct {
	HI1Object HI1Object `hi1:"core:HI1Object,req"`
}

// CREATERequest creates an object.
type CREATERequest struct {
	HI1Object HI1Object `hi1:"core:HI1Object,req"`
}

// CREATEResponse confirms a CREATE, optionally with the object as stored.
type CREATEResponse struct {
	Identifier string    `hi1:"core:Identifier,req"`
	HI1Object  HI1Object `hi1:"core:HI1Object"`
}

// UPDATERequest updates an object: the members it carries replace the stored ones.
type UPDATERequest struct {
	HI1Object HI1Object `hi1:"core:HI1Object,req"`
}

// UPDATEResponse confirms an UPDATE, optionally with the object as stored.
type UPDATEResponse struct {
	Identifier string    `hi1:"core:Identifier,req"`
	HI1Object  HI1Object `hi1:"core:HI1Object"`
}

// LISTRequest asks for the objects of a type, or those changed since a time.
type LISTRequest struct {
	ObjectType  *DictionaryEntry `hi1:"core:ObjectType"`
	LastChanged string           `hi1:"core:LastChanged"`
}

// LISTResponse lists the objects found.
type LISTResponse struct {
	ListResponseRecord []ListResponseRecord `hi1:"core:ListResponseRecord"`
}

// ListResponseRecord describes one object found by a LIST.
type ListResponseRecord struct {
	ObjectType         DictionaryEntry `hi1:"core:ObjectType,req"`
	Identifier         string          `hi1:"core:Identifier,req"`
	CountryCode        string          `hi1:"core:CountryCode"`
	OwnerIdentifier    string          `hi1:"core:OwnerIdentifier"`
	Generation         int             `hi1:"core:Generation,req"`
	ExternalIdentifier string          `hi1:"core:ExternalIdentifier"`
	LastChanged        string          `hi1:"core:LastChanged"`
}

// DELIVERRequest delivers an object (a DeliveryObject, in practice) for the task named by
// Identifier.
type DELIVERRequest struct {
	Identifier string    `hi1:"core:Identifier,req"`
	HI1Object  HI1Object `hi1:"core:HI1Object,req"`
}

// DELIVERResponse confirms a DELIVER.
type DELIVERResponse struct {
	Identifier string `hi1:"core:Identifier,req"`
}

// ErrorInformation says why an action, or the whole message, failed. TS 103 120 calls its
// type ActionUnsuccesfulInformation; the codes are Annex D's, the same as exchange's.
type ErrorInformation struct {
	ErrorCode        exchange.ErrorCode `hi1:"core:ErrorCode,req"`
	ErrorDescription string             `hi1:"core:ErrorDescription,req"`
}

// DictionaryEntry is a coded value: a value of a dictionary named by owner and name.
type DictionaryEntry struct {
	Owner string `hi1:"common:Owner,req"`
	Name  string `hi1:"common:Name,req"`
	Value string `hi1:"common:Value,req"`
}
