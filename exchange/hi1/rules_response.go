package hi1

import (
	"github.com/jcx-dev/jcx/exchange"
)

// CheckResponse applies the rules that relate a response to the request it answers and
// returns every finding, with XPaths into the response:
//
//   - the response carries the request's TransactionIdentifier (3007);
//   - unless it is a top-level ErrorInformation, it answers exactly the request's
//     actions: every ActionIdentifier of the request once (3005 for one not answered,
//     3007 for an answer to an action the request does not have), each with the
//     response of the request's verb or ErrorInformation (3007).
//
// Duplicated identifiers within the response are Check's to report (3002).
func CheckResponse(request, response *HI1Message) []exchange.Finding {
	f := &findings{lines: response.lines}
	if got, want := response.Header.TransactionIdentifier, request.Header.TransactionIdentifier; got != want {
		f.add(exchange.CodeImproperValue, rootPath.el("Header").el("TransactionIdentifier"),
			"response carries TransactionIdentifier %q, the request %q", clip(got), clip(want))
	}
	rq, rs := request.Payload.RequestPayload, response.Payload.ResponsePayload
	pp := rootPath.el("Payload")
	if rq == nil {
		f.add(exchange.CodeImproperValue, pp, "the message answered is not a request")
		return f.list
	}
	if rs == nil {
		f.add(exchange.CodeMissing, pp.el("ResponsePayload"), "the answer holds no ResponsePayload")
		return f.list
	}
	if rs.ErrorInformation != nil {
		return f.list
	}
	verbs := make(map[int]string, len(rq.ActionRequests))
	for i := range rq.ActionRequests {
		verbs[rq.ActionRequests[i].ActionIdentifier] = verbOf(&rq.ActionRequests[i])
	}
	lp := pp.el("ResponsePayload").el("ActionResponses")
	answered := map[int]bool{}
	for i := range rs.ActionResponses {
		a := &rs.ActionResponses[i]
		ap := lp.at("ActionResponse", i)
		verb, asked := verbs[a.ActionIdentifier]
		if !asked {
			f.add(exchange.CodeImproperValue, ap.el("ActionIdentifier"), "the request has no action %d", a.ActionIdentifier)
			continue
		}
		answered[a.ActionIdentifier] = true
		if got := answerOf(a); got != "" && got != "ErrorInformation" && verb != "" && got != verb+"Response" {
			f.add(exchange.CodeImproperValue, ap.el(got), "action %d is a %s; it is answered by %sResponse or ErrorInformation, not %s", a.ActionIdentifier, verb, verb, got)
		}
	}
	for i := range rq.ActionRequests {
		if id := rq.ActionRequests[i].ActionIdentifier; !answered[id] {
			f.add(exchange.CodeMissing, lp, "action %d of the request is not answered", id)
			answered[id] = true // report a duplicated request identifier once
		}
	}
	return f.list
}

// verbOf names the request's verb, or "" when it has none or several.
func verbOf(a *ActionRequest) string {
	var names []string
	if a.GET != nil {
		names = append(names, "GET")
	}
	if a.CREATE != nil {
		names = append(names, "CREATE")
	}
	if a.UPDATE != nil {
		names = append(names, "UPDATE")
	}
	if a.LIST != nil {
		names = append(names, "LIST")
	}
	if a.DELIVER != nil {
		names = append(names, "DELIVER")
	}
	if len(names) != 1 {
		return ""
	}
	return names[0]
}

// answerOf names the response's answer element, or "" when it has none or several.
func answerOf(a *ActionResponse) string {
	var names []string
	if a.GETResponse != nil {
		names = append(names, "GETResponse")
	}
	if a.CREATEResponse != nil {
		names = append(names, "CREATEResponse")
	}
	if a.UPDATEResponse != nil {
		names = append(names, "UPDATEResponse")
	}
	if a.LISTResponse != nil {
		names = append(names, "LISTResponse")
	}
	if a.ErrorInformation != nil {
		names = append(names, "ErrorInformation")
	}
	if a.DELIVERResponse != nil {
		names = append(names, "DELIVERResponse")
	}
	if len(names) != 1 {
		return ""
	}
	return names[0]
}
