package exchange

// actions checks the numbering and shape of a request's actions or a response's results.
//
// Numbering: identifiers run 0..n-1 in document order. An identifier used before is a
// duplicate (3002); any other identifier that is not the action's position is a gap or
// out of order (3007). Each action has exactly one verb: none is 3005, several 3007.
//
// CREATE and UPDATE carry exactly one object. UPDATE must name the Generation it updates
// (3005), since an update without one could silently overwrite a change it never saw.
// Generation and Status are set by the receiver: a CREATE carrying Generation, or any
// request carrying Status, is refused with 3006.
//
// A Notification reports on objects the sender received. Creating one in the same request
// as an object it is associated with would be a party notifying itself about its own
// request, so that is refused (3007).
func (c *checker) actions() {
	switch pl := &c.msg.Payload; {
	case pl.Request != nil:
		c.request(pl.Request)
	case pl.Response != nil:
		c.response(pl.Response)
	}
}

func (c *checker) request(r *Request) {
	p := Path{}.Child("Payload").Child("Request")
	switch r.Atomicity {
	case "", AllOrNothing, Independent:
	default:
		c.add(CodeImproperValue, p.Child("Atomicity"), "atomicity %q is neither %s nor %s", clip(string(r.Atomicity)), AllOrNothing, Independent)
	}
	if len(r.Action) == 0 {
		c.add(CodeMissing, p.Child("Action"), "request holds no action")
	}
	ids := make([]int, len(r.Action))
	for i := range r.Action {
		ids[i] = r.Action[i].ActionIdentifier
	}
	c.numbering(p, "Action", ids)
	created := map[UUID]bool{}
	for i := range r.Action {
		if a := r.Action[i].CREATE; a != nil && a.Object.count() == 1 {
			created[a.Object.Base().ObjectIdentifier] = true
		}
	}
	for i := range r.Action {
		a := &r.Action[i]
		ap := p.Item("Action", i)
		if n := verbCount(a); n == 0 {
			c.add(CodeMissing, ap, "action names no verb")
			continue
		} else if n > 1 {
			c.add(CodeImproperValue, ap, "action names %d verbs; exactly one is allowed", n)
			continue
		}
		switch a.Verb() {
		case VerbCreate:
			c.createAction(ap.Child(string(VerbCreate)), &a.CREATE.Object, created)
		case VerbUpdate:
			c.updateAction(ap.Child(string(VerbUpdate)), &a.UPDATE.Object)
		case VerbGet:
			if !a.GET.Identifier.Valid() {
				c.add(CodeImproperValue, ap.Child("GET").Child("Identifier"), "identifier %q is not a lowercase UUID", clip(string(a.GET.Identifier)))
			}
		case VerbList:
			c.listAction(ap.Child("LIST"), a.LIST)
		}
	}
}

// numbering reports duplicate (3002) and misplaced (3007) identifiers of repeated element
// name under p.
func (c *checker) numbering(p Path, name string, ids []int) {
	seen := make(map[int]bool, len(ids))
	for i, id := range ids {
		ip := p.Item(name, i).Child("ActionIdentifier")
		switch {
		case seen[id]:
			c.add(CodeDuplicateAction, ip, "action identifier %d is used more than once", id)
		case id != i:
			c.add(CodeImproperValue, ip, "action identifier is %d, want %d: identifiers run 0..n-1 in order", id, i)
		}
		seen[id] = true
	}
}

func verbCount(a *Action) int {
	n := 0
	for _, set := range []bool{a.GET != nil, a.CREATE != nil, a.UPDATE != nil, a.LIST != nil, a.DELIVER != nil, a.GETCAPABILITIES != nil} {
		if set {
			n++
		}
	}
	return n
}

// oneObject reports an ObjectAction that does not hold exactly one object.
func (c *checker) oneObject(p Path, o *Object) bool {
	switch n := o.count(); {
	case n == 0:
		c.add(CodeMissing, p, "action carries no object")
		return false
	case n > 1:
		c.add(CodeImproperValue, p, "action carries %d objects; exactly one is allowed", n)
		return false
	}
	return true
}

func (c *checker) createAction(p Path, o *Object, created map[UUID]bool) {
	if !c.oneObject(p, o) {
		return
	}
	kind, b := o.base()
	op := p.Child(string(kind))
	if b.Generation != 0 {
		c.add(CodeChangeNotAllowed, op.Child("Generation"), "generation is assigned by the receiver; a CREATE must not carry one")
	}
	c.receiverOwned(op, b)
	if kind == KindNotification {
		for j, id := range b.AssociatedObject {
			if created[id] {
				c.add(CodeImproperValue, op.Item("AssociatedObject", j),
					"a notification is made by the party that received the object it reports on, not in the request that creates it")
			}
		}
	}
}

func (c *checker) updateAction(p Path, o *Object) {
	if !c.oneObject(p, o) {
		return
	}
	kind, b := o.base()
	op := p.Child(string(kind))
	if b.Generation == 0 {
		c.add(CodeMissing, op.Child("Generation"), "an UPDATE must carry the generation it updates")
	}
	c.receiverOwned(op, b)
}

func (c *checker) receiverOwned(op Path, b *ObjectBase) {
	if b.Status != nil {
		c.add(CodeChangeNotAllowed, op.Child("Status"), "status is owned by the receiver; a request may set DesiredStatus instead")
	}
}

func (c *checker) listAction(p Path, l *ListAction) {
	if l.ObjectType != "" && !knownKind(l.ObjectType) {
		c.add(CodeImproperValue, p.Child("ObjectType"), "object type %q is not one of this format's objects", clip(string(l.ObjectType)))
	}
	if l.AssociatedWith != "" && !l.AssociatedWith.Valid() {
		c.add(CodeImproperValue, p.Child("AssociatedWith"), "identifier %q is not a lowercase UUID", clip(string(l.AssociatedWith)))
	}
	if l.ChangedSince != "" {
		if _, err := l.ChangedSince.Time(); err != nil {
			c.add(CodeImproperValue, p.Child("ChangedSince"), "%v", err)
		}
	}
}

func knownKind(k ObjectKind) bool {
	for _, o := range ObjectKinds {
		if o == k {
			return true
		}
	}
	return false
}

// response checks that results are numbered like the actions they answer and that each
// holds exactly one verb result or a Failure.
func (c *checker) response(r *Response) {
	p := Path{}.Child("Payload").Child("Response")
	ids := make([]int, len(r.ActionResult))
	for i := range r.ActionResult {
		ids[i] = r.ActionResult[i].ActionIdentifier
	}
	c.numbering(p, "ActionResult", ids)
	for i := range r.ActionResult {
		ar := &r.ActionResult[i]
		rp := p.Item("ActionResult", i)
		n := 0
		for _, set := range []bool{ar.GET != nil, ar.CREATE != nil, ar.UPDATE != nil, ar.LIST != nil, ar.DELIVER != nil, ar.GETCAPABILITIES != nil, ar.Failure != nil} {
			if set {
				n++
			}
		}
		switch {
		case n == 0:
			c.add(CodeMissing, rp, "action result holds neither a result nor a Failure")
		case n > 1:
			c.add(CodeImproperValue, rp, "action result holds %d results; exactly one result or a Failure is allowed", n)
		}
		if ar.Failure != nil {
			c.errorCode(rp.Child("Failure").Child("Code"), ar.Failure.Code)
		}
		for _, or := range []struct {
			name string
			r    *ObjectResult
		}{{"CREATE", ar.CREATE}, {"UPDATE", ar.UPDATE}, {"DELIVER", ar.DELIVER}} {
			if or.r == nil {
				continue
			}
			if !or.r.Identifier.Valid() {
				c.add(CodeImproperValue, rp.Child(or.name).Child("Identifier"), "identifier %q is not a lowercase UUID", clip(string(or.r.Identifier)))
			}
			if or.r.Generation < 1 {
				c.add(CodeImproperValue, rp.Child(or.name).Child("Generation"), "generation %d: generations start at 1", or.r.Generation)
			}
		}
	}
}

// errorCode checks that a reported code is in one of the two known ranges: ETSI TS 103 120
// Annex D (3000–3022) or this profile's own (8000–8099).
func (c *checker) errorCode(p Path, code ErrorCode) {
	if (code < 3000 || code > 3022) && (code < 8000 || code > 8099) {
		c.add(CodeImproperValue, p, "error code %d is outside 3000–3022 and 8000–8099", code)
	}
}
