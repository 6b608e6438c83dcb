package main

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// maxObjects bounds the in-memory store; a full store answers 3003 (retry later).
const maxObjects = 100_000

// record is one stored object and the party whose case it belongs to: a requester
// sees only its own objects and the notifications about them.
type record struct {
	obj   exchange.Object
	owner exchange.Party
}

// store holds the objects. Records are never changed in place: an update stores a new
// record, so a copy of the map is a snapshot, which is how a failed all-or-nothing request
// is rolled back. Copying costs time in proportion to the objects held; a store backed by
// a database would use one transaction per request instead.
type store struct {
	objects map[exchange.UUID]*record
}

func newStore() *store { return &store{objects: map[exchange.UUID]*record{}} }

// failure is an action's error.
type failure struct {
	code exchange.ErrorCode
	msg  string
}

func fail(code exchange.ErrorCode, format string, args ...any) *failure {
	return &failure{code, fmt.Sprintf(format, args...)}
}

// apply runs the actions of a valid request all-or-nothing: on the first failure the
// store is left as it was, and every other action reports 3000 (not applied).
func (s *store) apply(req *exchange.Message, me exchange.Party, now time.Time) []exchange.ActionResult {
	work := &store{objects: maps.Clone(s.objects)}
	from := req.Header.Sender
	results := make([]exchange.ActionResult, len(req.Payload.Request.Action))
	failed := -1
	for i, a := range req.Payload.Request.Action {
		results[i].ActionIdentifier = a.ActionIdentifier
		if f := work.do(&results[i], &a, from, me, now); f != nil {
			results[i] = exchange.ActionResult{ActionIdentifier: a.ActionIdentifier,
				Failure: &exchange.ErrorInformation{Code: f.code, Description: f.msg}}
			failed = i
			break
		}
	}
	if failed < 0 {
		s.objects = work.objects // commit
		return results
	}
	for i := range results {
		if i != failed {
			results[i] = exchange.ActionResult{ActionIdentifier: results[i].ActionIdentifier,
				Failure: &exchange.ErrorInformation{Code: exchange.CodeGeneral,
					Description: fmt.Sprintf("not applied: action %d failed and the request is all-or-nothing", failed)}}
		}
	}
	return results
}

// do applies one action and fills its result.
func (s *store) do(res *exchange.ActionResult, a *exchange.Action, from, me exchange.Party, now time.Time) *failure {
	switch {
	case a.GETCAPABILITIES != nil:
		res.GETCAPABILITIES = &exchange.Capabilities{
			Verb:               []exchange.Verb{exchange.VerbGet, exchange.VerbCreate, exchange.VerbUpdate, exchange.VerbList, exchange.VerbGetCapabilities},
			ObjectType:         slices.Clone(exchange.ObjectKinds),
			Encoding:           []string{exchange.MediaTypeXML, exchange.MediaTypeJSON},
			SignatureAlgorithm: []string{"ES256", "PS256"},
		}
	case a.GET != nil:
		r := s.visible(a.GET.Identifier, from)
		if r == nil {
			return fail(exchange.CodeGetNotFound, "no object %s", a.GET.Identifier)
		}
		res.GET = &exchange.GetResult{Object: r.obj}
	case a.CREATE != nil:
		id, gen, f := s.create(a.CREATE.Object, from, me, now)
		if f != nil {
			return f
		}
		res.CREATE = &exchange.ObjectResult{Identifier: id, Generation: gen}
	case a.UPDATE != nil:
		id, gen, f := s.update(a.UPDATE.Object, from, now)
		if f != nil {
			return f
		}
		res.UPDATE = &exchange.ObjectResult{Identifier: id, Generation: gen}
	case a.LIST != nil:
		res.LIST = s.list(a.LIST, from)
	default: // DELIVER: declared unsupported in capabilities.json
		return fail(exchange.CodeNotSupported, "%s is not supported", a.Verb())
	}
	return nil
}

func (s *store) create(o exchange.Object, from, me exchange.Party, now time.Time) (exchange.UUID, int, *failure) {
	b := o.Base()
	if _, exists := s.objects[b.ObjectIdentifier]; exists {
		return "", 0, fail(exchange.CodeExists, "object %s already exists", b.ObjectIdentifier)
	}
	if len(s.objects) >= maxObjects {
		return "", 0, fail(exchange.CodeTransient, "the store is full; try again later")
	}
	if f := s.links(b, from); f != nil {
		return "", 0, f
	}
	// Generation and LastChanged are the receiver's to set.
	b.Generation, b.LastChanged = 1, exchange.NewDateTime(now)
	s.objects[b.ObjectIdentifier] = &record{obj: o, owner: from}

	// A new task gets a "Received" notification, which the requester finds with LIST.
	if isTask(o.Kind()) {
		n := &exchange.Notification{
			ObjectBase: exchange.ObjectBase{
				ObjectIdentifier: exchange.NewUUID(),
				CountryCode:      me.CountryCode,
				OwnerIdentifier:  me.UniqueIdentifier,
				Generation:       1,
				AssociatedObject: []exchange.UUID{b.ObjectIdentifier},
				LastChanged:      exchange.NewDateTime(now),
			},
			NotificationType: exchange.Code{Owner: exchange.DictionaryOwner, Name: exchange.DictNotificationType, Value: "Received"},
			Timestamp:        exchange.NewDateTime(now),
		}
		s.objects[n.ObjectIdentifier] = &record{obj: exchange.Object{Notification: n}, owner: from}
	}
	return b.ObjectIdentifier, 1, nil
}

// update replaces the members the UPDATE carries and keeps the others; the requester
// must name the generation it read (3008 otherwise), so concurrent edits are not lost.
func (s *store) update(o exchange.Object, from exchange.Party, now time.Time) (exchange.UUID, int, *failure) {
	b := o.Base()
	cur := s.visible(b.ObjectIdentifier, from)
	switch {
	case cur == nil:
		return "", 0, fail(exchange.CodeUpdateTargetAbsent, "no object %s to update", b.ObjectIdentifier)
	case cur.obj.Kind() != o.Kind():
		return "", 0, fail(exchange.CodeImproperValue, "object %s is a %s, not a %s", b.ObjectIdentifier, cur.obj.Kind(), o.Kind())
	case b.Generation != cur.obj.Base().Generation:
		return "", 0, fail(exchange.CodeStaleGeneration, "generation %d is stale: the object is at generation %d", b.Generation, cur.obj.Base().Generation)
	}
	if f := s.links(b, from); f != nil {
		return "", 0, f
	}
	merged := merge(cur.obj, o)
	mb := merged.Base()
	mb.Generation, mb.LastChanged = cur.obj.Base().Generation+1, exchange.NewDateTime(now)
	s.objects[b.ObjectIdentifier] = &record{obj: merged, owner: cur.owner}
	return b.ObjectIdentifier, mb.Generation, nil
}

func (s *store) list(l *exchange.ListAction, from exchange.Party) *exchange.ListResult {
	res := &exchange.ListResult{}
	for _, id := range slices.Sorted(maps.Keys(s.objects)) {
		r := s.visible(id, from)
		if r == nil {
			continue
		}
		b := r.obj.Base()
		if (l.ObjectType != "" && r.obj.Kind() != l.ObjectType) ||
			(l.AssociatedWith != "" && !slices.Contains(b.AssociatedObject, l.AssociatedWith)) ||
			(l.ChangedSince != "" && !changedSince(b.LastChanged, l.ChangedSince)) {
			continue
		}
		res.ListedObject = append(res.ListedObject, exchange.ListedObject{
			Identifier: id, ObjectType: r.obj.Kind(), Generation: b.Generation, LastChanged: b.LastChanged})
	}
	return res
}

// links refuses an AssociatedObject the requester cannot see (3016).
func (s *store) links(b *exchange.ObjectBase, from exchange.Party) *failure {
	for _, id := range b.AssociatedObject {
		if s.visible(id, from) == nil {
			return fail(exchange.CodeLinkMissing, "associated object %s does not exist", id)
		}
	}
	return nil
}

// visible returns the object when it exists and belongs to the requester's case.
func (s *store) visible(id exchange.UUID, from exchange.Party) *record {
	if r := s.objects[id]; r != nil && r.owner == from {
		return r
	}
	return nil
}

func isTask(k exchange.ObjectKind) bool {
	switch k {
	case exchange.KindAssistanceTask, exchange.KindDisclosureTask, exchange.KindPreservationTask,
		exchange.KindSurrenderTask, exchange.KindAssetTask:
		return true
	}
	return false
}

func changedSince(last, since exchange.DateTime) bool {
	l, err1 := last.Time()
	s, err2 := since.Time()
	return err1 == nil && err2 == nil && !l.Before(s)
}

// merge returns stored with every member the update sets replaced. Each object kind is a
// struct of members, so one reflective loop covers all nine; the common members
// (ObjectBase) merge the same way, one level down.
func merge(stored, upd exchange.Object) exchange.Object {
	out := exchange.Object{}
	sv := reflect.ValueOf(stored)
	uv := reflect.ValueOf(upd)
	ov := reflect.ValueOf(&out).Elem()
	for i := range sv.NumField() { // exactly one kind pointer is set in each
		if sv.Field(i).IsNil() {
			continue
		}
		cp := reflect.New(sv.Field(i).Elem().Type())
		cp.Elem().Set(sv.Field(i).Elem())
		overlay(cp.Elem(), uv.Field(i).Elem())
		ov.Field(i).Set(cp)
	}
	return out
}

func overlay(dst, src reflect.Value) {
	for i := range dst.NumField() {
		f := src.Field(i)
		switch {
		case dst.Type().Field(i).Anonymous: // ObjectBase
			overlay(dst.Field(i), f)
		case !f.IsZero():
			dst.Field(i).Set(f)
		}
	}
}
