package main

import (
	"context"
	"crypto"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/exchangelog"
	"github.com/jcx-dev/jcx/exchange/trust"
)

const serveUsage = `
Serve runs the reference implementation: an in-memory receiver that answers messages
POSTed to any path with its signed response (HTTP 200 for every message-level outcome,
3022 included for a message up to 1 MiB over the 16 MiB limit; 405 for another method,
415 for another content type, 413 for a larger body). GET /healthz answers 200 while it
runs. Its objects live in memory and are lost when it stops.

Without flags it listens on 127.0.0.1:8080, signs as the test identity LU jcx-reference
and trusts the conformance suite's test CA, so that

	jcx serve &
	jcx conformance run --target http://127.0.0.1:8080

passes with nothing else configured. --key and --cert give it another identity (the
party named by the certificate), --trust another trust bundle.

--tls-cert and --tls-key serve HTTPS; --client-ca also requires a client certificate
issued by one of its CAs (mutual TLS), and the party it names must be the sender of
every message (8011 otherwise).

--log DIR and --log-key KEY record every accepted request (one leaf: its digest, parties,
transaction, time — never its content) in the exchange log in DIR, made with "jcx log
init"; the request is answered only once its leaf is durable. The log is served read-only
under /log/: /log/checkpoint, /log/tile/... and /log/evidence?sha256=<receipt digest>
(see docs/http-binding.md). The core profile only.

--profile hi1 answers ETSI TS 103 120 (HI-1) messages instead of jcx core ones, over
the HI-1 binding (POST of application/xml, a signed HI-1 response with status 200 for
every message-level outcome; docs/hi1.md), so that

	jcx serve --profile hi1 &
	jcx conformance run --suite hi1 --target http://127.0.0.1:8080

passes too.

--fault NAME (repeatable) switches on a deliberate defect, for testing the conformance
suite itself; --list-faults prints the names that apply to the profile, one a line.
The log-* faults are defects of the exchange log and need --log.

It stops on SIGINT or SIGTERM, finishing the requests in progress first.

Exit status: 0 stopped by a signal, 2 usage error, or a file or address that cannot be
used.
`

// shutdownGrace is how long requests in progress may take to finish after a signal.
const shutdownGrace = 30 * time.Second

// serveMemoryLimit is the soft memory limit of jcx serve unless GOMEMLIMIT is set.
const serveMemoryLimit = 1 << 30

type faultList []refimpl.Fault

func (l *faultList) String() string {
	var s []string
	for _, f := range *l {
		s = append(s, string(f))
	}
	return strings.Join(s, ",")
}

func (l *faultList) Set(v string) error {
	f, err := refimpl.ParseFault(v)
	if err != nil {
		return err
	}
	*l = append(*l, f)
	return nil
}

func cmdServe(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("serve", "[--addr HOST:PORT] [--key K --cert C] [--trust BUNDLE] [--tls-cert F --tls-key F [--client-ca F]] [--profile core|hi1] [--fault NAME]... [--list-faults]", serveUsage, s)
	profile := fs.String("profile", "core", "what the implementation speaks: core (jcx messages) or hi1 (ETSI TS 103 120)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	keyFile := fs.String("key", "", "PEM private key to sign responses with (default: the test implementation key)")
	certFile := fs.String("cert", "", "PEM certificate chain of --key, leaf first; it names the implementation's party")
	trustFile := fs.String("trust", "", "PEM trust bundle for requests' signatures (default: the test CA)")
	tlsCert := fs.String("tls-cert", "", "PEM certificate chain to serve HTTPS with")
	tlsKey := fs.String("tls-key", "", "PEM private key of --tls-cert")
	clientCA := fs.String("client-ca", "", "PEM CAs that client certificates must chain to (mutual TLS)")
	logDir := fs.String("log", "", "record every accepted request in the exchange log in `DIR` (see jcx log init)")
	logKey := fs.String("log-key", "", "the log operator's private `KEY` file (with --log)")
	listFaults := fs.Bool("list-faults", false, "print the fault names, one a line, and exit")
	var faults faultList
	fs.Var(&faults, "fault", "switch on a deliberate defect (repeatable; see --list-faults)")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(fs, "unexpected argument %q", rest[0])
	}
	if *profile != "core" && *profile != "hi1" {
		return usageError(fs, "--profile must be core or hi1, not %q", *profile)
	}
	if *listFaults {
		list := slices.Concat(refimpl.Faults(), refimpl.LogFaults())
		if *profile == "hi1" {
			list = refimpl.HI1Faults()
		}
		for _, f := range list {
			fmt.Fprintln(s.out, f)
		}
		return exitOK
	}
	// Every message allocates a few hundred kilobytes that die at once; a server trades
	// memory for CPU here (measured: -20% CPU per message), unless GOGC says otherwise.
	// The soft limit keeps that trade from growing with a full store: past it the
	// collector runs as often as it must (docs/LOAD.md has the figures).
	if s.getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if s.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	if (*keyFile == "") != (*certFile == "") {
		return usageError(fs, "--key and --cert go together")
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return usageError(fs, "--tls-cert and --tls-key go together")
	}
	if *clientCA != "" && *tlsCert == "" {
		return usageError(fs, "--client-ca needs --tls-cert and --tls-key")
	}

	cfg, err := serveConfig(*keyFile, *certFile, *trustFile)
	if err != nil {
		fmt.Fprintf(s.err, "jcx serve: %s\n", printableErr(err))
		return exitUsage
	}
	var serverFaults, logFaults []refimpl.Fault
	for _, f := range faults {
		if slices.Contains(refimpl.LogFaults(), f) {
			logFaults = append(logFaults, f)
		} else {
			serverFaults = append(serverFaults, f)
		}
	}
	cfg.Faults = serverFaults
	if len(logFaults) > 0 && *logDir == "" {
		return usageError(fs, "--fault %s is a fault of the exchange log; it needs --log", logFaults[0])
	}
	if (*logDir == "") != (*logKey == "") {
		return usageError(fs, "--log and --log-key go together")
	}
	if *logDir != "" && *profile != "core" {
		return usageError(fs, "--log records jcx core exchanges; it does not apply to --profile %s", *profile)
	}
	var xlog *refimpl.ExchangeLog
	if *logDir != "" {
		if xlog, err = openServeLog(ctx, *logDir, *logKey, logFaults); err != nil {
			fmt.Fprintf(s.err, "jcx serve: %s\n", printableErr(err))
			return exitUsage
		}
		defer xlog.Close()
		cfg.Accepted = xlog.Record
	}
	srv, err := newImplementation(*profile, cfg)
	if err != nil {
		fmt.Fprintf(s.err, "jcx serve: %s\n", printableErr(err))
		return exitUsage
	}
	var handler http.Handler = srv
	if xlog != nil {
		handler = refimpl.Mount(srv, xlog)
	}
	hs := refimpl.NewHTTPServer(*addr, handler)
	hs.ErrorLog = log.New(s.err, "jcx serve: ", 0)
	scheme := "http"
	if *tlsCert != "" {
		tc, err := serveTLS(*tlsCert, *tlsKey, *clientCA)
		if err != nil {
			fmt.Fprintf(s.err, "jcx serve: %s\n", printableErr(err))
			return exitUsage
		}
		hs.TLSConfig = tc
		scheme = "https"
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(s.err, "jcx serve: %s\n", printableErr(err))
		return exitUsage
	}
	if hs.TLSConfig != nil {
		ln = tls.NewListener(ln, hs.TLSConfig)
	}

	id := srv.Identity()
	fmt.Fprintf(s.err, "jcx serve: listening on %s://%s as %s\n", scheme, ln.Addr(), id)
	if len(faults) > 0 {
		fmt.Fprintf(s.err, "jcx serve: FAULTY on purpose: %s\n", faults.String())
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(s.err, "jcx serve: %s\n", printableErr(err))
		return exitUsage
	case <-ctx.Done():
	}
	fmt.Fprintln(s.err, "jcx serve: stopping; finishing requests in progress")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		fmt.Fprintf(s.err, "jcx serve: %s\n", printableErr(err))
		hs.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(s.err, "jcx serve: %s\n", printableErr(err))
	}
	return exitOK
}

// serveConfig starts from the default (test) configuration and replaces what the flags
// give.
func serveConfig(keyFile, certFile, trustFile string) (refimpl.Config, error) {
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		return cfg, err
	}
	if keyFile != "" {
		key, err := readKey(keyFile)
		if err != nil {
			return cfg, err
		}
		chain, err := readCerts(certFile)
		if err != nil {
			return cfg, err
		}
		party, ok := partyOfCert(chain[0])
		if !ok {
			return cfg, fmt.Errorf("%s: the certificate names no party (want subject C and a SAN URI urn:jcx:party:CC:ID)", certFile)
		}
		cfg.Identity = party
		cfg.Signer = exchange.Signer{Key: key, Chain: chain}
	}
	if trustFile != "" {
		data, err := readFileLimited(trustFile, maxPEMBytes)
		if err != nil {
			return cfg, err
		}
		if cfg.Trust, err = trust.LoadBundle(data); err != nil {
			return cfg, fmt.Errorf("%s: %w", trustFile, err)
		}
	}
	return cfg, nil
}

func serveTLS(certFile, keyFile, clientCA string) (*tls.Config, error) {
	pair, err := loadKeyPair(certFile, keyFile)
	if err != nil {
		return nil, err
	}
	tc := &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}
	if clientCA != "" {
		cas, err := readCerts(clientCA)
		if err != nil {
			return nil, err
		}
		pool := x509.NewCertPool()
		for _, c := range cas {
			pool.AddCert(c)
		}
		tc.ClientCAs = pool
		tc.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return tc, nil
}

func readCerts(name string) ([]*x509.Certificate, error) {
	data, err := readFileLimited(name, maxPEMBytes)
	if err != nil {
		return nil, err
	}
	certs, err := trust.ParseCertificatesPEM(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return certs, nil
}

func readKey(name string) (crypto.Signer, error) {
	data, err := readFileLimited(name, maxPEMBytes)
	if err != nil {
		return nil, err
	}
	key, err := trust.ParsePrivateKeyPEM(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return key, nil
}

// partyOfCert returns the party a certificate names by the identity rule of package
// trust; of a certificate naming several parties, the first.
func partyOfCert(c *x509.Certificate) (exchange.Party, bool) {
	for _, p := range (trust.Identity{Certificate: c}).Parties() {
		if trust.CheckSender(c, p) == nil {
			return p, true
		}
	}
	return exchange.Party{}, false
}

// openServeLog opens the exchange log that --log names, for appending.
func openServeLog(ctx context.Context, dir, keyFile string, faults []refimpl.Fault) (*refimpl.ExchangeLog, error) {
	skey, err := readKeyLine(keyFile)
	if err != nil {
		return nil, err
	}
	signer, verifier, err := exchangelog.ParseSignerKey(skey)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", keyFile, err)
	}
	return refimpl.OpenExchangeLog(ctx, dir, signer, verifier, faults...)
}

// implementation is the reference implementation in one of its profiles.
type implementation interface {
	http.Handler
	Identity() exchange.Party
}

func newImplementation(profile string, cfg refimpl.Config) (implementation, error) {
	if profile == "hi1" {
		return refimpl.NewHI1(cfg)
	}
	return refimpl.New(cfg)
}
