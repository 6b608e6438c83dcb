package conformance

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

// unit is one case in one encoding: the thing a verdict is given to.
type unit struct {
	c   *Case
	enc Encoding
}

// Run runs the suite against cfg.Target and returns the verdicts. It returns an error
// wrapping ErrConfig or ErrSuite when the run cannot start, and ErrUnreachable when the
// implementation does not answer the probe sent first. Once started, a run always ends:
// a hanging, crashing or lying implementation earns verdicts, not errors.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	r, err := newRunner(cfg)
	if err != nil {
		return nil, err
	}
	return r.run(ctx)
}

type runner struct {
	cfg   Config
	suite *Suite
	kit   Toolkit
	impl  exchange.Party
	now   func() time.Time
	// logVerifier checks the log of Config.Log; nil without one.
	logVerifier *exchangelog.Verifier
}

func newRunner(cfg Config) (*runner, error) {
	if cfg.Target == nil {
		return nil, fmt.Errorf("%w: no target", ErrConfig)
	}
	if cfg.Shards < 0 || cfg.Shard < 0 || (cfg.Shards > 0 && (cfg.Shard < 1 || cfg.Shard > cfg.Shards)) {
		return nil, fmt.Errorf("%w: shard %d/%d", ErrConfig, cfg.Shard, cfg.Shards)
	}
	r := &runner{cfg: cfg, suite: cfg.Suite, kit: cfg.Toolkit, now: cfg.Now}
	if r.suite == nil {
		s, err := Core()
		if err != nil {
			return nil, err
		}
		r.suite = s
	}
	if r.kit == nil {
		k, err := toolkitFor(r.suite.Manifest.binding())
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrConfig, err)
		}
		r.kit = k
	}
	r.impl = cfg.Implementation
	if r.impl == (exchange.Party{}) {
		r.impl = r.kit.Implementation()
	}
	if r.now == nil {
		r.now = time.Now
	}
	if cfg.Log != nil {
		v, err := cfg.Log.verifier()
		if err != nil {
			return nil, err
		}
		r.logVerifier = v
	}
	if cfg.Timeout < 0 || cfg.Parallel < 0 {
		return nil, fmt.Errorf("%w: timeout %v and parallel %d must be positive (zero means the default)", ErrConfig, cfg.Timeout, cfg.Parallel)
	}
	if r.cfg.Timeout == 0 {
		r.cfg.Timeout = 10 * time.Second
	}
	if r.cfg.Parallel == 0 {
		// The work is mostly signing and verifying, on both sides when the implementation
		// runs in process: more workers than processors only add waiting.
		r.cfg.Parallel = max(2, runtime.GOMAXPROCS(0))
	}
	if cfg.Profile != "" {
		known := false
		for _, p := range r.suite.Manifest.Profiles {
			known = known || p == cfg.Profile
		}
		if !known {
			return nil, fmt.Errorf("%w: suite %s has no profile %q", ErrConfig, r.suite.Manifest.ID, cfg.Profile)
		}
	}
	return r, nil
}

// Select returns the cases the configuration selects by profile and shard, in id order.
// Cases that --run or --skip leave out are still selected: they are reported as
// skipped-by-choice, so a partial run says what it did not do.
func Select(s *Suite, profile string, shard, shards int) []*Case {
	var out []*Case
	n := 0
	for i := range s.Cases {
		c := &s.Cases[i]
		if !c.hasProfile(profile) {
			continue
		}
		n++
		if shards > 0 && (n-1)%shards != shard-1 {
			continue
		}
		out = append(out, c)
	}
	return out
}

func (r *runner) run(ctx context.Context) (*Result, error) {
	started := r.now()
	res := &Result{
		Suite:          SuiteInfo{r.suite.Manifest.ID, r.suite.Manifest.Version, r.suite.Digest},
		ToolVersion:    r.cfg.ToolVersion,
		Implementation: r.impl,
		Capabilities:   r.cfg.Capabilities,
		Selection:      Selection{Profile: r.cfg.Profile},
		Started:        started.UTC(),
	}
	if r.cfg.Run != nil {
		res.Selection.Run = r.cfg.Run.String()
	}
	if r.cfg.Skip != nil {
		res.Selection.Skip = r.cfg.Skip.String()
	}
	if r.cfg.Shards > 0 {
		res.Selection.Shard = fmt.Sprintf("%d/%d", r.cfg.Shard, r.cfg.Shards)
	}
	if err := r.probe(ctx, res); err != nil {
		return nil, err
	}
	// Isolated and hostile cases run last and one at a time, in id order, so that an
	// implementation that dies on one cannot disturb the verdicts of the others, and the
	// verdicts are the same on every run.
	var normal, hostile []unit
	for _, c := range Select(r.suite, r.cfg.Profile, r.cfg.Shard, r.cfg.Shards) {
		for _, e := range c.encodings() {
			u := unit{c, e}
			if c.Kind == KindHostile || c.Isolated {
				hostile = append(hostile, u)
			} else {
				normal = append(normal, u)
			}
		}
	}
	var mu sync.Mutex
	report := func(cr CaseResult) {
		mu.Lock()
		defer mu.Unlock()
		res.Cases = append(res.Cases, cr)
		if r.cfg.Progress != nil {
			r.cfg.Progress(cr)
		}
	}
	r.runAll(ctx, normal, r.cfg.Parallel, report)
	r.runAll(ctx, hostile, 1, report)
	sort.Slice(res.Cases, func(i, j int) bool { return res.Cases[i].Name() < res.Cases[j].Name() })
	res.Duration = r.now().Sub(started)
	r.summarise(res)
	return res, nil
}

// runAll runs units on n workers.
func (r *runner) runAll(ctx context.Context, units []unit, n int, report func(CaseResult)) {
	ch := make(chan unit)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range ch {
				report(r.runUnit(ctx, u))
			}
		}()
	}
	for _, u := range units {
		ch <- u
	}
	close(ch)
	wg.Wait()
}

// probe sends one message before any case. Only an implementation that cannot be
// connected to at all stops the run (ErrUnreachable): one that accepts the connection and
// then answers badly, closes it or hangs is tested, and its verdicts say what it does.
func (r *runner) probe(ctx context.Context, res *Result) error {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	cr := &caseRun{r: r, enc: XML, x: r.expander()}
	defer cr.x.canary.close()
	_, err := cr.send(ctx, &Step{Template: r.suite.Manifest.Probe, Expect: Expect{Outcome: OutcomeAccepted}}, "probe")
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrUnreachable):
		return fmt.Errorf("%w: %v", ErrUnreachable, errors.Unwrap(err))
	case errors.Is(err, ErrConfig):
		return fmt.Errorf("%w: %v", ErrConfig, errors.Unwrap(err))
	}
	res.Notes = append(res.Notes, "the probe sent before the first case got no good answer: "+err.Error())
	return nil
}

func (r *runner) expander() *expander {
	return &expander{harness: r.kit.Harness(), impl: r.impl, now: r.now(), ids: map[string]string{}, newUUID: newUUID, canary: &canaries{}}
}

func (r *runner) runUnit(ctx context.Context, u unit) CaseResult {
	cr := CaseResult{
		ID: u.c.ID, Title: u.c.Title, Kind: u.c.Kind, Encoding: u.enc,
		Level: r.suite.Level(u.c), Requirements: u.c.Requirements, Profiles: u.c.Profiles,
	}
	switch {
	case u.c.Kind == KindLog && r.cfg.Log == nil:
		cr.Verdict, cr.Reason = SkippedUnsupported, errNoLog.Error()
		return cr
	case r.cfg.Capabilities.unsupported("encoding:" + string(u.enc)):
		cr.Verdict, cr.Reason = SkippedUnsupported, "encoding:"+string(u.enc)+" is declared unsupported"
		return cr
	case r.cfg.Run != nil && !r.cfg.Run.MatchString(u.c.ID) && !r.cfg.Run.MatchString(cr.Name()) && !r.cfg.Run.MatchString(u.c.Title):
		cr.Verdict, cr.Reason = SkippedByChoice, "not selected by --run"
		return cr
	case r.cfg.Skip != nil && (r.cfg.Skip.MatchString(u.c.ID) || r.cfg.Skip.MatchString(cr.Name())):
		cr.Verdict, cr.Reason = SkippedByChoice, "skipped by --skip"
		return cr
	}
	if why, ok := r.cfg.Waivers[u.c.ID]; ok {
		cr.Verdict, cr.Reason = Waived, why
		return cr
	}
	for _, f := range u.c.Features {
		if r.cfg.Capabilities.unsupported(f) {
			cr.Verdict, cr.Reason = SkippedUnsupported, f+" is declared unsupported"
			return cr
		}
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	run := &caseRun{r: r, c: u.c, enc: u.enc, x: r.expander()}
	defer run.x.canary.close()
	err := run.do(ctx)
	cr.Duration = time.Since(start)
	cr.Transcript = run.transcript
	cr.Verdict, cr.Reason = Pass, ""
	if err != nil {
		var f *failure
		if errors.As(err, &f) {
			cr.Verdict, cr.Reason, cr.misconfigured = f.verdict, f.msg, f.misconfigured
		} else {
			cr.Verdict, cr.Reason = Error, err.Error()
		}
	}
	return cr
}

// summarise folds case verdicts into requirement verdicts, counts and conformance.
func (r *runner) summarise(res *Result) {
	res.Counts = map[Verdict]int{}
	byReq := map[string][]CaseResult{}
	res.Conformant = true
	mustRan := false
	tested := map[string]bool{}
	for _, c := range res.Cases {
		res.Counts[c.Verdict]++
		if c.Verdict == Pass || c.Verdict.failed() {
			for _, p := range c.Profiles {
				tested[p] = true
			}
		}
		for _, id := range c.Requirements {
			byReq[id] = append(byReq[id], c)
		}
		if c.Level == MUST && c.Verdict.failed() {
			res.Conformant = false
		}
		mustRan = mustRan || (c.Level == MUST && (c.Verdict == Pass || c.Verdict.failed()))
	}
	res.Profiles = []string{}
	for _, p := range r.suite.Manifest.Profiles {
		if tested[p] {
			res.Profiles = append(res.Profiles, p)
		}
	}
	for _, q := range r.suite.Requirements {
		rr := RequirementResult{ID: q.ID, Level: q.Level, Text: q.Text, Clause: q.Clause, Verdict: Untested}
		for _, c := range byReq[q.ID] {
			rr.Cases = append(rr.Cases, c.Name())
			if rr.Verdict == Untested || c.Verdict.severity() > rr.Verdict.severity() {
				rr.Verdict = c.Verdict
			}
		}
		res.Requirements = append(res.Requirements, rr)
	}
	if hint, all := misconfiguration(res.Cases); hint != "" {
		if all {
			res.Inconclusive = hint
		} else {
			res.Notes = append(res.Notes, hint)
		}
	}
	if !mustRan && res.Inconclusive == "" {
		// A run that tested no MUST proves nothing, however green it looks.
		res.Inconclusive = fmt.Sprintf("no case testing a MUST requirement ran (of %d case runs: %d skipped by choice, %d skipped as unsupported, %d waived)",
			len(res.Cases), res.Counts[SkippedByChoice], res.Counts[SkippedUnsupported], res.Counts[Waived])
	}
	if res.Inconclusive != "" {
		res.Conformant = false
		res.NotCertifiable = append(res.NotCertifiable, "inconclusive")
	}
	if !res.Conformant && res.Inconclusive == "" {
		res.NotCertifiable = append(res.NotCertifiable, "not conformant")
	}
	if n := res.Counts[Waived]; n > 0 {
		res.NotCertifiable = append(res.NotCertifiable, fmt.Sprintf("%d waived", n))
	}
	if n := res.Counts[SkippedByChoice]; n > 0 {
		res.NotCertifiable = append(res.NotCertifiable, fmt.Sprintf("%d skipped by choice", n))
	}
	if res.Selection.Shard != "" {
		res.NotCertifiable = append(res.NotCertifiable, "only shard "+res.Selection.Shard+" was run")
	}
}

// misconfiguration looks for a configuration mistake behind the failures: answers whose
// signatures are intact but not trusted (a missing --trust), or signed by another party
// than the one expected (a missing --implementation). It returns one hint naming the
// signer the answers carry, and whether every failure is of that kind and nothing
// passed, so that nothing could be judged.
func misconfiguration(cases []CaseResult) (hint string, all bool) {
	byHint := map[string]int{}
	n, failed, passed := 0, 0, 0
	for _, c := range cases {
		if c.Verdict == Pass {
			passed++
		}
		if c.Verdict.failed() {
			failed++
		}
		if c.misconfigured != "" {
			byHint[c.misconfigured]++
			n++
		}
	}
	if n == 0 {
		return "", false
	}
	best := 0
	for h, k := range byHint {
		if k > best || (k == best && h < hint) {
			hint, best = h, k
		}
	}
	if n < failed || passed > 0 {
		return fmt.Sprintf("%d of the failures may be a configuration mistake: %s", n, hint), false
	}
	return hint, true
}

// newUUID returns a random (version 4) UUID in lowercase.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
