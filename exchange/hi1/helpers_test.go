package hi1

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// Fixed identifiers so that encodings are reproducible.
const (
	idTxn   = "c02358b2-76cf-4ba4-a8eb-f6436ccaea2e"
	idAuth  = "7dbbc880-8750-4d3c-abe7-ea4a17646045"
	idTask  = "2b36a78b-b628-416d-bd22-404e68a0cd36"
	idDoc   = "2a10fa8f-5bd1-4a34-a7ab-2c0bd04f5d5e"
	idOld   = "9b6e2d1c-3f4a-4b5c-8d7e-0f1a2b3c4d5e"
	stamp   = "2026-12-07T10:00:00.000000Z"
	profile = "v1.0"
)

func intp(i int) *int { return &i }

// sampleRequest builds a request that every rule accepts: an authorisation, a disclosure
// task associated with it, a document, a GET and a LIST.
func sampleRequest() *HI1Message {
	h := Header{
		SenderIdentifier:      EndpointID{"XX", "ACTOR01"},
		ReceiverIdentifier:    EndpointID{"YY", "ACTOR02"},
		TransactionIdentifier: idTxn,
		Timestamp:             stamp,
		Version:               Version{SupportedVersion, "XX", profile},
	}
	auth := &AuthorisationObject{
		ObjectBase:             ObjectBase{ObjectIdentifier: idAuth, CountryCode: "XX", OwnerIdentifier: "ACTOR01"},
		AuthorisationReference: "W000001",
		AuthorisationTimespan:  &Timespan{StartTime: "2026-12-01T00:00:00Z", EndTime: "2027-03-01T00:00:00Z"},
	}
	task := &LDTaskObject{
		ObjectBase: ObjectBase{ObjectIdentifier: idTask, CountryCode: "XX", OwnerIdentifier: "ACTOR01",
			AssociatedObjects: []string{idAuth}},
		Reference: "XX-ACTOR01-1234",
		RequestDetails: &RequestDetails{
			Type:          &DictionaryEntry{"ETSI", "RequestType", "SubscriberData"},
			RequestValues: []IdentifierValue{{FormatType{"ETSI", "InternationalE164"}, "442079460223"}},
		},
	}
	doc := &DocumentObject{
		ObjectBase:   ObjectBase{ObjectIdentifier: idDoc, AssociatedObjects: []string{idAuth}},
		DocumentName: "Order & annex <1>",
		DocumentBody: &DocumentBody{Contents: "SGVsbG8=", ContentType: "text/plain"},
	}
	return NewRequest(h,
		ActionRequest{CREATE: &CREATERequest{HI1Object: auth}},
		ActionRequest{CREATE: &CREATERequest{HI1Object: task}},
		ActionRequest{CREATE: &CREATERequest{HI1Object: doc}},
		ActionRequest{GET: &GETRequest{Identifier: idOld}},
		ActionRequest{LIST: &LISTRequest{ObjectType: &DictionaryEntry{"ETSI", "HI1ObjectType", "Authorisation"}}},
	)
}

// sampleResponse answers sampleRequest, every action successfully.
func sampleResponse() *HI1Message {
	req := sampleRequest()
	m := NewResponse(req)
	m.Header.Timestamp = stamp
	m.Payload.ResponsePayload.ActionResponses = []ActionResponse{
		{ActionIdentifier: 0, CREATEResponse: &CREATEResponse{Identifier: idAuth}},
		{ActionIdentifier: 1, CREATEResponse: &CREATEResponse{Identifier: idTask}},
		{ActionIdentifier: 2, CREATEResponse: &CREATEResponse{Identifier: idDoc}},
		{ActionIdentifier: 3, GETResponse: &GETResponse{HI1Object: &NotificationObject{ObjectBase: ObjectBase{ObjectIdentifier: idOld}}}},
		{ActionIdentifier: 4, LISTResponse: &LISTResponse{ListResponseRecord: []ListResponseRecord{
			{ObjectType: DictionaryEntry{"ETSI", "HI1ObjectType", "Authorisation"}, Identifier: idAuth, Generation: 1},
		}}},
	}
	return m
}

// want is an expected finding: its code and XPath.
type want struct {
	code exchange.ErrorCode
	path string
}

// sameFindings fails t unless got has exactly the wanted codes and paths, in any order.
func sameFindings(t *testing.T, got []exchange.Finding, wants []want) {
	t.Helper()
	var g, w []string
	for _, f := range got {
		g = append(g, fmt.Sprintf("%d %s", f.Code, f.Path))
	}
	for _, x := range wants {
		w = append(w, fmt.Sprintf("%d %s", x.code, x.path))
	}
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("findings\n got: %s\nwant: %s\nfull: %v", strings.Join(g, "; "), strings.Join(w, "; "), got)
	}
}

const (
	pHeader = "/HI1Message/Header[1]"
	pReq    = "/HI1Message/Payload[1]/RequestPayload[1]/ActionRequests[1]"
	pResp   = "/HI1Message/Payload[1]/ResponsePayload[1]/ActionResponses[1]"
)

func xmlName(space, local string) xml.Name { return xml.Name{Space: space, Local: local} }
