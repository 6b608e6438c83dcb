package conformance

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

// KindLog sends messages that must be accepted, then checks what the implementation's
// exchange log says about them (see LogExpect). Its cases run only against an
// implementation that declares a log (Config.Log).
const KindLog Kind = "log"

// The checks a log case may ask for (LogExpect.Checks). Every log case also verifies
// each checkpoint it fetches with the operator's key alone.
const (
	// LogInclusion: the evidence the log serves for each receipt digest
	// (evidence?sha256=…) holds an inclusion proof from that leaf to the root of a
	// checkpoint signed by the operator.
	LogInclusion = "inclusion"
	// LogLeaf: each leaf names the message's sender, receiver, transaction and
	// timestamp, as received.
	LogLeaf = "leaf"
	// LogConsistency: the checkpoints taken before the messages, after them, and with
	// each piece of evidence are consistent (append-only, proved from the log's tiles),
	// and the log grew by at least the messages accepted.
	LogConsistency = "consistency"
	// LogTiles: each leaf read from the log's static tiles and entry bundles, checked
	// against the later checkpoint, is the leaf of the evidence.
	LogTiles = "tiles"
)

var logChecks = []string{LogInclusion, LogLeaf, LogConsistency, LogTiles}

// LogExpect lists the checks of a log case.
type LogExpect struct {
	Checks []string `json:"checks"`
}

// sentMessage is one message a case sent, with the values its template was filled with.
type sentMessage struct {
	body []byte
	vars map[string]string
}

// logCase runs a log case: a checkpoint, the steps, a later checkpoint, the checks.
func (cr *caseRun) logCase(ctx context.Context) error {
	lc := &logCheck{cr: cr, remote: &exchangelog.Remote{Verifier: cr.r.logVerifier}}
	lc.remote.Fetch = func(ctx context.Context, path string) ([]byte, error) {
		b, err := cr.r.cfg.Log.Fetch(ctx, path)
		if path == exchangelog.CheckpointFile {
			cr.transcribe("log checkpoint", path, b, err)
		}
		return b, err
	}
	before, err := lc.checkpoint(ctx, "before the messages")
	if err != nil {
		return err
	}
	for i := range cr.c.Steps {
		st := &cr.c.Steps[i]
		label := fmt.Sprintf("step %d (%s)", i+1, st.Template)
		if _, err := cr.send(ctx, st, label); err != nil {
			return prefix(err, label)
		}
	}
	after, err := lc.checkpoint(ctx, "after the messages")
	if err != nil {
		return err
	}
	return lc.run(ctx, before, after)
}

type logCheck struct {
	cr     *caseRun
	remote *exchangelog.Remote
}

func (lc *logCheck) checkpoint(ctx context.Context, when string) (exchangelog.Checkpoint, error) {
	cp, _, err := lc.remote.Checkpoint(ctx)
	if err != nil {
		return cp, lc.refused(ctx, err, "the log's checkpoint "+when)
	}
	return cp, nil
}

// refused is the verdict of a log answer the checks refuse.
func (lc *logCheck) refused(ctx context.Context, err error, what string) error {
	if ctx.Err() != nil {
		return lc.cr.expired(ctx, "reading the log")
	}
	return failf("%s: %v", what, err)
}

func (lc *logCheck) run(ctx context.Context, before, after exchangelog.Checkpoint) error {
	checks := lc.cr.c.Log.Checks
	var seen []exchangelog.Checkpoint // the checkpoints of the evidence
	for i, m := range lc.cr.sent {
		what := fmt.Sprintf("message %d", i+1)
		if !slices.ContainsFunc(checks, func(c string) bool { return c != LogConsistency }) {
			break // consistency alone needs no evidence
		}
		ev, leaf, cp, err := lc.evidence(ctx, m)
		if err != nil {
			return prefix(err, what)
		}
		seen = append(seen, cp)
		if slices.Contains(checks, LogLeaf) {
			if err := checkLeaf(leaf, m.vars, lc.cr.r.kit.Harness(), lc.cr.r.impl); err != nil {
				return prefix(err, what)
			}
		}
		if slices.Contains(checks, LogTiles) {
			if ev.Index >= after.Size {
				return failf("%s: the evidence puts the leaf at index %d, beyond the %d leaves of the later checkpoint", what, ev.Index, after.Size)
			}
			entry, err := lc.remote.Entry(ctx, after, ev.Index)
			if err != nil {
				return lc.refused(ctx, err, what+": the log's tiles for its leaf")
			}
			if !bytes.Equal(entry, ev.Entry) {
				return failf("%s: the tiles hold another leaf at index %d than the evidence", what, ev.Index)
			}
		}
	}
	if slices.Contains(checks, LogConsistency) {
		if err := lc.remote.CheckConsistency(ctx, before, after); err != nil {
			return lc.refused(ctx, err, fmt.Sprintf("the checkpoints of %d and %d leaves", before.Size, after.Size))
		}
		if grew := after.Size - before.Size; grew < int64(len(lc.cr.sent)) {
			return failf("the log grew by %d leaves (from %d to %d) while %d messages were accepted", grew, before.Size, after.Size, len(lc.cr.sent))
		}
		for _, cp := range seen {
			older, newer := cp, after
			if cp.Size > after.Size {
				older, newer = after, cp
			}
			if err := lc.remote.CheckConsistency(ctx, older, newer); err != nil {
				return lc.refused(ctx, err, fmt.Sprintf("the evidence's checkpoint of %d leaves and the checkpoint of %d", cp.Size, after.Size))
			}
		}
	}
	return nil
}

// evidence fetches and verifies the evidence of one message: a checkpoint signed by the
// operator, an inclusion proof to its root, and a leaf whose digest is the receipt's.
func (lc *logCheck) evidence(ctx context.Context, m sentMessage) (exchangelog.Evidence, exchangelog.Leaf, exchangelog.Checkpoint, error) {
	sum := sha256.Sum256(m.body)
	path := "evidence?sha256=" + hex.EncodeToString(sum[:])
	b, err := lc.cr.r.cfg.Log.Fetch(ctx, path)
	lc.cr.transcribe("log evidence", path, b, err)
	if err != nil {
		return exchangelog.Evidence{}, exchangelog.Leaf{}, exchangelog.Checkpoint{}, lc.refused(ctx, err, "no evidence for the receipt digest "+hex.EncodeToString(sum[:]))
	}
	ev, err := exchangelog.ParseEvidence(b)
	if err != nil {
		return ev, exchangelog.Leaf{}, exchangelog.Checkpoint{}, failf("the evidence: %v", err)
	}
	leaf, cp, err := ev.Verify(lc.cr.r.logVerifier)
	if err != nil {
		return ev, leaf, cp, failf("the evidence does not verify: %v", err)
	}
	if leaf.Digest != sum {
		return ev, leaf, cp, failf("the evidence proves the leaf of digest %x, not the receipt digest %x", leaf.Digest, sum)
	}
	return ev, leaf, cp, nil
}

// checkLeaf compares a leaf with the header the harness wrote.
func checkLeaf(l exchangelog.Leaf, vars map[string]string, harness, impl Party) error {
	ts, err := time.Parse(TimestampLayout, vars["timestamp"])
	switch {
	case err != nil:
		return &failure{verdict: Error, msg: "suite: a log case's template needs {{timestamp}}: " + err.Error()}
	case l.Direction != exchangelog.Received:
		return failf("the leaf's direction is %s, not received", l.Direction)
	case l.Sender != harness:
		return failf("the leaf names the sender %s, not %s", l.Sender, harness)
	case l.Receiver != impl:
		return failf("the leaf names the receiver %s, not %s", l.Receiver, impl)
	case string(l.Transaction) != vars["tx"]:
		return failf("the leaf names the transaction %s, not %s", l.Transaction, vars["tx"])
	case !l.Time.Equal(ts):
		return failf("the leaf's time is %s, not the message's %s", l.Time.UTC().Format(TimestampLayout), vars["timestamp"])
	}
	return nil
}

// checkLogCase checks the parts of a case that only a log case has: its checks are known,
// and its steps are messages to accept, as they are sent (a refused message is not
// logged, and a mutated one proves nothing about the log).
func checkLogCase(c *Case, bad func(string, ...any)) {
	if c.Kind != KindLog {
		if c.Log != nil {
			bad("case %s: only a log case has log checks", c.ID)
		}
		return
	}
	if c.Log == nil || len(c.Log.Checks) == 0 {
		bad("case %s: a log case needs log checks", c.ID)
		return
	}
	for _, ch := range c.Log.Checks {
		if !slices.Contains(logChecks, ch) {
			bad("case %s: unknown log check %q", c.ID, ch)
		}
	}
	for i, st := range c.Steps {
		if st.Expect.Outcome != OutcomeAccepted || len(st.Mutations) > 0 || st.signer() != SignHarness {
			bad("case %s step %d: a log case sends messages to accept, signed by the harness, unmutated", c.ID, i)
		}
	}
}
