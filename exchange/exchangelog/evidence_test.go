package exchangelog

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"testing"
)

func TestEvidenceAndFind(t *testing.T) {
	ctx := context.Background()
	l, dir, _, v := newTestLog(t, 260)
	digest := sha256.Sum256([]byte("message 5"))
	i, err := l.Find(ctx, digest)
	if err != nil || i != 5 {
		t.Fatalf("Find = %d, %v", i, err)
	}
	if _, err := l.Find(ctx, sha256.Sum256([]byte("never sent"))); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Find of an unknown digest = %v", err)
	}
	// A read-only log proves but refuses appends.
	ro, err := Open(ctx, dir, nil, v)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.Append(ctx, testLeaf(1)); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Append on a read-only log = %v", err)
	}
	p, signed, entry, err := ro.Prove(ctx, i)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(Evidence{Checkpoint: string(signed), Entry: entry, InclusionProof: p})
	if err != nil {
		t.Fatal(err)
	}
	e, err := ParseEvidence(data)
	if err != nil {
		t.Fatal(err)
	}
	leaf, cp, err := e.Verify(&Verifier{Key: v})
	if err != nil {
		t.Fatal(err)
	}
	if leaf.Digest != digest || cp.Size != 260 {
		t.Fatalf("verified leaf %x in a tree of %d", leaf.Digest, cp.Size)
	}
	e.Entry = mustEntry(t, testLeaf(6))
	if _, _, err := e.Verify(&Verifier{Key: v}); !errors.Is(err, ErrNotIncluded) {
		t.Fatalf("evidence for another leaf = %v", err)
	}
	for _, bad := range []string{
		`{"checkpoint":"","entry":"","index":0,"tree_size":0,"hashes":[],"hashes":[]}`,
		`{"checkpoint":"","entry":"","index":0,"tree_size":0,"hashes":[],"extra":1}`,
		`{"checkpoint":"","entry":"","index":0,"tree_size":0,"hashes":[]} {}`,
		`{"checkpoint":"","entry":"","index":0,"tree_size":0,"hashes":["AAA="]}`,
	} {
		if _, err := ParseEvidence([]byte(bad)); err == nil {
			t.Errorf("ParseEvidence(%s) accepted", bad)
		}
	}
}

func TestParseSignerKey(t *testing.T) {
	// Many keys, so that some hold "+" in their base64 part.
	for range 64 {
		skey, _, err := GenerateKey("keys.example.test/log")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := ParseSignerKey(skey); err != nil {
			t.Fatalf("ParseSignerKey(generated key): %v", err)
		}
	}
	skey, vkey, err := GenerateKey("keys.example.test/log")
	if err != nil {
		t.Fatal(err)
	}
	s, v, err := ParseSignerKey(skey)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name() != "keys.example.test/log" || v.KeyHash() != s.KeyHash() {
		t.Fatal("derived verifier does not match")
	}
	cp, err := SignCheckpoint(Checkpoint{Origin: s.Name(), Size: 0, Root: mustTreeHash(0)}, s)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := noteVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&Verifier{Key: pub}).OpenCheckpoint(cp); err != nil {
		t.Fatalf("published key does not verify: %v", err)
	}
	for _, bad := range []string{"", vkey, skey[:len(skey)-4]} {
		if _, _, err := ParseSignerKey(bad); !errors.Is(err, ErrBadKey) {
			t.Errorf("ParseSignerKey(%.20q) = %v", bad, err)
		}
	}
}
