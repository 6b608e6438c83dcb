package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jcx-dev/jcx/conformance"
	"github.com/jcx-dev/jcx/exchange/trust"
)

// Exit codes of "jcx conformance" (docs/conformance.md, "Exit codes").
const (
	exitConformant    = 0
	exitNotConformant = 1
	exitHarness       = 2
	exitUnreachable   = 3
)

const conformanceUsage = `
Conformance runs and certifies the conformance suites.

	jcx conformance list [--suite S|DIR] [--profile P] [--output text|json]
	jcx conformance run  [--target URL | --exec "CMD"] [flags]
	jcx conformance verify-certificate --trust BUNDLE.pem [--suite S|DIR] FILE

Run "jcx conformance <subcommand> -h" for the flags of each.

Exit status of run: 0 conformant, 1 not conformant, 2 usage, harness or configuration
error or an inconclusive run, 3 no connection could be made at all.
`

func cmdConformance(ctx context.Context, args []string, s *stdio) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		w := s.err
		if len(args) > 0 {
			w = s.out
		}
		fmt.Fprintf(w, "usage: jcx conformance list|run|verify-certificate [flags]\n%s", conformanceUsage)
		if len(args) == 0 {
			return exitHarness
		}
		return exitOK
	}
	switch args[0] {
	case "list":
		return conformanceList(args[1:], s)
	case "run":
		return conformanceRun(ctx, args[1:], s)
	case "verify-certificate":
		return conformanceVerify(args[1:], s)
	}
	fmt.Fprintf(s.err, "jcx conformance: unknown subcommand %q (list, run, verify-certificate)\n", args[0])
	return exitHarness
}

// loadSuite resolves --suite: the id of an embedded suite, or a folder.
func loadSuite(name string) (*conformance.Suite, error) {
	if name == "" {
		name = "core"
	}
	for _, id := range conformance.EmbeddedIDs() {
		if id == name {
			return conformance.Embedded(id)
		}
	}
	if st, err := os.Stat(name); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: %q is neither an embedded suite (%s) nor a folder", conformance.ErrSuite, name, strings.Join(conformance.EmbeddedIDs(), ", "))
	}
	return conformance.Load(os.DirFS(name))
}

const listUsage = `
List prints the cases of a suite: id, kind, level, encodings, requirements and title,
one case a line (or the suite as JSON with --output json).
`

func conformanceList(args []string, s *stdio) int {
	fs := newFlagSet("conformance list", "[--suite S|DIR] [--profile P] [--output text|json]", listUsage, s)
	suiteName := fs.String("suite", "core", "embedded suite id or suite folder")
	profile := fs.String("profile", "", "list only the cases of this profile")
	output := fs.String("output", "text", "text or json")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(fs, "unexpected argument %q", rest[0])
	}
	suite, err := loadSuite(*suiteName)
	if err != nil {
		fmt.Fprintf(s.err, "jcx conformance list: %s\n", printableErr(err))
		return exitHarness
	}
	cases := conformance.Select(suite, *profile, 0, 0)
	switch *output {
	case "json":
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		err = enc.Encode(struct {
			Suite        conformance.SuiteInfo     `json:"suite"`
			Requirements []conformance.Requirement `json:"requirements"`
			Cases        []*conformance.Case       `json:"cases"`
		}{conformance.SuiteInfo{ID: suite.Manifest.ID, Version: suite.Manifest.Version, Digest: suite.Digest}, suite.Requirements, cases})
	case "text":
		var b strings.Builder
		fmt.Fprintf(&b, "suite %s %s (digest %s): %d cases, %d requirements\n", suite.Manifest.ID, suite.Manifest.Version, suite.Digest, len(cases), len(suite.Requirements))
		for _, c := range cases {
			encs := strings.Join(c.Encodings, ",")
			if encs == "" {
				encs = "xml,json"
			}
			fmt.Fprintf(&b, "%s  %-8s %-6s %-8s %-40s %s\n", c.ID, c.Kind, suite.Level(c), encs, strings.Join(c.Requirements, ","), printable(c.Title))
		}
		_, err = io.WriteString(s.out, b.String())
	default:
		return usageError(fs, "--output must be text or json")
	}
	if err != nil {
		fmt.Fprintf(s.err, "jcx conformance list: %s\n", printableErr(err))
		return exitHarness
	}
	return exitOK
}

const runUsage = `
Run replays the suite against an implementation and prints a summary.

The implementation is reached over HTTP(S) with --target URL (POST, the response in
the same exchange; --tls-ca, --tls-cert and --tls-key for HTTPS and mutual TLS), or
through --exec "CMD": one long-lived process speaking JSON lines on its standard input
and output (docs/exec-protocol.md; CMD is split on spaces, no shell). With neither, the
built-in reference implementation is started on a loopback port and tested over HTTP.

The implementation must trust the suite's test CA (conformance/testpki/ca.pem) and
answer as the identity given by --implementation (default LU/jcx-reference), signed
with a certificate the test CA issued or one that --trust BUNDLE.pem anchors.
--capabilities FILE declares unsupported features, whose cases are then
skipped-unsupported; --waivers FILE (a JSON object of case id → reason) waives cases.

An implementation that runs an exchange log (docs/log.md) declares it with --log-key
KEY.pub, its operator's verifier key: the cases of the log profile then fetch its
checkpoints, evidence and tiles from /log/ on the --target's host (or --log-url) and
verify them with that key alone. Without it they are skipped-unsupported. The built-in
reference implementation keeps a log in a temporary directory, so a run without a
target tests the log profile too.

--certificate F --key K --cert C writes a signed certificate when the run is
certifiable: conformant, the shipped suite unmodified, every case selected, nothing
waived or skipped by choice.

Exit status: 0 conformant; 1 not conformant (the implementation answered, and some
case testing a MUST failed, errored or timed out); 2 usage, harness or configuration
error, or an inconclusive run (no case testing a MUST ran, or every answer failed on
--trust or --implementation); 3 no connection could be made at all (refused, unknown
host, TLS handshake failed, command did not start).
`

// shardFlag parses --shard i/n.
func parseShard(s string) (int, int, error) {
	if s == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("--shard %q: want i/n with 1 ≤ i ≤ n", s)
	}
	return i, n, nil
}

func conformanceRun(ctx context.Context, args []string, s *stdio) int {
	fs := newFlagSet("conformance run", "[--target URL | --exec CMD] [flags]", runUsage, s)
	target := fs.String("target", "", "URL of the implementation (http or https)")
	execCmd := fs.String("exec", "", "command of an exec adapter")
	suiteName := fs.String("suite", "core", "embedded suite id or suite folder")
	profile := fs.String("profile", "", "run only the cases of this profile")
	runRE := fs.String("run", "", "run only the cases whose id or title matches this regular expression")
	skipRE := fs.String("skip", "", "skip the cases whose id matches this regular expression")
	shard := fs.String("shard", "", "run part i of n of the cases (i/n)")
	timeout := fs.Duration("timeout", 10*time.Second, "time limit per case and encoding")
	parallel := fs.Int("parallel", 8, "cases run at once")
	capsFile := fs.String("capabilities", "", "capability file of the implementation (JSON)")
	waiversFile := fs.String("waivers", "", "waiver file (JSON object: case id → reason)")
	implID := fs.String("implementation", "", "identity the implementation answers as, CC/UniqueIdentifier")
	implTrust := fs.String("trust", "", "trust bundle (PEM) for the implementation's signatures (default: the test CA)")
	tlsCA := fs.String("tls-ca", "", "CA bundle (PEM) to verify an HTTPS target")
	tlsCert := fs.String("tls-cert", "", "client certificate (PEM) for mutual TLS")
	tlsKey := fs.String("tls-key", "", "client key (PEM) for mutual TLS")
	junitF := fs.String("junit", "", "write a JUnit XML report to this file")
	jsonF := fs.String("json", "", "write the JSON results to this file")
	htmlF := fs.String("html", "", "write the HTML report to this file")
	certF := fs.String("certificate", "", "write a signed certificate to this file")
	keyF := fs.String("key", "", "key (PEM) that signs the certificate")
	certC := fs.String("cert", "", "certificate chain (PEM) of the --key")
	logKey := fs.String("log-key", "", "the implementation runs an exchange log: its operator's verifier key `FILE` (KEY.pub)")
	logAt := fs.String("log-url", "", "URL of the implementation's exchange log (default: /log/ on the --target's host)")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(fs, "unexpected argument %q", rest[0])
	}
	if *target != "" && *execCmd != "" {
		return usageError(fs, "--target and --exec exclude each other")
	}
	if (*certF != "") != (*keyF != "" && *certC != "") {
		return usageError(fs, "--certificate needs --key and --cert, and they need it")
	}
	if *logAt != "" && *logKey == "" {
		return usageError(fs, "--log-url needs --log-key")
	}
	if *logKey != "" && *target == "" && *logAt == "" {
		return usageError(fs, "--log-key needs --target or --log-url")
	}
	if *logAt != "" {
		if err := checkTargetURL(*logAt); err != nil {
			return usageError(fs, "--log-url %q: %v", *logAt, err)
		}
	}
	if *timeout <= 0 {
		return usageError(fs, "--timeout %v: must be positive", *timeout)
	}
	if *parallel <= 0 {
		return usageError(fs, "--parallel %d: must be positive", *parallel)
	}
	if *target != "" {
		if err := checkTargetURL(*target); err != nil {
			return usageError(fs, "--target %q: %v", *target, err)
		}
	}
	fail := func(err error) int {
		fmt.Fprintf(s.err, "jcx conformance run: %s\n", printableErr(err))
		if errors.Is(err, conformance.ErrUnreachable) {
			return exitUnreachable
		}
		return exitHarness
	}
	cfg := conformance.Config{Profile: *profile, Timeout: *timeout, Parallel: *parallel, ToolVersion: "jcx " + moduleVersion()}
	var err error
	if cfg.Shard, cfg.Shards, err = parseShard(*shard); err != nil {
		return usageError(fs, "%v", err)
	}
	for _, re := range []struct {
		src string
		dst **regexp.Regexp
	}{{*runRE, &cfg.Run}, {*skipRE, &cfg.Skip}} {
		if re.src != "" {
			if *re.dst, err = regexp.Compile(re.src); err != nil {
				return usageError(fs, "%v", err)
			}
		}
	}
	if cfg.Suite, err = loadSuite(*suiteName); err != nil {
		return fail(err)
	}
	if *capsFile != "" {
		b, err := readFileLimited(*capsFile, maxConfigBytes)
		if err != nil {
			return fail(err)
		}
		cfg.Capabilities, err = conformance.ReadCapabilities(bytes.NewReader(b))
		if err != nil {
			return fail(err)
		}
	}
	if *waiversFile != "" {
		b, err := readFileLimited(*waiversFile, maxConfigBytes)
		if err == nil {
			err = json.Unmarshal(b, &cfg.Waivers)
		}
		if err != nil {
			return fail(fmt.Errorf("%w: waivers: %v", conformance.ErrConfig, err))
		}
	}
	if *implID != "" {
		cc, id, ok := strings.Cut(*implID, "/")
		if !ok || cc == "" || id == "" {
			return usageError(fs, "--implementation %q: want CC/UniqueIdentifier", *implID)
		}
		cfg.Implementation = trust.Party{CountryCode: cc, UniqueIdentifier: id}
	}
	if *implTrust != "" {
		b, err := readFileLimited(*implTrust, maxPEMBytes)
		if err != nil {
			return fail(err)
		}
		bundle, err := trust.LoadBundle(b)
		if err != nil {
			return fail(fmt.Errorf("%w: --trust: %v", conformance.ErrConfig, err))
		}
		if cfg.Toolkit, err = conformance.ToolkitFor(cfg.Suite.Manifest.Binding, bundle); err != nil {
			return fail(fmt.Errorf("%w: %v", conformance.ErrConfig, err))
		}
	}
	var certKey, certChain []byte
	if *certF != "" {
		if certKey, err = readFileLimited(*keyF, maxPEMBytes); err == nil {
			certChain, err = readFileLimited(*certC, maxPEMBytes)
		}
		if err != nil {
			return fail(err)
		}
	}

	var targetName string
	switch {
	case *execCmd != "":
		targetName = "exec " + *execCmd
		argv := strings.Fields(*execCmd)
		if len(argv) == 0 {
			return usageError(fs, "--exec: empty command")
		}
		t, err := conformance.Exec(ctx, argv[0], argv[1:]...)
		if err != nil {
			return fail(err)
		}
		defer t.Close()
		cfg.Target = t
	case *target != "":
		tlsCfg, err := clientTLS(*tlsCA, *tlsCert, *tlsKey)
		if err != nil {
			return fail(err)
		}
		cfg.Target = conformance.HTTP(*target, conformance.HTTPOptions{TLS: tlsCfg})
		targetName = *target
		if *logKey != "" && *logAt == "" {
			if *logAt, err = logURL(*target); err != nil {
				return usageError(fs, "--target %q: %v", *target, err)
			}
		}
	case cfg.Suite.Manifest.Binding == conformance.BindingHI1:
		srv, err := builtinImplementation(cfg.Suite)
		if err != nil {
			return fail(fmt.Errorf("%w: reference implementation: %v", conformance.ErrConfig, err))
		}
		url, stop := conformance.Serve(srv)
		defer stop()
		cfg.Target = conformance.HTTP(url, conformance.HTTPOptions{})
		targetName = "built-in reference implementation (" + url + ")"
	default:
		// The built-in implementation keeps an exchange log, so the log profile runs too.
		srv, vkey, closeLog, err := builtinLogged(ctx)
		if err != nil {
			return fail(fmt.Errorf("%w: reference implementation: %v", conformance.ErrConfig, err))
		}
		defer closeLog()
		url, stop := conformance.Serve(srv)
		defer stop()
		cfg.Target = conformance.HTTP(url, conformance.HTTPOptions{})
		cfg.Log = &conformance.LogTarget{Key: vkey, Fetch: conformance.LogOverHTTP(url+conformance.LogPath, conformance.HTTPOptions{})}
		targetName = "built-in reference implementation (" + url + ", with its exchange log)"
	}
	if *logKey != "" {
		key, err := readLogKey(*logKey)
		if err != nil {
			return fail(err)
		}
		tlsCfg, err := clientTLS(*tlsCA, *tlsCert, *tlsKey)
		if err != nil {
			return fail(err)
		}
		cfg.Log = &conformance.LogTarget{Key: key, Fetch: conformance.LogOverHTTP(*logAt, conformance.HTTPOptions{TLS: tlsCfg})}
	}

	if isTerminal(s.err) {
		var done atomic.Int64
		total := len(conformance.Select(cfg.Suite, cfg.Profile, cfg.Shard, cfg.Shards)) * 2
		cfg.Progress = func(c conformance.CaseResult) {
			fmt.Fprintf(s.err, "\r\x1b[K[%d/~%d] %s %s", done.Add(1), total, c.Name(), c.Verdict)
		}
	}
	res, err := conformance.Run(ctx, cfg)
	if cfg.Progress != nil {
		fmt.Fprint(s.err, "\r\x1b[K")
	}
	if err != nil {
		return fail(err)
	}
	printSummary(s, res, targetName)
	for _, out := range []struct {
		file  string
		write func(io.Writer, *conformance.Result) error
	}{{*junitF, conformance.WriteJUnit}, {*jsonF, conformance.WriteJSON}, {*htmlF, conformance.WriteHTML}} {
		if out.file == "" {
			continue
		}
		if err := writeFile(out.file, func(w io.Writer) error { return out.write(w, res) }); err != nil {
			return fail(err)
		}
	}
	if *certF != "" {
		if err := writeCertificate(*certF, res, cfg.Suite, certKey, certChain); err != nil {
			return fail(err)
		}
		fmt.Fprintf(s.out, "certificate written to %s\n", printable(*certF))
	}
	switch {
	case res.Inconclusive != "":
		return exitHarness
	case !res.Conformant:
		return exitNotConformant
	}
	return exitConformant
}

// checkTargetURL refuses a --target that cannot name an HTTP(S) endpoint, before
// anything is sent: a typo is a usage error, not an unreachable implementation.
func checkTargetURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return err
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("want an http or https URL")
	case u.Host == "" || u.Hostname() == "":
		return errors.New("no host")
	case u.User != nil:
		return errors.New("credentials in the URL would be sent in clear in reports")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("port %q out of range", p)
		}
	}
	return nil
}

func writeCertificate(file string, res *conformance.Result, suite *conformance.Suite, keyPEM, chainPEM []byte) error {
	shipped, err := conformance.Embedded(suite.Manifest.ID)
	if err != nil {
		return fmt.Errorf("%w: suite %s is not shipped with jcx: cannot certify", conformance.ErrNotCertifiable, suite.Manifest.ID)
	}
	signer, err := conformance.ParseKeyPair(keyPEM, chainPEM)
	if err != nil {
		return err
	}
	c, err := conformance.NewCertificate(res, shipped, time.Now())
	if err != nil {
		return err
	}
	signed, err := conformance.SignCertificate(c, signer.Key, signer.Chain)
	if err != nil {
		return err
	}
	return os.WriteFile(file, signed, 0o644)
}

func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// clientTLS builds the TLS configuration of an HTTPS target.
func clientTLS(caFile, certFile, keyFile string) (*tls.Config, error) {
	if caFile == "" && certFile == "" && keyFile == "" {
		return nil, nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if caFile != "" {
		b, err := readFileLimited(caFile, maxPEMBytes)
		if err != nil {
			return nil, err
		}
		bundle, err := conformance.ParseTrust(b)
		if err != nil {
			return nil, err
		}
		// TLS wants a pool: the bundle's certificates anchor the server's chain.
		cfg.RootCAs = x509.NewCertPool()
		for _, c := range bundle.Certificates() {
			cfg.RootCAs.AddCert(c)
		}
	}
	if (certFile == "") != (keyFile == "") {
		return nil, fmt.Errorf("%w: --tls-cert and --tls-key go together", conformance.ErrConfig)
	}
	if certFile != "" {
		c, err := loadKeyPair(certFile, keyFile)
		if err != nil {
			return nil, fmt.Errorf("%w: client certificate: %v", conformance.ErrConfig, err)
		}
		cfg.Certificates = []tls.Certificate{c}
	}
	return cfg, nil
}

// printSummary writes the console summary: what was tested, every case that did not
// pass, the counts and the verdict.
func printSummary(s *stdio, r *conformance.Result, target string) {
	col := s.colour()
	var b strings.Builder
	fmt.Fprintf(&b, "suite %s %s (digest %s)\ntarget: %s\nimplementation %s\n", printable(r.Suite.ID), printable(r.Suite.Version), r.Suite.Digest, printable(target), printable(r.Implementation.String()))
	for _, c := range r.Cases {
		if c.Verdict == conformance.Pass {
			continue
		}
		v := string(c.Verdict)
		if c.Verdict == conformance.Fail || c.Verdict == conformance.Error || c.Verdict == conformance.Timeout {
			v = paint(col, red, v)
		}
		fmt.Fprintf(&b, "  %-20s %-15s %s", printable(c.Name()), v, printable(c.Title))
		if c.Reason != "" {
			fmt.Fprintf(&b, ": %s", printable(c.Reason))
		}
		b.WriteByte('\n')
	}
	var counts []string
	for _, v := range conformance.Verdicts {
		if n := r.Counts[v]; n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n, v))
		}
	}
	// A case runs once per encoding it lists: the verdicts count runs, and the number of
	// cases is the one conformance list gives.
	ids := map[string]bool{}
	for _, c := range r.Cases {
		ids[c.ID] = true
	}
	fmt.Fprintf(&b, "%d runs of %d cases in %.2f s: %s\n", len(r.Cases), len(ids), r.Duration.Seconds(), strings.Join(counts, ", "))
	if len(r.Profiles) > 0 {
		fmt.Fprintf(&b, "profiles tested: %s\n", printable(strings.Join(r.Profiles, ", ")))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", printable(n))
	}
	switch {
	case r.Inconclusive != "":
		b.WriteString(paint(col, red, "inconclusive") + ": " + printable(r.Inconclusive))
	case r.Conformant:
		b.WriteString(paint(col, green, "conformant"))
	default:
		b.WriteString(paint(col, red, "not conformant"))
	}
	if len(r.NotCertifiable) > 0 && r.Conformant {
		fmt.Fprintf(&b, " (not certifiable: %s)", strings.Join(r.NotCertifiable, ", "))
	}
	b.WriteByte('\n')
	io.WriteString(s.out, b.String())
}

const verifyCertificateUsage = `
Verify-certificate checks a conformance certificate offline: its signature, the signer's
chain up to the trust bundle, and that it certifies the suite at hand (the shipped
suite, or --suite) byte for byte, by digest. It prints the certificate's content.

Exit status: 0 valid, 1 invalid, 2 usage or I/O error.
`

func conformanceVerify(args []string, s *stdio) int {
	fs := newFlagSet("conformance verify-certificate", "--trust BUNDLE.pem [--suite S|DIR] FILE", verifyCertificateUsage, s)
	trustF := fs.String("trust", "", "trust bundle (PEM) of the certificate issuers")
	suiteName := fs.String("suite", "", "suite the certificate must certify (default: the certificate's suite id, embedded)")
	rest, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *trustF == "" || len(rest) != 1 {
		return usageError(fs, "need --trust and one certificate file")
	}
	tb, err := readFileLimited(*trustF, maxPEMBytes)
	if err != nil {
		fmt.Fprintf(s.err, "jcx conformance verify-certificate: %s\n", printableErr(err))
		return exitUsage
	}
	bundle, err := conformance.ParseTrust(tb)
	if err != nil {
		fmt.Fprintf(s.err, "jcx conformance verify-certificate: %s\n", printableErr(err))
		return exitUsage
	}
	data, err := readFileLimited(rest[0], maxCertificateBytes)
	if err != nil {
		fmt.Fprintf(s.err, "jcx conformance verify-certificate: %s\n", printableErr(err))
		return exitUsage
	}
	name := *suiteName
	if name == "" {
		// The suite the certificate names must be one shipped with this jcx; reading the
		// id before verification is harmless, the digest decides.
		var peek struct {
			Payload string `json:"payload"`
		}
		name = "core"
		if json.Unmarshal(data, &peek) == nil {
			if id := peekSuiteID(peek.Payload); id != "" {
				name = id
			}
		}
	}
	suite, err := loadSuite(name)
	if err != nil {
		fmt.Fprintf(s.err, "jcx conformance verify-certificate: %s\n", printableErr(err))
		if *suiteName != "" {
			// The suite asked for cannot be read: a usage or I/O error. A suite the
			// certificate names but this jcx does not ship makes it invalid here.
			return exitUsage
		}
		return exitInvalid
	}
	c, chain, err := conformance.VerifyCertificate(data, bundle, suite, time.Now())
	if err != nil {
		fmt.Fprintf(s.err, "jcx conformance verify-certificate: %s: %s\n", printable(rest[0]), printableErr(err))
		return exitInvalid
	}
	var b strings.Builder
	fmt.Fprintf(&b, "valid certificate, signed by %s\n", printable(chain[0].Subject.String()))
	fmt.Fprintf(&b, "suite %s %s (digest %s)\nimplementation %s", printable(c.Suite.ID), printable(c.Suite.Version), printable(c.Suite.Digest), printable(c.Implementation.Party.String()))
	if c.Implementation.Name != "" {
		fmt.Fprintf(&b, " — %s %s", printable(c.Implementation.Name), printable(c.Implementation.Version))
	}
	fmt.Fprintf(&b, "\nissued %s by %s\n", c.Issued.Format(time.RFC3339), printable(c.ToolVersion))
	for _, q := range c.Requirements {
		fmt.Fprintf(&b, "  %s %-6s %s\n", printable(q.ID), printable(string(q.Level)), printable(string(q.Verdict)))
	}
	io.WriteString(s.out, b.String())
	return exitOK
}

func peekSuiteID(payload string) string {
	raw, err := base64URLDecode(payload)
	if err != nil {
		return ""
	}
	var c struct {
		Suite struct {
			ID string `json:"id"`
		} `json:"suite"`
	}
	if json.Unmarshal(raw, &c) != nil {
		return ""
	}
	return c.Suite.ID
}

func base64URLDecode(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }
