package conformance

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sync"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// Config configures a run. Only Target is required.
type Config struct {
	// Target is the implementation under test.
	Target Target
	// Suite is the suite to run; nil means the embedded core suite.
	Suite *Suite
	// Toolkit signs, validates and verifies for the harness; nil means DefaultToolkit.
	Toolkit Toolkit
	// Implementation is the identity the implementation answers as and is addressed as;
	// the zero value means Toolkit.Implementation().
	Implementation exchange.Party
	// Capabilities declares what the implementation does not support.
	Capabilities *Capabilities
	// Profile, when set, selects the cases tagged with it.
	Profile string
	// Run, when set, selects the cases whose id or title matches; the others are
	// skipped-by-choice.
	Run *regexp.Regexp
	// Skip, when set, marks the matching cases skipped-by-choice.
	Skip *regexp.Regexp
	// Waivers excuse cases by id, with a reason; their verdict is waived.
	Waivers map[string]string
	// Shard and Shards split the selected cases into Shards parts and run part Shard
	// (1-based); zero runs everything.
	Shard, Shards int
	// Timeout bounds each case in each encoding, all its steps and probes included;
	// zero means 10 s.
	Timeout time.Duration
	// Parallel is the number of cases run at once; zero means the number of processors (at least 2). Steps of a scenario
	// are always sequential, and hostile cases run one at a time after the others so
	// that one attack cannot disturb another case's verdict.
	Parallel int
	// Now is the clock for timestamps; nil means time.Now.
	Now func() time.Time
	// Log, when set, declares that the implementation runs an exchange log and how to
	// read it: the cases of the log profile run. Without it they are skipped-unsupported.
	Log *LogTarget
	// Progress, when set, is called after each case (from one goroutine at a time).
	Progress func(CaseResult)
	// ToolVersion is recorded in the result.
	ToolVersion string
}

// Capabilities is an implementation's declaration of what it supports (the ICS of the
// ETSI method). Cases needing a feature listed in Unsupported are skipped-unsupported.
//
// Features are written kind:name — encoding:json, verb:DELIVER, object:SurrenderTask.
type Capabilities struct {
	Implementation struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"implementation"`
	Unsupported []string `json:"unsupported"`
}

// ReadCapabilities reads a capability file (JSON, at most 1 MiB, unknown members refused).
func ReadCapabilities(r io.Reader) (*Capabilities, error) {
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	var c Capabilities
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%w: capability file: %v", ErrConfig, err)
	}
	for _, f := range c.Unsupported {
		if !featurePattern().MatchString(f) {
			return nil, fmt.Errorf("%w: capability file: feature %q is not kind:name", ErrConfig, f)
		}
	}
	return &c, nil
}

var featurePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z]+:[A-Za-z0-9-]+$`) })

func (c *Capabilities) unsupported(feature string) bool {
	if c == nil {
		return false
	}
	for _, f := range c.Unsupported {
		if f == feature {
			return true
		}
	}
	return false
}
