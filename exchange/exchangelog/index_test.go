package exchangelog

import (
	"context"
	"errors"
	"testing"
)

// Find answers from an index built on first use and extended with what is appended
// later, across a reopen; the latest leaf of a digest logged twice wins.
func TestFindIndex(t *testing.T) {
	ctx := context.Background()
	l, dir, s, v := newTestLog(t, 600)
	for _, i := range []int{0, 255, 256, 599} {
		got, err := l.Find(ctx, testLeaf(i).Digest)
		if err != nil || got != int64(i) {
			t.Fatalf("Find(leaf %d) = %d, %v", i, got, err)
		}
	}
	if l.index.n != 600 {
		t.Fatalf("%d leaves indexed, want 600", l.index.n)
	}
	appendTestLeaves(t, l, 600, 610)
	again := testLeaf(3)
	again.Direction = Sent
	if _, err := l.Append(ctx, again); err != nil {
		t.Fatal(err)
	}
	if got, err := l.Find(ctx, testLeaf(605).Digest); err != nil || got != 605 {
		t.Fatalf("a leaf appended after the index was built: %d, %v", got, err)
	}
	if got, err := l.Find(ctx, testLeaf(3).Digest); err != nil || got != 610 {
		t.Fatalf("a digest logged twice: %d, %v, want the later leaf 610", got, err)
	}
	if _, err := l.Find(ctx, testLeaf(9999).Digest); !errors.Is(err, ErrNotFound) {
		t.Fatalf("an unknown digest: %v", err)
	}
	l.Close()
	l2, err := Open(ctx, dir, s, v)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := l2.Find(ctx, testLeaf(607).Digest); err != nil || got != 607 {
		t.Fatalf("after reopening: %d, %v", got, err)
	}
}

func BenchmarkFind(b *testing.B) {
	ctx := context.Background()
	l, _, _, _ := newTestLog(b, 20000)
	if _, err := l.Find(ctx, testLeaf(0).Digest); err != nil { // builds the index
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := l.Find(ctx, testLeaf(i%20000).Digest); err != nil {
			b.Fatal(err)
		}
	}
}
