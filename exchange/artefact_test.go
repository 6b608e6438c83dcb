package exchange_test

import (
	"context"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// attachment is a deterministic pseudo-random stream of n bytes.
func attachment(seed byte, n int64) io.Reader {
	return io.LimitReader(rand.NewChaCha8([32]byte{seed}), n)
}

// artefactEntry computes the artefact entry for a stream independently of CheckArtefact.
func artefactEntry(t testing.TB, r io.Reader) exchange.Artefact {
	t.Helper()
	h256, h512, h3 := sha256.New(), sha512.New(), sha3.New256()
	n, err := io.Copy(io.MultiWriter(h256, h512, h3), r)
	if err != nil {
		t.Fatal(err)
	}
	return exchange.Artefact{Name: "evidence.bin", MediaType: "application/octet-stream", Size: n, Digest: []exchange.Digest{
		{Algorithm: "sha-256", Value: hex.EncodeToString(h256.Sum(nil))},
		{Algorithm: "sha-512", Value: hex.EncodeToString(h512.Sum(nil))},
		{Algorithm: "sha3-256", Value: hex.EncodeToString(h3.Sum(nil))},
	}}
}

func TestCheckArtefact(t *testing.T) {
	const size = 3<<20 + 17 // not a whole number of chunks
	good := artefactEntry(t, attachment(1, size))
	edit := func(f func(a *exchange.Artefact)) exchange.Artefact {
		a := good
		a.Digest = append([]exchange.Digest(nil), good.Digest...)
		f(&a)
		return a
	}
	flip := func(i int) func(a *exchange.Artefact) {
		return func(a *exchange.Artefact) {
			v := []byte(a.Digest[i].Value)
			v[0] ^= 1 // '0'..'9' and 'a'..'f' stay hexadecimal
			a.Digest[i].Value = string(v)
		}
	}
	tests := []struct {
		name string
		r    io.Reader
		a    exchange.Artefact
		code exchange.ErrorCode // 0: no error
	}{
		{"match", attachment(1, size), good, 0},
		{"sha-256 only", attachment(1, size), edit(func(a *exchange.Artefact) { a.Digest = a.Digest[:1] }), 0},
		{"other content", attachment(2, size), good, exchange.CodeDigestMismatch},
		{"shorter", attachment(1, size-1), good, exchange.CodeSizeMismatch},
		{"longer", attachment(1, size+1), good, exchange.CodeSizeMismatch},
		{"empty", strings.NewReader(""), good, exchange.CodeSizeMismatch},
		{"sha-256 differs", attachment(1, size), edit(flip(0)), exchange.CodeDigestMismatch},
		{"sha-512 differs", attachment(1, size), edit(flip(1)), exchange.CodeDigestMismatch},
		{"sha3-256 differs", attachment(1, size), edit(flip(2)), exchange.CodeDigestMismatch},
		{"no sha-256", attachment(1, size), edit(func(a *exchange.Artefact) { a.Digest = a.Digest[1:] }), exchange.CodeAttachmentMissing},
		{"unknown algorithm", attachment(1, size), edit(func(a *exchange.Artefact) { a.Digest[1].Algorithm = "md5" }), exchange.CodeAttachmentMissing},
		{"not hexadecimal", attachment(1, size), edit(func(a *exchange.Artefact) { a.Digest[0].Value = "xyz" }), exchange.CodeAttachmentMissing},
		{"short sha-256", attachment(1, size), edit(func(a *exchange.Artefact) { a.Digest[0].Value = "abcd" }), exchange.CodeAttachmentMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := exchange.CheckArtefact(context.Background(), tt.r, tt.a)
			if tt.code == 0 {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			var inv *exchange.InvalidError
			if !errors.As(err, &inv) || len(inv.Findings) != 1 || inv.Findings[0].Code != tt.code {
				t.Fatalf("got %v, want one finding with code %d", err, tt.code)
			}
		})
	}
}

func TestCheckArtefactStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := artefactEntry(t, attachment(1, 1<<20))
	if err := exchange.CheckArtefact(ctx, attachment(1, 1<<20), a); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
	boom := errors.New("disk on fire")
	r := io.MultiReader(attachment(1, 1000), errReader{boom})
	if err := exchange.CheckArtefact(context.Background(), r, a); !errors.Is(err, boom) {
		t.Errorf("read error: got %v", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// TestCheckArtefactConstantMemory checks that memory does not grow with the attachment:
// what a 256 MiB check allocates is what a chunk or two costs, whatever the size.
func TestCheckArtefactConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("256 MiB stream; skipped with -short")
	}
	const size = 256 << 20
	a := artefactEntry(t, attachment(3, size))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := exchange.CheckArtefact(context.Background(), attachment(3, size), a)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("allocated %d KiB to check %d MiB", alloc>>10, size>>20)
	}
}
