package exchangelog

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// TestAttacks runs each way a log operator, a mirror or a disk can misbehave against the
// verifier and the store, and requires the matching refusal.
func TestAttacks(t *testing.T) {
	ctx := context.Background()
	l, dir, s, v := newTestLog(t, 300)
	ver := &Verifier{Key: v}
	cp300, err := ver.OpenCheckpoint(l.Checkpoint())
	if err != nil {
		t.Fatal(err)
	}
	appendTestLeaves(t, l, 300, 520)
	cp520, err := ver.OpenCheckpoint(l.Checkpoint())
	if err != nil {
		t.Fatal(err)
	}
	cons, _, err := l.ProveConsistency(ctx, 300)
	if err != nil {
		t.Fatal(err)
	}
	incl, _, entry, err := l.Prove(ctx, 17)
	if err != nil {
		t.Fatal(err)
	}
	otherSigner, _ := testKeys(t, "log.example.test/jcx") // same name, another key

	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"forked log: same size, another root, signed by the operator", func() error {
			forked := cp520
			forked.Root = tlog.RecordHash([]byte("another history"))
			signed, err := SignCheckpoint(forked, s)
			if err != nil {
				return err
			}
			fork, err := ver.OpenCheckpoint(signed)
			if err != nil {
				return err
			}
			return VerifyConsistency(cp520, fork, ConsistencyProof{})
		}, ErrFork},
		{"rolled-back log: newer checkpoint smaller", func() error {
			return VerifyConsistency(cp520, cp300, cons)
		}, ErrRollback},
		{"rewritten history: consistency proof with a changed hash", func() error {
			bad := cons
			bad.Hashes = append([]tlog.Hash(nil), cons.Hashes...)
			bad.Hashes[0][0] ^= 1
			return VerifyConsistency(cp300, cp520, bad)
		}, ErrInconsistent},
		{"rewritten history: old root not a prefix", func() error {
			old := cp300
			old.Root = tlog.RecordHash([]byte("other"))
			return VerifyConsistency(old, cp520, cons)
		}, ErrInconsistent},
		{"leaf not in the tree", func() error {
			return VerifyInclusion(cp520, mustEntry(t, testLeaf(9999)), incl)
		}, ErrNotIncluded},
		{"leaf at another index", func() error {
			p := incl
			p.Index = 18
			return VerifyInclusion(cp520, entry, p)
		}, ErrNotIncluded},
		{"index beyond the tree", func() error {
			p := incl
			p.Index = 520
			return VerifyInclusion(cp520, entry, p)
		}, ErrNotIncluded},
		{"proof against an older checkpoint", func() error {
			return VerifyInclusion(cp300, entry, incl)
		}, ErrNotIncluded},
		{"checkpoint signed by another key", func() error {
			signed, err := SignCheckpoint(cp520, otherSigner)
			if err != nil {
				return err
			}
			_, err = ver.OpenCheckpoint(signed)
			return err
		}, ErrBadSignature},
		{"checkpoint edited after signing", func() error {
			signed := bytes.Replace(l.Checkpoint(), []byte("\n520\n"), []byte("\n521\n"), 1)
			_, err := ver.OpenCheckpoint(signed)
			return err
		}, ErrBadSignature},
		{"checkpoint of another log under a valid key", func() error {
			c := cp520
			c.Origin = "elsewhere.example.test/log"
			signed, err := SignCheckpoint(c, s)
			if err != nil {
				return err
			}
			_, err = ver.OpenCheckpoint(signed)
			return err
		}, ErrWrongLog},
		{"reading a leaf past the checkpoint", func() error {
			_, _, _, err := l.Prove(ctx, 520)
			return err
		}, ErrNotIncluded},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "exchangelog: ") {
				t.Fatalf("error %q does not say where it comes from", err)
			}
		})
	}

	// Damage on disk: each copy of the log is damaged once, then opened and read.
	l.Close()
	damage := []struct {
		name string
		path string
		edit func([]byte) []byte
	}{
		{"hash tile with a flipped byte", "tile/0/000", flip(100)},
		{"partial hash tile with a flipped byte", "tile/0/002.p/8", flip(3)},
		{"level-1 tile with a flipped byte", "tile/1/000.p/2", flip(40)},
		{"truncated hash tile", "tile/0/001", func(b []byte) []byte { return b[:len(b)-1] }},
		{"entry bundle with a flipped byte", "tile/entries/000", flip(500)},
		{"truncated entry bundle", "tile/entries/001", func(b []byte) []byte { return b[:len(b)-3] }},
		{"partial entry bundle with a flipped byte", "tile/entries/002.p/8", flip(20)},
		{"missing hash tile", "tile/0/001", nil},
	}
	for _, tc := range damage {
		t.Run(tc.name, func(t *testing.T) {
			d := copyDir(t, dir)
			p := filepath.Join(d, filepath.FromSlash(tc.path))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if tc.edit == nil {
				err = os.Remove(p)
			} else {
				err = os.WriteFile(p, tc.edit(b), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			// Either Open refuses, or a full check does; no read serves the data.
			dl, err := Open(ctx, d, s, v)
			if err == nil {
				err = dl.Check(ctx)
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("got %v, want ErrCorrupt", err)
			}
		})
	}
}

func flip(i int) func([]byte) []byte {
	return func(b []byte) []byte { b[i] ^= 0x01; return b }
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestWitnessCosignatures(t *testing.T) {
	l, _, s, v := newTestLog(t, 3)
	w1, vk1 := newWitness(t, "witness-one.example.test")
	w2, vk2 := newWitness(t, "witness-two.example.test")
	wv1, err := NewWitnessVerifier(vk1)
	if err != nil {
		t.Fatal(err)
	}
	wv2, err := NewWitnessVerifier(vk2)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := (&Verifier{Key: v}).OpenCheckpoint(l.Checkpoint())
	if err != nil {
		t.Fatal(err)
	}
	both, err := SignCheckpoint(cp, s, w1, w2)
	if err != nil {
		t.Fatal(err)
	}
	onlyOne, err := SignCheckpoint(cp, s, w1)
	if err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Clone(both)
	// The witness's timestamp is part of what it signs: change it and the cosignature fails.
	lines := strings.Split(string(tampered), "\n")
	for i, line := range lines {
		if strings.Contains(line, "witness-two") {
			lines[i] = line[:len(line)-90] + strings.Repeat("A", 4) + line[len(line)-86:]
		}
	}
	tampered = []byte(strings.Join(lines, "\n"))

	for _, tc := range []struct {
		name   string
		signed []byte
		ver    Verifier
		want   error
	}{
		{"two of two", both, Verifier{Key: v, Witnesses: []note.Verifier{wv1, wv2}, Quorum: 2}, nil},
		{"one of two, quorum one", onlyOne, Verifier{Key: v, Witnesses: []note.Verifier{wv1, wv2}, Quorum: 1}, nil},
		{"one of two, quorum two", onlyOne, Verifier{Key: v, Witnesses: []note.Verifier{wv1, wv2}, Quorum: 2}, ErrWitness},
		{"cosignatures ignored without witness keys", both, Verifier{Key: v}, nil},
		{"tampered cosignature", tampered, Verifier{Key: v, Witnesses: []note.Verifier{wv1, wv2}, Quorum: 1}, ErrBadSignature},
		{"no operator signature", stripOperator(t, both, v.Name()), Verifier{Key: v, Witnesses: []note.Verifier{wv1, wv2}}, ErrBadSignature},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.ver.OpenCheckpoint(tc.signed)
			if !errors.Is(err, tc.want) && !(tc.want == nil && err == nil) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	for _, bad := range []string{"", "w+00000000+AAAA", vk1[:len(vk1)-4] + "AAA=", strings.Replace(vk1, "+", "+0", 1)} {
		if _, err := NewWitnessVerifier(bad); !errors.Is(err, ErrBadWitnessKey) {
			t.Errorf("NewWitnessVerifier(%q) = %v", bad, err)
		}
	}
}

func stripOperator(t *testing.T, signed []byte, name string) []byte {
	var out []string
	for _, line := range strings.SplitAfter(string(signed), "\n") {
		if !strings.HasPrefix(line, "\u2014 "+name+" ") {
			out = append(out, line)
		}
	}
	return []byte(strings.Join(out, ""))
}
