package trust_test

import (
	"crypto/x509"
	"fmt"
	"time"

	"github.com/jcx-dev/jcx/exchange/trust"
)

// A receiver trusts a CA; a sender holds a certificate that CA issued for
// it. After a signature package has checked the signature, the receiver asks
// whether the signer is trusted and whether it is the header's Sender.
func Example() {
	ca, _ := trust.NewCA(trust.CARequest{CommonName: "Example Justice CA", Country: "NL"})
	sender := trust.Party{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"}
	_, cert, _ := trust.Issue(trust.IssueRequest{Party: sender, Issuer: ca})

	bundle, _ := trust.LoadBundle(trust.MarshalCertificatePEM(ca.Certificate))
	id, err := bundle.Verify([]*x509.Certificate{cert}, time.Now())
	fmt.Println("trusted:", err == nil)
	fmt.Println("is the sender:", id.CheckSender(sender) == nil)
	fmt.Println("is someone else:", id.Names(trust.Party{CountryCode: "NL", UniqueIdentifier: "om-amsterdam"}))
	fmt.Println(sender.URI())
	// Output:
	// trusted: true
	// is the sender: true
	// is someone else: false
	// urn:jcx:party:NL:om-rotterdam
}
