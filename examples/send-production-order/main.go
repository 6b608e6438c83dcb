// Command send-production-order sends a European Production Order (EPOC) to an
// implementation and checks its answer, the way a requesting authority's system would:
//
//  1. build the order: an Authorisation (the EPOC itself, with its legal basis and the
//     issuing authority's approval) and a DisclosureTask (the data asked for) linked to it;
//  2. sign it as the requester;
//  3. POST it (HI-1 §9.3 binding: the answer comes back in the same HTTP exchange);
//  4. verify the signed response: trusted signer, who is the party the order was sent to;
//  5. check the correlation (same TransactionIdentifier) and the receipt (the SHA-256 of
//     the exact bytes sent), then print each action's result.
//
// Steps 2–5 are one call, Send of package exchange/httpbinding, which reports each way
// the answer can fail those checks with its own sentinel error.
//
// It signs with the conformance suite's published test identity (FR jcx-harness) and
// trusts the suite's test CA, so it works against `jcx serve` out of the box:
//
//	go run ./cmd/jcx serve &
//	go run ./examples/send-production-order --target http://127.0.0.1:8080
//
// A real deployment loads its own key (a crypto.Signer, possibly in an HSM) and its own
// trust bundle instead of package testpki.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "send-production-order:", err)
		os.Exit(1)
	}
}

// run is the whole program; the test calls it against an in-process implementation.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("send-production-order", flag.ContinueOnError)
	target := fs.String("target", "http://127.0.0.1:8080", "URL of the implementation")
	to := fs.String("to", "LU/jcx-reference", "the receiving party, COUNTRY/IDENTIFIER")
	enc := fs.String("format", "xml", "encoding: xml or json")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	format, err := exchange.ParseFormat(*enc)
	if err != nil || format == exchange.FormatAuto {
		return fmt.Errorf("--format must be xml or json")
	}
	cc, id, ok := strings.Cut(*to, "/")
	if !ok {
		return fmt.Errorf("--to %q: want COUNTRY/IDENTIFIER", *to)
	}
	receiver := exchange.Party{CountryCode: cc, UniqueIdentifier: id}

	pki, err := testpki.Load()
	if err != nil {
		return err
	}
	requester := pki.Harness // FR jcx-harness: its certificate names this party

	// 1–5. Build the order; Send signs it, POSTs it, verifies the signed response (a
	// trusted signer who is the party we wrote to), its correlation and its receipt.
	// A genuine refusal comes back with the response, as ErrRefused.
	order := productionOrder(requester.Party, receiver, time.Now())
	client := &httpbinding.Client{URL: *target, Signer: requester.Signer, Trust: pki.Bundle, Format: format,
		HTTPClient: &http.Client{Timeout: 30 * time.Second}}
	x, err := client.Send(ctx, order)
	if err != nil && !errors.Is(err, httpbinding.ErrRefused) {
		return err
	}
	resp, r, v := x.Response, x.Response.Payload.Response, x.Verified

	fmt.Fprintf(stdout, "response from %s/%s, signed by %s\n", resp.Header.Sender.CountryCode,
		resp.Header.Sender.UniqueIdentifier, v.Signer.Certificate.Subject.CommonName)
	fmt.Fprintf(stdout, "transaction %s: correlated; receipt %s… matches the bytes sent\n",
		resp.Header.TransactionIdentifier, r.Receipt.Value[:16])
	for _, e := range r.Error {
		fmt.Fprintf(stdout, "refused: %d %s: %s\n", e.Code, e.Path, e.Description)
	}
	for _, ar := range r.ActionResult {
		switch {
		case ar.Failure != nil:
			fmt.Fprintf(stdout, "action %d failed: %d %s\n", ar.ActionIdentifier, ar.Failure.Code, ar.Failure.Description)
		case ar.CREATE != nil:
			fmt.Fprintf(stdout, "action %d created %s (generation %d)\n", ar.ActionIdentifier, ar.CREATE.Identifier, ar.CREATE.Generation)
		default:
			fmt.Fprintf(stdout, "action %d done\n", ar.ActionIdentifier)
		}
	}
	return err
}

// productionOrder builds an EPOC for subscriber data: the Authorisation carries the
// legal basis (Regulation (EU) 2023/1543) and the issuing authority's approval; the
// DisclosureTask names the service provider, the data category, the identifier and a
// deadline within the 10 days the Regulation allows.
func productionOrder(from, to exchange.Party, now time.Time) *exchange.Message {
	jcx := func(dict, value string) exchange.Code {
		return exchange.Code{Owner: exchange.DictionaryOwner, Name: dict, Value: value}
	}
	authID, taskID := exchange.NewUUID(), exchange.NewUUID()
	auth := &exchange.Authorisation{
		ObjectBase: exchange.ObjectBase{
			ObjectIdentifier: authID,
			CountryCode:      from.CountryCode,
			OwnerIdentifier:  from.UniqueIdentifier,
		},
		Reference:      "PR-PARIS-2026-0042-EPOC",
		Instrument:     jcx(exchange.DictInstrument, exchange.InstrumentEPOC),
		LegalBasis:     []exchange.LegalBasis{{Instrument: "Regulation (EU) 2023/1543", Article: "5(3)"}},
		IssuingState:   from.CountryCode,
		ExecutingState: to.CountryCode,
		Approval: []exchange.Approval{{
			ApprovalType: jcx(exchange.DictApprovalType, exchange.ApprovalIssuing),
			Authority:    exchange.Authority{Name: "Parquet de Paris", Role: "Public prosecutor"},
			Timestamp:    exchange.NewDateTime(now.Add(-time.Hour).Truncate(time.Second)),
		}},
		Offence: []exchange.Offence{{
			Description: "Online fraud through a webmail account",
			Category:    &exchange.Code{Owner: exchange.DictionaryOwner, Name: exchange.DictOffenceCategory, Value: "Fraud"},
		}},
		Language: []string{"en"},
	}
	task := &exchange.DisclosureTask{
		ObjectBase: exchange.ObjectBase{
			ObjectIdentifier: taskID,
			CountryCode:      from.CountryCode,
			OwnerIdentifier:  from.UniqueIdentifier,
			AssociatedObject: []exchange.UUID{authID}, // the task rests on the EPOC
		},
		Reference:    "PR-PARIS-2026-0042-EPOC-1",
		Addressee:    exchange.Addressee{CountryCode: to.CountryCode, Name: "Example Mail S.A.", EndpointIdentifier: to.UniqueIdentifier},
		DataCategory: jcx(exchange.DictDataCategory, exchange.DataSubscriber),
		Identifier:   []exchange.Identifier{{FormatOwner: "jcx", FormatName: "EmailAddress", Value: "suspect@mail.example"}},
		Deadline:     exchange.NewDateTime(now.Add(9 * 24 * time.Hour).Truncate(time.Second)),
	}
	return exchange.NewRequest(from, to,
		exchange.Action{CREATE: &exchange.ObjectAction{Object: exchange.Object{Authorisation: auth}}},
		exchange.Action{CREATE: &exchange.ObjectAction{Object: exchange.Object{DisclosureTask: task}}},
	)
}
