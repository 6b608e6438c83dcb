package exchangelog

import (
	"context"
	"errors"
	"sync"
)

// ErrNotFound is returned by Find when no leaf has the digest.
var ErrNotFound = errors.New("exchangelog: no leaf with this digest")

// digestIndex maps receipt digests to the latest leaf that holds each, for Find. It is
// built from the entry bundles by the first Find and brought up to date by each later
// one, which reads only the bundles appended since; every bundle read is checked against
// the signed tree first. It holds about 100 bytes per leaf (a digest, an index and the
// map's own overhead): some 100 MB for a log of 10^6 leaves. A log much larger than that
// is better served by an index kept outside the process, keyed the same way.
type digestIndex struct {
	mu sync.Mutex
	n  int64 // leaves indexed, from the first
	at map[[32]byte]int64
}

// Find returns the index of the latest leaf whose receipt digest is digest. The first
// call reads the whole log; later calls read only what was appended since.
func (l *Log) Find(ctx context.Context, digest [32]byte) (int64, error) {
	l.mu.Lock()
	tree := l.tree
	l.mu.Unlock()
	ix := &l.index
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.at == nil {
		ix.at = make(map[[32]byte]int64)
	}
	for ix.n < tree.N {
		start := ix.n &^ (1<<TileHeight - 1)
		entries, err := l.readBundle(ctx, tree, start)
		if err != nil {
			return 0, err
		}
		for i := ix.n - start; i < int64(len(entries)); i++ {
			// Leaf v1: version, direction, then the digest (see Leaf.MarshalBinary).
			if e := entries[i]; len(e) >= 34 {
				ix.at[[32]byte(e[2:34])] = start + i
			}
		}
		ix.n = start + int64(len(entries))
	}
	i, ok := ix.at[digest]
	if !ok {
		return 0, ErrNotFound
	}
	return i, nil
}
