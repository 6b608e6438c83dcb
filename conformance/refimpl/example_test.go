package refimpl_test

import (
	"context"
	"fmt"
	"log"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
)

// The reference implementation in process: a signed request as the harness identity,
// answered with a signed response that the test CA vouches for.
func Example() {
	srv, err := refimpl.Default()
	if err != nil {
		log.Fatal(err)
	}
	pki := testpki.MustLoad()
	req := exchange.NewRequest(pki.Harness.Party, srv.Identity(),
		exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	body, err := exchange.SignMessage(req, exchange.FormatJSON, pki.Harness.Signer)
	if err != nil {
		log.Fatal(err)
	}

	resp, contentType := srv.Exchange(context.Background(), body, exchange.MediaTypeJSON)

	v, err := exchange.Verify(resp, exchange.FormatJSON, exchange.VerifyOptions{Trust: pki.Bundle})
	if err != nil {
		log.Fatal(err)
	}
	r := v.Message.Payload.Response
	fmt.Println(contentType)
	fmt.Println("signed by", v.Message.Header.Sender.CountryCode, v.Message.Header.Sender.UniqueIdentifier)
	fmt.Println("receipt matches:", r.Receipt.Matches(body))
	fmt.Println("verbs:", r.ActionResult[0].GETCAPABILITIES.Verb)
	// Output:
	// application/json
	// signed by LU jcx-reference
	// receipt matches: true
	// verbs: [GET CREATE UPDATE LIST DELIVER GETCAPABILITIES]
}

// A deliberately faulty implementation, for testing a conformance harness.
func ExampleFaults() {
	for _, f := range refimpl.Faults()[:3] {
		fmt.Println(f)
	}
	// Output:
	// accept-replays
	// skip-signature-checks
	// sign-with-wrong-key
}
