package exchangelog

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// A full tile replaces its partial versions on disk, and a reader holding an older
// checkpoint still gets everything it needs from the full tile: the fallback C2SP asks
// of clients. Remote reads through FSFetcher, as a mirror of the directory would.
func TestPartialTilesPrunedAndFallenBackTo(t *testing.T) {
	ctx := context.Background()
	l, dir, _, v := newTestLog(t, 5)
	older, err := (&Verifier{Key: v}).OpenCheckpoint(l.Checkpoint())
	if err != nil {
		t.Fatal(err)
	}
	appendTestLeaves(t, l, 5, 9)
	partial := []string{"tile/0/000.p/5", "tile/0/000.p/9", "tile/entries/000.p/5", "tile/entries/000.p/9"}
	for _, p := range partial {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Fatalf("partial tile %s of a tile not yet full: %v", p, err)
		}
	}
	appendTestLeaves(t, l, 9, 300) // tile 0 is full now
	l.pruning.Wait()
	for _, p := range partial {
		if _, err := os.Stat(filepath.Join(dir, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is still there after its full tile: %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "tile/0/001.p/44")); err != nil {
		t.Errorf("the partial tile of the new right edge: %v", err)
	}
	r := &Remote{Fetch: FSFetcher(os.DirFS(dir)), Verifier: &Verifier{Key: v}}
	latest, _, err := r.Checkpoint(ctx)
	if err != nil || latest.Size != 300 {
		t.Fatalf("checkpoint: %v, %d leaves", err, latest.Size)
	}
	if err := r.CheckConsistency(ctx, older, latest); err != nil {
		t.Fatalf("consistency from the older checkpoint: %v", err)
	}
	for _, i := range []int64{0, 4} {
		e, err := r.Entry(ctx, older, i) // from the full tile and the full bundle
		if err != nil || !bytes.Equal(e, mustEntry(t, testLeaf(int(i)))) {
			t.Fatalf("entry %d under the older checkpoint: %v", i, err)
		}
	}
	for _, i := range []int64{0, 255, 256, 299} {
		e, err := r.Entry(ctx, latest, i)
		if err != nil || !bytes.Equal(e, mustEntry(t, testLeaf(int(i)))) {
			t.Fatalf("entry %d: %v", i, err)
		}
	}
	if _, err := r.Entry(ctx, latest, 300); !errors.Is(err, ErrNotIncluded) {
		t.Errorf("entry beyond the tree: %v", err)
	}
	// The log itself reopens and audits, and proves old leaves.
	l.Close()
	l2, err := Open(ctx, dir, nil, v)
	if err != nil {
		t.Fatal(err)
	}
	if err := l2.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// Remote refuses what does not match the signed tree: a tile with a flipped byte, a full
// tile too short to stand in for a partial one, a missing tile, a bundle with another
// entry, a checkpoint signed by another key.
func TestRemoteRefuses(t *testing.T) {
	ctx := context.Background()
	_, dir, _, v := newTestLog(t, 300)
	older := func() Checkpoint {
		l, err := Open(ctx, dir, nil, v)
		if err != nil {
			t.Fatal(err)
		}
		cp, _ := (&Verifier{Key: v}).OpenCheckpoint(l.Checkpoint())
		return cp
	}()
	_, otherV := testKeys(t, "log.example.test/jcx")
	tests := []struct {
		name  string
		alter func(path string, b []byte) ([]byte, error)
		check func(r *Remote) error
		want  error
	}{
		{"flipped tile byte", func(p string, b []byte) ([]byte, error) {
			if p == "tile/0/000" {
				b = bytes.Clone(b)
				b[40] ^= 1
			}
			return b, nil
		}, func(r *Remote) error { _, err := r.Entry(ctx, older, 1); return err }, ErrCorrupt},
		{"missing tile", func(p string, b []byte) ([]byte, error) {
			if p == "tile/0/001.p/44" {
				return nil, fs.ErrNotExist
			}
			return b, nil
		}, func(r *Remote) error { _, err := r.Entry(ctx, older, 299); return err }, ErrCorrupt},
		{"another entry in the bundle", func(p string, b []byte) ([]byte, error) {
			if p == "tile/entries/001.p/44" {
				var out []byte
				for i := 256; i < 300; i++ {
					out = appendBundle(out, mustEntry(t, testLeaf(i+1)))
				}
				return out, nil
			}
			return b, nil
		}, func(r *Remote) error { _, err := r.Entry(ctx, older, 260); return err }, ErrCorrupt},
		{"checkpoint of another key", func(p string, b []byte) ([]byte, error) { return b, nil },
			func(r *Remote) error { r.Verifier = &Verifier{Key: otherV}; _, _, err := r.Checkpoint(ctx); return err }, ErrBadSignature},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := FSFetcher(os.DirFS(dir))
			r := &Remote{Verifier: &Verifier{Key: v}, Fetch: func(ctx context.Context, p string) ([]byte, error) {
				b, err := fsys(ctx, p)
				if err != nil {
					return b, err
				}
				return tc.alter(p, b)
			}}
			if err := tc.check(r); !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// C2SP writes tile indexes of 1000 and more in groups of three digits, every group but
// the last prefixed with x; TilePath keeps x/mod's spelling of them.
func TestTilePathLargeIndexes(t *testing.T) {
	for _, tc := range []struct {
		tile tlog.Tile
		want string
	}{
		{tlog.Tile{H: 8, L: 0, N: 999, W: 256}, "tile/0/999"},
		{tlog.Tile{H: 8, L: 0, N: 1000, W: 256}, "tile/0/x001/000"},
		{tlog.Tile{H: 8, L: 0, N: 1234, W: 256}, "tile/0/x001/234"},
		{tlog.Tile{H: 8, L: 1, N: 1234, W: 7}, "tile/1/x001/234.p/7"},
		{tlog.Tile{H: 8, L: -1, N: 1234, W: 256}, "tile/entries/x001/234"},
		{tlog.Tile{H: 8, L: -1, N: 1234067, W: 5}, "tile/entries/x001/x234/067.p/5"},
	} {
		if got := TilePath(tc.tile); got != tc.want {
			t.Errorf("TilePath(%+v) = %q, want %q", tc.tile, got, tc.want)
		}
	}
}
