package exchangelog

import (
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Errors of verification, matched with errors.Is. Each names one way a log or a proof
// can fail to be what it claims.
var (
	// ErrBadSignature: the checkpoint is not validly signed by the operator's key
	// (signed by another key, altered after signing, or not a signed note at all).
	ErrBadSignature = errors.New("exchangelog: checkpoint not signed by the log's key")
	// ErrWrongLog: the checkpoint names another log (its origin is not the key's name).
	ErrWrongLog = errors.New("exchangelog: checkpoint of another log")
	// ErrWitness: fewer valid witness cosignatures than required.
	ErrWitness = errors.New("exchangelog: not enough witness cosignatures")
	// ErrNotIncluded: the inclusion proof does not lead from the leaf to the root.
	ErrNotIncluded = errors.New("exchangelog: leaf not included in the tree")
	// ErrFork: two checkpoints of the same size with different roots — the log showed
	// different histories to different readers.
	ErrFork = errors.New("exchangelog: forked log: same size, different roots")
	// ErrRollback: the newer checkpoint is smaller than the older one.
	ErrRollback = errors.New("exchangelog: log rolled back")
	// ErrInconsistent: the consistency proof does not show the older tree to be a
	// prefix of the newer one.
	ErrInconsistent = errors.New("exchangelog: trees are not consistent")
)

// maxProofHashes bounds a proof: a tree of 2^63 leaves needs at most 2·63 hashes.
const maxProofHashes = 2 * 64

// Verifier checks checkpoints and proofs of one log offline. Key, the operator's note
// verifier, is all it needs; witness keys are optional.
type Verifier struct {
	Key note.Verifier
	// Witnesses are the verifiers of witnesses whose cosignatures are checked when
	// present (see NewWitnessVerifier). Quorum is how many of them must have cosigned.
	Witnesses []note.Verifier
	Quorum    int
}

// OpenCheckpoint verifies a signed checkpoint and returns its body. The operator's
// signature is required; a witness cosignature present for a known witness must verify;
// signatures by unknown keys are ignored.
func (v *Verifier) OpenCheckpoint(signed []byte) (Checkpoint, error) {
	known := append([]note.Verifier{v.Key}, v.Witnesses...)
	n, err := note.Open(signed, note.VerifierList(known...))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	var operator bool
	witnesses := 0
	for _, s := range n.Sigs {
		if s.Name == v.Key.Name() && s.Hash == v.Key.KeyHash() {
			operator = true
		} else {
			witnesses++
		}
	}
	if !operator {
		return Checkpoint{}, fmt.Errorf("%w: no signature by %s", ErrBadSignature, v.Key.Name())
	}
	if witnesses < v.Quorum {
		return Checkpoint{}, fmt.Errorf("%w: %d of %d required", ErrWitness, witnesses, v.Quorum)
	}
	cp, err := ParseCheckpoint([]byte(n.Text))
	if err != nil {
		return Checkpoint{}, err
	}
	if cp.Origin != v.Key.Name() {
		return Checkpoint{}, fmt.Errorf("%w: origin %q, key %q", ErrWrongLog, cp.Origin, v.Key.Name())
	}
	return cp, nil
}

// InclusionProof proves that the leaf at Index is in the tree of size TreeSize.
type InclusionProof struct {
	Index    int64       `json:"index"`
	TreeSize int64       `json:"tree_size"`
	Hashes   []tlog.Hash `json:"hashes"`
}

// ConsistencyProof proves that the tree of size OldSize is a prefix of that of NewSize.
type ConsistencyProof struct {
	OldSize int64       `json:"old_size"`
	NewSize int64       `json:"new_size"`
	Hashes  []tlog.Hash `json:"hashes"`
}

// VerifyInclusion checks that entry (a leaf's encoding) is at p.Index in the tree cp
// commits to. cp must come from OpenCheckpoint.
func VerifyInclusion(cp Checkpoint, entry []byte, p InclusionProof) error {
	if p.TreeSize != cp.Size {
		return fmt.Errorf("%w: proof for a tree of %d leaves, checkpoint of %d", ErrNotIncluded, p.TreeSize, cp.Size)
	}
	if p.Index < 0 || p.Index >= cp.Size || len(p.Hashes) > maxProofHashes {
		return fmt.Errorf("%w: index %d outside a tree of %d leaves", ErrNotIncluded, p.Index, cp.Size)
	}
	if err := tlog.CheckRecord(tlog.RecordProof(p.Hashes), cp.Size, cp.Root, p.Index, tlog.RecordHash(entry)); err != nil {
		return fmt.Errorf("%w: leaf %d: %v", ErrNotIncluded, p.Index, err)
	}
	return nil
}

// VerifyConsistency checks that the log of checkpoint newer extends that of older
// without rewriting it. Both must come from OpenCheckpoint with the same key. Two
// checkpoints of the same size must have the same root (no proof is needed then).
func VerifyConsistency(older, newer Checkpoint, p ConsistencyProof) error {
	if older.Origin != newer.Origin {
		return fmt.Errorf("%w: %q and %q", ErrWrongLog, older.Origin, newer.Origin)
	}
	switch {
	case newer.Size < older.Size:
		return fmt.Errorf("%w: from %d to %d leaves", ErrRollback, older.Size, newer.Size)
	case newer.Size == older.Size:
		if newer.Root != older.Root {
			return fmt.Errorf("%w: size %d, roots %v and %v", ErrFork, older.Size, older.Root, newer.Root)
		}
		return nil
	case older.Size == 0:
		return nil // the empty tree is a prefix of every tree
	}
	if p.OldSize != older.Size || p.NewSize != newer.Size || len(p.Hashes) > maxProofHashes {
		return fmt.Errorf("%w: proof from %d to %d, checkpoints %d and %d", ErrInconsistent, p.OldSize, p.NewSize, older.Size, newer.Size)
	}
	if err := tlog.CheckTree(tlog.TreeProof(p.Hashes), newer.Size, newer.Root, older.Size, older.Root); err != nil {
		return fmt.Errorf("%w: %d to %d leaves: %v", ErrInconsistent, older.Size, newer.Size, err)
	}
	return nil
}
