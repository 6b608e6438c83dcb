package hi1

import (
	"github.com/jcx-dev/jcx/exchange"
)

// CheckLinks reports the object references of a request that do not resolve: each
// AssociatedObject, and each TrafficPolicyReference and TrafficRuleReference, must name
// an object of the same request (one it creates, updates or delivers) or one that known
// resolves (3016 when it does not exist, 3017 when it has expired). An object associated
// with itself is 3007.
//
// TS 103 120 lets a request refer to objects created by earlier requests, so only the
// receiver knows whether a reference resolves: known is its view (a nil known resolves
// nothing outside the message). A response is not checked.
func CheckLinks(m *HI1Message, known exchange.LinkResolver) []exchange.Finding {
	f := &findings{lines: m.lines}
	rq := m.Payload.RequestPayload
	if rq == nil {
		return nil
	}
	type located struct {
		path xpath
		obj  HI1Object
	}
	var objs []located
	here := map[string]bool{}
	lp := rootPath.el("Payload").el("RequestPayload").el("ActionRequests")
	for i := range rq.ActionRequests {
		a := &rq.ActionRequests[i]
		ap := lp.at("ActionRequest", i)
		verbs, os := actionObjects(a)
		for k, o := range os {
			objs = append(objs, located{ap.el(verbs[k]).el("HI1Object"), o})
			here[o.Base().ObjectIdentifier] = true
		}
	}
	target := func(p xpath, self, id string) {
		switch {
		case id == self:
			f.add(exchange.CodeImproperValue, p, "object %s refers to itself", clip(id))
		case here[id]:
		case known == nil:
			f.add(exchange.CodeLinkMissing, p, "object %s is neither in this request nor known to the receiver", clip(id))
		default:
			exists, expired := known.Resolve(exchange.UUID(id))
			switch {
			case !exists:
				f.add(exchange.CodeLinkMissing, p, "object %s is neither in this request nor known to the receiver", clip(id))
			case expired:
				f.add(exchange.CodeLinkExpired, p, "object %s has expired", clip(id))
			}
		}
	}
	for _, lo := range objs {
		self := lo.obj.Base().ObjectIdentifier
		for k, id := range lo.obj.Base().AssociatedObjects {
			target(lo.path.el("AssociatedObjects").at("AssociatedObject", k), self, id)
		}
		switch o := lo.obj.(type) {
		case *LITaskObject:
			for k, r := range o.ListOfTrafficPolicyReferences {
				if r.ObjectIdentifier != "" {
					target(lo.path.el("ListOfTrafficPolicyReferences").at("TrafficPolicyReference", k).el("ObjectIdentifier"), self, r.ObjectIdentifier)
				}
			}
		case *TrafficPolicyObject:
			for k, r := range o.TrafficRules {
				target(lo.path.el("TrafficRules").at("TrafficRuleReference", k).el("ObjectIdentifier"), self, r.ObjectIdentifier)
			}
		}
	}
	return f.list
}

// actionObjects returns the verb and object of a CREATE, UPDATE or DELIVER action.
func actionObjects(a *ActionRequest) (verbs []string, objs []HI1Object) {
	if a.CREATE != nil && a.CREATE.HI1Object != nil {
		verbs, objs = append(verbs, "CREATE"), append(objs, a.CREATE.HI1Object)
	}
	if a.UPDATE != nil && a.UPDATE.HI1Object != nil {
		verbs, objs = append(verbs, "UPDATE"), append(objs, a.UPDATE.HI1Object)
	}
	if a.DELIVER != nil && a.DELIVER.HI1Object != nil {
		verbs, objs = append(verbs, "DELIVER"), append(objs, a.DELIVER.HI1Object)
	}
	return verbs, objs
}
