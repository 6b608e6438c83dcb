// Package hi1 speaks ETSI TS 103 120 (HI-1, the interface for warrant information) on the
// wire: it decodes HI-1 messages into a typed model, checks the envelope's rules, and
// encodes messages back, in ETSI's own namespaces. It models V1.12.1 ([SupportedVersion]).
//
// # The model
//
// An [HI1Message] is a [Header] (sender and receiver as [EndpointID], a
// TransactionIdentifier, a Timestamp and the [Version] spoken) and a [Payload]: a
// [RequestPayload] of numbered [ActionRequest] values, each with one verb (GET, CREATE,
// UPDATE, LIST, DELIVER), or a [ResponsePayload] of [ActionResponse] values, or a
// top-level [ErrorInformation] refusing the whole request. Field names are the schema's
// element names, so the specification reads as documentation of the Go types.
//
// Objects are [HI1Object] values, chosen in XML by xsi:type: [*AuthorisationObject],
// [*LITaskObject], [*LDTaskObject], [*DocumentObject], [*NotificationObject],
// [*DeliveryObject], [*TrafficPolicyObject] and [*TrafficRuleObject]. Every object embeds
// [ObjectBase] (ObjectIdentifier, AssociatedObjects, …). An object of any other type
// becomes an [*UnknownObject] with its base decoded and its own members kept.
//
// Nothing is dropped. National extensions (NationalHandlingParameters and the other
// abstract National… members), the members of unknown object types, delivered XML data
// and the signature element are each kept as an [Extension]: the element as received,
// self-contained (with the namespace declarations it uses) and written back unchanged.
// The root's namespace declarations are kept too, so a decoded message encodes with the
// sender's prefixes, which xsi:type values depend on.
//
// # Decode, check, encode
//
//	m, err := hi1.Decode(received, exchange.Limits{})
//	if err != nil {
//		// an *exchange.InvalidError: findings with code (3019, 3020, 3022), XPath, line
//	}
//	for _, f := range hi1.Check(m) { // the envelope rules
//		fmt.Println(f) // 3007 /HI1Message/Header[1]/Timestamp[1] (line 13): …
//	}
//	out, err := hi1.Encode(m)
//
// [Decode] takes the same hardened road as every jcx message (no DOCTYPE or entities,
// size and depth limits, strict UTF-8 or a declared charset) and then maps every element
// to the model in schema order: an element out of place, missing or repeated, text where
// elements belong, or a value that is not a number or boolean is a finding (3020), not a
// silent skip. [Encode] writes UTF-8 indented by two spaces. For every one of ETSI's
// V1.12.1 examples, Decode then Encode gives a document equal to the original under
// canonical XML (whitespace between elements aside) that xmllint judges as it judges the
// original against the ETSI schema set.
//
// # Rules
//
// Findings use exchange's [exchange.Finding] and [exchange.ErrorCode] (TS 103 120 Annex D
// codes) with XPaths in the style of schema findings (/HI1Message/Header[1]/Timestamp[1])
// and, for a decoded message, the line. [Check] holds one message to the envelope rules:
// identifier, UUID, timestamp and version formats, and action identifiers unique and
// numbered 0, 1, 2 … in order. [CheckResponse] holds a response to its request: the same
// TransactionIdentifier, and exactly the request's actions answered with the request's
// verb. [CheckLinks] resolves object references (AssociatedObjects and traffic policy and
// rule references) within the request and through the receiver's [exchange.LinkResolver].
// A [Validator] runs decoding and the rules together.
//
// # Build a request
//
// [NewHeader] writes a fresh TransactionIdentifier and a six-digit UTC timestamp,
// [NewRequest] numbers the actions, [NewResponse] correlates with the request:
//
//	auth := &hi1.AuthorisationObject{
//		ObjectBase:             hi1.ObjectBase{ObjectIdentifier: hi1.NewObjectIdentifier(), CountryCode: "XX"},
//		AuthorisationReference: "W000001",
//	}
//	req := hi1.NewRequest(
//		hi1.NewHeader(hi1.EndpointID{CountryCode: "XX", UniqueIdentifier: "LEA01"},
//			hi1.EndpointID{CountryCode: "XX", UniqueIdentifier: "CSP01"}, "XX", "v1.0"),
//		hi1.ActionRequest{CREATE: &hi1.CREATERequest{HI1Object: auth}},
//	)
//	out, err := hi1.Encode(req)
//
// # Signatures and mapping
//
// [Sign] and [Verify] work on an encoded message's bytes: an enveloped ds:Signature as
// the last child of HI1Message. [ToHI1] and [FromHI1] map between jcx core messages and
// HI-1 where the concepts match, refusing with a finding (3001) whatever the other side
// has no place for.
//
// The schema set is not part of this package: users bring the ETSI schema set of the
// version they implement. docs/hi1.md says what of TS 103 120 is supported.
package hi1
