package exchangelog

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"
)

func TestAppendProveVerify(t *testing.T) {
	ctx := context.Background()
	// 600 leaves: two full tiles and a partial one, so both full and partial paths run.
	l, dir, s, v := newTestLog(t, 300)
	for i := range 5 { // a few single commits too
		appendTestLeaves(t, l, 300+i, 301+i)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 300)
	for i := 305; i < 600; i++ {
		wg.Go(func() {
			if _, err := l.Append(ctx, testLeaf(i)); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if l.Size() != 600 {
		t.Fatalf("size %d", l.Size())
	}
	ver := &Verifier{Key: v}
	cp, err := ver.OpenCheckpoint(l.Checkpoint())
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	for _, i := range []int64{0, 1, 255, 256, 511, 512, 599} {
		p, signed, entry, err := l.Prove(ctx, i)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(signed, l.Checkpoint()) {
			t.Fatal("Prove returned another checkpoint")
		}
		if err := VerifyInclusion(cp, entry, p); err != nil {
			t.Fatalf("leaf %d: %v", i, err)
		}
		seen[string(entry)] = true
	}
	if len(seen) != 7 {
		t.Fatal("Prove returned the same entry for different indexes")
	}
	// Sequential appends come back in order.
	if _, err := ParseLeaf(func() []byte { _, _, e, _ := l.Prove(ctx, 42); return e }()); err != nil {
		t.Fatal(err)
	}
	_, _, e42, _ := l.Prove(ctx, 42)
	if !bytes.Equal(e42, mustEntry(t, testLeaf(42))) {
		t.Fatal("leaf 42 is not the 43rd appended")
	}

	// Consistency from every earlier size we can name.
	for _, old := range []int64{0, 1, 256, 300, 599, 600} {
		p, signed, err := l.ProveConsistency(ctx, old)
		if err != nil {
			t.Fatal(err)
		}
		newer, err := ver.OpenCheckpoint(signed)
		if err != nil {
			t.Fatal(err)
		}
		older := checkpointAt(t, l, old)
		if err := VerifyConsistency(older, newer, p); err != nil {
			t.Fatalf("from %d: %v", old, err)
		}
	}
	if err := l.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Append(ctx, testLeaf(0)); !errors.Is(err, ErrClosed) {
		t.Fatalf("Append after Close = %v", err)
	}

	// Reopen and keep appending.
	l2, err := Open(ctx, dir, s, v)
	if err != nil {
		t.Fatal(err)
	}
	if i, err := l2.Append(ctx, testLeaf(600)); err != nil || i != 600 {
		t.Fatalf("Append after reopen = %d, %v", i, err)
	}
	if err := l2.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if err := Init(dir, s); !errors.Is(err, ErrExists) {
		t.Fatalf("Init over a log = %v", err)
	}
}

// checkpointAt computes the checkpoint body of the tree of the first n leaves in memory,
// from the entries as Prove returns them, as an auditor who kept an old checkpoint holds it.
func checkpointAt(t *testing.T, l *Log, n int64) Checkpoint {
	t.Helper()
	entries := make([][]byte, n)
	for i := range n {
		_, _, e, err := l.Prove(context.Background(), i)
		if err != nil {
			t.Fatal(err)
		}
		entries[i] = e
	}
	return Checkpoint{Origin: "log.example.test/jcx", Size: n, Root: rootOf(t, entries)}
}
