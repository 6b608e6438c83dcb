package exchange

import "sync"

// MemoryReplayCache is a ReplayCache that remembers the most recent transaction
// identifiers in memory, forgetting the oldest once it holds size of them. Choose size to
// cover the clock window at the expected message rate: a message older than the window is
// refused by the clock check (8013) anyway, so it need not be remembered.
type MemoryReplayCache struct {
	mu    sync.Mutex
	max   int
	seen  map[replayKey]struct{}
	order []replayKey // ring of the keys in arrival order
	next  int
}

type replayKey struct {
	country, sender string
	id              UUID
}

// NewMemoryReplayCache returns a cache that remembers up to size identifiers (at least 1).
func NewMemoryReplayCache(size int) *MemoryReplayCache {
	size = max(size, 1)
	return &MemoryReplayCache{max: size, seen: make(map[replayKey]struct{}, size), order: make([]replayKey, 0, size)}
}

// Seen records the pair and reports whether it had been recorded before.
func (c *MemoryReplayCache) Seen(sender Party, id UUID) bool {
	k := replayKey{sender.CountryCode, sender.UniqueIdentifier, id}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen[k]; ok {
		return true
	}
	if len(c.order) < c.max {
		c.order = append(c.order, k)
	} else {
		delete(c.seen, c.order[c.next])
		c.order[c.next] = k
		c.next = (c.next + 1) % c.max
	}
	c.seen[k] = struct{}{}
	return false
}
