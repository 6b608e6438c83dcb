// Package httpbinding carries jcx messages over HTTP, as HI-1 §9.3 does: the request
// message is POSTed and the signed response comes back in the same exchange, with status
// 200 for every message-level outcome, refusals included. It has both ends.
//
// A receiver is a Handler. It does every check a receiver owes its senders, cheap ones
// first: method, content type (FormatOf), size before reading (413, or a signed 3022
// within OversizeSlack), a memory budget across requests (503), then the hardened decode,
// the schema, the header (8010 receiver, 8013 clock window), the signature and that its
// signer is the sender (800x), the rules, the mutual-TLS client certificate against the
// sender (8011, see WithPeerCertificate), and last the replay cache (8012), so that a
// refused message never uses up its transaction identifier. Only a request that passed
// them all reaches the vendor's Service; the Handler answers with a signed response in
// the request's encoding, correlated with its TransactionIdentifier and carrying a
// receipt over the exact bytes received. A request that could not even be decoded is
// still answered with a signed refusal, correlated when its header can be read.
//
// NewReceiver is the receiver preset, one call with the defaults above: its identity is
// the party the signer's certificate names.
//
//	signer, err := trust.LoadSigner(keyPEM, chainPEM) // our key and certificate
//	bundle, err := trust.LoadBundle(bundlePEM)        // who may send to us
//	h, err := httpbinding.NewReceiver(signer, bundle, httpbinding.ServiceFunc(perform))
//	http.Handle("/jcx", h)
//
// New takes a Config for anything else (another clock window, a shared replay cache,
// limits, a certificate that names several parties).
//
// A sender is a Client. Client.Send signs a message, posts it and accepts the answer
// only when its signature is trusted and names the party the message was sent to, when
// it answers the same transaction, and when its receipt is the SHA-256 of the bytes
// sent. Each failure matches one sentinel error (ErrStatus, ErrUnverified,
// ErrCorrelation, ErrReceipt, …); a genuine response that refuses the request matches
// ErrRefused and is returned with the error.
//
// docs/http-binding.md describes the binding itself, for implementations in any
// language.
package httpbinding
