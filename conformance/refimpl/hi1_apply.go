package refimpl

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
)

// hi1Record is one stored HI-1 object; like record, it is replaced, never changed.
type hi1Record struct {
	obj       hi1.HI1Object
	gen       int
	requester exchange.Party
	changed   time.Time
	seq       uint64
}

// hi1Store holds HI-1 objects in memory, bounded; it is the receiver's view of earlier
// requests that CheckLinks resolves references against.
type hi1Store struct {
	mu   sync.Mutex
	objs map[string]*hi1Record
	max  int
	seq  uint64
}

func newHI1Store(max int) *hi1Store { return &hi1Store{objs: map[string]*hi1Record{}, max: max} }

// Resolve implements exchange.LinkResolver. HI-1 has no closed state the profile tracks,
// so a stored object never counts as expired.
func (s *hi1Store) Resolve(id exchange.UUID) (exists, expired bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.objs[string(id)]
	return ok, false
}

// apply answers every action of an accepted request in order, under the store's lock, so
// that a request sees the objects its earlier actions created.
func (s *HI1Server) apply(m *hi1.HI1Message) []hi1.ActionResponse {
	requester := party(m.Header.SenderIdentifier)
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []hi1.ActionResponse
	for _, a := range m.Payload.RequestPayload.ActionRequests {
		r := hi1.ActionResponse{ActionIdentifier: a.ActionIdentifier}
		if ei := s.do(&r, &a, requester); ei != nil {
			r = hi1.ActionResponse{ActionIdentifier: a.ActionIdentifier, ErrorInformation: ei}
		}
		out = append(out, r)
	}
	return out
}

func actionError(code exchange.ErrorCode, format string, args ...any) *hi1.ErrorInformation {
	return &hi1.ErrorInformation{ErrorCode: code, ErrorDescription: fmt.Sprintf(format, args...)}
}

// do performs one action (the store is locked) and fills r, or returns why it failed.
func (s *HI1Server) do(r *hi1.ActionResponse, a *hi1.ActionRequest, requester exchange.Party) *hi1.ErrorInformation {
	st := s.store
	switch {
	case a.GET != nil:
		rec := st.visible(a.GET.Identifier, requester)
		if rec == nil {
			return actionError(exchange.CodeGetNotFound, "no object %s", a.GET.Identifier)
		}
		r.GETResponse = &hi1.GETResponse{HI1Object: rec.obj}
	case a.CREATE != nil:
		id := a.CREATE.HI1Object.Base().ObjectIdentifier
		if _, ok := st.objs[id]; ok {
			return actionError(exchange.CodeExists, "object %s already exists", id)
		}
		if len(st.objs) >= st.max {
			return actionError(exchange.CodeTransient, "the store is full; send again later")
		}
		if _, unknown := a.CREATE.HI1Object.(*hi1.UnknownObject); !unknown || !s.faults.has(DropUnknownObjects) {
			st.put(a.CREATE.HI1Object, 1, requester, s.now())
		}
		r.CREATEResponse = &hi1.CREATEResponse{Identifier: id}
	case a.UPDATE != nil:
		o := a.UPDATE.HI1Object
		id := o.Base().ObjectIdentifier
		rec := st.visible(id, requester)
		if rec == nil {
			return actionError(exchange.CodeUpdateTargetAbsent, "no object %s to update", id)
		}
		if rec.obj.Type() != o.Type() {
			return actionError(exchange.CodeChangeNotAllowed, "object %s is a %s, not a %s", id, rec.obj.Type().Local, o.Type().Local)
		}
		if g := o.Base().Generation; !s.faults.has(IgnoreGeneration) && (g == nil || *g != rec.gen) {
			return actionError(exchange.CodeStaleGeneration, "object %s is at generation %d; the update names another", id, rec.gen)
		}
		st.put(o, rec.gen+1, requester, s.now())
		r.UPDATEResponse = &hi1.UPDATEResponse{Identifier: id}
	case a.LIST != nil:
		r.LISTResponse = &hi1.LISTResponse{ListResponseRecord: st.list(a.LIST, requester)}
	case a.DELIVER != nil:
		o := a.DELIVER.HI1Object
		if id := o.Base().ObjectIdentifier; st.objs[id] == nil && len(st.objs) < st.max {
			st.put(o, 1, requester, s.now())
		}
		r.DELIVERResponse = &hi1.DELIVERResponse{Identifier: a.DELIVER.Identifier}
	default:
		return actionError(exchange.CodeMissing, "action %d has no verb", a.ActionIdentifier)
	}
	return nil
}

// visible returns the object when it belongs to the requester's case.
func (s *hi1Store) visible(id string, requester exchange.Party) *hi1Record {
	if rec := s.objs[id]; rec != nil && rec.requester == requester {
		return rec
	}
	return nil
}

// put stores the object as the generation, which it then reports.
func (s *hi1Store) put(o hi1.HI1Object, gen int, requester exchange.Party, now time.Time) {
	g := gen
	o.Base().Generation = &g
	s.seq++
	s.objs[o.Base().ObjectIdentifier] = &hi1Record{obj: o, gen: gen, requester: requester, changed: now, seq: s.seq}
}

// objectTypeValue is the ETSI ObjectType dictionary value of an object type:
// its local name without the "Object" suffix (LDTask for LDTaskObject).
func objectTypeValue(o hi1.HI1Object) string { return strings.TrimSuffix(o.Type().Local, "Object") }

// list returns the requester's objects of the LIST's type, in creation order, bounded by
// DefaultMaxListed.
func (s *hi1Store) list(l *hi1.LISTRequest, requester exchange.Party) []hi1.ListResponseRecord {
	var recs []*hi1Record
	for _, rec := range s.objs {
		if rec.requester != requester || (l.ObjectType != nil && objectTypeValue(rec.obj) != l.ObjectType.Value) {
			continue
		}
		recs = append(recs, rec)
	}
	slices.SortFunc(recs, func(a, b *hi1Record) int { return cmp.Compare(a.seq, b.seq) })
	var out []hi1.ListResponseRecord
	for _, rec := range recs {
		if len(out) == DefaultMaxListed {
			break
		}
		b := rec.obj.Base()
		out = append(out, hi1.ListResponseRecord{
			ObjectType: hi1.DictionaryEntry{Owner: "ETSI", Name: "ObjectType", Value: objectTypeValue(rec.obj)},
			Identifier: b.ObjectIdentifier, Generation: rec.gen,
		})
	}
	return out
}
