package exchange_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// The examples use fixed identifiers and timestamps so that their output never changes;
// real code calls exchange.NewRequest, which draws a fresh TransactionIdentifier and
// reads the clock.
var (
	prosecutor = exchange.Party{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"}
	provider   = exchange.Party{CountryCode: "IE", UniqueIdentifier: "ie-legal-rep.examplemail"}
)

// exampleRequest builds a request from prosecutor to provider that GETs one object.
func exampleRequest() *exchange.Message {
	m := exchange.NewRequest(prosecutor, provider, exchange.Action{
		GET: &exchange.GetAction{Identifier: "6fbb88f0-aebb-46a7-8990-37e928be45f6"},
	})
	m.Header.TransactionIdentifier = "0564e067-5668-4c27-8af3-40d6e3bc1ffa"
	m.Header.Timestamp = "2026-11-20T08:30:00.000000Z"
	return m
}

// Marshal writes the canonical form of a message in either encoding; the two encodings
// carry the same model.
func ExampleMarshal() {
	m := exampleRequest()
	data, err := exchange.Marshal(m, exchange.FormatJSON)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(data))
	// Output:
	// {
	//   "Header": {
	//     "Sender": {
	//       "CountryCode": "NL",
	//       "UniqueIdentifier": "om-rotterdam"
	//     },
	//     "Receiver": {
	//       "CountryCode": "IE",
	//       "UniqueIdentifier": "ie-legal-rep.examplemail"
	//     },
	//     "TransactionIdentifier": "0564e067-5668-4c27-8af3-40d6e3bc1ffa",
	//     "Timestamp": "2026-11-20T08:30:00.000000Z",
	//     "Version": {
	//       "SpecificationVersion": "V1.0.0",
	//       "ProfileOwner": "jcx",
	//       "ProfileVersion": "2026-11"
	//     }
	//   },
	//   "Payload": {
	//     "Request": {
	//       "Action": [
	//         {
	//           "ActionIdentifier": 0,
	//           "GET": {
	//             "Identifier": "6fbb88f0-aebb-46a7-8990-37e928be45f6"
	//           }
	//         }
	//       ]
	//     }
	//   }
	// }
}

// Converting between the encodings is Unmarshal from one and Marshal to the other. The
// mapping is lossless, so converting back gives the same bytes.
func ExampleMarshal_convert() {
	xmlIn, _ := exchange.Marshal(exampleRequest(), exchange.FormatXML)

	m, err := exchange.Unmarshal(xmlIn, exchange.FormatXML)
	if err != nil {
		fmt.Println(err)
		return
	}
	jsonOut, _ := exchange.Marshal(m, exchange.FormatJSON)

	back, _ := exchange.Unmarshal(jsonOut, exchange.FormatJSON)
	xmlAgain, _ := exchange.Marshal(back, exchange.FormatXML)
	fmt.Println("round trip identical:", string(xmlAgain) == string(xmlIn))
	// Output:
	// round trip identical: true
}

// Unmarshal decodes a message through the hardened parser and the schema; what it
// returns is always schema-valid.
func ExampleUnmarshal() {
	data := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<Message xmlns="https://jcx.dev/ns/core/2026-11">
  <Header>
    <Sender><CountryCode>NL</CountryCode><UniqueIdentifier>om-rotterdam</UniqueIdentifier></Sender>
    <Receiver><CountryCode>IE</CountryCode><UniqueIdentifier>ie-legal-rep.examplemail</UniqueIdentifier></Receiver>
    <TransactionIdentifier>0564e067-5668-4c27-8af3-40d6e3bc1ffa</TransactionIdentifier>
    <Timestamp>2026-11-20T08:30:00.000000Z</Timestamp>
    <Version><SpecificationVersion>V1.0.0</SpecificationVersion><ProfileOwner>jcx</ProfileOwner><ProfileVersion>2026-11</ProfileVersion></Version>
  </Header>
  <Payload><Request><Action><ActionIdentifier>0</ActionIdentifier><GETCAPABILITIES/></Action></Request></Payload>
</Message>`)
	m, err := exchange.Unmarshal(data, exchange.FormatAuto)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Header.Sender.CountryCode, m.Header.Sender.UniqueIdentifier, "→", m.Header.Receiver.CountryCode)
	for _, a := range m.Payload.Request.Action {
		fmt.Println(a.ActionIdentifier, a.Verb())
	}

	// A DOCTYPE is refused before anything is expanded.
	_, err = exchange.Unmarshal([]byte(`<!DOCTYPE m [<!ENTITY x "y">]><Message/>`), exchange.FormatXML)
	fmt.Println(errors.Is(err, exchange.ErrInvalid))
	// Output:
	// NL om-rotterdam → IE
	// 0 GETCAPABILITIES
	// true
}

// Validate runs the whole pipeline and reports every finding with its code and its
// path in the encoding that was validated.
func ExampleValidate() {
	m := exampleRequest()
	// Two mistakes: the second action repeats identifier 0, and the document's declared
	// size is not the size of its inline contents ("hello", 5 bytes).
	m.Payload.Request.Action = append(m.Payload.Request.Action, exchange.Action{
		ActionIdentifier: 0,
		CREATE: &exchange.ObjectAction{Object: exchange.Object{Document: &exchange.Document{
			ObjectBase: exchange.ObjectBase{
				ObjectIdentifier: "9a4e5d1c-0b7e-4d36-9f4a-2f1c3b5d7e90",
				CountryCode:      "NL",
				OwnerIdentifier:  "om-rotterdam",
			},
			Reference:    "OM-RTM-2026-7781-ANNEX",
			Name:         "Annex",
			DocumentType: exchange.Code{Owner: "jcx", Name: "DocumentType", Value: "Annex"},
			Body: exchange.Body{
				Contents:  "aGVsbG8=",
				MediaType: "text/plain",
				Size:      6,
				Digest: []exchange.Digest{{Algorithm: "sha-256",
					Value: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"}},
			},
		}}},
	})
	data, _ := exchange.Marshal(m, exchange.FormatJSON)

	r := exchange.Validate(data, exchange.FormatJSON)
	fmt.Println("valid:", r.Valid())
	for _, f := range r.Findings {
		fmt.Println(f)
	}
	// Output:
	// valid: false
	// 3002 /Payload/Request/Action/1/ActionIdentifier: action identifier 0 is used more than once
	// 8022 /Payload/Request/Action/1/CREATE/Document/Body/Size: size says 6 bytes, the contents have 5
}

// A receiver validates with its own view: who it is, which transactions it has seen,
// how far clocks may drift, and which signatures it trusts.
func ExampleValidator() {
	now := time.Date(2026, 11, 20, 8, 45, 0, 0, time.UTC)
	v := exchange.NewValidator(exchange.Options{
		Receiver:    &exchange.Party{CountryCode: "IE", UniqueIdentifier: "another-provider"},
		ClockWindow: 5 * time.Minute,
		Now:         func() time.Time { return now },
		// Replay: a cache shared by every request; Signature: exchange.RequireSignature(…).
	})
	data, _ := exchange.Marshal(exampleRequest(), exchange.FormatXML)
	for _, f := range v.Validate(data, exchange.FormatXML).Findings {
		fmt.Println(f.Code, f.Path)
	}
	// Output:
	// 8010 /Message/Header[1]/Receiver[1]
	// 8013 /Message/Header[1]/Timestamp[1]
}

// Sign adds an enveloped XML-DSig signature (or, for JSON, a detached JWS); Verify checks
// it, the signer's chain against a trust bundle, and that the signer is the header's
// Sender. It returns the message decoded from what was signed, never from the input.
func ExampleSign() {
	// A test PKI: a CA that the receiver trusts, and a certificate it issued for the
	// sender. In production the key is a crypto.Signer held in an HSM or a KMS.
	ca, _ := trust.NewCA(trust.CARequest{CommonName: "Example Justice CA", Country: "NL"})
	signer, _ := trust.Issue(trust.IssueRequest{
		Party:  prosecutor,
		Issuer: ca,
	})

	signed, err := exchange.SignMessage(exampleRequest(), exchange.FormatXML, signer)
	if err != nil {
		fmt.Println(err)
		return
	}

	bundle, _ := trust.NewBundle(ca.Certificate)
	v, err := exchange.Verify(signed, exchange.FormatXML, exchange.VerifyOptions{Trust: bundle})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("signed by:", v.Signer.Parties()[0].URI())
	fmt.Println("sender:", v.Message.Header.Sender.UniqueIdentifier)

	// One byte changed after signing: the signature no longer holds (8002).
	tampered := bytes.Replace(signed, []byte("om-rotterdam"), []byte("om-amsterdam"), 1)
	_, err = exchange.Verify(tampered, exchange.FormatXML, exchange.VerifyOptions{Trust: bundle})
	var inv *exchange.InvalidError
	if errors.As(err, &inv) {
		fmt.Println("tampered:", inv.Findings[0].Code)
	}
	// Output:
	// signed by: urn:jcx:party:NL:om-rotterdam
	// sender: om-rotterdam
	// tampered: 8002
}

// A response correlates with the request (same TransactionIdentifier) and carries a
// receipt: the SHA-256 of the exact request bytes. Once the response is signed, the
// receipt proves what was received.
func ExampleNewResponse() {
	req := exampleRequest()
	sent, _ := exchange.Marshal(req, exchange.FormatXML)

	// The receiver answers with the bytes it received.
	resp := exchange.NewResponse(req, sent)
	resp.Payload.Response.ActionResult = []exchange.ActionResult{{
		ActionIdentifier: 0,
		Failure: &exchange.ErrorInformation{Code: exchange.CodeGetNotFound,
			Description: "no such object"},
	}}

	// The sender checks correlation and the receipt.
	fmt.Println("correlated:", resp.Header.TransactionIdentifier == req.Header.TransactionIdentifier)
	fmt.Println("addressed back:", resp.Header.Receiver == req.Header.Sender)
	fmt.Println("receipt matches:", resp.Payload.Response.Receipt.Matches(sent))
	fmt.Println("receipt of other bytes:", resp.Payload.Response.Receipt.Matches(append(sent, '\n')))
	fmt.Println(resp.Payload.Response.Receipt.Algorithm)
	// Output:
	// correlated: true
	// addressed back: true
	// receipt matches: true
	// receipt of other bytes: false
	// sha-256
}

// A custody log is a hash chain: ChainCustody links the entries, VerifyCustody finds the
// first broken link.
func ExampleVerifyCustody() {
	log := []exchange.CustodyEntry{
		{Action: exchange.CustodyAcquired, Actor: "ExampleMail Ireland Ltd", Timestamp: "2026-11-20T10:00:00Z"},
		{Action: exchange.CustodyHashed, Actor: "ExampleMail Ireland Ltd", Timestamp: "2026-11-20T10:05:00Z"},
		{Action: exchange.CustodyTransferred, Actor: "ExampleMail Ireland Ltd", Timestamp: "2026-11-20T10:06:00Z"},
	}
	exchange.ChainCustody(log)
	fmt.Println("chained:", exchange.VerifyCustody(log))

	log[1].Actor = "someone else" // edited after chaining
	err := exchange.VerifyCustody(log)
	var ce *exchange.CustodyError
	if errors.As(err, &ce) {
		fmt.Println("broken at entry", ce.Index, ce.Field)
	}
	fmt.Println(errors.Is(err, exchange.ErrCustodyBroken))
	// Output:
	// chained: <nil>
	// broken at entry 2 PreviousEntryDigest
	// true
}
