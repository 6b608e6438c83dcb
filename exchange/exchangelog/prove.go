package exchangelog

import (
	"context"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// Prove returns the inclusion proof of the leaf at index in the tree of the latest
// checkpoint, the signed checkpoint itself, and the leaf's entry. Every tile used is
// checked against the checkpoint's root first.
func (l *Log) Prove(ctx context.Context, index int64) (InclusionProof, []byte, []byte, error) {
	l.mu.Lock()
	tree, signed := l.tree, l.signed
	l.mu.Unlock()
	if index < 0 || index >= tree.N {
		return InclusionProof{}, nil, nil, fmt.Errorf("%w: index %d outside a tree of %d leaves", ErrNotIncluded, index, tree.N)
	}
	if err := ctx.Err(); err != nil {
		return InclusionProof{}, nil, nil, err
	}
	p, err := tlog.ProveRecord(tree.N, index, tlog.TileHashReader(tree, l.tiles))
	if err != nil {
		return InclusionProof{}, nil, nil, corrupt(err)
	}
	entries, err := l.readBundle(ctx, tree, index)
	if err != nil {
		return InclusionProof{}, nil, nil, err
	}
	entry := entries[index%(1<<TileHeight)]
	return InclusionProof{Index: index, TreeSize: tree.N, Hashes: p}, signed, entry, nil
}

// ProveConsistency returns the proof that the tree of oldSize leaves is a prefix of the
// tree of the latest checkpoint, with that signed checkpoint.
func (l *Log) ProveConsistency(ctx context.Context, oldSize int64) (ConsistencyProof, []byte, error) {
	l.mu.Lock()
	tree, signed := l.tree, l.signed
	l.mu.Unlock()
	if oldSize < 0 || oldSize > tree.N {
		return ConsistencyProof{}, nil, fmt.Errorf("%w: %d leaves asked, log holds %d", ErrRollback, oldSize, tree.N)
	}
	if err := ctx.Err(); err != nil {
		return ConsistencyProof{}, nil, err
	}
	p := ConsistencyProof{OldSize: oldSize, NewSize: tree.N}
	if oldSize > 0 && oldSize < tree.N {
		h, err := tlog.ProveTree(tree.N, oldSize, tlog.TileHashReader(tree, l.tiles))
		if err != nil {
			return ConsistencyProof{}, nil, corrupt(err)
		}
		p.Hashes = h
	}
	return p, signed, nil
}

// Check reads every tile and entry bundle of the latest tree and checks them against its
// root: a full audit, linear in the size of the log.
func (l *Log) Check(ctx context.Context) error {
	l.mu.Lock()
	tree := l.tree
	l.mu.Unlock()
	if _, err := l.treeHash(tree); err != nil {
		return err
	}
	for start := int64(0); start < tree.N; start += 1 << TileHeight {
		if _, err := l.readBundle(ctx, tree, start); err != nil {
			return err
		}
	}
	return nil
}
