package hi1

import "github.com/jcx-dev/jcx/exchange"

func checkRequest(f *findings, p xpath, r *RequestPayload) {
	lp := p.el("ActionRequests")
	if len(r.ActionRequests) == 0 {
		f.add(exchange.CodeMissing, lp, "request holds no action")
	}
	ids := make([]int, len(r.ActionRequests))
	for i := range r.ActionRequests {
		ids[i] = r.ActionRequests[i].ActionIdentifier
	}
	numbering(f, lp, "ActionRequest", ids)
	for i := range r.ActionRequests {
		a := &r.ActionRequests[i]
		ap := lp.at("ActionRequest", i)
		verbs := 0
		if a.GET != nil {
			verbs++
			checkUUID(f, ap.el("GET").el("Identifier"), a.GET.Identifier)
		}
		if a.CREATE != nil {
			verbs++
			needObject(f, ap.el("CREATE"), a.CREATE.HI1Object)
		}
		if a.UPDATE != nil {
			verbs++
			needObject(f, ap.el("UPDATE"), a.UPDATE.HI1Object)
		}
		if a.LIST != nil {
			verbs++
			if t := a.LIST.LastChanged; t != "" && !validTime(reQualifiedTime(), t) {
				f.add(exchange.CodeImproperValue, ap.el("LIST").el("LastChanged"), "LastChanged %q is not a date and time with a zone", clip(t))
			}
		}
		if a.DELIVER != nil {
			verbs++
			checkUUID(f, ap.el("DELIVER").el("Identifier"), a.DELIVER.Identifier)
			needObject(f, ap.el("DELIVER"), a.DELIVER.HI1Object)
		}
		switch {
		case verbs == 0:
			f.add(exchange.CodeMissing, ap, "action names no verb (GET, CREATE, UPDATE, LIST or DELIVER)")
		case verbs > 1:
			f.add(exchange.CodeImproperValue, ap, "action names %d verbs; exactly one is allowed", verbs)
		}
	}
}

func needObject(f *findings, p xpath, o HI1Object) {
	if o == nil {
		f.add(exchange.CodeMissing, p.el("HI1Object"), "%s carries no HI1Object", p.base())
		return
	}
	checkObject(f, p.el("HI1Object"), o)
}

func checkResponse(f *findings, p xpath, r *ResponsePayload) {
	switch {
	case r.ErrorInformation != nil && r.ActionResponses != nil:
		f.add(exchange.CodeImproperValue, p, "response holds both action responses and a top-level ErrorInformation")
	case r.ErrorInformation != nil:
		return
	case len(r.ActionResponses) == 0:
		f.add(exchange.CodeMissing, p.el("ActionResponses"), "response holds neither an action response nor ErrorInformation")
		return
	}
	lp := p.el("ActionResponses")
	ids := make([]int, len(r.ActionResponses))
	for i := range r.ActionResponses {
		ids[i] = r.ActionResponses[i].ActionIdentifier
	}
	numbering(f, lp, "ActionResponse", ids)
	for i := range r.ActionResponses {
		a := &r.ActionResponses[i]
		ap := lp.at("ActionResponse", i)
		answers := 0
		if a.GETResponse != nil {
			answers++
			needObject(f, ap.el("GETResponse"), a.GETResponse.HI1Object)
		}
		if a.CREATEResponse != nil {
			answers++
			checkUUID(f, ap.el("CREATEResponse").el("Identifier"), a.CREATEResponse.Identifier)
			if o := a.CREATEResponse.HI1Object; o != nil {
				checkObject(f, ap.el("CREATEResponse").el("HI1Object"), o)
			}
		}
		if a.UPDATEResponse != nil {
			answers++
			checkUUID(f, ap.el("UPDATEResponse").el("Identifier"), a.UPDATEResponse.Identifier)
			if o := a.UPDATEResponse.HI1Object; o != nil {
				checkObject(f, ap.el("UPDATEResponse").el("HI1Object"), o)
			}
		}
		if a.LISTResponse != nil {
			answers++
			for k, rec := range a.LISTResponse.ListResponseRecord {
				checkUUID(f, ap.el("LISTResponse").at("ListResponseRecord", k).el("Identifier"), rec.Identifier)
			}
		}
		if a.ErrorInformation != nil {
			answers++
		}
		if a.DELIVERResponse != nil {
			answers++
			checkUUID(f, ap.el("DELIVERResponse").el("Identifier"), a.DELIVERResponse.Identifier)
		}
		switch {
		case answers == 0:
			f.add(exchange.CodeMissing, ap, "action response holds no answer")
		case answers > 1:
			f.add(exchange.CodeImproperValue, ap, "action response holds %d answers; exactly one is allowed", answers)
		}
	}
}

// numbering reports a repeated ActionIdentifier (3002) and any other that is not its
// position (3007): identifiers run 0, 1, 2 … in document order, so that every action can
// be named unambiguously in the response.
func numbering(f *findings, p xpath, item string, ids []int) {
	seen := make(map[int]bool, len(ids))
	for i, id := range ids {
		ip := p.at(item, i).el("ActionIdentifier")
		switch {
		case seen[id]:
			f.add(exchange.CodeDuplicateAction, ip, "action identifier %d is used more than once", id)
		case id != i:
			f.add(exchange.CodeImproperValue, ip, "action identifier %d is out of order; action %d of the message must be numbered %d", id, i+1, i)
		}
		seen[id] = true
	}
}
