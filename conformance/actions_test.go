package conformance

import (
	"context"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

func TestCheckActions(t *testing.T) {
	req := []asked{{action: 0, verb: "CREATE", target: "a"}, {action: 1, verb: "GET", target: "b"}}
	ok := func(id int, verb, target string) result { return result{action: id, verb: verb, target: target} }
	failed := func(id int) result { return result{action: id, codes: []exchange.ErrorCode{3000}} }
	tests := []struct {
		name    string
		req     []asked
		a       answer
		failure string // "" when the answer is right
	}{
		{"each action once", req, answer{results: []result{ok(0, "CREATE", "a"), ok(1, "GET", "b")}}, ""},
		{"in another order", req, answer{results: []result{ok(1, "GET", "b"), ok(0, "CREATE", "a")}}, ""},
		{"an action failed", req, answer{results: []result{ok(0, "CREATE", "a"), failed(1)}}, ""},
		{"no identifier in the result", req, answer{results: []result{ok(0, "CREATE", ""), ok(1, "GET", "")}}, ""},
		{"refused as a whole", req, answer{errors: []exchange.ErrorCode{8002}}, ""},
		{"request with a duplicate identifier", []asked{{0, "LIST", ""}, {0, "GET", "b"}}, answer{results: []result{ok(0, "LIST", "")}}, ""},
		{"an action dropped", req, answer{results: []result{ok(0, "CREATE", "a")}}, "does not answer action 1 (GET)"},
		{"an action answered twice", req, answer{results: []result{ok(0, "CREATE", "a"), ok(1, "GET", "b"), ok(1, "GET", "b")}}, "answers action 1 twice"},
		{"an action not asked", req, answer{results: []result{ok(0, "CREATE", "a"), ok(1, "GET", "b"), ok(2, "GET", "b")}}, "action 2, which the request does not have"},
		{"another verb", req, answer{results: []result{ok(0, "UPDATE", "a"), ok(1, "GET", "b")}}, "action 0 is a CREATE, answered with a UPDATE result"},
		{"another object", req, answer{results: []result{ok(0, "CREATE", "a"), ok(1, "GET", "c")}}, "names object b; the answer is about c"},
		{"neither result nor error", req, answer{results: []result{ok(0, "CREATE", "a"), {action: 1}}}, "neither a result nor an error"},
		{"refused and answered", req, answer{errors: []exchange.ErrorCode{3000}, results: []result{ok(0, "CREATE", "a")}}, "refuses the whole message and answers 1 actions too"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkActions(tt.req, &tt.a)
			switch {
			case tt.failure == "" && err != nil:
				t.Errorf("failed: %v", err)
			case tt.failure != "" && (err == nil || !strings.Contains(err.Error(), tt.failure)):
				t.Errorf("got %v, want a failure saying %q", err, tt.failure)
			}
		})
	}
}

// The actions of a request are read alike from both bindings and both encodings.
func TestReadRequest(t *testing.T) {
	want := []asked{{0, "LIST", ""}, {1, "GET", "id-1"}, {2, "CREATE", "id-2"}}
	tests := []struct {
		name string
		enc  Encoding
		doc  string
	}{
		{"HI-1", XML, `<HI1Message xmlns="http://uri.etsi.org/03120/common/2019/10/Core" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Payload><RequestPayload><ActionRequests>
			<ActionRequest><ActionIdentifier>0</ActionIdentifier><LIST/></ActionRequest>
			<ActionRequest><ActionIdentifier>1</ActionIdentifier><GET><Identifier>id-1</Identifier></GET></ActionRequest>
			<ActionRequest><ActionIdentifier>2</ActionIdentifier><CREATE><HI1Object xsi:type="x:LDTaskObject"><ObjectIdentifier>id-2</ObjectIdentifier></HI1Object></CREATE></ActionRequest>
			</ActionRequests></RequestPayload></Payload></HI1Message>`},
		{"core XML", XML, `<Message xmlns="https://jcx.dev/ns/core/2026-11"><Payload><Request>
			<Action><ActionIdentifier>0</ActionIdentifier><LIST/></Action>
			<Action><ActionIdentifier>1</ActionIdentifier><GET><Identifier>id-1</Identifier></GET></Action>
			<Action><ActionIdentifier>2</ActionIdentifier><CREATE><DisclosureTask><ObjectIdentifier>id-2</ObjectIdentifier></DisclosureTask></CREATE></Action>
			</Request></Payload></Message>`},
		{"core JSON", JSON, `{"Payload":{"Request":{"Action":[
			{"ActionIdentifier":0,"LIST":{}},
			{"ActionIdentifier":1,"GET":{"Identifier":"id-1"}},
			{"ActionIdentifier":2,"CREATE":{"DisclosureTask":{"ObjectIdentifier":"id-2"}}}]}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := parseAnswer(context.Background(), []byte(tt.doc), tt.enc)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := readRequest(root)
			if !ok || len(got) != len(want) {
				t.Fatalf("got %v, %v; want %v", got, ok, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("action %d: got %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
	if _, ok := readRequest(&node{name: "Message"}); ok {
		t.Error("a message without actions has actions")
	}
}
