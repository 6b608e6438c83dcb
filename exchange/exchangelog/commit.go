package exchangelog

import (
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/mod/sumdb/tlog"
)

var runtimeGosched = runtime.Gosched

// commit makes batch durable on top of tree and returns the new tree, its signed
// checkpoint and the new last partial bundle. Entry bundles and tiles go first; the
// checkpoint, which is what makes them part of the log, goes last. A crash before the
// checkpoint's rename leaves the previous checkpoint, whose tiles were never touched:
// every tile or bundle a commit writes has a path that no published tree uses yet (a
// partial tile's path names its width), so it is written in place, and all of them,
// with the checkpoint's temporary file, share one round of fsync (see durableWriter).
func (l *Log) commit(tree tlog.Tree, last [][]byte, batch []*appendReq) (tlog.Tree, []byte, [][]byte, error) {
	old := tree.N
	base := tlog.StoredHashCount(old)
	oldReader := tlog.TileHashReader(tree, l.tiles)
	var fresh []tlog.Hash // stored hashes from index base on
	reader := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		var oldIdx []int64
		var oldPos []int
		for i, x := range idx {
			if x >= base {
				out[i] = fresh[x-base]
				continue
			}
			oldIdx = append(oldIdx, x)
			oldPos = append(oldPos, i)
		}
		if len(oldIdx) > 0 {
			hs, err := oldReader.ReadHashes(oldIdx)
			if err != nil {
				return nil, corrupt(err)
			}
			for j, h := range hs {
				out[oldPos[j]] = h
			}
		}
		return out, nil
	})
	for i, req := range batch {
		hs, err := tlog.StoredHashes(old+int64(i), req.entry, reader)
		if err != nil {
			return tree, nil, nil, err
		}
		fresh = append(fresh, hs...)
	}
	n := old + int64(len(batch))
	root, err := tlog.TreeHash(n, reader)
	if err != nil {
		return tree, nil, nil, err
	}

	w := newDurableWriter(l.dir)
	defer w.abort()
	var full []string // tiles and bundles this commit completes
	// Entry bundles: the batch's entries, after those of the old partial bundle.
	entries := append([][]byte(nil), last...)
	next := old - int64(len(last))
	for _, req := range batch {
		entries = append(entries, req.entry)
		if len(entries) == 1<<TileHeight || next+int64(len(entries)) == n {
			t := tlog.TileForIndex(TileHeight, tlog.StoredHashIndex(0, next))
			t.W = len(entries)
			var data []byte
			for _, e := range entries {
				data = appendBundle(data, e)
			}
			if err := w.create(TilePath(bundleFor(t)), data); err != nil {
				return tree, nil, nil, err
			}
			if t.W == 1<<TileHeight {
				full = append(full, TilePath(bundleFor(t)))
			}
			next += int64(len(entries))
			if len(entries) == 1<<TileHeight {
				entries = nil
			}
		}
	}
	// Hash tiles, every level.
	for _, t := range tlog.NewTiles(TileHeight, old, n) {
		data, err := tlog.ReadTileData(t, reader)
		if err != nil {
			return tree, nil, nil, err
		}
		if err := w.create(TilePath(t), data); err != nil {
			return tree, nil, nil, err
		}
		if t.W == 1<<TileHeight {
			full = append(full, TilePath(t))
		}
		l.tiles.put(t, data)
	}
	next2 := tlog.Tree{N: n, Hash: root}
	signed, err := SignCheckpoint(Checkpoint{Origin: l.signer.Name(), Size: n, Root: root}, l.signer)
	if err != nil {
		return tree, nil, nil, err
	}
	// The checkpoint is renamed into place only once the tiles are durable (see
	// durableWriter.sync).
	if err := w.replace(CheckpointFile, signed); err != nil {
		return tree, nil, nil, err
	}
	if err := w.sync(); err != nil {
		return tree, nil, nil, err
	}
	if len(full) > 0 {
		l.pruning.Go(func() { l.prunePartial(full) })
	}
	if n%(1<<TileHeight) == 0 {
		entries = nil
	}
	return next2, signed, entries, nil
}

// prunePartial deletes the partial versions of tiles and bundles that are now full. It
// runs beside the next commits (which never write there), so that appends do not wait
// for it; Close waits for it.
// C2SP tlog-tiles allows it once the full tile is part of a published tree, which the
// checkpoint just written makes it; a reader holding an older checkpoint falls back to
// the full tile, whose first hashes or entries are the partial one's (Remote does). A
// failure only leaves files behind that no reader needs, so it is not an error.
func (l *Log) prunePartial(full []string) {
	for _, p := range full {
		os.RemoveAll(filepath.Join(l.dir, filepath.FromSlash(p)+".p"))
	}
}
