// Package schemajson compiles the jcx JSON Schema with the santhosh-tekuri/jsonschema
// library: the one place that library's types appear, so that no public API depends on
// its major version. Package exchange validates JSON messages with what it compiles, and
// tests hold that to a compilation with the library's own regexp engine.
package schemajson

import (
	"bytes"
	"errors"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ErrNoLoad is returned for any attempt of the schema to load another document: the jcx
// schema is self-contained, and validation never touches the network or the file system.
var ErrNoLoad = errors.New("schemas: the JSON Schema refers to a document outside itself")

type noLoader struct{}

func (noLoader) Load(url string) (any, error) { return nil, errors.Join(ErrNoLoad, errors.New(url)) }

// Compile compiles doc, the JSON Schema whose $id is id, as draft 2020-12 with formats
// asserted (so that dates are checked as xs:date and xs:dateTime are) and no document
// loaded from elsewhere. engine compiles the patterns; nil means the library's default.
func Compile(doc []byte, id string, engine jsonschema.RegexpEngine) (*jsonschema.Schema, error) {
	c, err := NewCompiler(doc, id, engine)
	if err != nil {
		return nil, err
	}
	return c.Compile(id)
}

// NewCompiler returns a compiler holding doc under id and nothing else, set up as
// Compile's, for compiling parts of the schema (id#/$defs/…).
func NewCompiler(doc []byte, id string, engine jsonschema.RegexpEngine) (*jsonschema.Compiler, error) {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(noLoader{})
	c.AssertFormat()
	if engine != nil {
		c.UseRegexpEngine(engine)
	}
	if err := c.AddResource(id, v); err != nil {
		return nil, err
	}
	return c, nil
}
