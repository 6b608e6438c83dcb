// Package refimpl is the reference implementation of the jcx exchange: an in-memory
// receiver with the semantics the conformance suite tests, and a set of deliberate
// faults that break one behaviour each, so that the suite can be tested too.
//
// A Server is an http.Handler speaking the HTTP binding (POST a message, get the signed
// response back with status 200), and Exchange gives the same behaviour in process. Its
// receiving side is an httpbinding.Handler, the handler every Go receiver uses, so the
// conformance suite run against it exercises that handler too:
//
//	srv, err := refimpl.Default() // trusts the test CA, signs as LU jcx-reference
//	ts := httptest.NewServer(srv) // or refimpl.NewHTTPServer(":8080", srv)
//	resp, contentType := srv.Exchange(ctx, requestBytes, "application/xml")
//
// # What it does with a request
//
// The request is checked by httpbinding.Handler as the receiver sees it: schema and
// rules, addressed to this implementation (8010), timestamp within the clock window
// (8013, 300 s by default), signed by a party the trust bundle vouches for and named in
// the header (8001–8005), not a replay of a transaction already accepted from that sender
// (8012). A request that fails is answered with message-level errors. Otherwise its
// actions are applied to the store:
//
//   - CREATE stores the object at Generation 1 with a receiver-owned Status; an existing
//     identifier is 3010. Creating a task also creates a Notification of type Received
//     associated with it, which the requester then finds with LIST or GET.
//   - GET returns the object (3014 when absent); UPDATE replaces the members present,
//     needs the current Generation (3008 when stale, 3011 when absent) and increments it.
//   - LIST filters by ObjectType, AssociatedWith and ChangedSince; DELIVER stores a
//     Delivery for an existing task; GETCAPABILITIES describes what is supported.
//   - A link (AssociatedObject, TaskReference) to an object that does not exist is 3016.
//   - A requester sees only the objects of its own case: those it created and the
//     notifications about them.
//
// Requests are all-or-nothing unless they ask for Independent atomicity: the first
// failing action rolls the others back, and they report 3000 (not applied).
//
// Every response is signed as the implementation, carries the request's
// TransactionIdentifier and a receipt (SHA-256) of the exact request bytes, and is in the
// request's encoding.
//
// # The HI-1 profile
//
// HI1Server (NewHI1, `jcx serve --profile hi1`) is the same receiver speaking ETSI TS 103
// 120 itself, built on package exchange/hi1: HI-1 messages POSTed as application/xml,
// answered with a signed HI-1 response (HTTP 200 for every message-level outcome) that
// carries the request's TransactionIdentifier and one ActionResponse per action, or a
// top-level ErrorInformation when the whole message is refused. It is what the hi1
// conformance suite is run against; docs/hi1.md describes the binding and the order of
// its checks.
//
// # Faults
//
// Config.Faults (`jcx serve --fault NAME`) switch on defects such as accepting replays or
// signing with the wrong key; see Fault for the list, and HI1Faults for those of the HI-1
// profile. A faulty server is for testing the
// suite and nothing else.
//
// # The exchange log
//
// ExchangeLog is the tamper-evident log of `jcx serve --log` (package
// exchange/exchangelog): set Config.Accepted to its Record, and Mount serves the log
// under LogPath beside the server. Its own faults (LogFaults: a log that forgets a leaf,
// rewrites its history, signs with another key, proves another leaf) are the negative
// controls of the conformance suite's log profile.
package refimpl
