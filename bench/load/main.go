package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
)

const usage = `usage: go run ./bench/load (--target URL | --self) [flags]

Load drives a jcx receiver with concurrent signed exchanges on loopback, reports msg/s
and latency, and checks that nothing accepted was lost or duplicated and that every
replay was refused. Exit status: 0 clean, 1 problems found, 2 usage or target error.

`

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// Bounds of the flags.
const (
	maxClients  = 5000
	maxDuration = time.Hour
)

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	target := fs.String("target", "", "URL of the receiver, on loopback (http://127.0.0.1:8080)")
	self := fs.Bool("self", false, "start the reference implementation in this process on 127.0.0.1:0")
	clients := fs.Int("clients", 16, "concurrent clients")
	duration := fs.Duration("duration", 10*time.Second, "how long to send")
	timeout := fs.Duration("timeout", 30*time.Second, "limit of one round trip")
	formats := fs.String("format", "both", "xml, json or both (clients alternate)")
	mixFlag := fs.String("mix", defaultMix, "weights of the operations: "+strings.Join(mixOps, ", "))
	maxMessages := fs.Int64("max-messages", 0, "stop after this many messages (0: no limit)")
	auditGets := fs.Int("audit-gets", 1000, "tasks the audit fetches one by one after the LISTs (-1: all)")
	seed := fs.Uint64("seed", 1, "seed of the clients' choices")
	serverPID := fs.Int("server-pid", 0, "measure the CPU time of this server process (Linux)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measured phase to this file")
	jsonOut := fs.String("json", "", "also write the report as JSON to this file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "load: "+format+"\n", a...)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return fail("unexpected argument %q", fs.Arg(0))
	case (*target == "") == !*self:
		return fail("give exactly one of --target and --self")
	case *clients < 1 || *clients > maxClients:
		return fail("--clients must be 1 to %d", maxClients)
	case *duration <= 0 || *duration > maxDuration:
		return fail("--duration must be positive and at most %v", maxDuration)
	case *timeout <= 0 || *timeout > 10*time.Minute:
		return fail("--timeout must be positive and at most 10m")
	case *auditGets < -1:
		return fail("--audit-gets must be -1 or more")
	}
	m, err := parseMix(*mixFlag)
	if err != nil {
		return fail("%v", err)
	}
	fmts, err := parseFormats(*formats)
	if err != nil {
		return fail("%v", err)
	}
	p, err := testpki.Load()
	if err != nil {
		return fail("%v", err)
	}
	cfg := config{
		target: *target, clients: *clients, duration: *duration, timeout: *timeout,
		formats: fmts, mix: m, maxMessages: *maxMessages, auditGets: *auditGets, seed: *seed,
		from: p.Harness.Party, signer: p.Harness.Signer, to: p.Implementation.Party, trust: p.Bundle,
		http: newHTTPClient(*clients),
	}
	o := options{serverPID: *serverPID}
	if *self {
		srv, err := refimpl.Default()
		if err != nil {
			return fail("%v", err)
		}
		url, stop, err := serveSelf(srv)
		if err != nil {
			return fail("%v", err)
		}
		defer stop()
		cfg.target, o.selfCPU, o.storeObjects = url, true, srv.Objects
	} else if err := loopbackOnly(*target); err != nil {
		return fail("%v", err)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fail("%v", err)
		}
		defer f.Close()
		o.cpuProfile = f
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	rep, err := load(ctx, cfg, o)
	if err != nil {
		return fail("%v", err)
	}
	rep.print(stdout)
	if *jsonOut != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(*jsonOut, append(data, '\n'), 0o644); err != nil {
			return fail("%v", err)
		}
	}
	if !rep.OK() {
		return 1
	}
	return 0
}

func parseFormats(s string) ([]exchange.Format, error) {
	switch s {
	case "both":
		return []exchange.Format{exchange.FormatXML, exchange.FormatJSON}, nil
	case "xml":
		return []exchange.Format{exchange.FormatXML}, nil
	case "json":
		return []exchange.Format{exchange.FormatJSON}, nil
	}
	return nil, fmt.Errorf("--format must be xml, json or both, not %q", s)
}

// newHTTPClient returns the one client every worker shares: keep-alive connections, one
// per worker and a few spare (the race operation uses two at once), no proxy from the
// environment, no compression.
//
// Idle connections are dropped after idleConnTimeout, below the server's header timeout
// (refimpl.ReadHeaderTimeout, 10 s): the transport keeps connections it dialled for a
// request that another connection then served, and the server closes such a connection
// when no request has arrived on it within its header timeout. A POST sent on it just as
// it closes fails with EOF and is not retried, since POST is not idempotent.
func newHTTPClient(clients int) *http.Client {
	conns := 2*clients + 16
	return &http.Client{Transport: &http.Transport{
		Proxy: nil,
		// No dial timeout of its own: the round trip's limit bounds the dial too, and on
		// a starved machine a loopback connect that succeeded in the kernel may wait
		// seconds before the process gets to see it.
		DialContext:         (&net.Dialer{KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     idleConnTimeout,
		DisableCompression:  true,
	}}
}

// idleConnTimeout is half of refimpl.ReadHeaderTimeout.
const idleConnTimeout = refimpl.ReadHeaderTimeout / 2

// loopbackOnly refuses a target that is not an http URL on a loopback address.
func loopbackOnly(target string) error {
	u, err := url.Parse(target)
	if err != nil {
		return err
	}
	if u.Scheme != "http" {
		return fmt.Errorf("--target must be an http:// URL, not %q", target)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--target must be on loopback (127.0.0.1, ::1 or localhost), not %q", host)
}

// serveSelf serves h on a fresh loopback port with the timeouts of jcx serve.
func serveSelf(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := refimpl.NewHTTPServer(ln.Addr().String(), h)
	go hs.Serve(ln)
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(ctx)
	}
	return "http://" + ln.Addr().String() + "/", stop, nil
}
