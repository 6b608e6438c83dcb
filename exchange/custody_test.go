package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestCanonicalDigestIsJCS(t *testing.T) {
	e := CustodyEntry{Sequence: 2, Action: CustodyTransferred, Actor: "A <b> & c", Timestamp: "2026-11-28T10:00:00Z",
		ArtefactDigest: &Digest{Algorithm: "sha-256", Value: "ab"}, PreviousEntryDigest: "00"}
	// Written out by hand from RFC 8785: members sorted by name, no white space, and "<",
	// ">" and "&" left as they are (encoding/json would escape them).
	const canonical = `{"Action":"Transferred","Actor":"A <b> & c","ArtefactDigest":{"Algorithm":"sha-256","Value":"ab"},"PreviousEntryDigest":"00","Sequence":2,"Timestamp":"2026-11-28T10:00:00Z"}`
	sum := sha256.Sum256([]byte(canonical))
	if got, want := e.CanonicalDigest(), hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("CanonicalDigest = %s, want %s (sha-256 of %s)", got, want, canonical)
	}
	// Omitted optional members are absent from the canonical form, not empty.
	e2 := CustodyEntry{Sequence: 1, Action: CustodySeized, Actor: "x", Timestamp: "2026-11-28T10:00:00Z"}
	sum = sha256.Sum256([]byte(`{"Action":"Seized","Actor":"x","Sequence":1,"Timestamp":"2026-11-28T10:00:00Z"}`))
	if got := e2.CanonicalDigest(); got != hex.EncodeToString(sum[:]) {
		t.Fatalf("minimal entry digest = %s", got)
	}
}

func chain(n int) []CustodyEntry {
	base := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	actions := []CustodyAction{CustodySeized, CustodyImaged, CustodyHashed, CustodySealed, CustodyTransferred, CustodyReceived}
	e := make([]CustodyEntry, n)
	for i := range e {
		e[i] = CustodyEntry{Action: actions[i%len(actions)], Actor: "officer " + string(rune('A'+i)), Timestamp: NewDateTime(base.Add(time.Duration(i) * time.Hour))}
	}
	ChainCustody(e)
	return e
}

func TestChainCustody(t *testing.T) {
	e := chain(4)
	for i, x := range e {
		if x.Sequence != i+1 {
			t.Errorf("entry %d: sequence %d", i, x.Sequence)
		}
		if i == 0 && x.PreviousEntryDigest != "" || i > 0 && !isLowerHex(x.PreviousEntryDigest, 64) {
			t.Errorf("entry %d: previous digest %q", i, x.PreviousEntryDigest)
		}
	}
	if err := VerifyCustody(e); err != nil {
		t.Fatalf("fresh chain: %v", err)
	}
	if err := VerifyCustody(nil); err != nil {
		t.Fatalf("empty chain: %v", err)
	}
	// Rechaining a chain is idempotent.
	before := e[3].PreviousEntryDigest
	ChainCustody(e)
	if e[3].PreviousEntryDigest != before {
		t.Fatal("ChainCustody is not idempotent")
	}
}

func TestVerifyCustodyDetectsTampering(t *testing.T) {
	cases := []struct {
		name   string
		mutate func([]CustodyEntry) []CustodyEntry
		index  int
		field  string
	}{
		{"remove middle", func(e []CustodyEntry) []CustodyEntry { return append(e[:2:2], e[3:]...) }, 2, "Sequence"},
		{"remove first", func(e []CustodyEntry) []CustodyEntry { return e[1:] }, 0, "Sequence"},
		{"remove last is not detectable by the chain", func(e []CustodyEntry) []CustodyEntry { return e[:len(e)-1] }, -1, ""},
		{"swap and renumber", func(e []CustodyEntry) []CustodyEntry {
			e[1], e[2] = e[2], e[1]
			e[1].Sequence, e[2].Sequence = 2, 3
			return e
		}, 1, "PreviousEntryDigest"},
		{"edit actor", func(e []CustodyEntry) []CustodyEntry { e[1].Actor = "forger"; return e }, 2, "PreviousEntryDigest"},
		{"edit last entry's link", func(e []CustodyEntry) []CustodyEntry { e[4].PreviousEntryDigest = e[2].CanonicalDigest(); return e }, 4, "PreviousEntryDigest"},
		{"first entry with a link", func(e []CustodyEntry) []CustodyEntry { e[0].PreviousEntryDigest = e[1].CanonicalDigest(); return e }, 0, "PreviousEntryDigest"},
		{"bad timestamp", func(e []CustodyEntry) []CustodyEntry { e[0].Timestamp = "yesterday"; return e }, 0, "Timestamp"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := VerifyCustody(tc.mutate(chain(5)))
			if tc.index < 0 {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			var ce *CustodyError
			if !errors.As(err, &ce) || !errors.Is(err, ErrCustodyBroken) {
				t.Fatalf("got %v, want a *CustodyError matching ErrCustodyBroken", err)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("entry %d (%s)", tc.index, tc.field)) {
				t.Errorf("error text %q does not locate the break", err)
			}
			if ce.Index != tc.index || ce.Field != tc.field {
				t.Fatalf("broken at %d (%s), want %d (%s): %v", ce.Index, ce.Field, tc.index, tc.field, err)
			}
		})
	}
}
