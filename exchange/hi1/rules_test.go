package hi1

import (
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// TestCheck holds each envelope rule to a valid and an invalid case.
func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		resp   bool
		mutate func(m *HI1Message)
		want   []want
	}{
		{name: "valid request", mutate: func(*HI1Message) {}},
		{name: "valid response", resp: true, mutate: func(*HI1Message) {}},
		{name: "sender country in lowercase", mutate: func(m *HI1Message) { m.Header.SenderIdentifier.CountryCode = "xx" },
			want: []want{{3007, pHeader + "/SenderIdentifier[1]/CountryCode[1]"}}},
		{name: "receiver country of three letters", mutate: func(m *HI1Message) { m.Header.ReceiverIdentifier.CountryCode = "GBR" },
			want: []want{{3007, pHeader + "/ReceiverIdentifier[1]/CountryCode[1]"}}},
		{name: "empty unique identifier", mutate: func(m *HI1Message) { m.Header.ReceiverIdentifier.UniqueIdentifier = " " },
			want: []want{{3007, pHeader + "/ReceiverIdentifier[1]/UniqueIdentifier[1]"}}},
		{name: "unique identifier with a control character", mutate: func(m *HI1Message) { m.Header.SenderIdentifier.UniqueIdentifier = "ACT\u0085OR" },
			want: []want{{3007, pHeader + "/SenderIdentifier[1]/UniqueIdentifier[1]"}}},
		{name: "transaction identifier in capitals", mutate: func(m *HI1Message) { m.Header.TransactionIdentifier = "C02358B2-76CF-4BA4-A8EB-F6436CCAEA2E" },
			want: []want{{3007, pHeader + "/TransactionIdentifier[1]"}}},
		{name: "transaction identifier not a UUID", mutate: func(m *HI1Message) { m.Header.TransactionIdentifier = "42" },
			want: []want{{3007, pHeader + "/TransactionIdentifier[1]"}}},
		{name: "timestamp with three fraction digits", mutate: func(m *HI1Message) { m.Header.Timestamp = "2026-12-07T10:00:00.000Z" },
			want: []want{{3007, pHeader + "/Timestamp[1]"}}},
		{name: "timestamp without zone", mutate: func(m *HI1Message) { m.Header.Timestamp = "2026-12-07T10:00:00.000000" },
			want: []want{{3007, pHeader + "/Timestamp[1]"}}},
		{name: "timestamp that is no date", mutate: func(m *HI1Message) { m.Header.Timestamp = "2026-02-30T10:00:00.000000Z" },
			want: []want{{3007, pHeader + "/Timestamp[1]"}}},
		{name: "timestamp with an offset", mutate: func(m *HI1Message) { m.Header.Timestamp = "2026-12-07T10:00:00.000000+01:00" }},
		{name: "version without V", mutate: func(m *HI1Message) { m.Header.Version.ETSIVersion = "1.12.1" },
			want: []want{{3007, pHeader + "/Version[1]/ETSIVersion[1]"}}},
		{name: "version not supported", mutate: func(m *HI1Message) { m.Header.Version.ETSIVersion = "V1.13.1" },
			want: []want{{3021, pHeader + "/Version[1]/ETSIVersion[1]"}}},
		{name: "empty profile owner", mutate: func(m *HI1Message) { m.Header.Version.NationalProfileOwner = "" },
			want: []want{{3007, pHeader + "/Version[1]/NationalProfileOwner[1]"}}},
		{name: "profile version too long", mutate: func(m *HI1Message) { m.Header.Version.NationalProfileVersion = string(make([]byte, 256)) },
			want: []want{{3007, pHeader + "/Version[1]/NationalProfileVersion[1]"}}},
		{name: "no payload", mutate: func(m *HI1Message) { m.Payload = Payload{} },
			want: []want{{3005, "/HI1Message/Payload[1]"}}},
		{name: "request and response", mutate: func(m *HI1Message) { m.Payload.ResponsePayload = sampleResponse().Payload.ResponsePayload },
			want: []want{{3007, "/HI1Message/Payload[1]"}}},
		{name: "no action", mutate: func(m *HI1Message) { m.Payload.RequestPayload.ActionRequests = nil },
			want: []want{{3005, pReq}}},
		{name: "duplicate action identifier", mutate: func(m *HI1Message) { m.Payload.RequestPayload.ActionRequests[2].ActionIdentifier = 1 },
			want: []want{{3002, pReq + "/ActionRequest[3]/ActionIdentifier[1]"}}},
		{name: "gap in action identifiers", mutate: func(m *HI1Message) { m.Payload.RequestPayload.ActionRequests[4].ActionIdentifier = 7 },
			want: []want{{3007, pReq + "/ActionRequest[5]/ActionIdentifier[1]"}}},
		{name: "numbering from one", mutate: func(m *HI1Message) {
			for i := range m.Payload.RequestPayload.ActionRequests {
				m.Payload.RequestPayload.ActionRequests[i].ActionIdentifier = i + 1
			}
		}, want: []want{
			{3007, pReq + "/ActionRequest[1]/ActionIdentifier[1]"}, {3007, pReq + "/ActionRequest[2]/ActionIdentifier[1]"},
			{3007, pReq + "/ActionRequest[3]/ActionIdentifier[1]"}, {3007, pReq + "/ActionRequest[4]/ActionIdentifier[1]"},
			{3007, pReq + "/ActionRequest[5]/ActionIdentifier[1]"},
		}},
		{name: "action without verb", mutate: func(m *HI1Message) { m.Payload.RequestPayload.ActionRequests[3].GET = nil },
			want: []want{{3005, pReq + "/ActionRequest[4]"}}},
		{name: "action with two verbs", mutate: func(m *HI1Message) { m.Payload.RequestPayload.ActionRequests[3].LIST = &LISTRequest{} },
			want: []want{{3007, pReq + "/ActionRequest[4]"}}},
		{name: "CREATE without object", mutate: func(m *HI1Message) { m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object = nil },
			want: []want{{3005, pReq + "/ActionRequest[1]/CREATE[1]/HI1Object[1]"}}},
		{name: "object identifier not a UUID", mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[1].CREATE.HI1Object.Base().ObjectIdentifier = "task-1"
		}, want: []want{{3007, pReq + "/ActionRequest[2]/CREATE[1]/HI1Object[1]/ObjectIdentifier[1]"}}},
		{name: "object country not ISO", mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[1].CREATE.HI1Object.Base().CountryCode = "X1"
		}, want: []want{{3007, pReq + "/ActionRequest[2]/CREATE[1]/HI1Object[1]/CountryCode[1]"}}},
		{name: "associated object not a UUID", mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[1].CREATE.HI1Object.Base().AssociatedObjects = []string{idAuth, "auth"}
		}, want: []want{{3007, pReq + "/ActionRequest[2]/CREATE[1]/HI1Object[1]/AssociatedObjects[1]/AssociatedObject[2]"}}},
		{name: "LastChanged without zone", mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object.Base().LastChanged = "2026-12-07T10:00:00"
		}, want: []want{{3007, pReq + "/ActionRequest[1]/CREATE[1]/HI1Object[1]/LastChanged[1]"}}},
		{name: "GET identifier not a UUID", mutate: func(m *HI1Message) { m.Payload.RequestPayload.ActionRequests[3].GET.Identifier = "x" },
			want: []want{{3007, pReq + "/ActionRequest[4]/GET[1]/Identifier[1]"}}},
		{name: "LIST LastChanged without zone", mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[4].LIST.LastChanged = "2026-12-07"
		}, want: []want{{3007, pReq + "/ActionRequest[5]/LIST[1]/LastChanged[1]"}}},
		{name: "DELIVER identifier not a UUID", mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[3] = ActionRequest{ActionIdentifier: 3, DELIVER: &DELIVERRequest{
				Identifier: "t", HI1Object: &DeliveryObject{ObjectBase: ObjectBase{ObjectIdentifier: idOld}}}}
		}, want: []want{{3007, pReq + "/ActionRequest[4]/DELIVER[1]/Identifier[1]"}}},
		{name: "response: duplicate action identifier", resp: true, mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload.ActionResponses[1].ActionIdentifier = 0
		}, want: []want{{3002, pResp + "/ActionResponse[2]/ActionIdentifier[1]"}}},
		{name: "response: no answer", resp: true, mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload.ActionResponses[0].CREATEResponse = nil
		}, want: []want{{3005, pResp + "/ActionResponse[1]"}}},
		{name: "response: two answers", resp: true, mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload.ActionResponses[0].ErrorInformation = &ErrorInformation{3000, "failed"}
		}, want: []want{{3007, pResp + "/ActionResponse[1]"}}},
		{name: "response: identifier not a UUID", resp: true, mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload.ActionResponses[0].CREATEResponse.Identifier = "x"
		}, want: []want{{3007, pResp + "/ActionResponse[1]/CREATEResponse[1]/Identifier[1]"}}},
		{name: "response: GET without object", resp: true, mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload.ActionResponses[3].GETResponse.HI1Object = nil
		}, want: []want{{3005, pResp + "/ActionResponse[4]/GETResponse[1]/HI1Object[1]"}}},
		{name: "response: nothing", resp: true, mutate: func(m *HI1Message) { m.Payload.ResponsePayload.ActionResponses = nil },
			want: []want{{3005, pResp}}},
		{name: "response: top-level error", resp: true, mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload = &ResponsePayload{ErrorInformation: &ErrorInformation{exchange.CodeVersion, "version"}}
		}},
		{name: "response: actions and top-level error", resp: true, mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload.ErrorInformation = &ErrorInformation{exchange.CodeVersion, "version"}
		}, want: []want{{3007, "/HI1Message/Payload[1]/ResponsePayload[1]"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sampleRequest()
			if tt.resp {
				m = sampleResponse()
			}
			tt.mutate(m)
			sameFindings(t, Check(m), tt.want)
		})
	}
}

// TestCheckResponse holds the rules relating a response to its request to a valid and an
// invalid case each.
func TestCheckResponse(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(m *HI1Message)
		want   []want
	}{
		{name: "answers every action", mutate: func(*HI1Message) {}},
		{name: "another transaction", mutate: func(m *HI1Message) { m.Header.TransactionIdentifier = idOld },
			want: []want{{3007, pHeader + "/TransactionIdentifier[1]"}}},
		{name: "an action not answered", mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload.ActionResponses = m.Payload.ResponsePayload.ActionResponses[:4]
		}, want: []want{{3005, pResp}}},
		{name: "an answer to no action", mutate: func(m *HI1Message) {
			rs := m.Payload.ResponsePayload
			rs.ActionResponses = append(rs.ActionResponses, ActionResponse{ActionIdentifier: 5, DELIVERResponse: &DELIVERResponse{Identifier: idOld}})
		}, want: []want{{3007, pResp + "/ActionResponse[6]/ActionIdentifier[1]"}}},
		{name: "an answer of another verb", mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload.ActionResponses[3] = ActionResponse{ActionIdentifier: 3, UPDATEResponse: &UPDATEResponse{Identifier: idOld}}
		}, want: []want{{3007, pResp + "/ActionResponse[4]/UPDATEResponse[1]"}}},
		{name: "an action refused", mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload.ActionResponses[3] = ActionResponse{ActionIdentifier: 3, ErrorInformation: &ErrorInformation{exchange.CodeGetNotFound, "no such object"}}
		}},
		{name: "the whole request refused", mutate: func(m *HI1Message) {
			m.Payload.ResponsePayload = &ResponsePayload{ErrorInformation: &ErrorInformation{exchange.CodeSchema, "not valid"}}
		}},
		{name: "not a response", mutate: func(m *HI1Message) { m.Payload = sampleRequest().Payload },
			want: []want{{3005, "/HI1Message/Payload[1]/ResponsePayload[1]"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sampleResponse()
			tt.mutate(m)
			sameFindings(t, CheckResponse(sampleRequest(), m), tt.want)
		})
	}
}

type resolverMap map[exchange.UUID]bool // id → expired

func (r resolverMap) Resolve(id exchange.UUID) (exists, expired bool) {
	expired, exists = r[id]
	return exists, expired
}

// TestCheckLinks holds the reference rule to a valid and an invalid case per kind of
// reference.
func TestCheckLinks(t *testing.T) {
	policy := func(m *HI1Message, rule string) {
		m.Payload.RequestPayload.ActionRequests[3] = ActionRequest{ActionIdentifier: 3, CREATE: &CREATERequest{HI1Object: &TrafficPolicyObject{
			ObjectBase:   ObjectBase{ObjectIdentifier: idOld},
			TrafficRules: []TrafficRuleReference{{Order: 1, ObjectIdentifier: rule}},
		}}}
	}
	tests := []struct {
		name   string
		known  exchange.LinkResolver
		mutate func(m *HI1Message)
		want   []want
	}{
		{name: "associated with an object of the request", mutate: func(*HI1Message) {}},
		{name: "associated with an object unknown", mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object.Base().ObjectIdentifier = idOld
		}, want: []want{
			{3016, pReq + "/ActionRequest[2]/CREATE[1]/HI1Object[1]/AssociatedObjects[1]/AssociatedObject[1]"},
			{3016, pReq + "/ActionRequest[3]/CREATE[1]/HI1Object[1]/AssociatedObjects[1]/AssociatedObject[1]"},
		}},
		{name: "associated with an object the receiver holds", known: resolverMap{idAuth: false}, mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests = m.Payload.RequestPayload.ActionRequests[1:2]
		}},
		{name: "associated with an expired object", known: resolverMap{idAuth: true}, mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests = m.Payload.RequestPayload.ActionRequests[1:2]
		}, want: []want{{3017, pReq + "/ActionRequest[1]/CREATE[1]/HI1Object[1]/AssociatedObjects[1]/AssociatedObject[1]"}}},
		{name: "associated with itself", mutate: func(m *HI1Message) {
			b := m.Payload.RequestPayload.ActionRequests[1].CREATE.HI1Object.Base()
			b.AssociatedObjects = append(b.AssociatedObjects, idTask)
		}, want: []want{{3007, pReq + "/ActionRequest[2]/CREATE[1]/HI1Object[1]/AssociatedObjects[1]/AssociatedObject[2]"}}},
		{name: "traffic rule of the request", mutate: func(m *HI1Message) { policy(m, idDoc) }},
		{name: "traffic rule unknown", known: resolverMap{}, mutate: func(m *HI1Message) { policy(m, "11111111-2222-4333-8444-555555555555") },
			want: []want{{3016, pReq + "/ActionRequest[4]/CREATE[1]/HI1Object[1]/TrafficRules[1]/TrafficRuleReference[1]/ObjectIdentifier[1]"}}},
		{name: "traffic policy of a task unknown", mutate: func(m *HI1Message) {
			m.Payload.RequestPayload.ActionRequests[1] = ActionRequest{ActionIdentifier: 1, UPDATE: &UPDATERequest{HI1Object: &LITaskObject{
				ObjectBase:                    ObjectBase{ObjectIdentifier: idTask},
				ListOfTrafficPolicyReferences: []TrafficPolicyReference{{Order: intp(1), ObjectIdentifier: idOld}},
			}}}
		}, want: []want{{3016, pReq + "/ActionRequest[2]/UPDATE[1]/HI1Object[1]/ListOfTrafficPolicyReferences[1]/TrafficPolicyReference[1]/ObjectIdentifier[1]"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := sampleRequest()
			tt.mutate(m)
			sameFindings(t, CheckLinks(m, tt.known), tt.want)
		})
	}
}
