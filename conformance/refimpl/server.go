package refimpl

import (
	"context"
	"errors"
	"fmt"
	"log"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/intake"
)

// DefaultMaxBuffered is the default of Config.MaxBuffered: the request bytes held in
// memory at once, across all requests.
const DefaultMaxBuffered = httpbinding.DefaultMaxBuffered

// Config configures a Server. Identity, Signer and Trust are required; everything else
// has a default.
type Config struct {
	// Identity is the party the implementation is: requests must be addressed to it
	// (8010), and it signs its responses as this party.
	Identity exchange.Party
	// Signer signs responses; its certificate must name Identity.
	Signer exchange.Signer
	// Trust holds the CAs whose parties may send requests.
	Trust *trust.Bundle
	// ClockWindow is how far a request's timestamp may be from Now (8013); zero means
	// DefaultClockWindow.
	ClockWindow time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Faults switches on deliberate defects (see Fault). Leave empty for a correct
	// implementation.
	Faults []Fault
	// Capabilities answers GETCAPABILITIES; nil means DefaultCapabilities().
	Capabilities *exchange.Capabilities
	// AllowTestCountries accepts the country code XX in headers and objects.
	AllowTestCountries bool
	// MaxBytes is the largest request accepted (3022, or HTTP 413); zero means
	// exchange.DefaultMaxBytes.
	MaxBytes int64
	// MaxObjects bounds the in-memory store; zero means DefaultMaxObjects.
	MaxObjects int
	// MaxTransactions bounds the replay cache; zero means DefaultMaxTransactions.
	MaxTransactions int
	// MaxListed bounds the objects of one LIST result, and so its response; zero means
	// DefaultMaxListed. HI-1 has no paging: a requester with more matching objects
	// narrows the filter.
	MaxListed int
	// MaxBuffered bounds the request bytes held in memory at once across all requests;
	// zero means DefaultMaxBuffered. A request that would pass it gets HTTP 503.
	MaxBuffered int64
	// Accepted, when set, is called with the exact bytes and the header of every request
	// that passed every check, before it is applied. If it fails, the request is answered
	// with 3003 (transient, retry) instead: a log of accepted messages (exchangelog) misses none.
	Accepted func(ctx context.Context, body []byte, h exchange.Header) error
	// ErrorLog receives internal errors (a response that could not be encoded or
	// signed); nil means the log package's standard logger.
	ErrorLog *log.Logger
}

// Defaults of Config.
const (
	DefaultClockWindow     = httpbinding.DefaultClockWindow
	DefaultMaxObjects      = 100_000
	DefaultMaxTransactions = httpbinding.DefaultMaxTransactions
	DefaultMaxListed       = 10_000
)

// DefaultCapabilities is what the reference implementation supports: every verb, every
// object type, both encodings and the signature algorithms of the profile.
func DefaultCapabilities() exchange.Capabilities {
	return exchange.Capabilities{
		Verb: []exchange.Verb{
			exchange.VerbGet, exchange.VerbCreate, exchange.VerbUpdate, exchange.VerbList,
			exchange.VerbDeliver, exchange.VerbGetCapabilities,
		},
		ObjectType: append([]exchange.ObjectKind(nil), exchange.ObjectKinds...),
		Encoding:   []string{exchange.MediaTypeXML, exchange.MediaTypeJSON},
		// What package exchange verifies: the JWS algorithms for JSON and the XML-DSig
		// signature methods for XML.
		SignatureAlgorithm: []string{
			"ES256", "ES384", "PS256", "EdDSA",
			"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
			"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
			"http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
		},
	}
}

// withDefaults returns cfg with the defaults of the clock, the size limits and the log
// filled in, as both profiles use them.
func (cfg Config) withDefaults() Config {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = exchange.DefaultMaxBytes
	}
	if cfg.MaxBuffered <= 0 {
		cfg.MaxBuffered = DefaultMaxBuffered
	}
	if cfg.ErrorLog == nil {
		cfg.ErrorLog = log.Default()
	}
	if cfg.ClockWindow <= 0 {
		cfg.ClockWindow = DefaultClockWindow
	}
	if cfg.MaxObjects <= 0 {
		cfg.MaxObjects = DefaultMaxObjects
	}
	if cfg.MaxTransactions <= 0 {
		cfg.MaxTransactions = DefaultMaxTransactions
	}
	return cfg
}

// Server is the reference implementation. It is an http.Handler (see ServeHTTP) and can
// be called in process through Exchange. It is safe for concurrent use.
//
// Its receiving side is an httpbinding.Handler, the one every Go receiver uses: the
// Server adds the store that performs the actions, the health endpoint and, for its
// faults, hooks that break that handler in one place each.
type Server struct {
	identity     exchange.Party
	handler      *httpbinding.Handler
	now          func() time.Time
	faults       faultSet
	capabilities exchange.Capabilities
	maxListed    int
	store        *store
	log          *log.Logger
	accepted     func(context.Context, []byte, exchange.Header) error
	// crashed is set by the CrashOnHostile fault.
	crashed atomic.Bool
}

// ErrConfig is matched by every error New returns for an incomplete configuration.
var ErrConfig = errors.New("refimpl: invalid configuration")

// New returns a reference implementation with an empty store.
func New(cfg Config) (*Server, error) {
	if cfg.Identity.CountryCode == "" || cfg.Identity.UniqueIdentifier == "" {
		return nil, fmt.Errorf("%w: Identity is required", ErrConfig)
	}
	if cfg.Signer.Key == nil || len(cfg.Signer.Chain) == 0 {
		return nil, fmt.Errorf("%w: Signer needs a key and a certificate", ErrConfig)
	}
	s := &Server{identity: cfg.Identity, faults: faultSet{}, accepted: cfg.Accepted}
	for _, f := range cfg.Faults {
		if _, err := ParseFault(string(f)); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrConfig, err)
		}
		if slices.Contains(hi1OnlyFaults, f) {
			return nil, fmt.Errorf("%w: fault %q applies to the hi1 profile only", ErrConfig, f)
		}
		s.faults[f] = true
	}
	if cfg.Trust == nil && !s.faults.has(SkipSignatureChecks) {
		return nil, fmt.Errorf("%w: Trust is required to check the requests' signatures", ErrConfig)
	}
	d := cfg.withDefaults()
	s.now, s.log = d.Now, d.ErrorLog
	s.capabilities = DefaultCapabilities()
	if cfg.Capabilities != nil {
		s.capabilities = *cfg.Capabilities
	}
	s.store = newStore(d.MaxObjects)
	s.maxListed = cfg.MaxListed
	if s.maxListed <= 0 {
		s.maxListed = DefaultMaxListed
	}
	opts := exchange.Options{
		Limits:             exchange.Limits{MaxBytes: d.MaxBytes},
		Now:                s.now,
		ClockWindow:        d.ClockWindow,
		AllowTestCountries: cfg.AllowTestCountries,
	}
	if s.faults.has(SkipSignatureChecks) {
		opts.Signature = acceptAnySignature{}
	}
	h, err := httpbinding.New(httpbinding.Config{
		Identity:        s.identity,
		Signer:          cfg.Signer,
		Trust:           cfg.Trust,
		Service:         httpbinding.ServiceFunc(s.serve),
		Options:         opts,
		MaxTransactions: d.MaxTransactions,
		MaxBuffered:     d.MaxBuffered,
		ErrorLog:        s.log,
	})
	if err != nil {
		// One prefix: the handler's own "invalid configuration" is this one.
		return nil, fmt.Errorf("%w: %s", ErrConfig, strings.TrimPrefix(err.Error(), httpbinding.ErrConfig.Error()+": "))
	}
	s.handler = h
	if len(s.faults) > 0 {
		hooks, err := s.hooks(cfg, opts, d)
		if err != nil {
			return nil, err
		}
		intake.Install(h, hooks)
	}
	return s, nil
}

// DefaultConfig is the configuration of `jcx serve` without flags: the implementation
// identity of the suite's test PKI, trusting the test CA, so that the conformance suite
// passes against it with nothing else configured.
func DefaultConfig() (Config, error) {
	p, err := testpki.Load()
	if err != nil {
		return Config{}, err
	}
	return Config{Identity: p.Implementation.Party, Signer: p.Implementation.Signer, Trust: p.Bundle}, nil
}

// Default returns a reference implementation with DefaultConfig.
func Default() (*Server, error) {
	cfg, err := DefaultConfig()
	if err != nil {
		return nil, err
	}
	return New(cfg)
}

// Identity is the party the implementation is.
func (s *Server) Identity() exchange.Party { return s.identity }

// Faults lists the faults switched on.
func (s *Server) Faults() []Fault {
	var out []Fault
	for _, f := range allFaults {
		if s.faults.has(f) {
			out = append(out, f)
		}
	}
	return out
}

// Objects reports how many objects the implementation holds.
func (s *Server) Objects() int { return s.store.len() }
