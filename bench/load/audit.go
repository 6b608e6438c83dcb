package main

import (
	"context"
	"sync"

	"github.com/jcx-dev/jcx/exchange"
)

// Audit is what the audit after the run found.
type Audit struct {
	// Cases is how many cases were listed and checked, Tasks how many tasks the LISTs
	// returned, Gets how many tasks were fetched one by one.
	Cases int64 `json:"cases"`
	Tasks int64 `json:"tasks_listed"`
	Gets  int64 `json:"gets"`
	// CreatesInDoubt counts CREATEs whose answer never arrived, split by whether the
	// audit found the object; UpdatesInDoubt counts UPDATEs whose answer never arrived.
	CreatesInDoubtStored int64 `json:"creates_in_doubt_stored"`
	CreatesInDoubtAbsent int64 `json:"creates_in_doubt_absent"`
	UpdatesInDoubt       int64 `json:"updates_in_doubt"`
}

// auditParallelism bounds the audit's concurrent requests.
const auditParallelism = 16

// audit checks the server's store against what the clients know: every accepted task
// listed exactly once in its case, at the generation its accepted updates make it, and
// nothing else listed; then GETs a sample of the tasks.
func (r *runner) audit(ctx context.Context, workers []*worker) Audit {
	var (
		mu  sync.Mutex
		out Audit
	)
	add := func(fn func(*Audit)) {
		mu.Lock()
		defer mu.Unlock()
		fn(&out)
	}
	var jobs []func()
	for _, w := range workers {
		for _, c := range w.cases {
			if c.accepted {
				jobs = append(jobs, func() { r.auditCase(ctx, w, c, add) })
			}
		}
	}
	r.parallel(jobs)

	var sample []func()
	var settled []*taskState
	owner := map[*taskState]*worker{}
	for _, w := range workers {
		for _, c := range w.cases {
			for _, t := range c.tasks {
				if t.settled() {
					settled = append(settled, t)
					owner[t] = w
				}
			}
		}
	}
	n := len(settled)
	if r.cfg.auditGets >= 0 && r.cfg.auditGets < n {
		n = r.cfg.auditGets
	}
	for i := range n {
		// Spread the sample evenly over clients and time.
		t := settled[i*len(settled)/n]
		w := owner[t]
		sample = append(sample, func() {
			m, ok := w.signOrFail(opAudit, getAction(t.id))
			if !ok {
				return
			}
			a := r.roundTrip(ctx, nil, opAudit, m)
			if a.inDoubt() {
				r.probs.add(probAudit, "GET of %s: no verified answer", t.id)
				return
			}
			if w.checkGet(opAudit, a, t) {
				r.count(opAudit, func(c *opCount) { c.Accepted++ })
				add(func(au *Audit) { au.Gets++ })
			}
		})
	}
	r.parallel(sample)
	return out
}

// auditCase GETs a case and LISTs its tasks.
func (r *runner) auditCase(ctx context.Context, w *worker, c *caseState, add func(func(*Audit))) {
	m, ok := w.signOrFail(opAudit, getAction(c.id))
	if !ok {
		return
	}
	a := r.roundTrip(ctx, nil, opAudit, m)
	switch res, ok := singleResultOf(a); {
	case a.inDoubt():
		r.probs.add(probAudit, "GET of case %s: no verified answer", c.id)
	case !ok || res.GET == nil || res.GET.Authorisation == nil || res.GET.Authorisation.ObjectIdentifier != c.id:
		r.probs.add(probLost, "accepted case %s not retrievable: %s", c.id, describe(a))
	}

	if m, ok = w.signOrFail(opList, listTasks(c.id)); !ok {
		return
	}
	a = r.roundTrip(ctx, nil, opList, m)
	res, ok := singleResultOf(a)
	if !ok || res.LIST == nil {
		r.probs.add(probAudit, "LIST of case %s: %s", c.id, describe(a))
		return
	}
	r.count(opList, func(c *opCount) { c.Accepted++ })
	listed := map[exchange.UUID][]exchange.ListedObject{}
	for _, o := range res.LIST.ListedObject {
		listed[o.Identifier] = append(listed[o.Identifier], o)
	}
	var doubtStored, doubtAbsent, doubtUpdates int64
	for _, t := range c.tasks {
		got := listed[t.id]
		delete(listed, t.id)
		if t.genDoubt {
			doubtUpdates++
		}
		switch {
		case len(got) > 1:
			r.probs.add(probDuplicated, "task %s listed %d times in case %s", t.id, len(got), c.id)
		case len(got) == 0 && t.created:
			r.probs.add(probLost, "accepted task %s not listed in case %s", t.id, c.id)
		case len(got) == 0:
			doubtAbsent++
		case !t.created:
			doubtStored++
		}
		if len(got) == 0 || !t.created {
			continue
		}
		g := got[0]
		if g.ObjectType != exchange.KindAssistanceTask || (g.Generation != t.gen && !(t.genDoubt && g.Generation == t.gen+1)) {
			r.probs.add(probGeneration, "task %s listed as %s generation %d, want generation %d", t.id, g.ObjectType, g.Generation, t.gen)
		}
	}
	for id, got := range listed {
		r.probs.add(probPhantom, "task %s listed %d times in case %s but never accepted", id, len(got), c.id)
	}
	add(func(au *Audit) {
		au.Cases++
		au.Tasks += int64(len(res.LIST.ListedObject))
		au.CreatesInDoubtStored += doubtStored
		au.CreatesInDoubtAbsent += doubtAbsent
		au.UpdatesInDoubt += doubtUpdates
	})
}

// singleResultOf is singleResult for an answer that may be in doubt.
func singleResultOf(a answer) (exchange.ActionResult, bool) {
	if a.inDoubt() {
		return exchange.ActionResult{}, false
	}
	res, ok := singleResult(a)
	return res, ok && res.Failure == nil
}

// parallel runs the jobs, at most auditParallelism at a time.
func (r *runner) parallel(jobs []func()) {
	ch := make(chan func())
	var wg sync.WaitGroup
	for range min(auditParallelism, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range ch {
				job()
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
}
