package exchange

import "testing"

// resolverMap is a LinkResolver over a fixed set of objects: true means expired.
type resolverMap map[UUID]bool

func (r resolverMap) Resolve(id UUID) (exists, expired bool) {
	expired, exists = r[id]
	return exists, expired
}

func TestRulesLinks(t *testing.T) {
	known := resolverMap{tid("elsewhere/epoc"): false, tid("elsewhere/task"): false}
	dl := ek(9, "Delivery")
	runRuleCases(t, []ruleCase{
		{name: "self link", base: epocRequest,
			mutate: func(m *Message) { disc(m).AssociatedObject = append(disc(m).AssociatedObject, tid("disclosure")) },
			want:   []string{"3007 " + act1 + "/AssociatedObject/1"}},
		{name: "duplicate link", base: epocRequest,
			mutate: func(m *Message) { disc(m).AssociatedObject = append(disc(m).AssociatedObject, tid("epoc")) },
			want:   []string{"3007 " + act1 + "/AssociatedObject/1"}},
		{name: "links inside the message need no resolver", base: epocRequest, opts: Options{Links: resolverMap{}}},
		{name: "external links without resolver are not judged", base: everyKindRequest},
		{name: "external links resolved", base: everyKindRequest, opts: Options{Links: known}},
		{name: "external link unknown", base: everyKindRequest,
			opts: Options{Links: resolverMap{tid("elsewhere/task"): false}},
			want: []string{"3016 " + ek(5, "DisclosureTask") + "/AssociatedObject/0"}},
		{name: "external link expired", base: everyKindRequest,
			opts: Options{Links: resolverMap{tid("elsewhere/epoc"): false, tid("elsewhere/task"): true}},
			want: []string{
				"3017 " + ek(8, "Notification") + "/AssociatedObject/0",
				"3017 " + dl + "/TaskReference",
			}},
		{name: "link to an object refused in the same message", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 2).Authorisation.ExecutingState = "FR" },
			want: []string{
				"3007 " + ek(2, "Authorisation") + "/ExecutingState",
				"3018 " + ek(3, "AssistanceTask") + "/AssociatedObject/0",
				"3018 " + ek(4, "AssetTask") + "/AssociatedObject/0",
			}},
		{name: "delivery for itself", base: everyKindRequest,
			mutate: func(m *Message) {
				d := req(m).Action[9].DELIVER
				d.Delivery.TaskReference = d.Delivery.ObjectIdentifier
			},
			want: []string{"3007 " + dl + "/TaskReference"}},
		{name: "delivery task reference not a UUID", base: everyKindRequest,
			mutate: func(m *Message) { req(m).Action[9].DELIVER.Delivery.TaskReference = "LDID-1" },
			want:   []string{"3007 " + dl + "/TaskReference"}},
		{name: "delivery for a task refused in the same message", base: everyKindRequest,
			mutate: func(m *Message) {
				req(m).Action[9].DELIVER.Delivery.TaskReference = tid("preserve")
				obj(m, 6).PreservationTask.Identifier = nil
			},
			want: []string{"3005 " + ek(6, "PreservationTask") + "/Identifier", "3018 " + dl + "/TaskReference"}},
	})
}
