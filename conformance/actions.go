package conformance

import "strconv"

// asked is one action of a request as the harness sent it: what a response must answer.
type asked struct {
	action int
	verb   string
	// target is the object the action names, when it names one: the Identifier of a GET
	// or an HI-1 DELIVER, the ObjectIdentifier of the object a CREATE, an UPDATE or a jcx
	// core DELIVER carries.
	target string
}

// readRequest reads the actions of a request the harness built, in either binding. ok is
// false when the request has no readable list of numbered actions.
func readRequest(root *node) (acts []asked, ok bool) {
	var list []*node
	switch root.name {
	case "HI1Message":
		list = root.path("Payload", "RequestPayload", "ActionRequests").all("ActionRequest")
	case "Message":
		list = root.path("Payload", "Request").all("Action")
	}
	if len(list) == 0 {
		return nil, false
	}
	for _, n := range list {
		id, err := strconv.Atoi(n.value("ActionIdentifier"))
		if err != nil {
			return nil, false
		}
		a := asked{action: id}
		for _, v := range verbs {
			vn := n.child(v)
			if vn == nil {
				continue
			}
			a.verb = v
			switch v {
			case "GET":
				a.target = vn.value("Identifier")
			case "CREATE", "UPDATE":
				a.target = objectIdentifier(vn)
			case "DELIVER":
				// HI-1 names the delivery beside the object; jcx core only in it.
				if a.target = vn.value("Identifier"); a.target == "" {
					a.target = objectIdentifier(vn)
				}
			}
		}
		acts = append(acts, a)
	}
	return acts, true
}

// objectIdentifier is the ObjectIdentifier of the object a verb element carries: an
// HI1Object in HI-1, the element named by the object's kind in jcx core.
func objectIdentifier(verb *node) string {
	if o := verb.child("HI1Object"); o != nil {
		return o.value("ObjectIdentifier")
	}
	if len(verb.children) > 0 {
		return verb.children[0].value("ObjectIdentifier")
	}
	return ""
}

// checkActions holds an answer to what was asked. A message-level refusal answers no
// action. Otherwise every action is answered exactly once, under its ActionIdentifier,
// with the result of its own verb or with an error, about the object it named, and no
// action the request did not have is answered. A request that uses an ActionIdentifier
// twice cannot be answered action by action; the case's expectations judge its answer.
func checkActions(req []asked, a *answer) error {
	if len(a.errors) > 0 {
		if len(a.results) > 0 {
			return failf("the answer refuses the whole message and answers %d actions too", len(a.results))
		}
		return nil
	}
	want := map[int]asked{}
	for _, r := range req {
		if _, dup := want[r.action]; dup {
			return nil
		}
		want[r.action] = r
	}
	seen := map[int]bool{}
	for _, got := range a.results {
		r, ok := want[got.action]
		switch {
		case !ok:
			return failf("the answer answers action %d, which the request does not have", got.action)
		case seen[got.action]:
			return failf("the answer answers action %d twice", got.action)
		}
		seen[got.action] = true
		if len(got.codes) > 0 {
			continue
		}
		if got.verb == "" {
			return failf("action %d is answered with neither a result nor an error", got.action)
		}
		if got.verb != r.verb {
			return failf("action %d is a %s, answered with a %s result", got.action, r.verb, got.verb)
		}
		if r.target != "" && got.target != "" && got.target != r.target {
			return failf("action %d names object %s; the answer is about %s", got.action, r.target, got.target)
		}
	}
	for _, r := range req {
		if !seen[r.action] {
			return failf("the answer does not answer action %d (%s)", r.action, r.verb)
		}
	}
	return nil
}
