package httpbinding_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

// A receiver and a sender. The receiver's Service sees only requests that passed every
// check; the sender's Send returns only answers that are signed by the party it wrote
// to, correlated and with a matching receipt.
func Example() {
	pki := testpki.MustLoad() // a deployment loads its own keys and trust bundle

	receiver, err := httpbinding.New(httpbinding.Config{
		Identity: pki.Implementation.Party,
		Signer:   pki.Implementation.Signer,
		Trust:    pki.Bundle,
		Service: httpbinding.ServiceFunc(func(ctx context.Context, req *httpbinding.Request) ([]exchange.ActionResult, error) {
			var out []exchange.ActionResult
			for _, a := range req.Message.Payload.Request.Action {
				out = append(out, exchange.ActionResult{ActionIdentifier: a.ActionIdentifier,
					Failure: &exchange.ErrorInformation{Code: exchange.CodeNotSupported, Description: "not supported here"}})
			}
			return out, nil
		}),
	})
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(receiver)
	defer srv.Close()

	sender := &httpbinding.Client{URL: srv.URL, Signer: pki.Harness.Signer, Trust: pki.Bundle}
	msg := exchange.NewRequest(pki.Harness.Party, pki.Implementation.Party,
		exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	x, err := sender.Send(context.Background(), msg)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range x.Response.Payload.Response.ActionResult {
		fmt.Printf("action %d: %d %s\n", r.ActionIdentifier, r.Failure.Code, r.Failure.Description)
	}
	// Output:
	// action 0: 3001 not supported here
}
