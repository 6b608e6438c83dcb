package exchangelog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"golang.org/x/mod/sumdb/tlog"
)

// Fetcher returns the file at path of a log served by someone else — "checkpoint",
// "tile/0/x001/234.p/5", "tile/entries/000" — or an error matching fs.ErrNotExist when
// there is none. Nothing it returns is trusted: Remote checks every byte against a signed
// checkpoint before using it.
type Fetcher func(ctx context.Context, path string) ([]byte, error)

// FSFetcher reads a log from a file system holding its directory, as a mirror or a
// backup would.
func FSFetcher(fsys fs.FS) Fetcher {
	return func(ctx context.Context, path string) ([]byte, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return fs.ReadFile(fsys, path)
	}
}

// maxFetched bounds one fetched file: a full tile is 8 KiB, a full entry bundle at most
// 256 entries of at most 64 KiB, a checkpoint a few hundred bytes.
const maxFetched = 256 * (2 + 0xffff)

// Remote reads a log through a Fetcher and verifies everything it reads with Verifier:
// checkpoints by their signatures, tiles and entry bundles against the root of a
// checkpoint. It is how a client, a mirror or a conformance harness checks a log it does
// not run.
type Remote struct {
	Fetch    Fetcher
	Verifier *Verifier
}

// Checkpoint fetches and opens the log's latest checkpoint; it returns the body and the
// signed note as fetched.
func (r *Remote) Checkpoint(ctx context.Context) (Checkpoint, []byte, error) {
	signed, err := r.fetch(ctx, CheckpointFile)
	if err != nil {
		return Checkpoint{}, nil, err
	}
	cp, err := r.Verifier.OpenCheckpoint(signed)
	return cp, signed, err
}

// CheckConsistency checks that newer extends older: it proves the older tree a prefix of
// the newer from the tiles the log serves, each checked against newer's root, and checks
// the proof with VerifyConsistency. Both checkpoints must come from OpenCheckpoint.
func (r *Remote) CheckConsistency(ctx context.Context, older, newer Checkpoint) error {
	p := ConsistencyProof{OldSize: older.Size, NewSize: newer.Size}
	if older.Size > 0 && older.Size < newer.Size && older.Origin == newer.Origin {
		h, err := tlog.ProveTree(newer.Size, older.Size, r.tiles(ctx, newer))
		if err != nil {
			return corrupt(err)
		}
		p.Hashes = h
	}
	return VerifyConsistency(older, newer, p)
}

// Entry returns the entry at index in the tree cp commits to, read from its entry bundle
// and checked against the leaf hashes of tiles checked against cp's root.
func (r *Remote) Entry(ctx context.Context, cp Checkpoint, index int64) ([]byte, error) {
	if index < 0 || index >= cp.Size {
		return nil, fmt.Errorf("%w: index %d outside a tree of %d leaves", ErrNotIncluded, index, cp.Size)
	}
	t := tlog.TileForIndex(TileHeight, tlog.StoredHashIndex(0, index))
	start := t.N << TileHeight
	t.W = int(min(1<<TileHeight, cp.Size-start))
	hashes, err := r.tiles(ctx, cp).ReadHashes(leafIndexes(start, t.W))
	if err != nil {
		return nil, corrupt(err)
	}
	data, err := r.fetchTile(ctx, bundleFor(t))
	if err != nil {
		return nil, corrupt(err)
	}
	entries, err := parseBundlePrefix(data, t.W)
	if err != nil {
		return nil, err
	}
	i := index - start
	if tlog.RecordHash(entries[i]) != hashes[i] {
		return nil, fmt.Errorf("%w: entry %d does not match its leaf hash", ErrCorrupt, index)
	}
	return entries[i], nil
}

func (r *Remote) fetch(ctx context.Context, path string) ([]byte, error) {
	b, err := r.Fetch(ctx, path)
	if err == nil && len(b) > maxFetched {
		err = fmt.Errorf("%s: %d bytes, at most %d", path, len(b), maxFetched)
	}
	return b, err
}

// fetchTile fetches the tile (or entry bundle) t. C2SP tlog-tiles lets a log delete a
// partial tile once the full tile exists, and its clients fall back to the full one,
// whose first hashes (or entries) are the partial tile's.
func (r *Remote) fetchTile(ctx context.Context, t tlog.Tile) ([]byte, error) {
	b, err := r.fetch(ctx, TilePath(t))
	if err == nil || t.W == 1<<TileHeight || !errors.Is(err, fs.ErrNotExist) {
		return b, err
	}
	full := t
	full.W = 1 << TileHeight
	return r.fetch(ctx, TilePath(full))
}

func (r *Remote) tiles(ctx context.Context, cp Checkpoint) tlog.HashReader {
	return tlog.TileHashReader(tlog.Tree{N: cp.Size, Hash: cp.Root}, &remoteTiles{ctx: ctx, r: r})
}

// remoteTiles is a tlog.TileReader over a Remote's fetcher. tlog.TileHashReader checks
// every tile it reads against the tree before using it.
type remoteTiles struct {
	ctx context.Context
	r   *Remote
}

func (t *remoteTiles) Height() int { return TileHeight }

func (t *remoteTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, tile := range tiles {
		data, err := t.r.fetchTile(t.ctx, tile)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, TilePath(tile), err)
		}
		// A full tile standing in for a partial one: its first W hashes.
		if want := tile.W * tlog.HashSize; len(data) > want && len(data) == (1<<TileHeight)*tlog.HashSize {
			data = data[:want]
		}
		if len(data) != tile.W*tlog.HashSize {
			return nil, fmt.Errorf("%w: %s holds %d bytes, want %d", ErrCorrupt, TilePath(tile), len(data), tile.W*tlog.HashSize)
		}
		out[i] = data
	}
	return out, nil
}

func (t *remoteTiles) SaveTiles([]tlog.Tile, [][]byte) {}

// parseBundlePrefix parses an entry bundle of want entries, or a full bundle standing in
// for a partial one, and returns its first want entries.
func parseBundlePrefix(data []byte, want int) ([][]byte, error) {
	entries, err := ParseBundle(data, want)
	if err == nil || want == 1<<TileHeight {
		return entries, err
	}
	full, ferr := ParseBundle(data, 1<<TileHeight)
	if ferr != nil {
		return nil, err
	}
	return full[:want], nil
}
