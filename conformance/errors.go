package conformance

import "errors"

var (
	// ErrSuite reports a suite that cannot be loaded: unreadable, schema-invalid or
	// inconsistent (an unknown requirement, a duplicate id, an uncovered requirement).
	ErrSuite = errors.New("conformance: invalid suite")
	// ErrConfig reports a harness configuration the run cannot start with.
	ErrConfig = errors.New("conformance: invalid configuration")
	// ErrUnreachable reports that no connection to the implementation can be made at all:
	// refused, a name that does not resolve, a TLS handshake that fails, a command that
	// does not start. An implementation that accepts the connection and then answers
	// badly, closes it or hangs is reachable: it earns verdicts.
	ErrUnreachable = errors.New("conformance: implementation unreachable")
	// ErrCertificate reports a certificate that does not verify: bad signature, untrusted
	// signer, or a suite digest other than the one of the suite at hand.
	ErrCertificate = errors.New("conformance: certificate does not verify")
	// ErrTransport reports that an exchange got no answer at all from the target.
	ErrTransport = errors.New("conformance: no answer from the implementation")
	// ErrSignerNotTrusted is wrapped by Toolkit.VerifyResponse when an answer's signature
	// is intact but its certificate does not chain to the harness's trust: usually a
	// missing --trust, which the run reports once instead of as a failure of every case.
	ErrSignerNotTrusted = errors.New("conformance: signer not trusted")
)
