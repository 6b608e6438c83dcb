package exchangelog_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/tessera/client"
	"golang.org/x/mod/sumdb/note"

	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

// tesseraFetcher is what Tessera's client reads a log through; its HTTPFetcher and
// FileFetcher both are one.
type tesseraFetcher interface {
	ReadCheckpoint(ctx context.Context) ([]byte, error)
	ReadTile(ctx context.Context, l, i uint64, p uint8) ([]byte, error)
	ReadEntryBundle(ctx context.Context, i uint64, p uint8) ([]byte, error)
}

// TestInteropTessera: transparency-dev's Tessera client — the reader of the engine
// docs/log.md names for logs that outgrow one writer — reads a log jcx wrote, served by
// a plain http.FileServer and straight from its directory. It verifies the checkpoint,
// reads entries from their bundles, builds inclusion and consistency proofs from the
// tiles and checks them with transparency-dev/merkle, and follows the log from an older
// checkpoint to the latest with its LogStateTracker, which proves consistency itself.
// None of jcx's reading or verifying code is used.
func TestInteropTessera(t *testing.T) {
	ctx := context.Background()
	const origin = "tessera.example.test/log"
	skey, vkey, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		t.Fatal(err)
	}
	signer, _ := note.NewSigner(skey)
	verifier, _ := note.NewVerifier(vkey)
	dir := t.TempDir()
	if err := exchangelog.Init(dir, signer); err != nil {
		t.Fatal(err)
	}
	l, err := exchangelog.Open(ctx, dir, signer, verifier)
	if err != nil {
		t.Fatal(err)
	}
	entry := func(i int) []byte { return fmt.Appendf(nil, "entry %d", i) }
	appendRange := func(from, to int) {
		var es [][]byte
		for i := from; i < to; i++ {
			es = append(es, entry(i))
		}
		if _, err := l.AppendEntries(ctx, es); err != nil {
			t.Fatal(err)
		}
	}
	// An older checkpoint on a partial tile, then more commits over tile boundaries and
	// into a second level, so that partial tiles of both sizes are read.
	const n1, n2 = 300, 66000
	appendRange(0, n1)
	older := l.Checkpoint()
	appendRange(n1, 1000)
	appendRange(1000, n2)
	latest := l.Checkpoint()

	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	root, _ := url.Parse(srv.URL + "/")
	hf, err := client.NewHTTPFetcher(root, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]tesseraFetcher{"http.FileServer": hf, "directory": client.FileFetcher{Root: dir}} {
		t.Run(name, func(t *testing.T) {
			cp, raw, _, err := client.FetchCheckpoint(ctx, f.ReadCheckpoint, verifier, origin)
			if err != nil {
				t.Fatal(err)
			}
			if cp.Size != n2 || !bytes.Equal(raw, latest) {
				t.Fatalf("checkpoint of %d leaves, want %d", cp.Size, n2)
			}
			pb, err := client.NewProofBuilder(ctx, cp.Size, f.ReadTile)
			if err != nil {
				t.Fatal(err)
			}
			for _, i := range []uint64{0, 255, 256, n1 - 1, n1, 999, 65535, 65536, n2 - 1} {
				bundle, err := client.GetEntryBundle(ctx, f.ReadEntryBundle, i/256, cp.Size)
				if err != nil {
					t.Fatal(err)
				}
				got := bundle.Entries[i%256]
				if !bytes.Equal(got, entry(int(i))) {
					t.Fatalf("entry %d: %q", i, got)
				}
				p, err := pb.InclusionProof(ctx, i)
				if err != nil {
					t.Fatal(err)
				}
				if err := proof.VerifyInclusion(rfc6962.DefaultHasher, i, cp.Size, rfc6962.DefaultHasher.HashLeaf(got), p, cp.Hash); err != nil {
					t.Fatalf("entry %d: %v", i, err)
				}
			}
			old, _, _, err := log.ParseCheckpoint(older, origin, verifier)
			if err != nil {
				t.Fatal(err)
			}
			// Under the older checkpoint: its partial tiles were deleted when the tiles
			// filled, and Tessera's client reads the full ones in their place.
			oldPB, err := client.NewProofBuilder(ctx, old.Size, f.ReadTile)
			if err != nil {
				t.Fatal(err)
			}
			for _, i := range []uint64{0, n1 - 1} {
				bundle, err := client.GetEntryBundle(ctx, f.ReadEntryBundle, i/256, old.Size)
				if err != nil {
					t.Fatal(err)
				}
				got := bundle.Entries[i%256]
				p, err := oldPB.InclusionProof(ctx, i)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, entry(int(i))) || proof.VerifyInclusion(rfc6962.DefaultHasher, i, old.Size, rfc6962.DefaultHasher.HashLeaf(got), p, old.Hash) != nil {
					t.Fatalf("entry %d under the older checkpoint", i)
				}
			}
			p, err := pb.ConsistencyProof(ctx, old.Size, cp.Size)
			if err != nil {
				t.Fatal(err)
			}
			if err := proof.VerifyConsistency(rfc6962.DefaultHasher, old.Size, cp.Size, p, old.Hash, cp.Hash); err != nil {
				t.Fatalf("consistency %d → %d: %v", old.Size, cp.Size, err)
			}
			tracker, err := client.NewLogStateTracker(ctx, f.ReadTile, older, verifier, origin, client.UnilateralConsensus(f.ReadCheckpoint))
			if err != nil {
				t.Fatal(err)
			}
			if _, _, now, err := tracker.Update(ctx); err != nil || !bytes.Equal(now, latest) {
				t.Fatalf("tracker update: %v", err)
			}
		})
	}

	// The client checks what it reads: a checkpoint under another key is refused, and a
	// flipped byte in a tile makes the proofs it builds fail.
	_, otherV, _ := note.GenerateKey(rand.Reader, origin)
	other, _ := note.NewVerifier(otherV)
	if _, _, _, err := client.FetchCheckpoint(ctx, client.FileFetcher{Root: dir}.ReadCheckpoint, other, origin); err == nil {
		t.Error("a checkpoint verified with another key")
	}
	tile := filepath.Join(dir, "tile", "0", "000")
	b, err := os.ReadFile(tile)
	if err != nil {
		t.Fatal(err)
	}
	b[5] ^= 1
	if err := os.WriteFile(tile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cp, _, _, _ := client.FetchCheckpoint(ctx, client.FileFetcher{Root: dir}.ReadCheckpoint, verifier, origin)
	pb, _ := client.NewProofBuilder(ctx, cp.Size, client.FileFetcher{Root: dir}.ReadTile)
	p, err := pb.InclusionProof(ctx, 1)
	if err == nil {
		err = proof.VerifyInclusion(rfc6962.DefaultHasher, 1, cp.Size, rfc6962.DefaultHasher.HashLeaf(entry(1)), p, cp.Hash)
	}
	if err == nil {
		t.Error("an inclusion proof built from a corrupted tile verified")
	}
}
