package hi1

import (
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/schemas/xmlschema"
)

// Options configure a Validator. The zero value decodes with the default limits and
// applies the envelope rules, without a schema set and without resolving references
// outside the message.
type Options struct {
	Limits exchange.Limits
	// Schema, when set, is the ETSI schema set the message is validated against before
	// it is decoded (3020, with the schema's XPath and line). Load it once with
	// xmlschema.LoadDir from the user's copy of the set of the version they implement;
	// V1.12.1 has no single entry, so name its object schemas as entries (see
	// docs/hi1.md).
	Schema *xmlschema.Set
	// Links, when set, is the receiver's view of objects outside the message: references
	// are then checked (3016, 3017), see CheckLinks. When nil, references are not checked,
	// since only the receiver knows what earlier requests created.
	Links exchange.LinkResolver
}

// Report is the outcome of validating one HI-1 message.
type Report struct {
	// Message is the decoded message; nil when the bytes could not be decoded.
	Message  *HI1Message
	Findings []exchange.Finding
}

// Valid reports whether there were no findings.
func (r *Report) Valid() bool { return len(r.Findings) == 0 }

// Err returns nil for a valid message, otherwise an *exchange.InvalidError with the
// findings.
func (r *Report) Err() error {
	if r.Valid() {
		return nil
	}
	return &exchange.InvalidError{Findings: r.Findings}
}

// Validator validates HI-1 messages. It is safe for concurrent use.
type Validator struct {
	opts Options
}

// NewValidator returns a Validator with the options.
func NewValidator(opts Options) *Validator { return &Validator{opts: opts} }

// Validate runs, in order: the schema set when one is configured (with its own hardened
// parse: 3019, 3020, 3022), the hardened parse and typed decode (3019, 3020, 3022), the envelope rules (Check) and, with
// Options.Links, the references (CheckLinks). A failure in the first three steps ends
// validation, since the rules need a decoded message.
func (v *Validator) Validate(data []byte) *Report {
	r := &Report{}
	if v.opts.Schema != nil {
		if found := v.opts.Schema.ValidateBytes(data); len(found) > 0 {
			r.Findings = make([]exchange.Finding, len(found))
			for i, f := range found {
				r.Findings[i] = exchange.Finding{Code: exchange.ErrorCode(f.Code), Path: f.Path, Line: f.Line, Message: f.Message}
			}
			return r
		}
	}
	m, findings := decode(data, v.opts.Limits)
	if len(findings) > 0 {
		r.Findings = findings
		return r
	}
	r.Message = m
	r.Findings = Check(m)
	if v.opts.Links != nil {
		r.Findings = append(r.Findings, CheckLinks(m, v.opts.Links)...)
	}
	return r
}
