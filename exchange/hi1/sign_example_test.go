package hi1_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// ExampleSign signs an HI-1 request as its sender and verifies it as the receiver,
// who trusts the sender's CA.
func ExampleSign() {
	ca, err := trust.NewCA(trust.CARequest{CommonName: "FR judicial CA"})
	if err != nil {
		log.Fatal(err)
	}
	fr := trust.Party{CountryCode: "FR", UniqueIdentifier: "tj-paris.parquet"}
	signer, err := trust.Issue(trust.IssueRequest{Party: fr, Issuer: ca}) // key: any crypto.Signer
	if err != nil {
		log.Fatal(err)
	}
	msg, err := os.ReadFile(filepath.Join("testdata", "sign", "request.xml"))
	if err != nil {
		log.Fatal(err)
	}

	signed, err := hi1.Sign(msg, signer, hi1.SignOptions{Canonicalization: hi1.C14N11})
	if err != nil {
		log.Fatal(err)
	}

	bundle, err := trust.NewBundle(ca.Certificate)
	if err != nil {
		log.Fatal(err)
	}
	v, err := hi1.Verify(signed, exchange.VerifyOptions{Trust: bundle})
	if err != nil {
		log.Fatal(err)
	}
	// Decode the message from v.Content, then check that the signer speaks for its
	// SenderIdentifier.
	fmt.Println(v.Signer.CheckSender(fr) == nil, len(v.Content) < len(signed))
	// Output: true true
}

// ExampleSignChecked signs with the checks a sender owes (envelope rules, certificate
// names the SenderIdentifier), and verifies with those a receiver owes: VerifyMessage
// returns the message decoded from what was signed, its signer held to its sender.
func ExampleSignChecked() {
	ca, err := trust.NewCA(trust.CARequest{CommonName: "FR judicial CA"})
	if err != nil {
		log.Fatal(err)
	}
	fr := trust.Party{CountryCode: "FR", UniqueIdentifier: "tj-paris.parquet"}
	signer, err := trust.Issue(trust.IssueRequest{Party: fr, Issuer: ca})
	if err != nil {
		log.Fatal(err)
	}
	msg, err := os.ReadFile(filepath.Join("testdata", "sign", "request.xml"))
	if err != nil {
		log.Fatal(err)
	}
	signed, err := hi1.SignChecked(msg, signer, nil, hi1.SignOptions{Canonicalization: hi1.ExclusiveC14N})
	if err != nil {
		log.Fatal(err) // an *exchange.InvalidError listing what a receiver would refuse
	}

	bundle, err := trust.NewBundle(ca.Certificate)
	if err != nil {
		log.Fatal(err)
	}
	m, _, err := hi1.VerifyMessage(signed, exchange.VerifyOptions{Trust: bundle})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Header.SenderIdentifier.UniqueIdentifier, len(m.Payload.RequestPayload.ActionRequests))
	// Output: tj-paris.parquet 2
}
