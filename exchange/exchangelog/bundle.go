package exchangelog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/jcx-dev/jcx/internal/strictjson"
)

// Evidence is everything a third party needs, with the operator's verifier key, to check
// offline that a message was logged: the signed checkpoint, the leaf's entry, and its
// inclusion proof. It is what "jcx log prove" writes and the server returns, as JSON.
type Evidence struct {
	Checkpoint string `json:"checkpoint"` // the signed note
	Entry      []byte `json:"entry"`      // the leaf's canonical encoding, base64
	InclusionProof
}

// maxEvidenceBytes bounds ParseEvidence: a proof of 128 hashes, a checkpoint with a few
// dozen cosignatures and a leaf fit many times over.
const maxEvidenceBytes = 64 << 10

// ParseEvidence decodes evidence JSON strictly: duplicate or unknown members, trailing
// data and oversized input are refused.
func ParseEvidence(data []byte) (Evidence, error) {
	var e Evidence
	if len(data) > maxEvidenceBytes {
		return e, fmt.Errorf("exchangelog: evidence of %d bytes, at most %d", len(data), maxEvidenceBytes)
	}
	if err := strictjson.Check(data, strictjson.DefaultLimits()); err != nil {
		return e, fmt.Errorf("exchangelog: evidence: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return e, fmt.Errorf("exchangelog: evidence: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return e, fmt.Errorf("exchangelog: evidence: data after the object")
	}
	return e, nil
}

// Verify checks the evidence: the checkpoint with v, the proof against it, the entry as
// a leaf. It returns the leaf and the checkpoint.
func (e Evidence) Verify(v *Verifier) (Leaf, Checkpoint, error) {
	cp, err := v.OpenCheckpoint([]byte(e.Checkpoint))
	if err != nil {
		return Leaf{}, cp, err
	}
	if err := VerifyInclusion(cp, e.Entry, e.InclusionProof); err != nil {
		return Leaf{}, cp, err
	}
	l, err := ParseLeaf(e.Entry)
	return l, cp, err
}
