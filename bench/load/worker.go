package main

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// tasksPerCase bounds the tasks a client creates under one case, so that the audit's
// LIST of a case stays small however long the run.
const tasksPerCase = 1000

// Operations, as named in --mix and in the report.
const (
	opCase   = "case"   // CREATE of a client's case (an Authorisation)
	opCreate = "create" // CREATE of a task
	opGet    = "get"
	opUpdate = "update"
	opReplay = "replay"
	opRace   = "race" // one fresh CREATE sent on two connections at once
	opList   = "audit-list"
	opAudit  = "audit-get"
)

// caseState is one case a client opened.
type caseState struct {
	id       exchange.UUID
	accepted bool
	tasks    []*taskState
}

// taskState is what a client knows of one task it created.
type taskState struct {
	id   exchange.UUID
	root *caseState
	// created is false while the CREATE is in doubt (no verified answer).
	created bool
	// gen is the generation the accepted updates put it at; rev the revision of its
	// Details. When an update's answer was lost, genDoubt is set: it is at gen or gen+1,
	// and the client leaves it alone.
	gen, rev int
	genDoubt bool
}

// settled reports whether the client knows the task's exact state.
func (t *taskState) settled() bool { return t.created && !t.genDoubt }

// worker is one client: it owns its cases and tasks, so it knows what each must be.
type worker struct {
	r       *runner
	id      int
	format  exchange.Format
	rng     *rand.Rand
	latency []time.Duration
	cases   []*caseState
	live    []*taskState // settled tasks, for GET and UPDATE
}

func newWorker(r *runner, id int) *worker {
	return &worker{
		r:      r,
		id:     id,
		format: r.cfg.formats[id%len(r.cfg.formats)],
		rng:    rand.New(rand.NewPCG(r.cfg.seed, uint64(id))),
	}
}

// run sends messages until the deadline (or minMessages), the budget or ctx ends it.
func (w *worker) run(ctx context.Context, deadline time.Time) {
	for w.r.more(time.Now(), deadline) && ctx.Err() == nil && w.r.takeBudget() {
		op := w.r.cfg.mix.pick(w.rng)
		cur := w.current()
		switch {
		case cur == nil || len(cur.tasks) >= tasksPerCase:
			w.openCase(ctx)
		case op == opGet && len(w.live) > 0:
			w.get(ctx, w.live[w.rng.IntN(len(w.live))])
		case op == opUpdate && len(w.live) > 0:
			w.update(ctx, w.live[w.rng.IntN(len(w.live))])
		case op == opReplay:
			w.replay(ctx)
		case op == opRace:
			w.race(ctx, cur)
		default:
			w.create(ctx, cur)
		}
	}
}

// current is the case new tasks go under: the last one opened, if it was accepted.
func (w *worker) current() *caseState {
	if n := len(w.cases); n > 0 && w.cases[n-1].accepted {
		return w.cases[n-1]
	}
	return nil
}

func (w *worker) signOrFail(op string, actions ...exchange.Action) (message, bool) {
	m, err := w.r.sign(w.format, actions...)
	if err != nil {
		w.r.probs.add(probUnexpected, "%s: cannot build the request: %v", op, err)
		return message{}, false
	}
	return m, true
}

func (w *worker) openCase(ctx context.Context) {
	root := caseRoot(w.r.cfg.from, w.r.cfg.to, w.id, len(w.cases))
	m, ok := w.signOrFail(opCase, createAction(exchange.Object{Authorisation: root}))
	if !ok {
		return
	}
	c := &caseState{id: root.ObjectIdentifier}
	a := w.r.roundTrip(ctx, w, opCase, m)
	c.accepted = w.created(opCase, m, a, root.ObjectIdentifier)
	// A case in doubt is kept out of the audit's LIST (nothing was created under it) and
	// a new one is opened next time.
	w.cases = append(w.cases, c)
	if !c.accepted && !a.inDoubt() {
		// Refused (the store is full): do not hammer the server with new cases.
		time.Sleep(10 * time.Millisecond)
	}
}

func (w *worker) createMessage(cur *caseState) (*taskState, message, bool) {
	t := &taskState{id: exchange.NewUUID(), root: cur, gen: 1}
	obj := task(w.r.cfg.from, cur.id, t.id, 0, revision(t.id, 0))
	m, ok := w.signOrFail(opCreate, createAction(exchange.Object{AssistanceTask: obj}))
	return t, m, ok
}

func (w *worker) create(ctx context.Context, cur *caseState) {
	t, m, ok := w.createMessage(cur)
	if !ok {
		return
	}
	a := w.r.roundTrip(ctx, w, opCreate, m)
	w.record(cur, t, w.created(opCreate, m, a, t.id), a.inDoubt())
}

// record adds a task to its case once it was accepted, or while it is in doubt (the
// audit then decides).
func (w *worker) record(cur *caseState, t *taskState, accepted, inDoubt bool) {
	if !accepted && !inDoubt {
		return
	}
	t.created = accepted
	cur.tasks = append(cur.tasks, t)
	if accepted {
		w.live = append(w.live, t)
	}
}

// created checks the answer to a CREATE of a fresh object and reports whether it was
// accepted. A full store (3003) is a refusal the server may give; anything else is a
// problem.
func (w *worker) created(op string, m message, a answer, id exchange.UUID) bool {
	if a.inDoubt() {
		return false
	}
	switch createOutcome(a, id) {
	case outcomeAccepted:
		w.accepted(op, m)
		return true
	case outcomeStoreFull:
		w.r.count(op, func(c *opCount) { c.Refused++; c.StoreFull++ })
	case outcomeRefused:
		w.r.probs.add(probFreshRefused, "%s %s: %s", op, m.tx, describe(a))
	default:
		w.r.probs.add(probUnexpected, "%s of %s: %s", op, id, describe(a))
	}
	return false
}

func (w *worker) accepted(op string, m message) {
	w.r.count(op, func(c *opCount) { c.Accepted++ })
	w.r.recent.push(m)
}

type outcome int

const (
	outcomeOther outcome = iota
	outcomeAccepted
	outcomeStoreFull
	outcomeRefused // as a whole, with message-level errors
)

// createOutcome classifies a verified answer to a CREATE of the object id.
func createOutcome(a answer, id exchange.UUID) outcome {
	res, ok := singleResult(a)
	switch {
	case !ok && len(a.codes) > 0:
		return outcomeRefused
	case !ok:
		return outcomeOther
	case res.Failure != nil && res.Failure.Code == exchange.CodeTransient:
		return outcomeStoreFull
	case res.CREATE != nil && res.CREATE.Identifier == id && res.CREATE.Generation == 1 && res.Failure == nil:
		return outcomeAccepted
	}
	return outcomeOther
}

// singleResult returns the one action result of an answer that was not refused as a
// whole.
func singleResult(a answer) (exchange.ActionResult, bool) {
	if len(a.codes) > 0 || len(a.resp.ActionResult) != 1 {
		return exchange.ActionResult{}, false
	}
	return a.resp.ActionResult[0], true
}

func (w *worker) get(ctx context.Context, t *taskState) {
	m, ok := w.signOrFail(opGet, getAction(t.id))
	if !ok {
		return
	}
	a := w.r.roundTrip(ctx, w, opGet, m)
	if a.inDoubt() {
		return
	}
	if w.checkGet(opGet, a, t) {
		w.accepted(opGet, m)
	}
}

// checkGet checks a GET answer against what the client knows of the task.
func (w *worker) checkGet(op string, a answer, t *taskState) bool {
	res, ok := singleResult(a)
	if !ok {
		w.r.probs.add(probFreshRefused, "%s of %s: %s", op, t.id, describe(a))
		return false
	}
	if res.Failure != nil && res.Failure.Code == exchange.CodeGetNotFound {
		w.r.probs.add(probLost, "%s: accepted task %s not found", op, t.id)
		return false
	}
	var got *exchange.AssistanceTask
	if res.GET != nil {
		got = res.GET.AssistanceTask
	}
	switch {
	case got == nil || got.ObjectIdentifier != t.id:
		w.r.probs.add(probUnexpected, "%s of %s: %s", op, t.id, describe(a))
		return false
	case got.Generation != t.gen || got.Details != revision(t.id, t.rev):
		w.r.probs.add(probStale, "%s of %s: generation %d %q, want %d revision %d", op, t.id, got.Generation, got.Details, t.gen, t.rev)
		return false
	}
	return true
}

func (w *worker) update(ctx context.Context, t *taskState) {
	obj := task(w.r.cfg.from, t.root.id, t.id, t.gen, revision(t.id, t.rev+1))
	m, ok := w.signOrFail(opUpdate, updateAction(exchange.Object{AssistanceTask: obj}))
	if !ok {
		return
	}
	a := w.r.roundTrip(ctx, w, opUpdate, m)
	if a.inDoubt() {
		t.genDoubt = true
		w.drop(t)
		return
	}
	res, ok := singleResult(a)
	if !ok {
		w.r.probs.add(probFreshRefused, "update of %s: %s", t.id, describe(a))
		return
	}
	if res.UPDATE == nil || res.UPDATE.Identifier != t.id || res.UPDATE.Generation != t.gen+1 {
		// The client owns the task: a 3008 here means an update was lost or applied twice.
		w.r.probs.add(probUnexpected, "update of %s at generation %d: %s", t.id, t.gen, describe(a))
		return
	}
	t.gen++
	t.rev++
	w.accepted(opUpdate, m)
}

// drop takes a task out of the live set.
func (w *worker) drop(t *taskState) {
	for i, l := range w.live {
		if l == t {
			w.live[i] = w.live[len(w.live)-1]
			w.live = w.live[:len(w.live)-1]
			return
		}
	}
}

// replay resends the exact bytes of a message already accepted, from any client; it must
// be refused with 8012 and change nothing.
func (w *worker) replay(ctx context.Context) {
	m, ok := w.r.recent.pick(w.rng.Uint64())
	if !ok {
		return
	}
	a := w.r.roundTrip(ctx, w, opReplay, m)
	if a.inDoubt() {
		return
	}
	if !a.refusedWith(exchange.CodeReplay) {
		w.r.probs.add(probReplayAccepted, "replay of %s: %s", m.tx, describe(a))
		return
	}
	w.r.count(opReplay, func(c *opCount) { c.Refused++ })
}

// race sends one fresh CREATE on two connections at once: exactly one copy may be
// accepted and the other must be refused as a replay.
func (w *worker) race(ctx context.Context, cur *caseState) {
	t, m, ok := w.createMessage(cur)
	if !ok {
		return
	}
	var (
		wg      sync.WaitGroup
		answers [2]answer
		lat     [2][]time.Duration
	)
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each copy records its latency in a worker of its own, merged below.
			sub := &worker{r: w.r}
			answers[i] = w.r.roundTrip(ctx, sub, opRace, m)
			lat[i] = sub.latency
		}()
	}
	wg.Wait()
	w.latency = append(append(w.latency, lat[0]...), lat[1]...)
	accepted, refused, doubt := 0, 0, false
	var other []string
	for _, a := range answers {
		switch {
		case a.inDoubt():
			doubt = true
		case a.refusedWith(exchange.CodeReplay):
			refused++
		case createOutcome(a, t.id) == outcomeAccepted:
			accepted++
		default:
			other = append(other, describe(a))
		}
	}
	if refused > 0 {
		w.r.count(opRace, func(c *opCount) { c.Refused += int64(refused) })
	}
	if accepted > 0 {
		w.accepted(opRace, m)
	}
	switch {
	case accepted > 1:
		w.r.probs.add(probDuplicated, "race: both copies of %s accepted", m.tx)
	case len(other) > 0 || (!doubt && (accepted != 1 || refused != 1)):
		w.r.probs.add(probReplayAccepted, "race: %s: %d accepted, %d refused as replays, other: %v",
			m.tx, accepted, refused, other)
	}
	w.record(cur, t, accepted > 0, accepted == 0 && doubt)
}
