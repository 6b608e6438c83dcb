package refimpl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// Fault is one deliberate defect the reference implementation can be told to have. Each
// fault breaks exactly the behaviour it names and nothing else, so that the suite's own
// tests can show that the cases meant to catch a defect do catch it.
type Fault string

const (
	// AcceptReplays forgets transaction identifiers: a replayed request is applied again
	// instead of refused with 8012.
	AcceptReplays Fault = "accept-replays"
	// SkipSignatureChecks accepts unsigned, tampered and wrongly signed requests
	// (no 8001–8005).
	SkipSignatureChecks Fault = "skip-signature-checks"
	// SignWithWrongKey signs responses with a key that is not the implementation's,
	// under a self-signed certificate in its name, so the response signature is not
	// trusted.
	SignWithWrongKey Fault = "sign-with-wrong-key"
	// WrongCorrelation answers with a fresh TransactionIdentifier instead of the
	// request's.
	WrongCorrelation Fault = "wrong-correlation"
	// WrongReceiptDigest puts a digest of other bytes than the request in the receipt.
	WrongReceiptDigest Fault = "wrong-receipt-digest"
	// IgnoreGeneration applies an UPDATE whatever Generation it carries (no 3008).
	IgnoreGeneration Fault = "ignore-generation"
	// AcceptUnknownLinks accepts links to objects that do not exist (no 3016).
	AcceptUnknownLinks Fault = "accept-unknown-links"
	// UnsignedResponses sends responses without a signature.
	UnsignedResponses Fault = "unsigned-responses"
	// AcceptStaleTimestamps accepts any header timestamp (no 8013).
	AcceptStaleTimestamps Fault = "accept-stale-timestamps"
	// AcceptWrongReceiver accepts requests addressed to another party (no 8010).
	AcceptWrongReceiver Fault = "accept-wrong-receiver"
	// CrashOnHostile stops answering (HTTP 500, or no response in process) for good
	// after the first request that cannot be decoded, as a server that died on hostile
	// input would.
	CrashOnHostile Fault = "crash-on-hostile"
)

var allFaults = []Fault{
	AcceptReplays, SkipSignatureChecks, SignWithWrongKey, WrongCorrelation,
	WrongReceiptDigest, IgnoreGeneration, AcceptUnknownLinks, UnsignedResponses,
	AcceptStaleTimestamps, AcceptWrongReceiver, CrashOnHostile,
}

// Faults lists every fault, in a stable order.
func Faults() []Fault { return slices.Clone(allFaults) }

// ParseFault returns the fault with the name (a fault of either profile or of the
// exchange log), or an error listing the known names.
func ParseFault(name string) (Fault, error) {
	f := Fault(name)
	known := slices.Concat(allFaults, hi1OnlyFaults, logFaults)
	if slices.Contains(known, f) {
		return f, nil
	}
	names := make([]string, 0, len(known))
	for _, f := range known {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("refimpl: unknown fault %q (known: %s)", name, strings.Join(names, ", "))
}

// faultSet is the set of faults switched on; the zero value has none.
type faultSet map[Fault]bool

func (s faultSet) has(f Fault) bool { return s[f] }

// impostor makes the signer of the SignWithWrongKey fault: a fresh key with a
// self-signed certificate that names the implementation's party, so responses are
// well-formed and signed in the implementation's name, by a key nobody trusts.
func impostor(p exchange.Party) (exchange.Signer, error) {
	return trust.Issue(trust.IssueRequest{
		Party: p,
	})
}
