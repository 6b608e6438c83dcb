package conformance

import (
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// Result is the outcome of a run: what was tested, against whom, and every verdict.
type Result struct {
	Suite          SuiteInfo       `json:"suite"`
	ToolVersion    string          `json:"toolVersion"`
	Implementation exchange.Party  `json:"implementation"`
	Capabilities   *Capabilities   `json:"capabilities,omitempty"`
	Selection      Selection       `json:"selection"`
	Started        time.Time       `json:"started"`
	Duration       time.Duration   `json:"durationNanoseconds"`
	Counts         map[Verdict]int `json:"counts"`
	// Profiles are the profiles the run tested: those of which at least one case ran
	// (was not skipped or waived). A log case skipped for want of a log leaves "log" out.
	Profiles     []string            `json:"profiles"`
	Cases        []CaseResult        `json:"cases"`
	Requirements []RequirementResult `json:"requirements"`
	// Conformant: no case testing a MUST failed, errored or timed out.
	Conformant bool `json:"conformant"`
	// NotCertifiable lists why a certificate cannot be issued for this run (empty when
	// it can): waivers, skips by choice, a partial selection.
	NotCertifiable []string `json:"notCertifiable,omitempty"`
	// Inconclusive, when set, says why the run judged nothing: no case testing a MUST
	// ran (filters, profile, features declared unsupported), or every answer failed on
	// the harness's configuration (trust, the implementation's identity). Such a run is
	// neither conformant nor evidence of non-conformance.
	Inconclusive string `json:"inconclusive,omitempty"`
	// Notes are observations about the run as a whole, said once instead of in every
	// case: a probe that got no good answer, a likely configuration mistake.
	Notes []string `json:"notes,omitempty"`
}

// SuiteInfo names the suite exactly.
type SuiteInfo struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Digest  string `json:"digest"`
}

// Selection records how the cases were chosen.
type Selection struct {
	Profile string `json:"profile,omitempty"`
	Run     string `json:"run,omitempty"`
	Skip    string `json:"skip,omitempty"`
	Shard   string `json:"shard,omitempty"`
}

// CaseResult is the verdict of one case in one encoding, with its transcript.
type CaseResult struct {
	ID           string        `json:"id"`
	Title        string        `json:"title"`
	Kind         Kind          `json:"kind"`
	Encoding     Encoding      `json:"encoding"`
	Level        Level         `json:"level"`
	Requirements []string      `json:"requirements"`
	Profiles     []string      `json:"profiles"`
	Verdict      Verdict       `json:"verdict"`
	Reason       string        `json:"reason,omitempty"`
	Duration     time.Duration `json:"durationNanoseconds"`
	Transcript   []Exchange    `json:"transcript,omitempty"`

	misconfigured string // the configuration hint when the failure is one (see misconfiguration)
}

// Name is the case id and encoding, e.g. JCX-C-0001/xml.
func (c CaseResult) Name() string { return c.ID + "/" + string(c.Encoding) }

// Exchange is one message sent and what came back.
type Exchange struct {
	Step         int    `json:"step"`
	Label        string `json:"label"`
	Request      string `json:"request,omitempty"`
	RequestType  string `json:"requestType"`
	Response     string `json:"response,omitempty"`
	ResponseType string `json:"responseType,omitempty"`
	Error        string `json:"error,omitempty"`
}

// RequirementResult folds the verdicts of the cases testing one requirement.
type RequirementResult struct {
	ID      string   `json:"id"`
	Level   Level    `json:"level"`
	Text    string   `json:"text"`
	Clause  string   `json:"clause"`
	Verdict Verdict  `json:"verdict"`
	Cases   []string `json:"cases"`
}
