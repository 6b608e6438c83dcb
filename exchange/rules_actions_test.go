package exchange

import "testing"

func TestRulesActions(t *testing.T) {
	const r = "/Payload/Request"
	runRuleCases(t, []ruleCase{
		{name: "duplicate identifier", base: epocRequest,
			mutate: func(m *Message) { req(m).Action[1].ActionIdentifier = 0 },
			want:   []string{"3002 " + r + "/Action/1/ActionIdentifier"}},
		{name: "gap", base: epocRequest,
			mutate: func(m *Message) { req(m).Action[1].ActionIdentifier = 2 },
			want:   []string{"3007 " + r + "/Action/1/ActionIdentifier"}},
		{name: "out of order", base: epocRequest,
			mutate: func(m *Message) { req(m).Action[0].ActionIdentifier, req(m).Action[1].ActionIdentifier = 1, 0 },
			want:   []string{"3007 " + r + "/Action/0/ActionIdentifier", "3007 " + r + "/Action/1/ActionIdentifier"}},
		{name: "no action", base: epocRequest,
			mutate: func(m *Message) { req(m).Action = nil },
			want:   []string{"3005 " + r + "/Action"}},
		{name: "unknown atomicity", base: epocRequest,
			mutate: func(m *Message) { req(m).Atomicity = "Sometimes" },
			want:   []string{"3007 " + r + "/Atomicity"}},
		{name: "independent atomicity", base: epocRequest,
			mutate: func(m *Message) { req(m).Atomicity = Independent }},
		{name: "no verb", base: epocRequest,
			mutate: func(m *Message) { req(m).Action[1].CREATE = nil },
			want:   []string{"3005 " + r + "/Action/1"}},
		{name: "two verbs", base: epocRequest,
			mutate: func(m *Message) { req(m).Action[1].GET = &GetAction{Identifier: tid("epoc")} },
			want:   []string{"3007 " + r + "/Action/1"}},
		{name: "create without object", base: epocRequest,
			mutate: func(m *Message) { req(m).Action[1].CREATE.Object = Object{} },
			want:   []string{"3005 " + r + "/Action/1/CREATE"}},
		{name: "create with two objects", base: epocRequest,
			mutate: func(m *Message) { obj(m, 1).Authorisation = epocAuthorisation() },
			want:   []string{"3007 " + r + "/Action/1/CREATE"}},
		{name: "create with generation", base: epocRequest,
			mutate: func(m *Message) { obj(m, 0).Authorisation.Generation = 1 },
			// The task linked to the refused authorisation fails with it.
			want: []string{"3006 " + act0 + "/Generation", "3018 " + act1 + "/AssociatedObject/0"}},
		{name: "create with status", base: epocRequest,
			mutate: func(m *Message) { obj(m, 1).DisclosureTask.Status = ptr(jcx(DictObjectStatus, "Active")) },
			want:   []string{"3006 " + act1 + "/Status"}},
		{name: "create with desired status", base: epocRequest,
			mutate: func(m *Message) { obj(m, 1).DisclosureTask.DesiredStatus = ptr(jcx(DictObjectStatus, "Active")) }},
		{name: "update without generation", base: epocRequest,
			mutate: func(m *Message) {
				a := &req(m).Action[1]
				a.UPDATE, a.CREATE = a.CREATE, nil
			},
			want: []string{"3005 /Payload/Request/Action/1/UPDATE/DisclosureTask/Generation"}},
		{name: "update with generation", base: epocRequest,
			mutate: func(m *Message) {
				a := &req(m).Action[1]
				a.UPDATE, a.CREATE = a.CREATE, nil
				a.UPDATE.DisclosureTask.Generation = 3
			}},
		{name: "update setting status", base: epocRequest,
			mutate: func(m *Message) {
				a := &req(m).Action[1]
				a.UPDATE, a.CREATE = a.CREATE, nil
				a.UPDATE.DisclosureTask.Generation = 3
				a.UPDATE.DisclosureTask.Status = ptr(jcx(DictObjectStatus, "Closed"))
			},
			want: []string{"3006 /Payload/Request/Action/1/UPDATE/DisclosureTask/Status"}},
		{name: "notification about an object created in the same request", base: epocRequest,
			mutate: func(m *Message) {
				b := tBase("note", "FR")
				b.AssociatedObject = []UUID{tid("epoc")}
				req(m).Action = append(req(m).Action, Action{ActionIdentifier: 2, CREATE: &ObjectAction{Object{Notification: &Notification{
					ObjectBase: b, NotificationType: jcx(DictNotificationType, "Received"), Timestamp: tdt(0)}}}})
			},
			want: []string{"3007 /Payload/Request/Action/2/CREATE/Notification/AssociatedObject/0"}},
		{name: "get with bad identifier", base: epocRequest,
			mutate: func(m *Message) { req(m).Action[1] = Action{ActionIdentifier: 1, GET: &GetAction{Identifier: "nope"}} },
			want:   []string{"3007 " + r + "/Action/1/GET/Identifier"}},
		{name: "list filters", base: epocRequest,
			mutate: func(m *Message) {
				req(m).Action[1] = Action{ActionIdentifier: 1, LIST: &ListAction{ObjectType: "Warrant", AssociatedWith: "X", ChangedSince: "yesterday"}}
			},
			want: []string{"3007 " + r + "/Action/1/LIST/ObjectType", "3007 " + r + "/Action/1/LIST/AssociatedWith", "3007 " + r + "/Action/1/LIST/ChangedSince"}},
		{name: "capabilities", base: epocRequest,
			mutate: func(m *Message) {
				req(m).Action[1] = Action{ActionIdentifier: 1, GETCAPABILITIES: &CapabilitiesAction{}}
			}},
	})
}

func TestRulesResponse(t *testing.T) {
	const r = "/Payload/Response/ActionResult"
	runRuleCases(t, []ruleCase{
		{name: "duplicate result", base: tResponse,
			mutate: func(m *Message) { m.Payload.Response.ActionResult[1].ActionIdentifier = 0 },
			want:   []string{"3002 " + r + "/1/ActionIdentifier"}},
		{name: "result gap", base: tResponse,
			mutate: func(m *Message) { m.Payload.Response.ActionResult[1].ActionIdentifier = 5 },
			want:   []string{"3007 " + r + "/1/ActionIdentifier"}},
		{name: "empty result", base: tResponse,
			mutate: func(m *Message) { m.Payload.Response.ActionResult[1].Failure = nil },
			want:   []string{"3005 " + r + "/1"}},
		{name: "result and failure", base: tResponse,
			mutate: func(m *Message) {
				m.Payload.Response.ActionResult[0].Failure = &ErrorInformation{Code: 3000, Description: "x"}
			},
			want: []string{"3007 " + r + "/0"}},
		{name: "failure code outside the ranges", base: tResponse,
			mutate: func(m *Message) { m.Payload.Response.ActionResult[1].Failure.Code = 500 },
			want:   []string{"3007 " + r + "/1/Failure/Code"}},
		{name: "profile failure code", base: tResponse,
			mutate: func(m *Message) { m.Payload.Response.ActionResult[1].Failure.Code = 8099 }},
		{name: "result with generation 0 and bad identifier", base: tResponse,
			mutate: func(m *Message) { m.Payload.Response.ActionResult[0].CREATE = &ObjectResult{Identifier: "x"} },
			want:   []string{"3007 " + r + "/0/CREATE/Identifier", "3007 " + r + "/0/CREATE/Generation"}},
	})
}
