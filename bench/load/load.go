package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// options of a run beyond the load itself.
type options struct {
	// serverPID is the server process whose CPU time is measured; 0: none.
	serverPID int
	// selfCPU measures this process instead (the server runs in it).
	selfCPU bool
	// cpuProfile receives a CPU profile of the measured phase; nil: none.
	cpuProfile io.Writer
	// storeObjects, when set, reports how many objects the server holds, for a check
	// that its store has exactly what was accepted (in-process servers only).
	storeObjects func() int
}

// load runs the clients against the target, audits the result and reports.
func load(ctx context.Context, cfg config, o options) (*Report, error) {
	if err := preflight(ctx, cfg); err != nil {
		return nil, err
	}
	r := newRunner(cfg)
	workers := make([]*worker, cfg.clients)
	for i := range workers {
		workers[i] = newWorker(r, i)
	}
	objectsBefore := 0
	if o.storeObjects != nil {
		objectsBefore = o.storeObjects()
	}
	cpuOf, pid := "", 0
	switch {
	case o.selfCPU:
		cpuOf, pid = "process", os.Getpid()
	case o.serverPID > 0:
		cpuOf, pid = "server", o.serverPID
	}
	cpu0, cpuErr := time.Duration(0), error(nil)
	if pid > 0 {
		cpu0, cpuErr = procCPU(pid)
	}
	if o.cpuProfile != nil {
		if err := pprof.StartCPUProfile(o.cpuProfile); err != nil {
			return nil, err
		}
	}

	rep := &Report{Target: cfg.target, Started: time.Now().UTC(), Clients: cfg.clients, Mix: cfg.mix.String(),
		GoVersion: runtime.Version(), NumCPU: runtime.NumCPU(), Load: loadAverage()}
	for _, f := range cfg.formats {
		rep.Formats = append(rep.Formats, f.String())
	}
	r.measured.Store(true)
	start := time.Now()
	deadline := start.Add(cfg.duration)
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.run(ctx, deadline)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	r.measured.Store(false)
	if o.cpuProfile != nil {
		pprof.StopCPUProfile()
	}
	var cpu1 time.Duration
	if pid > 0 && cpuErr == nil {
		cpu1, cpuErr = procCPU(pid)
	}

	var all []time.Duration
	for _, w := range workers {
		all = append(all, w.latency...)
	}
	rep.Seconds = elapsed.Seconds()
	rep.Messages = int64(len(all))
	rep.PerSec = float64(len(all)) / elapsed.Seconds()
	rep.Latency = percentiles(all)
	if pid > 0 && cpuErr == nil {
		rep.CPU = CPU{Of: cpuOf, Seconds: (cpu1 - cpu0).Seconds()}
		if len(all) > 0 {
			rep.CPU.PerMsg = (cpu1 - cpu0) / time.Duration(len(all))
		}
	}

	// The audit runs even when ctx was cancelled (^C): what was accepted must be there.
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), auditTimeout(cfg))
	defer cancel()
	rep.Audit = r.audit(actx, workers)
	if o.storeObjects != nil {
		r.checkStore(workers, rep.Audit, o.storeObjects()-objectsBefore)
	}
	rep.Ops = r.ops
	rep.Problems = r.probs.list()
	return rep, nil
}

// auditTimeout bounds the audit: it sends a few messages per case and a sample of GETs.
func auditTimeout(cfg config) time.Duration {
	return max(2*time.Minute, cfg.duration)
}

// checkStore compares the number of objects an in-process server gained with what was
// accepted: one per case, and two per task (the task and the notification of its receipt).
func (r *runner) checkStore(workers []*worker, a Audit, gained int) {
	want := 0
	for _, w := range workers {
		for _, c := range w.cases {
			if c.accepted {
				want++
			}
			for _, t := range c.tasks {
				if t.created {
					want += 2
				}
			}
		}
	}
	want += 2 * int(a.CreatesInDoubtStored)
	switch {
	case gained > want:
		r.probs.add(probDuplicated, "the store gained %d objects, %d were accepted", gained, want)
	case gained < want:
		r.probs.add(probLost, "the store gained %d objects, %d were accepted", gained, want)
	}
}

// preflight sends one signed GETCAPABILITIES and requires HTTP 200, so that a wrong
// address is a usage error rather than a flood of problems. What the answer holds is the
// run's business: a server whose responses never verify is reported as such.
func preflight(ctx context.Context, cfg config) error {
	r := newRunner(cfg)
	m, err := r.sign(cfg.formats[0], exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.target, bytes.NewReader(m.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", m.format.MediaType())
	resp, err := cfg.http.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %v", errNoTarget, err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponseBytes))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: %s answered HTTP %d to a signed message", errNoTarget, cfg.target, resp.StatusCode)
	}
	return nil
}
