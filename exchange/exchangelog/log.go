package exchangelog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// CheckpointFile is the name, inside a log directory, of the latest signed checkpoint.
const CheckpointFile = "checkpoint"

// maxBatch bounds how many appends share one commit, and so the memory one commit holds.
const maxBatch = 4096

var (
	// ErrClosed is returned by the methods of a closed Log.
	ErrClosed = errors.New("exchangelog: log closed")
	// ErrReadOnly is returned by Append on a log opened without a signer.
	ErrReadOnly = errors.New("exchangelog: log opened read-only")
	// ErrExists is returned by Init for a directory that already holds a log.
	ErrExists = errors.New("exchangelog: a log already exists here")
)

// Log is an append-only exchange log kept in a local directory as C2SP tiles and a
// signed checkpoint. It is safe for concurrent use; concurrent Append calls are committed
// together and share the cost of making them durable.
type Log struct {
	dir      string
	signer   note.Signer
	verifier note.Verifier
	tiles    *dirTiles

	mu         sync.Mutex // guards the fields below
	pending    []*appendReq
	committing bool
	closed     bool
	tree       tlog.Tree
	signed     []byte   // the signed checkpoint of tree
	lastBundle [][]byte // the entries of the last, partial, entry bundle
	failed     error    // a commit that failed half-way leaves the log unusable until reopened

	index digestIndex // for Find

	arrived chan struct{}  // poked by appends while a commit lingers (see linger)
	pruning sync.WaitGroup // partial tiles being deleted (see prunePartial)
}

type appendReq struct {
	entry []byte
	done  chan appendResult
}

type appendResult struct {
	index int64
	err   error
}

// Init creates an empty log in dir (created if missing) whose origin is the signer's key
// name, and writes its first checkpoint, of size 0.
func Init(dir string, signer note.Signer) error {
	if _, err := os.Stat(filepath.Join(dir, CheckpointFile)); err == nil {
		return fmt.Errorf("%w: %s", ErrExists, dir)
	}
	signed, err := SignCheckpoint(Checkpoint{Origin: signer.Name(), Size: 0, Root: mustTreeHash(0)}, signer)
	if err != nil {
		return err
	}
	w := newDurableWriter(dir)
	if err := w.mkdirAll(dir); err != nil {
		return err
	}
	defer w.abort()
	if err := w.replace(CheckpointFile, signed); err != nil {
		return err
	}
	return w.sync()
}

func mustTreeHash(n int64) tlog.Hash {
	h, err := tlog.TreeHash(n, tlog.HashReaderFunc(func([]int64) ([]tlog.Hash, error) {
		return nil, errors.New("no hashes")
	}))
	if err != nil {
		panic(err)
	}
	return h
}

// Open opens the log in dir for appending. The checkpoint on disk must verify with
// verifier (the public half of signer), and the tiles on the right edge of the tree must
// hash to its root; anything else is refused with ErrCorrupt or ErrBadSignature. With a
// nil signer the log is opened read-only, for proving and checking.
func Open(ctx context.Context, dir string, signer note.Signer, verifier note.Verifier) (*Log, error) {
	signed, err := os.ReadFile(filepath.Join(dir, CheckpointFile))
	if err != nil {
		return nil, err
	}
	cp, err := (&Verifier{Key: verifier}).OpenCheckpoint(signed)
	if err != nil {
		return nil, err
	}
	l := &Log{dir: dir, signer: signer, verifier: verifier, tiles: newDirTiles(dir), arrived: make(chan struct{}, 1),
		tree: tlog.Tree{N: cp.Size, Hash: cp.Root}, signed: signed}
	if err := l.loadRightEdge(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// loadRightEdge checks the tiles that determine the root against it, and reads the last
// partial entry bundle, checking each entry against its leaf hash.
func (l *Log) loadRightEdge(ctx context.Context) error {
	if _, err := l.treeHash(l.tree); err != nil {
		return err
	}
	w := int(l.tree.N % (1 << TileHeight))
	if w == 0 {
		return nil
	}
	entries, err := l.readBundle(ctx, l.tree, l.tree.N-1)
	if err != nil {
		return err
	}
	l.lastBundle = entries
	return nil
}

// treeHash recomputes the root of tree from its tiles, which checks them.
func (l *Log) treeHash(tree tlog.Tree) (tlog.Hash, error) {
	h, err := tlog.TreeHash(tree.N, tlog.TileHashReader(tree, l.tiles))
	if err != nil {
		return h, corrupt(err)
	}
	if h != tree.Hash {
		return h, fmt.Errorf("%w: tiles hash to %v, checkpoint says %v", ErrCorrupt, h, tree.Hash)
	}
	return h, nil
}

func corrupt(err error) error {
	if errors.Is(err, ErrCorrupt) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrCorrupt, err)
}

// readBundle returns the entries of the bundle holding index, in the tree, each checked
// against the leaf hashes of the verified level-0 tile.
func (l *Log) readBundle(ctx context.Context, tree tlog.Tree, index int64) ([][]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t := tlog.TileForIndex(TileHeight, tlog.StoredHashIndex(0, index))
	start := t.N << TileHeight
	t.W = 1 << TileHeight
	if end := tree.N - start; end < int64(t.W) {
		t.W = int(end)
	}
	hashes, err := tlog.TileHashReader(tree, l.tiles).ReadHashes(leafIndexes(start, t.W))
	if err != nil {
		return nil, corrupt(err)
	}
	data, err := os.ReadFile(filepath.Join(l.dir, filepath.FromSlash(TilePath(bundleFor(t)))))
	if err != nil {
		return nil, corrupt(err)
	}
	entries, err := ParseBundle(data, t.W)
	if err != nil {
		return nil, err
	}
	for i, e := range entries {
		if tlog.RecordHash(e) != hashes[i] {
			return nil, fmt.Errorf("%w: entry %d does not match its leaf hash", ErrCorrupt, start+int64(i))
		}
	}
	return entries, nil
}

func leafIndexes(start int64, n int) []int64 {
	idx := make([]int64, n)
	for i := range idx {
		idx[i] = tlog.StoredHashIndex(0, start+int64(i))
	}
	return idx
}

// Append adds leaf to the log and returns its index once it is durable: its entry, the
// tiles and a checkpoint that covers it are on disk. Concurrent calls share one commit.
// If ctx ends first, Append returns ctx.Err() and the leaf may or may not be logged.
func (l *Log) Append(ctx context.Context, leaf Leaf) (int64, error) {
	entry, err := leaf.MarshalBinary()
	if err != nil {
		return 0, err
	}
	return l.AppendEntry(ctx, entry)
}

// AppendEntry is Append for an already encoded entry (at most 65535 bytes).
func (l *Log) AppendEntry(ctx context.Context, entry []byte) (int64, error) {
	return l.AppendEntries(ctx, [][]byte{entry})
}

// AppendEntries appends encoded entries at consecutive indexes, in order, and returns the
// index of the first once all are durable.
func (l *Log) AppendEntries(ctx context.Context, entries [][]byte) (int64, error) {
	reqs := make([]*appendReq, len(entries))
	for i, e := range entries {
		if len(e) > 0xffff {
			return 0, fmt.Errorf("exchangelog: entry of %d bytes, at most 65535", len(e))
		}
		reqs[i] = &appendReq{entry: e, done: make(chan appendResult, 1)}
	}
	if len(reqs) == 0 {
		return l.Size(), nil
	}
	if l.signer == nil {
		return 0, ErrReadOnly
	}
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return 0, ErrClosed
	}
	l.pending = append(l.pending, reqs...)
	if !l.committing {
		l.committing = true
		go l.commitLoop()
	}
	l.mu.Unlock()
	select {
	case l.arrived <- struct{}{}:
	default:
	}
	var first int64
	for i, req := range reqs {
		select {
		case r := <-req.done:
			if r.err != nil {
				return 0, r.err
			}
			if i == 0 {
				first = r.index
			}
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return first, nil
}

// commitLoop commits pending appends in batches until none are left. Only one runs at
// a time, so appends that arrive during a commit wait for the next one together.
func (l *Log) commitLoop() {
	var lastBatch int
	var lastTook time.Duration
	for {
		l.linger(lastBatch, lastTook)
		l.mu.Lock()
		batch := l.pending
		if len(batch) > maxBatch {
			batch = batch[:maxBatch]
		}
		l.pending = l.pending[len(batch):]
		if len(batch) == 0 {
			l.committing = false
			l.mu.Unlock()
			return
		}
		tree, last, failed := l.tree, l.lastBundle, l.failed
		l.mu.Unlock()

		err := failed
		var next tlog.Tree
		var signed []byte
		if err == nil {
			start := time.Now()
			next, signed, last, err = l.commit(tree, last, batch)
			lastBatch, lastTook = len(batch), time.Since(start)
		}
		l.mu.Lock()
		if err == nil {
			l.tree, l.signed, l.lastBundle = next, signed, last
		} else if l.failed == nil {
			l.failed = err
		}
		l.mu.Unlock()
		for i, req := range batch {
			if err != nil {
				req.done <- appendResult{err: err}
			} else {
				req.done <- appendResult{index: tree.N + int64(i)}
			}
		}
	}
}

// Lingering bounds: a commit waits for stragglers only after one of at least
// minLingerBatch appends, and at most maxLinger.
const (
	minLingerBatch = 64
	maxLinger      = 20 * time.Millisecond
)

// linger gives the appenders that the last commit released a moment to come back before
// the next commit starts, so that they share it: a commit costs the same fsyncs for one
// leaf as for thousands, and without the wait the first appender back would start a
// commit of its own, leaving the others to wait for it. It waits only after a batch of
// at least minLingerBatch appends (a lone appender never waits), for at most an eighth
// of that commit's time (and maxLinger), and stops as soon as as many appends are
// pending as that commit carried.
func (l *Log) linger(lastBatch int, lastTook time.Duration) {
	if lastBatch < minLingerBatch {
		return
	}
	target := min(lastBatch, maxBatch)
	timer := time.NewTimer(min(lastTook/8, maxLinger))
	defer timer.Stop()
	for {
		l.mu.Lock()
		n, closed := len(l.pending), l.closed
		l.mu.Unlock()
		if n >= target || closed {
			return
		}
		select {
		case <-l.arrived:
		case <-timer.C:
			return
		}
	}
}

// Checkpoint returns the latest signed checkpoint.
func (l *Log) Checkpoint() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.signed
}

// Size returns the number of leaves the latest checkpoint covers.
func (l *Log) Size() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.tree.N
}

// Close waits for the commit in progress and refuses further appends.
func (l *Log) Close() error {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	for {
		l.mu.Lock()
		busy := l.committing
		l.mu.Unlock()
		if !busy {
			l.pruning.Wait()
			return nil
		}
		runtimeGosched()
	}
}
