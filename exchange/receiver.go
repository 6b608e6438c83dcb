package exchange

import (
	"fmt"
	"time"

	"github.com/jcx-dev/jcx/exchange/trust"
)

// Defaults of a receiver, as ReceiverOptions and package httpbinding set them.
const (
	// DefaultClockWindow is how far a request's Timestamp may be from the receiver's
	// clock (8013): wide enough for unsynchronised clocks, narrow enough that a replay
	// cache need remember only a few minutes of traffic.
	DefaultClockWindow = 300 * time.Second
	// DefaultReplayCacheSize is how many transactions ReceiverOptions' replay cache
	// remembers: the clock window at about 400 messages a second.
	DefaultReplayCacheSize = 1 << 17
)

// ReceiverOptions returns the options of a receiver that is the party me and accepts
// requests from the senders bundle vouches for: in one call, everything a receiver owes
// its senders besides the schema and the rules.
//
//   - Receiver is me: a message addressed to another party is refused (8010);
//   - ClockWindow is DefaultClockWindow around time.Now (8013);
//   - RefuseElapsedDeadlines: a deadline already passed at receipt is refused (8031);
//   - Signature requires a signature by a signer bundle trusts that names the header's
//     sender (8001–8005);
//   - Replay is a new MemoryReplayCache of DefaultReplayCacheSize (8012), asked last so
//     a refused message never uses up its transaction identifier.
//
// Change any field of the result before passing it to NewValidator; keep one Validator
// (and so one replay cache) per receiver. Package httpbinding's Handler applies the same
// defaults itself. A nil bundle is an error matching ErrNoTrust; me must be valid.
func ReceiverOptions(me Party, bundle *trust.Bundle) (Options, error) {
	if bundle == nil {
		return Options{}, fmt.Errorf("jcx: receiver options: %w", ErrNoTrust)
	}
	if err := me.Validate(); err != nil {
		return Options{}, fmt.Errorf("jcx: receiver options: %w", err)
	}
	return Options{
		Now:                    time.Now,
		ClockWindow:            DefaultClockWindow,
		RefuseElapsedDeadlines: true,
		Receiver:               &me,
		Signature:              RequireSignature(VerifyOptions{Trust: bundle}),
		Replay:                 NewMemoryReplayCache(DefaultReplayCacheSize),
	}, nil
}
