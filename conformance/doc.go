// Package conformance replays the jcx conformance suite against an implementation and
// tells whether it conforms: the harness behind `jcx conformance`.
//
// A suite is data, not code (see docs/suite-format.md): a manifest, a catalogue of
// requirements with stable ids and RFC 2119 levels, cases with stable ids, message
// templates in both encodings, and for every expectation a set of acceptable outcomes.
// The core suite is embedded (Core); Load reads any folder with the same layout, and
// Digest names a suite exactly.
//
// To test an implementation, give Run a Target and read the Result:
//
//	res, err := conformance.Run(ctx, conformance.Config{
//		Target: conformance.HTTP("https://exchange.example/jcx", conformance.HTTPOptions{TLS: tlsConfig}),
//	})
//	if err != nil { … }          // could not start: ErrConfig, ErrSuite, ErrUnreachable
//	if !res.Conformant { … }     // every verdict, with transcripts, is in res.Cases
//
// Targets reach the implementation over HTTP(S) (HTTP), through a long-lived adapter
// process speaking JSON lines (Exec, docs/exec-protocol.md), or in process (Handler for an
// http.Handler, InProcess for an Exchanger). From a vendor's own tests,
// conformancetest.Run turns every case into a subtest.
//
// For each case and encoding the harness fills a template with fresh identifiers and
// timestamps, signs it with one of the suite's test identities (conformance/testpki),
// applies the case's mutations (tamper after signing, strip the signature, replay, lay
// the bytes out anew where the signature does not look, …), sends it, and checks the
// answer: in the request's encoding, a valid Response signed by the implementation,
// correlated, with a receipt over the exact bytes sent, and with an outcome in the
// acceptable set, for the right reason (the path errors.md fixes, no hostile content
// echoed: hostile cases carry canaries — entity secrets and a loopback listener that
// must never be fetched). Scenarios carry object identifiers across steps; hostile cases
// are followed by a probe that must still be answered. Whatever the implementation does
// — hang, crash, lie, answer garbage or bombs — the run ends, with verdicts: the
// per-case timeout bounds connecting, sending, receiving, parsing and checking. Only an
// implementation that cannot be connected to at all stops a run (ErrUnreachable); a run
// that judged nothing is Inconclusive, never conformant.
//
// A suite's manifest names its binding: jcx core messages (the default), or HI-1
// (BindingHI1: ETSI TS 103 120 messages in XML, answered with a signed HI-1 response
// correlated by TransactionIdentifier), which the embedded hi1 suite uses.
//
// The harness needs the SDK only through the Toolkit interface; DefaultToolkit binds it
// to package exchange and the test PKI, HI1Toolkit to package exchange/hi1 (ToolkitFor
// picks by binding), and the harness's own tests use fakes.
//
// WriteJSON, WriteJUnit and WriteHTML write the reports; NewCertificate, SignCertificate
// and VerifyCertificate issue and check the signed certificate of a certifiable run.
package conformance
