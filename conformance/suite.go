package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"sync"

	"github.com/jcx-dev/jcx/exchange"
)

// Level is a requirement's strength in the RFC 2119 sense.
type Level string

// The requirement levels.
const (
	MUST   Level = "MUST"
	SHOULD Level = "SHOULD"
	MAY    Level = "MAY"
)

// Kind is what a case checks.
type Kind string

const (
	// KindDocument asks whether one message is valid and which codes it earns. The
	// harness checks its own answer locally too, so the suite itself is verified.
	KindDocument Kind = "document"
	// KindExchange sends one message and checks the response.
	KindExchange Kind = "exchange"
	// KindScenario runs steps in order with state (object identifiers) carried across.
	KindScenario Kind = "scenario"
	// KindHostile sends an attack; the implementation must refuse it and keep answering,
	// which a liveness probe after the case checks.
	KindHostile Kind = "hostile"
)

// Manifest is suite.json: who the suite is and which templates it holds.
type Manifest struct {
	ID          string `json:"id"`
	Version     string `json:"version"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Profiles names the profiles a case may be tagged with.
	Profiles []string `json:"profiles"`
	// Templates maps a template name to its files, one per encoding.
	Templates map[string]Template `json:"templates"`
	// Binding is how the suite's messages are written and answered: BindingJCX (the
	// default when empty) or BindingHI1.
	Binding string `json:"binding,omitempty"`
	// Probe names the template of the liveness probe sent before the run and after every
	// hostile case; it must be answered without error.
	Probe string `json:"probe"`
}

// binding returns the manifest's binding, BindingJCX when it names none.
func (m *Manifest) binding() string {
	if m.Binding == "" {
		return BindingJCX
	}
	return m.Binding
}

// Template is one message in both encodings, with {{placeholders}} filled per run.
type Template struct {
	XML  string `json:"xml,omitempty"`
	JSON string `json:"json,omitempty"`
	// Raw marks a template that is sent as it is: no header placeholders are required and
	// it is never signed (hostile inputs that are not messages at all).
	Raw bool `json:"raw,omitempty"`
}

// Requirement is one testable statement of the specification.
type Requirement struct {
	ID     string `json:"id"`
	Level  Level  `json:"level"`
	Text   string `json:"text"`
	Clause string `json:"clause"`
}

// Case is one conformance case. Its ID is stable and never reused, so skip lists, waivers
// and certificates can name it.
type Case struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Kind         Kind     `json:"kind"`
	Requirements []string `json:"requirements"`
	Profiles     []string `json:"profiles"`
	// Features the implementation must support for the case to apply (see Capabilities).
	Features []string `json:"features,omitempty"`
	// Encodings the case runs in; empty means both.
	Encodings []string `json:"encodings,omitempty"`
	Steps     []Step   `json:"steps"`
	// Log lists the checks of a log case (KindLog) on the implementation's exchange log.
	Log *LogExpect `json:"log,omitempty"`
	// Isolated cases run one at a time, after all the others, because their input may
	// take a fragile implementation down (input it cannot decode at all). Hostile cases
	// are always isolated.
	Isolated bool `json:"isolated,omitempty"`
	// NegativeControls name the reference-implementation faults that must make this case
	// fail: the proof that the case can fail at all.
	NegativeControls []string `json:"negativeControls"`
	Comment          string   `json:"comment,omitempty"`
}

// Step is one message sent and the expectations on its answer.
type Step struct {
	Template string            `json:"template"`
	Vars     map[string]string `json:"vars,omitempty"`
	// Sign names the identity that signs the message: harness (the default), none,
	// wrong-signer, expired, untrusted.
	Sign string `json:"sign,omitempty"`
	// Mutations are applied in order after signing (docs/suite-format.md, "Mutations").
	Mutations []string `json:"mutations,omitempty"`
	// Uncorrelated marks a request whose header is deliberately broken (a malformed
	// TransactionIdentifier, a Sender the signature does not name): the answer cannot be
	// expected to echo it, so correlation and addressing are not checked. The receipt
	// always is.
	Uncorrelated bool   `json:"uncorrelated,omitempty"`
	Expect       Expect `json:"expect"`
}

// Expect is the set of acceptable outcomes of one step.
type Expect struct {
	// Outcome is "accepted" (no message-level error and no failed action) or "rejected".
	Outcome string `json:"outcome"`
	// Codes is the acceptable-code set of a rejection: at least one code the
	// implementation reports must be in it.
	Codes []exchange.ErrorCode `json:"codes,omitempty"`
	// Valid is the local verdict of a document case: what exchange.Validate must say.
	Valid *bool `json:"valid,omitempty"`
	// HTTPStatus lists transport-level refusals that are acceptable too: a body too large
	// to read may be refused with 413 before it is a message at all. Only HTTP targets
	// produce them.
	HTTPStatus []int `json:"httpStatus,omitempty"`
	// Results are expectations on individual action results.
	Results []ResultExpect `json:"results,omitempty"`
}

// ResultExpect is an expectation on the result of one action.
type ResultExpect struct {
	Action int `json:"action"`
	// Verb of a successful result; empty when Codes are expected.
	Verb string `json:"verb,omitempty"`
	// Codes of a failed action: the acceptable set.
	Codes []exchange.ErrorCode `json:"codes,omitempty"`
	// Generation, when non-zero, is the generation the result must report.
	Generation int `json:"generation,omitempty"`
	// Listed, for a LIST result, is an object type that must appear in it.
	Listed string `json:"listed,omitempty"`
	// Object, for a GET result, is the object kind that must come back.
	Object string `json:"object,omitempty"`
}

// Suite is a loaded suite: manifest, catalogue, cases and the files they name.
type Suite struct {
	Manifest     Manifest
	Requirements []Requirement
	Cases        []Case
	// Digest is the SHA-256 over every file of the suite (see Digest).
	Digest string

	templates map[string]map[Encoding][]byte
	reqIndex  map[string]int
}

// Requirement returns the requirement with the id.
func (s *Suite) Requirement(id string) (Requirement, bool) {
	i, ok := s.reqIndex[id]
	if !ok {
		return Requirement{}, false
	}
	return s.Requirements[i], true
}

// caseFile is the shape of each file under cases/.
type caseFile struct {
	Cases []Case `json:"cases"`
}

type requirementFile struct {
	Requirements []Requirement `json:"requirements"`
}

// Limits on suite files: a suite is reviewed by people, so anything bigger is a mistake.
const (
	maxSuiteFile  = 4 << 20
	maxSuiteFiles = 2000
)

var (
	// HI-1 requirements carry the TS 103 120 clause they trace to in their id
	// (HI1-6.2.5-01); their cases are HI1-C-nnnn.
	caseIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(JCX|HI1)-C-[0-9]{4}$`) })
	reqIDPattern  = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(JCX-[A-Z]{2,5}-[0-9]{3}|HI1-[0-9A-Z]{1,2}(\.[0-9]{1,2}){0,4}-[0-9]{2})$`)
	})
)

// Load reads a suite from fsys, whose root holds suite.json, requirements.json, cases/
// and the template files. Every file is checked against the suite JSON Schema first, then
// for consistency: unique ids, known requirements, templates and profiles, every
// requirement covered by at least one case.
func Load(fsys fs.FS) (*Suite, error) {
	digest, err := Digest(fsys)
	if err != nil {
		return nil, err
	}
	s := &Suite{Digest: digest, templates: map[string]map[Encoding][]byte{}, reqIndex: map[string]int{}}
	if err := readJSON(fsys, "suite.json", "manifest", &s.Manifest); err != nil {
		return nil, err
	}
	var rf requirementFile
	if err := readJSON(fsys, "requirements.json", "requirements", &rf); err != nil {
		return nil, err
	}
	s.Requirements = rf.Requirements
	caseFiles, err := fs.Glob(fsys, "cases/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(caseFiles)
	for _, name := range caseFiles {
		var cf caseFile
		if err := readJSON(fsys, name, "cases", &cf); err != nil {
			return nil, err
		}
		s.Cases = append(s.Cases, cf.Cases...)
	}
	sort.SliceStable(s.Cases, func(i, j int) bool { return s.Cases[i].ID < s.Cases[j].ID })
	for name, t := range s.Manifest.Templates {
		m := map[Encoding][]byte{}
		for enc, file := range map[Encoding]string{XML: t.XML, JSON: t.JSON} {
			if file == "" {
				continue
			}
			b, err := readFile(fsys, file)
			if err != nil {
				return nil, fmt.Errorf("%w: template %s: %v", ErrSuite, name, err)
			}
			m[enc] = b
		}
		s.templates[name] = m
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return s, nil
}

// readJSON reads one suite file, validates it against the named definition of the suite
// schema and decodes it strictly.
func readJSON(fsys fs.FS, name, def string, v any) error {
	b, err := readFile(fsys, name)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSuite, err)
	}
	if err := validateSuiteFile(b, def); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrSuite, name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrSuite, name, err)
	}
	return nil
}

func readFile(fsys fs.FS, name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("invalid path %q", name)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(f, maxSuiteFile+1))
	if err != nil {
		return nil, err
	}
	if n > maxSuiteFile {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxSuiteFile)
	}
	return buf.Bytes(), nil
}

// check verifies what a schema cannot: uniqueness, references, coverage.
func (s *Suite) check() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	for i, r := range s.Requirements {
		if !reqIDPattern().MatchString(r.ID) {
			bad("requirement %q: id does not match %s", r.ID, reqIDPattern())
		}
		if _, dup := s.reqIndex[r.ID]; dup {
			bad("requirement %s: defined twice", r.ID)
		}
		s.reqIndex[r.ID] = i
	}
	profiles := map[string]bool{}
	for _, p := range s.Manifest.Profiles {
		profiles[p] = true
	}
	if _, ok := s.Manifest.Templates[s.Manifest.Probe]; !ok {
		bad("manifest: probe template %q is not defined", s.Manifest.Probe)
	}
	covered := map[string]bool{}
	seen := map[string]bool{}
	for _, c := range s.Cases {
		if !caseIDPattern().MatchString(c.ID) {
			bad("case %q: id does not match %s", c.ID, caseIDPattern())
		}
		if seen[c.ID] {
			bad("case %s: defined twice", c.ID)
		}
		seen[c.ID] = true
		for _, r := range c.Requirements {
			if _, ok := s.reqIndex[r]; !ok {
				bad("case %s: unknown requirement %s", c.ID, r)
			}
			covered[r] = true
		}
		for _, p := range c.Profiles {
			if !profiles[p] {
				bad("case %s: unknown profile %q", c.ID, p)
			}
		}
		if len(c.NegativeControls) == 0 {
			bad("case %s: no negative control", c.ID)
		}
		if c.Kind != KindScenario && c.Kind != KindLog && len(c.Steps) != 1 {
			bad("case %s: a %s case has exactly one step", c.ID, c.Kind)
		}
		checkLogCase(&c, bad)
		if s.Manifest.binding() == BindingHI1 && slices.Contains(c.encodings(), JSON) {
			bad("case %s: HI-1 messages are XML only; set encodings to [\"xml\"]", c.ID)
		}
		for i, st := range c.Steps {
			t, ok := s.Manifest.Templates[st.Template]
			if !ok {
				bad("case %s step %d: unknown template %q", c.ID, i, st.Template)
				continue
			}
			for _, e := range c.encodings() {
				if _, ok := s.templates[st.Template][e]; !ok {
					bad("case %s step %d: template %q has no %s form", c.ID, i, st.Template, e)
				}
			}
			if t.Raw && st.Sign != "" && st.Sign != SignNone {
				bad("case %s step %d: raw template %q cannot be signed", c.ID, i, st.Template)
			}
			for _, m := range st.Mutations {
				if mutationNamed(m) == nil {
					bad("case %s step %d: unknown mutation %q", c.ID, i, m)
				}
				if _, hi1Only := hi1Mutations[m]; hi1Only && s.Manifest.binding() != BindingHI1 {
					bad("case %s step %d: mutation %q applies to suites of the hi1 binding only", c.ID, i, m)
				}
			}
			if _, ok := signers[st.signer()]; !ok {
				bad("case %s step %d: unknown signer %q", c.ID, i, st.Sign)
			}
			if st.Expect.Outcome == OutcomeRejected && len(st.Expect.Codes) == 0 {
				bad("case %s step %d: a rejection needs an acceptable-code set", c.ID, i)
			}
		}
	}
	for _, r := range s.Requirements {
		if !covered[r.ID] {
			bad("requirement %s: no case tests it", r.ID)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrSuite, errors.Join(errs...))
	}
	return nil
}

// encodings returns the encodings the case runs in.
func (c *Case) encodings() []Encoding {
	if len(c.Encodings) == 0 {
		return []Encoding{XML, JSON}
	}
	var out []Encoding
	for _, e := range c.Encodings {
		out = append(out, Encoding(e))
	}
	return out
}

// Level is the strongest level among the case's requirements: a case that tests a MUST
// decides conformance, one that tests only SHOULD or MAY does not.
func (s *Suite) Level(c *Case) Level {
	best := MAY
	for _, id := range c.Requirements {
		r, _ := s.Requirement(id)
		switch {
		case r.Level == MUST:
			return MUST
		case r.Level == SHOULD:
			best = SHOULD
		}
	}
	return best
}

// template returns the bytes of a template in one encoding.
func (s *Suite) template(name string, e Encoding) ([]byte, bool) {
	b, ok := s.templates[name][e]
	return b, ok
}

// hasProfile reports whether the case is tagged with the profile ("" matches every case).
func (c *Case) hasProfile(p string) bool {
	if p == "" {
		return true
	}
	for _, q := range c.Profiles {
		if q == p {
			return true
		}
	}
	return false
}
