package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gowebpki/jcs"
)

// A chain of custody is a hash chain: each entry carries, in PreviousEntryDigest, the
// SHA-256 of the canonical form of the entry before it, and the first entry carries none.
// Since the canonical form covers every member, including Sequence and the previous
// entry's digest, removing, inserting, reordering or editing any entry breaks the link of
// the entry after it. The chain proves order and integrity, not authorship: that comes from
// the signature of the message carrying it.

// ErrCustodyBroken is matched (errors.Is) by the errors of VerifyCustody.
var ErrCustodyBroken = errors.New("jcx: custody chain broken")

// CustodyError locates the first broken link of a custody chain.
type CustodyError struct {
	// Index is the zero-based position of the first entry that does not verify.
	Index int
	// Field is the member at fault: Sequence, Timestamp or PreviousEntryDigest.
	Field  string
	Reason string
}

// Error names the broken entry and why.
func (e *CustodyError) Error() string {
	return fmt.Sprintf("jcx: custody chain broken at entry %d (%s): %s", e.Index, e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrCustodyBroken) true.
func (e *CustodyError) Is(target error) bool { return target == ErrCustodyBroken }

// CanonicalDigest returns the lowercase hexadecimal SHA-256 of the entry's canonical form:
// its JSON encoding (the member names and omissions of the JSON mapping of this format)
// put into RFC 8785 (JCS) form — members sorted, no insignificant white space, strings
// escaped the one JCS way. The form is the same whichever encoding carried the entry, so a
// chain built over XML verifies over JSON and back.
func (e CustodyEntry) CanonicalDigest() string {
	sum := sha256.Sum256(e.canonical())
	return hex.EncodeToString(sum[:])
}

func (e CustodyEntry) canonical() []byte {
	raw, err := json.Marshal(e)
	if err != nil {
		// A CustodyEntry holds only strings and integers: it always marshals.
		return nil
	}
	out, err := jcs.Transform(raw)
	if err != nil {
		// json.Marshal writes valid UTF-8 and integers only, which JCS always accepts.
		return raw
	}
	return out
}

// ChainCustody numbers entries from 1 and links each to the one before it, filling
// Sequence and PreviousEntryDigest. Call it after the last change to any entry: editing an
// entry afterwards breaks the chain from the next entry on.
func ChainCustody(entries []CustodyEntry) {
	for i := range entries {
		entries[i].Sequence = i + 1
		entries[i].PreviousEntryDigest = ""
		if i > 0 {
			entries[i].PreviousEntryDigest = entries[i-1].CanonicalDigest()
		}
	}
}

// VerifyCustody checks a custody chain: Sequence runs 1..n, timestamps never go back, the
// first entry has no PreviousEntryDigest and every other one holds the canonical digest of
// the entry before it. It returns nil or a *CustodyError for the first broken link.
func VerifyCustody(entries []CustodyEntry) error {
	if ps := custodyProblems(entries); len(ps) > 0 {
		return ps[0]
	}
	return nil
}

// custodyProblems lists every broken link, in order, so that a validator can report them
// all. A timestamp that does not parse is reported once, and not compared.
func custodyProblems(entries []CustodyEntry) []*CustodyError {
	var out []*CustodyError
	var prevTime time.Time
	prevOK := false
	for i, e := range entries {
		if e.Sequence != i+1 {
			out = append(out, &CustodyError{i, "Sequence", fmt.Sprintf("sequence is %d, want %d", e.Sequence, i+1)})
		}
		t, err := e.Timestamp.Time()
		switch {
		case err != nil:
			out = append(out, &CustodyError{i, "Timestamp", err.Error()})
		case prevOK && t.Before(prevTime):
			out = append(out, &CustodyError{i, "Timestamp", fmt.Sprintf("timestamp %s is before the previous entry's", e.Timestamp)})
		}
		if err == nil {
			prevTime, prevOK = t, true
		}
		switch {
		case i == 0 && e.PreviousEntryDigest != "":
			out = append(out, &CustodyError{i, "PreviousEntryDigest", "the first entry links to no previous entry"})
		case i > 0 && e.PreviousEntryDigest != entries[i-1].CanonicalDigest():
			out = append(out, &CustodyError{i, "PreviousEntryDigest", "digest does not match the previous entry"})
		}
	}
	return out
}
