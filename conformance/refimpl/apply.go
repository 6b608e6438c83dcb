package refimpl

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// failure is why one action was not applied.
type failure struct {
	code exchange.ErrorCode
	path exchange.Path
	msg  string
}

func fail(code exchange.ErrorCode, p exchange.Path, format string, args ...any) *failure {
	return &failure{code: code, path: p, msg: fmt.Sprintf(format, args...)}
}

// applier runs the actions of one request against a transaction of the store.
type applier struct {
	s         *Server
	t         *tx
	requester exchange.Party
	now       time.Time
	format    exchange.Format
}

// apply runs the request's actions and returns one result per action. With AllOrNothing
// (the default) the first failure rolls every change back and the other actions report
// 3000; with Independent each action stands alone.
func (s *Server) apply(req *exchange.Request, requester exchange.Party, f exchange.Format) []exchange.ActionResult {
	t := s.store.begin()
	defer t.end()
	a := &applier{s: s, t: t, requester: requester, now: s.now().UTC(), format: f}
	results := make([]exchange.ActionResult, len(req.Action))
	base := exchange.Path{}.Child("Payload").Child("Request")
	if req.Atomicity == exchange.Independent {
		for i := range req.Action {
			r, fl := a.do(base.Item("Action", i), &req.Action[i])
			if fl != nil {
				t.rollback()
				results[i] = a.failed(req.Action[i].ActionIdentifier, fl)
				continue
			}
			t.commit()
			results[i] = r
		}
		return results
	}
	failedAt := -1
	for i := range req.Action {
		r, fl := a.do(base.Item("Action", i), &req.Action[i])
		if fl != nil {
			failedAt = i
			results[i] = a.failed(req.Action[i].ActionIdentifier, fl)
			break
		}
		results[i] = r
	}
	if failedAt < 0 {
		t.commit()
		return results
	}
	t.rollback()
	for i := range results {
		if i == failedAt {
			continue
		}
		results[i] = exchange.ActionResult{
			ActionIdentifier: req.Action[i].ActionIdentifier,
			Failure: &exchange.ErrorInformation{
				Code:        exchange.CodeGeneral,
				Description: fmt.Sprintf("not applied: action %d failed and the request is all-or-nothing", req.Action[failedAt].ActionIdentifier),
			},
		}
	}
	return results
}

func (a *applier) failed(id int, f *failure) exchange.ActionResult {
	path := f.path.JSONPointer()
	if a.format == exchange.FormatXML {
		path = f.path.XPath()
	}
	return exchange.ActionResult{
		ActionIdentifier: id,
		Failure:          &exchange.ErrorInformation{Code: f.code, Path: path, Description: f.msg},
	}
}

// do applies one action.
func (a *applier) do(p exchange.Path, act *exchange.Action) (exchange.ActionResult, *failure) {
	r := exchange.ActionResult{ActionIdentifier: act.ActionIdentifier}
	var fl *failure
	switch act.Verb() {
	case exchange.VerbGet:
		r.GET, fl = a.get(p.Child("GET"), act.GET)
	case exchange.VerbCreate:
		r.CREATE, fl = a.create(p.Child("CREATE"), &act.CREATE.Object)
	case exchange.VerbUpdate:
		r.UPDATE, fl = a.update(p.Child("UPDATE"), &act.UPDATE.Object)
	case exchange.VerbList:
		r.LIST, fl = a.list(p.Child("LIST"), act.LIST)
	case exchange.VerbDeliver:
		d := act.DELIVER.Delivery
		r.DELIVER, fl = a.create(p.Child("DELIVER"), &exchange.Object{Delivery: &d})
	case exchange.VerbGetCapabilities:
		c := a.s.capabilities
		r.GETCAPABILITIES = &c
	default:
		fl = fail(exchange.CodeMissing, p, "action names no verb")
	}
	return r, fl
}

func (a *applier) get(p exchange.Path, g *exchange.GetAction) (*exchange.GetResult, *failure) {
	rec := a.t.visible(g.Identifier, a.requester)
	if rec == nil {
		return nil, fail(exchange.CodeGetNotFound, p.Child("Identifier"), "no object %s", g.Identifier)
	}
	return &exchange.GetResult{Object: rec.obj}, nil
}

func (a *applier) create(p exchange.Path, o *exchange.Object) (*exchange.ObjectResult, *failure) {
	kind, b := o.Kind(), o.Base()
	if b == nil {
		return nil, fail(exchange.CodeMissing, p, "no object given")
	}
	op := p.Child(string(kind))
	id := b.ObjectIdentifier
	if a.t.get(id) != nil {
		return nil, fail(exchange.CodeExists, op.Child("ObjectIdentifier"), "object %s already exists", id)
	}
	if fl := a.links(op, o); fl != nil {
		return nil, fl
	}
	if a.t.full(2) {
		return nil, fail(exchange.CodeTransient, op, "the store is full; try again later")
	}
	// Generation, LastChanged and Status belong to the receiver.
	b.Generation = 1
	b.LastChanged = exchange.NewDateTime(a.now)
	b.Status = status(statusFor(kind))
	a.t.put(&record{obj: *o, kind: kind, gen: 1, changed: a.now, requester: a.requester})
	if isTask(kind) {
		a.notify(id)
	}
	return &exchange.ObjectResult{Identifier: id, Generation: 1}, nil
}

func (a *applier) update(p exchange.Path, o *exchange.Object) (*exchange.ObjectResult, *failure) {
	kind, b := o.Kind(), o.Base()
	if b == nil {
		return nil, fail(exchange.CodeMissing, p, "no object given")
	}
	op := p.Child(string(kind))
	id := b.ObjectIdentifier
	cur := a.t.visible(id, a.requester)
	if cur == nil {
		return nil, fail(exchange.CodeUpdateTargetAbsent, op.Child("ObjectIdentifier"), "no object %s to update", id)
	}
	if kind != cur.kind {
		return nil, fail(exchange.CodeImproperValue, op, "object %s is a %s, not a %s", id, cur.kind, kind)
	}
	if !a.s.faults.has(IgnoreGeneration) && b.Generation != cur.gen {
		return nil, fail(exchange.CodeStaleGeneration, op.Child("Generation"),
			"generation %d is stale: object %s is at generation %d", b.Generation, id, cur.gen)
	}
	cb := cur.obj.Base()
	if b.CountryCode != cb.CountryCode || b.OwnerIdentifier != cb.OwnerIdentifier {
		return nil, fail(exchange.CodeChangeNotAllowed, op.Child("OwnerIdentifier"), "the owner of object %s cannot change", id)
	}
	if fl := a.links(op, o); fl != nil {
		return nil, fl
	}
	merged, err := merge(cur.obj, *o)
	if err != nil {
		return nil, fail(exchange.CodeGeneral, op, "cannot apply the update: %v", err)
	}
	mb := merged.Base()
	mb.Generation = cur.gen + 1
	mb.LastChanged = exchange.NewDateTime(a.now)
	mb.Status = cb.Status
	a.t.put(&record{obj: merged, kind: kind, gen: mb.Generation, changed: a.now, requester: cur.requester})
	return &exchange.ObjectResult{Identifier: id, Generation: mb.Generation}, nil
}

// links checks that every object o points to exists in the requester's case (3016), and
// that a delivery names a task.
func (a *applier) links(p exchange.Path, o *exchange.Object) *failure {
	if a.s.faults.has(AcceptUnknownLinks) {
		return nil
	}
	for i, id := range o.Base().AssociatedObject {
		if a.t.visible(id, a.requester) == nil {
			return fail(exchange.CodeLinkMissing, p.Item("AssociatedObject", i), "associated object %s does not exist", id)
		}
	}
	if d := o.Delivery; d != nil {
		task := a.t.visible(d.TaskReference, a.requester)
		if task == nil {
			return fail(exchange.CodeLinkMissing, p.Child("TaskReference"), "task %s does not exist", d.TaskReference)
		}
		if !isTask(task.kind) {
			return fail(exchange.CodeImproperValue, p.Child("TaskReference"), "object %s is a %s, not a task", d.TaskReference, task.kind)
		}
	}
	return nil
}

func (a *applier) list(p exchange.Path, l *exchange.ListAction) (*exchange.ListResult, *failure) {
	var since time.Time
	if l.ChangedSince != "" {
		t, err := l.ChangedSince.Time()
		if err != nil {
			return nil, fail(exchange.CodeImproperValue, p.Child("ChangedSince"), "%v", err)
		}
		since = t
	}
	out := &exchange.ListResult{}
	var fl *failure
	a.t.each(a.requester, func(r *record) {
		if fl != nil {
			return
		}
		switch {
		case l.ObjectType != "" && r.kind != l.ObjectType:
			return
		case l.AssociatedWith != "" && !slices.Contains(r.links(), l.AssociatedWith):
			return
		case !since.IsZero() && r.changed.Before(since):
			return
		}
		if len(out.ListedObject) == a.s.maxListed {
			fl = fail(exchange.CodeGeneral, p, "more than %d objects match; narrow the filter", a.s.maxListed)
			return
		}
		out.ListedObject = append(out.ListedObject, exchange.ListedObject{
			Identifier:  r.obj.Base().ObjectIdentifier,
			ObjectType:  r.kind,
			Generation:  r.gen,
			LastChanged: r.obj.Base().LastChanged,
		})
	})
	if fl != nil {
		return nil, fl
	}
	return out, nil
}

// notify records the notification the implementation sends when it receives a task: the
// task was received and is pending.
func (a *applier) notify(task exchange.UUID) {
	yes := true
	id := a.s.identity
	n := &exchange.Notification{
		ObjectBase: exchange.ObjectBase{
			ObjectIdentifier: exchange.NewUUID(),
			CountryCode:      id.CountryCode,
			OwnerIdentifier:  id.UniqueIdentifier,
			Generation:       1,
			AssociatedObject: []exchange.UUID{task},
			LastChanged:      exchange.NewDateTime(a.now),
			Status:           status(statusActive),
		},
		NotificationType: exchange.Code{Owner: exchange.DictionaryOwner, Name: exchange.DictNotificationType, Value: notificationReceived},
		Timestamp:        exchange.NewDateTime(a.now),
		New:              &yes,
		StatusOfAssociatedObject: []exchange.ObjectStatus{{
			ObjectIdentifier: task,
			Status:           *status(statusPending),
		}},
	}
	a.t.put(&record{obj: exchange.Object{Notification: n}, kind: exchange.KindNotification, gen: 1, changed: a.now, requester: a.requester})
}

// Values of the ObjectStatus dictionary the implementation assigns.
const (
	statusPending        = "Pending"
	statusActive         = "Active"
	statusAccepted       = "Accepted"
	notificationReceived = "Received"
)

func status(v string) *exchange.Code {
	return &exchange.Code{Owner: exchange.DictionaryOwner, Name: exchange.DictObjectStatus, Value: v}
}

// statusFor is the status a newly received object starts in.
func statusFor(k exchange.ObjectKind) string {
	switch k {
	case exchange.KindNotification:
		return statusActive
	case exchange.KindDelivery, exchange.KindDocument:
		return statusAccepted
	}
	return statusPending
}

func isTask(k exchange.ObjectKind) bool {
	switch k {
	case exchange.KindAssistanceTask, exchange.KindDisclosureTask, exchange.KindPreservationTask,
		exchange.KindSurrenderTask, exchange.KindAssetTask:
		return true
	}
	return false
}

// merge applies an UPDATE: every member present in upd replaces the stored one, members
// absent keep their stored value. It works on the JSON form, whose member names are the
// model's, so it needs no per-type code.
func merge(stored, upd exchange.Object) (exchange.Object, error) {
	kind := string(stored.Kind())
	inner := func(o exchange.Object) (map[string]json.RawMessage, error) {
		data, err := json.Marshal(o)
		if err != nil {
			return nil, err
		}
		var outer map[string]map[string]json.RawMessage
		if err := json.Unmarshal(data, &outer); err != nil {
			return nil, err
		}
		return outer[kind], nil
	}
	base, err := inner(stored)
	if err != nil {
		return exchange.Object{}, err
	}
	changes, err := inner(upd)
	if err != nil {
		return exchange.Object{}, err
	}
	for k, v := range changes {
		base[k] = v
	}
	data, err := json.Marshal(map[string]any{kind: base})
	if err != nil {
		return exchange.Object{}, err
	}
	var out exchange.Object
	if err := json.Unmarshal(data, &out); err != nil {
		return exchange.Object{}, err
	}
	return out, nil
}
