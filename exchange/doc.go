// Package exchange builds, encodes, validates, signs and verifies the messages that
// states exchange in cross-border criminal cases: mutual legal assistance requests,
// European Investigation Orders, production and preservation orders for electronic
// evidence, surrender and asset-recovery requests, notifications and evidence deliveries.
//
// # The model
//
// A [Message] is a [Header] and a [Payload]. The payload is a [Request] of numbered
// [Action] values (GET, CREATE, UPDATE, LIST, DELIVER, GETCAPABILITIES) or a [Response]
// with one [ActionResult] per action, or message-level errors, and a [Receipt]: the
// SHA-256 of the exact request bytes, so that a signed response proves what was received.
// Objects ([Authorisation], [DisclosureTask], [Document], [Delivery], …) are held in an
// [Object], which sets exactly one of them; the object's kind is its element name, never
// a type attribute. Coded values are dictionary entries ([Code]: Owner, Name, Value), so
// national profiles add values without changing the schema.
//
// Build messages with the helpers, which make the easy mistakes hard: [NewRequest] numbers
// the actions, [NewHeader] writes a lowercase [UUID] and a six-digit UTC [Timestamp], and
// [NewResponse] correlates with the request and fills the receipt.
//
//	task := &exchange.DisclosureTask{ /* … */ }
//	msg := exchange.NewRequest(
//		exchange.Party{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"},
//		exchange.Party{CountryCode: "IE", UniqueIdentifier: "provider-legal-rep"},
//		exchange.Action{CREATE: &exchange.ObjectAction{Object: exchange.Object{DisclosureTask: task}}},
//	)
//	xmlBytes, err := exchange.Marshal(msg, exchange.FormatXML)
//
// # Encodings
//
// A message has two encodings, XML and JSON, and one mapping between them: element names
// become member names, repeated elements become arrays (even with one item), optional
// elements become optional members, and numbers and booleans are typed as in the schema.
// The mapping is lossless for every schema-valid message. [Marshal] writes a canonical
// form: schema order, two-space indentation, UTF-8. The XML Schema in package schemas is
// the source of truth; the JSON Schema is generated from it.
//
// # Decoding and validation
//
// [Unmarshal] accepts only messages that pass the hardened parser and the schema, so
// nothing in the input is silently dropped: no DOCTYPE (hence no entities and no external
// fetch), size and depth limits, strict UTF-8 (declared legacy charsets are decoded), no
// duplicate JSON keys, no trailing data. [Validate] goes further and reports every
// [Finding] — an [ErrorCode], a path (an XPath for XML, a JSON Pointer for JSON) and a
// message — of the whole pipeline: schema, version, header rules, signature, action
// identifiers, object rules, links, attachments and custody. A [Validator] carries the
// receiver's view: its own identity, a replay cache, a clock window, a trust bundle;
// [ReceiverOptions] gives all of them in one call (package httpbinding's Handler does
// the same over HTTP). The signature step needs that trust bundle, so it runs only when
// [Options].Signature is set ([RequireSignature], or [ReceiverOptions]); [Validate], with
// the default options, does not check a signature, and its [Report] says so:
// Report.Signature is [SignatureUnchecked] for a signed message, which may have been
// tampered with however valid the report. A receiver sets Options.Signature, or calls
// [Verify].
//
// Validation has a bounded cost, so that a receiver can run it on whatever an
// unauthenticated sender posts: [Limits] bound the bytes, the nesting and the values of
// a message, every step stops at [MaxFindings], and the schema step counts arrays and
// long strings against the schema's bounds before it reads them. docs/SECURITY.md states
// the budget (a second of CPU and 128 MiB for a message of up to 16 MiB, whatever its
// shape), how it is measured, and the XML shapes that still exceed it.
//
// Errors are values: decoding failures are an [*InvalidError] (errors.Is(err,
// [ErrInvalid])) carrying the findings. Misuse — no trust bundle, a signer without its
// certificate chain, no concrete format — matches [ErrNoTrust], [ErrNoSigner] or
// [ErrNoFormat] and carries no code.
package exchange
