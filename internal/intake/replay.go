package intake

import (
	"sync"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// ReplayCache remembers the transaction identifiers of accepted requests, per sender. It
// is bounded twice over: an entry is forgotten once a replay of it would be refused for
// its timestamp anyway (8013), and the cache holds at most max entries. When it is full of
// entries still needed, new transactions are refused as a transient error (3003) instead
// of old ones forgotten, since forgetting would let a replay through.
type ReplayCache struct {
	mu   sync.Mutex
	seen map[replayKey]time.Time // when the entry may be forgotten; zero: never
	now  func() time.Time
	// keep is how long an entry is needed: a message is accepted only within ±window
	// of its timestamp, so after two windows a replay is stale. Zero keeps entries until
	// the cache is full.
	keep time.Duration
	max  int
	adds int
}

type replayKey struct {
	sender exchange.Party
	id     exchange.UUID
}

func NewReplayCache(window time.Duration, max int, now func() time.Time) *ReplayCache {
	return &ReplayCache{seen: make(map[replayKey]time.Time), now: now, keep: 2 * window, max: max}
}

// Check records the sender's transaction and reports whether it had been recorded
// before, or, when the cache is full of entries still needed, that it could not record it.
func (c *ReplayCache) Check(sender exchange.Party, id exchange.UUID) (replayed, full bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := replayKey{sender, id}
	now := c.now()
	if until, ok := c.seen[k]; ok && (until.IsZero() || now.Before(until)) {
		return true, false
	}
	c.adds++
	if len(c.seen) >= c.max || c.adds%4096 == 0 {
		c.sweep(now)
	}
	if len(c.seen) >= c.max {
		return false, true
	}
	var until time.Time
	if c.keep > 0 {
		until = now.Add(c.keep)
	}
	c.seen[k] = until
	return false, false
}

// Forget removes the sender's transaction, so that it may be sent again: for a request
// that was refused after Check recorded it (its recording or processing failed), which
// must not use up its identifier.
func (c *ReplayCache) Forget(sender exchange.Party, id exchange.UUID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.seen, replayKey{sender, id})
}

func (c *ReplayCache) sweep(now time.Time) {
	for k, until := range c.seen {
		if !until.IsZero() && !now.Before(until) {
			delete(c.seen, k)
		}
	}
}
