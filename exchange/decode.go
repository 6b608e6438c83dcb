package exchange

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Unmarshal decodes a message in the format f (FormatAuto detects it). Only messages that
// pass the hardened parser and the schema are accepted, so nothing in data is silently
// dropped or altered; the error is then an *InvalidError with every finding. Business
// rules are not checked: use Validate for that.
func Unmarshal(data []byte, f Format) (*Message, error) {
	return schemaValidator.decodeOnly(data, f)
}

// Decode reads one message from r (see Unmarshal), refusing more than the default limit of
// bytes.
func Decode(r io.Reader, f Format) (*Message, error) {
	data, err := readLimited(r, DefaultMaxBytes)
	if err != nil {
		return nil, err
	}
	return Unmarshal(data, f)
}

var schemaValidator = NewValidator(Options{SchemaOnly: true})

func (v *Validator) decodeOnly(data []byte, f Format) (*Message, error) {
	m, findings := v.decode(data, &f)
	if len(findings) > 0 {
		return nil, &InvalidError{Findings: findings}
	}
	return m, nil
}

// ErrTooLarge is returned by readers when the input exceeds the size limit.
var ErrTooLarge = errors.New("jcx: message too large")

func readLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &InvalidError{Findings: []Finding{{Code: CodeTooLarge, Path: "", Message: fmt.Sprintf("message is larger than the limit of %d bytes", max)}}}
	}
	return data, nil
}

// CheckSchema runs the steps of Validate up to and including the schema step — size,
// hardened parse and encoding (3019, 3020, 3022), schema (3020) — and stops there without
// building the model, which is most of the cost of a schema-only check: Report.Message is
// always nil. Use it to sort a large corpus by schema validity; use Validate with
// Options.SchemaOnly when the decoded message is wanted too.
func (v *Validator) CheckSchema(data []byte, f Format) *Report {
	r := &Report{Format: f}
	_, r.Findings = v.check(data, &r.Format, false)
	return r
}

// decode runs the steps up to and including the schema and returns the model, or the
// findings that stopped it. *f is set to the detected format.
func (v *Validator) decode(data []byte, f *Format) (*Message, []Finding) {
	return v.check(data, f, true)
}

// check is decode, building the model only when model is true.
func (v *Validator) check(data []byte, f *Format, model bool) (*Message, []Finding) {
	lim := v.opts.Limits
	if int64(len(data)) > lim.MaxBytes {
		return nil, []Finding{{Code: CodeTooLarge, Message: fmt.Sprintf("message is %d bytes; the limit is %d", len(data), lim.MaxBytes)}}
	}
	if *f == FormatAuto {
		d, ok := Detect(data)
		if !ok {
			return nil, []Finding{{Code: CodeEncoding, Message: "neither XML nor JSON: a message starts with '<' (XML) or '{' (JSON)"}}
		}
		*f = d
	}
	switch *f {
	case FormatXML:
		return v.decodeXML(data, model)
	case FormatJSON:
		return v.decodeJSON(data, model)
	}
	return nil, []Finding{{Code: CodeEncoding, Message: "unknown format"}}
}

func (v *Validator) decodeXML(data []byte, model bool) (*Message, []Finding) {
	doc, fs := prepareXML(data, v.opts.Limits)
	if fs != nil {
		return nil, fs
	}
	if fs := xmlSchema.validate(doc); len(fs) > 0 || !model {
		addXMLLines(doc, fs) // the schema step gives lines; this adds their columns
		return nil, fs
	}
	m, err := unmarshalXML(doc)
	if err != nil {
		return nil, []Finding{{Code: CodeSchema, Path: "/Message", Message: err.Error()}}
	}
	return m, nil
}

func (v *Validator) decodeJSON(data []byte, model bool) (*Message, []Finding) {
	if fs := checkJSON(data, v.opts.Limits); fs != nil {
		return nil, fs
	}
	tree, fs := jsonSchema.validate(data, v.opts.Limits.MaxDepth)
	if len(fs) > 0 || !model {
		return nil, fs
	}
	m, err := messageFromTree(tree)
	if err != nil {
		m, err = unmarshalJSON(data) // outside the fast decoder's subset; also words the error
	}
	if err != nil {
		return nil, []Finding{{Code: CodeSchema, Path: "", Message: err.Error()}}
	}
	return m, nil
}

// unmarshalXML decodes a prepared, schema-valid document into the model: with the fast
// decoder, or with encoding/xml for anything outside the fast decoder's subset (and for the
// error text when the document does not decode).
func unmarshalXML(doc []byte) (*Message, error) {
	if m, err := fastUnmarshalXML(doc); err == nil {
		return m, nil
	}
	return stdUnmarshalXML(doc)
}

func stdUnmarshalXML(doc []byte) (*Message, error) {
	var m Message
	d := xml.NewDecoder(bytes.NewReader(doc))
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	return &m, nil
}

// jsonEnvelope is the JSON top level: the message members and the optional signature,
// which belongs to the encoding, not to the model.
type jsonEnvelope struct {
	Header    *Header         `json:"Header"`
	Payload   *Payload        `json:"Payload"`
	Signature json.RawMessage `json:"Signature,omitempty"`
}

func unmarshalJSON(data []byte) (*Message, error) {
	var m Message
	env := jsonEnvelope{Header: &m.Header, Payload: &m.Payload}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&env); err != nil {
		return nil, err
	}
	return &m, nil
}
