package exchange

import (
	"time"
)

// Options configure a Validator. The zero value validates structure, schema and the
// message's own rules, with no view of the receiving endpoint (no receiver, replay or
// signature checks).
type Options struct {
	Limits Limits
	// SchemaOnly stops after the schema step.
	SchemaOnly bool
	// Now is the clock for the timestamp window and deadlines; nil means time.Now.
	Now func() time.Time
	// ClockWindow, when positive, refuses header timestamps further than this from Now
	// (8013).
	ClockWindow time.Duration
	// RefuseElapsedDeadlines refuses deadlines that have passed by Now (8031), as a
	// receiver does at the moment of receipt. Without it deadlines are judged against
	// the message's own timestamp only, so an archived message keeps its verdict.
	RefuseElapsedDeadlines bool
	// Receiver, when set, must equal Header.Receiver (8010).
	Receiver *Party
	// Replay, when set, refuses a TransactionIdentifier already seen from the sender (8012).
	Replay ReplayCache
	// AllowTestCountries accepts the user-assigned code XX, for test profiles only.
	AllowTestCountries bool
	// Signature, when set, checks the message's signature after the header rules.
	Signature SignatureChecker
	// Links, when set, resolves AssociatedObject targets that are not in the message
	// itself (3016, 3017). When nil, only links within the message are checked.
	Links LinkResolver
}

// LinkResolver tells whether an object exists at the receiver and whether it is still
// open. Implementations must be safe for concurrent use.
type LinkResolver interface {
	// Resolve reports whether the object exists and, if it does, whether it has expired
	// or been closed.
	Resolve(id UUID) (exists, expired bool)
}

// ReplayCache remembers transaction identifiers. Seen records the pair and reports
// whether it had been recorded before. Implementations must be safe for concurrent use.
type ReplayCache interface {
	Seen(sender Party, id UUID) bool
}

// SignatureChecker verifies the signature of the exact bytes received and returns
// findings (8001–8005) when it does not hold.
type SignatureChecker interface {
	CheckSignature(data []byte, f Format, m *Message) []Finding
}

// Report is the outcome of validating one message.
type Report struct {
	Format Format
	// Message is the decoded model; nil when the input could not be decoded.
	Message  *Message
	Findings []Finding
	// Signature says whether the message's signature was checked. A report without
	// findings vouches for a signature only when it says SignatureChecked.
	Signature SignatureStatus
}

// SignatureStatus says what validation did about a message's signature.
type SignatureStatus int

const (
	// SignatureAbsent: the message carries no signature (or did not decode), and none
	// was required.
	SignatureAbsent SignatureStatus = iota
	// SignatureUnchecked: the message carries a signature that was not checked, since
	// Options.Signature is nil (as in Validate). The signature may be forged or the
	// content changed after signing; check it with Verify, or validate with
	// Options.Signature set to RequireSignature.
	SignatureUnchecked
	// SignatureChecked: Options.Signature checked the message; a missing or failing
	// signature is among the findings (8001–8005).
	SignatureChecked
)

// String returns "absent", "unchecked" or "checked".
func (s SignatureStatus) String() string {
	switch s {
	case SignatureUnchecked:
		return "unchecked"
	case SignatureChecked:
		return "checked"
	}
	return "absent"
}

// Valid reports whether there were no findings.
func (r *Report) Valid() bool { return len(r.Findings) == 0 }

// Err returns nil for a valid message, otherwise an *InvalidError with the findings.
func (r *Report) Err() error {
	if r.Valid() {
		return nil
	}
	return &InvalidError{Findings: r.Findings}
}

// Validator runs the validation pipeline. It is safe for concurrent use.
type Validator struct {
	opts Options
}

// NewValidator returns a Validator with the options.
func NewValidator(opts Options) *Validator {
	opts.Limits = opts.Limits.withDefaults()
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Validator{opts: opts}
}

// Validate validates one message and reports every finding. The steps run in order:
// hardened parse and encoding (3019, 3020, 3022), schema (3020), version (3021), header
// rules (8010, 8012, 8013), signature (800x), action identifiers (3002, 3007), object and
// cross-field rules (3005, 3007, 8030, 8031), links (3016–3018), attachments and custody
// (8020–8024). A failure before the schema step ends, or in it, stops the pipeline, since
// later steps need a decoded message. The signature step runs only when
// Options.Signature is set; Report.Signature says whether it ran on a signed message.
func (v *Validator) Validate(data []byte, f Format) *Report {
	r := &Report{Format: f}
	m, findings := v.decode(data, &r.Format)
	r.Findings = findings
	if m == nil {
		return r
	}
	r.Message = m
	switch {
	case v.opts.Signature != nil && !v.opts.SchemaOnly:
		r.Signature = SignatureChecked
	case Signed(data, r.Format):
		r.Signature = SignatureUnchecked
	}
	if v.opts.SchemaOnly {
		return r
	}
	r.Findings = append(r.Findings, v.rules(data, r.Format, m)...)
	if r.Format == FormatXML && len(r.Findings) > 0 {
		if doc, fs := prepareXML(data, v.opts.Limits); fs == nil {
			addXMLLines(doc, r.Findings)
		}
	}
	return r
}

// Validate validates data with the default options (see Validator.Validate). They hold no
// trust bundle, so a signature is not checked: the report then says SignatureUnchecked.
func Validate(data []byte, f Format) *Report {
	return defaultValidator.Validate(data, f)
}

var defaultValidator = NewValidator(Options{})
