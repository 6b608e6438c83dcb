package intake

import "github.com/jcx-dev/jcx/exchange"

// Hooks break a binding handler in chosen places, for the reference implementation's
// deliberate faults only: the conformance suite's negative controls then run the very
// pipeline every receiver runs, defective in one place. Nothing else sets them, and a
// handler without hooks behaves as documented.
type Hooks struct {
	// Validator, when set, checks requests instead of the handler's own validator.
	Validator *exchange.Validator
	// Replay, when set, is asked instead of the handler's replay cache.
	Replay func(sender exchange.Party, id exchange.UUID) (replayed, full bool)
	// Undecodable is told of every request that could not be decoded; when it returns
	// false the request gets no response at all.
	Undecodable func() bool
	// Down, when it reports true, makes the handler produce no response at all.
	Down func() bool
	// Response changes each response message before it is encoded.
	Response func(*exchange.Message)
	// Sign, when set, signs each encoded response instead of the handler's signer.
	Sign func(data []byte, f exchange.Format) ([]byte, error)
}

// Install sets hooks on an *httpbinding.Handler. Package httpbinding provides it, since
// only it can reach the handler's fields; the reference implementation calls it.
var Install func(handler any, hooks Hooks)
