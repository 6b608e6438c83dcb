package main

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
)

// problemKind names one way the exchange can go wrong. Every kind is a failure of the
// run: a correct server under any load produces none.
type problemKind string

const (
	// The transport failed: no response arrived (connection error or timeout).
	probTransport problemKind = "transport"
	// The HTTP status was not 200, which the binding reserves for non-messages.
	probStatus problemKind = "http-status"
	// The response's signature, chain or signer did not verify, or it was not a response.
	probUnverified problemKind = "unverified"
	// The response came from another party, went to another, or answered another
	// transaction.
	probCorrelation problemKind = "correlation"
	// The receipt is not the digest of the bytes sent.
	probReceipt problemKind = "receipt"
	// A replay, or the second copy of a message sent twice at once, was not refused
	// with 8012.
	probReplayAccepted problemKind = "replay-not-refused"
	// A fresh message was refused as a whole (a message-level error such as 8012 from a
	// full replay cache, or 8013).
	probFreshRefused problemKind = "fresh-refused"
	// An action failed or answered otherwise than it must for this client's own objects.
	probUnexpected problemKind = "unexpected-result"
	// A GET returned another generation or revision than the client's accepted updates.
	probStale problemKind = "stale-read"
	// An accepted CREATE is not stored (audit).
	probLost problemKind = "lost"
	// An object is stored or listed more than once, or one message was accepted twice.
	probDuplicated problemKind = "duplicated"
	// A listed object was never accepted (audit).
	probPhantom problemKind = "phantom"
	// A listed object is at another generation than its accepted updates make it.
	probGeneration problemKind = "generation"
	// The audit itself could not run to the end.
	probAudit problemKind = "audit"
)

// maxExamples bounds how many occurrences of each kind are kept for the report.
const maxExamples = 5

// problems counts problems by kind and keeps the first few of each. It is safe for
// concurrent use.
type problems struct {
	mu       sync.Mutex
	count    map[problemKind]int64
	examples map[problemKind][]string
}

func newProblems() *problems {
	return &problems{count: map[problemKind]int64{}, examples: map[problemKind][]string{}}
}

func (p *problems) add(k problemKind, format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.count[k]++
	if len(p.examples[k]) < maxExamples {
		p.examples[k] = append(p.examples[k], fmt.Sprintf(format, args...))
	}
}

// Problem is one kind of problem in the report.
type Problem struct {
	Kind     string   `json:"kind"`
	Count    int64    `json:"count"`
	Examples []string `json:"examples"`
}

// list returns the problems by kind, most frequent first.
func (p *problems) list() []Problem {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := []Problem{}
	for k, n := range p.count {
		out = append(out, Problem{Kind: string(k), Count: n, Examples: slices.Clone(p.examples[k])})
	}
	slices.SortFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Kind, b.Kind))
	})
	return out
}
