package refimpl

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// record is one stored object. A record is never modified once stored: a change stores a
// new record, so a reader may hold one without a lock while the store moves on.
type record struct {
	obj     exchange.Object
	kind    exchange.ObjectKind
	gen     int
	changed time.Time
	// requester is the party whose case the object belongs to: the sender that created it,
	// or, for a notification the implementation created, the party it notifies. Only the
	// requester sees the object through GET, UPDATE and LIST.
	requester exchange.Party
	// seq orders LIST results by creation.
	seq uint64
}

// links returns the objects r points to: its AssociatedObject list and, for a delivery,
// the task it delivers for.
func (r *record) links() []exchange.UUID {
	b := r.obj.Base()
	out := slices.Clone(b.AssociatedObject)
	if d := r.obj.Delivery; d != nil {
		out = append(out, d.TaskReference)
	}
	return out
}

// store holds every object in memory. One request at a time changes it (under mu), which
// makes all-or-nothing requests trivially atomic; validation and signing, the costly
// parts, run outside the lock.
type store struct {
	mu      sync.Mutex
	objects map[exchange.UUID]*record
	seq     uint64
	max     int
}

func newStore(max int) *store {
	return &store{objects: make(map[exchange.UUID]*record), max: max}
}

// begin locks the store and returns a transaction over it; the caller must call end.
func (s *store) begin() *tx {
	s.mu.Lock()
	return &tx{s: s, staged: map[exchange.UUID]*record{}}
}

// tx stages the changes of one request (or, for Independent atomicity, one action) until
// commit; reads see the staged changes first.
type tx struct {
	s      *store
	staged map[exchange.UUID]*record
	order  []exchange.UUID
}

func (t *tx) get(id exchange.UUID) *record {
	if r, ok := t.staged[id]; ok {
		return r
	}
	return t.s.objects[id]
}

// visible returns the object when it exists and belongs to the requester's case.
func (t *tx) visible(id exchange.UUID, requester exchange.Party) *record {
	r := t.get(id)
	if r == nil || r.requester != requester {
		return nil
	}
	return r
}

// full reports whether storing n more new objects would exceed the store's limit.
func (t *tx) full(n int) bool {
	return t.s.max > 0 && len(t.s.objects)+len(t.order)+n > t.s.max
}

func (t *tx) put(r *record) {
	if _, ok := t.staged[r.obj.Base().ObjectIdentifier]; !ok {
		t.order = append(t.order, r.obj.Base().ObjectIdentifier)
	}
	t.staged[r.obj.Base().ObjectIdentifier] = r
}

// commit makes the staged changes visible and starts a new, empty stage.
func (t *tx) commit() {
	for _, id := range t.order {
		r := t.staged[id]
		if old, ok := t.s.objects[id]; ok {
			r.seq = old.seq
		} else {
			t.s.seq++
			r.seq = t.s.seq
		}
		t.s.objects[id] = r
	}
	t.rollback()
}

// rollback drops the staged changes.
func (t *tx) rollback() {
	clear(t.staged)
	t.order = t.order[:0]
}

// end releases the store; staged changes not committed are lost.
func (t *tx) end() { t.s.mu.Unlock() }

// each calls fn for the requester's committed and staged objects in creation order.
func (t *tx) each(requester exchange.Party, fn func(*record)) {
	var rs []*record
	for id, r := range t.s.objects {
		if s, ok := t.staged[id]; ok {
			r = s
		}
		if r.requester == requester {
			rs = append(rs, r)
		}
	}
	slices.SortFunc(rs, func(a, b *record) int { return cmp.Compare(a.seq, b.seq) })
	for _, id := range t.order {
		if r := t.staged[id]; r.requester == requester && t.s.objects[id] == nil {
			rs = append(rs, r)
		}
	}
	for _, r := range rs {
		fn(r)
	}
}

// len reports the number of stored objects.
func (s *store) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.objects)
}
