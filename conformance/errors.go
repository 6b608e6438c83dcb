package conformance

import "errors"

var (
	// ErrSuite reports a suite that cannot be loaded: unreadable, schema-invalid or
	// inconsistent (an unknown requirement, a duplicate id, an uncovered requirement).
	ErrSuite = errors.New("conformance: invalid suite")
	// ErrConfig reports a harness configuration the run cannot start with.
	ErrConfig = errors.New("conformance: invalid configuration")
	// ErrUnreachable reports an implementation that did not answer the probe sent before
	// the run.
	ErrUnreachable = errors.New("conformance: implementation unreachable")
	// ErrCertificate reports a certificate that does not verify: bad signature, untrusted
	// signer, or a suite digest other than the one of the suite at hand.
	ErrCertificate = errors.New("conformance: certificate does not verify")
	// ErrTransport reports that an exchange got no answer at all from the target.
	ErrTransport = errors.New("conformance: no answer from the implementation")
)
