package conformance

import "github.com/jcx-dev/jcx/exchange"

// Party is exchange.Party, the one party type of jcx; String writes it as
// CC/UniqueIdentifier.
//
// Deprecated: use exchange.Party. This alias only keeps code written against the
// earlier conformance.Party compiling.
type Party = exchange.Party

// Signer names used by Step.Sign: which test identity signs the message.
const (
	SignHarness     = "harness"      // the harness identity, the header's Sender
	SignNone        = "none"         // the message is sent unsigned
	SignWrongSigner = "wrong-signer" // trusted, but not the header's Sender
	SignExpired     = "expired"      // the Sender's name, with an expired certificate
	SignUntrusted   = "untrusted"    // the Sender's name, issued by a CA nobody trusts
	SignHarnessRSA  = "harness-rsa"  // the harness party again, with an RSA-3072 key
)

var signers = map[string]bool{SignHarness: true, SignNone: true, SignWrongSigner: true, SignExpired: true, SignUntrusted: true, SignHarnessRSA: true}

func (s *Step) signer() string {
	if s.Sign == "" {
		return SignHarness
	}
	return s.Sign
}

// Toolkit is what the harness needs from the message SDK and the suite's test PKI. The
// harness core needs nothing else, which keeps it testable with fakes; DefaultToolkit
// binds it to package exchange and conformance/testpki.
type Toolkit interface {
	// Harness is the identity the harness sends as.
	Harness() exchange.Party
	// Implementation is the identity the reference implementation answers as; the
	// default for Config.Implementation.
	Implementation() exchange.Party
	// Sign signs a message as one of the test identities (SignHarness, SignWrongSigner,
	// SignExpired, SignUntrusted, SignHarnessRSA).
	Sign(msg []byte, e Encoding, signer string) ([]byte, error)
	// Validate checks a message as a receiver with no view of an endpoint would (structure,
	// schema, business rules) and returns the codes of its findings.
	Validate(msg []byte, e Encoding) []exchange.ErrorCode
	// VerifyResponse checks the signature of a response against the suite's trust and
	// returns the party its certificate names. An intact signature whose certificate the
	// trust does not anchor is an error wrapping ErrSignerNotTrusted.
	VerifyResponse(msg []byte, e Encoding) (exchange.Party, error)
}
