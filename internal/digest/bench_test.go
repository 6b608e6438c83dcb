package digest

import (
	"context"
	"crypto/sha256"
	"io"
	"testing"
)

// BenchmarkCheck compares Check with the least a program could do: copy
// the stream into SHA-256 with the same buffer size. The stream is
// generated, so both pay the same for it.
func BenchmarkCheck(b *testing.B) {
	const size = 64 << 20
	want := expect(b, stream(3, size))
	want.SHA512 = nil
	b.Run("digest.Check", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			if err := Check(context.Background(), stream(3, size), want); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("io.CopyBuffer+sha256", func(b *testing.B) {
		b.SetBytes(size)
		buf := make([]byte, ChunkSize)
		for b.Loop() {
			h := sha256.New()
			if _, err := io.CopyBuffer(h, stream(3, size), buf); err != nil {
				b.Fatal(err)
			}
			h.Sum(nil)
		}
	})
}
