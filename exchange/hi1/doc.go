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
//		// an *exchange.InvalidError: findings with code (3019, 3020, 3022), XPath, line, column
//	}
//	for _, f := range hi1.Check(m) { // the envelope rules
//		fmt.Println(f) // 3007 /HI1Message/Header[1]/Timestamp[1] (line 13, column 5): …
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
// and, for a decoded message, the line and the byte column of the element's start tag
// (exchange.Finding.Column). [Check] holds one message to the envelope rules:
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
// # Signatures
//
// An HI-1 signature is an enveloped ds:Signature, the last child of HI1Message, over the
// whole message, with SHA-256 and ECDSA P-256, RSA or RSA-PSS. HI-1 objects are typed by
// xsi:type="task:LDTaskObject", a QName in an attribute value, so the message is
// canonicalized with Canonical XML 1.1 (the default, what ETSI's signed example uses) or
// with exclusive C14N and an InclusiveNamespaces PrefixList naming every prefix xsi:type
// values use; a receiver also takes C14N 1.0, the default of many XML-DSig libraries. A
// signature under which such a prefix could be rebound is refused. A
// sender signs with [SignChecked], which refuses a message that breaks the envelope
// rules or whose SenderIdentifier the certificate does not name (8004):
//
//	signer := exchange.Signer{Key: key, Chain: []*x509.Certificate{cert}} // any crypto.Signer
//	signed, err := hi1.SignChecked(encoded, signer, nil, hi1.SignOptions{})
//
// [Sign] signs without those checks, for fixtures and for responses already built by
// the rules. A receiver verifies with [VerifyMessage], which checks the signature and
// the signer's chain against a trust bundle, decodes the message from what was signed —
// never from the input, so nothing unsigned can be read beside it — and holds the signer
// to the SenderIdentifier:
//
//	m, v, err := hi1.VerifyMessage(received, exchange.VerifyOptions{Trust: bundle})
//	if err != nil {
//		// *exchange.InvalidError: 8001 unsigned, 8002 invalid, 8003 signer not trusted,
//		// 8005 algorithm not allowed (at /HI1Message/ds:Signature), 8004 signer not sender
//	}
//	_ = v.Signer // the trusted certificate and chain that signed m
//
// [Verify] is the signature check alone; [IsHI1] tells an HI-1 message from a jcx one
// by its root element.
//
// # Mapping
//
// [ToHI1] and [FromHI1] map between jcx core messages and HI-1 where the concepts match,
// refusing with a finding (3001) whatever the other side has no place for.
//
// The schema set is not part of this package: users bring the ETSI schema set of the
// version they implement. docs/hi1.md says what of TS 103 120 is supported.
package hi1
