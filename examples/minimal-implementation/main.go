// Command minimal-implementation is a small but complete jcx receiver built on the SDK:
// it receives messages over HTTP, validates them as a receiver must (its own identity,
// a clock window, a replay cache, a required signature by a trusted sender), applies
// the actions to an in-memory store and answers with a signed response that carries
// a receipt of the exact bytes received.
//
// It is meant to be read and copied: package exchange/httpbinding does the receiving
// (checks, signed response, receipt), server.go hands the verified requests to the
// store, store.go the object semantics (CREATE, GET, UPDATE, LIST, GETCAPABILITIES,
// links, generations, all-or-nothing requests), main.go the wiring. It passes the core
// conformance suite except for what capabilities.json declares unsupported (DELIVER
// and Independent atomicity):
//
//	go run ./examples/minimal-implementation --addr 127.0.0.1:8081 &
//	go run ./cmd/jcx conformance run --target http://127.0.0.1:8081 \
//	    --capabilities examples/minimal-implementation/capabilities.json
//
// It signs as the conformance suite's test implementation identity (LU jcx-reference)
// and trusts the suite's test CA, whose keys are public: a deployment loads its own key
// (any crypto.Signer, e.g. in an HSM), certificate and trust bundle instead.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/jcx-dev/jcx/conformance/testpki"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "minimal-implementation:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("minimal-implementation", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8081", "address to listen on")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	pki, err := testpki.Load()
	if err != nil {
		return err
	}
	srv, err := NewServer(pki.Implementation.Signer, pki.Bundle)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler: srv,
		// Timeouts everywhere: a slow or stalled client must not hold a connection.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	fmt.Fprintf(stdout, "listening on http://%s as %s\n", ln.Addr(), srv.me)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return hs.Shutdown(shut)
	}
}
