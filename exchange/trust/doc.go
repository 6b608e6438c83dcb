// Package trust decides whether the certificate that signed a jcx message
// is trusted, and whether it speaks for the message's sender.
//
// A signature package (XML-DSig or JWS) proves only that the message was
// signed with the key of the certificate it carries. Two questions remain,
// answered here in order:
//
//  1. Is the signer trusted? [Bundle.Verify] checks the presented chain
//     against a trust bundle: a PEM file of CA certificates (anchors) and
//     end-entity certificates (pinned signers). It checks the path, the
//     validity period at a given time, the digitalSignature key usage, and
//     refuses CA certificates as signers. Failure: code 8003.
//
//  2. Is the signer the sender? A trusted signature by someone else is
//     still refused. The identity rule, the only one jcx uses:
//
//     The signer certificate names the party {CountryCode, UniqueIdentifier}
//     when its Subject Country (C) is exactly CountryCode and it carries a
//     subjectAltName URI urn:jcx:party:<CountryCode>:<UniqueIdentifier>,
//     UniqueIdentifier percent-encoded per RFC 3986 (every byte outside
//     ALPHA DIGIT - . _ ~), compared after decoding.
//
//     [CheckSender] applies it. Failure: code 8004. The CA vouches for the
//     mapping by issuing the SAN; a certificate may name several parties
//     (one URI each) of the same country.
//
// Typical use, after a signature package has verified a message:
//
//	id, err := bundle.Verify(result.Chain, time.Now())
//	if err != nil { ... } // 8003
//	if err := id.CheckSender(trust.Party{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"}); err != nil { ... } // 8004
//
// [Issue] and [NewCA] make keys and certificates that satisfy the rule
// (ECDSA P-256 by default, RSA-3072 on request), for test PKIs, the
// conformance harness and small deployments; Issue returns a [Signer] that
// exchange.Sign uses as it is. [LoadSigner] reads a key and its chain from PEM
// and checks they belong together; [NewBundle] and [Bundle.Add] build a bundle
// from parsed certificates, [LoadBundle] from PEM.
//
// A refused signer is an [*Error] whose Code method gives its jcx code (8003 or 8004)
// and which matches [ErrUntrusted] or [ErrNotSender]. Misuse is not a refused signer:
// a bundle, key or certificate that cannot be parsed, a key that does not belong to its
// certificate or a nil bundle matches [ErrConfig], a party no header could name
// ([Party.Validate], Issue) matches [ErrInvalidParty]; neither carries a code.
package trust
