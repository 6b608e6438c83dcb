package exchange

import (
	"sync"

	"github.com/jcx-dev/jcx/internal/xsd"
	"github.com/jcx-dev/jcx/schemas"
)

// xmlSchemaStep is the schema step for XML input. It is one interface so that the engine
// behind it can change in one line.
type xmlSchemaStep interface {
	validate(doc []byte) []Finding
}

// xmlSchema is the XML schema step in use: the pure-Go XSD engine over the embedded XSD.
var xmlSchema xmlSchemaStep = &xsdStep{}

type xsdStep struct {
	once   sync.Once
	schema *xsd.Schema
	err    error
}

func (s *xsdStep) load() (*xsd.Schema, error) {
	s.once.Do(func() {
		s.schema, s.err = xsd.CompileOptions(schemas.XSD(), "jcx.xsd", &xsd.Options{MaxFindings: MaxFindings})
	})
	return s.schema, s.err
}

func (s *xsdStep) validate(doc []byte) []Finding {
	sch, err := s.load()
	if err != nil {
		return []Finding{{Code: CodeGeneral, Message: "XML Schema unavailable: " + err.Error()}}
	}
	found, err := sch.ValidateBytes(doc)
	if err != nil {
		return []Finding{{Code: CodeSchema, Path: "/Message", Message: err.Error()}}
	}
	// The engine stops reporting at MaxFindings and adds a finding of its own to say
	// so; it is replaced by the one every step uses.
	out := make([]Finding, len(found))
	for i, f := range found {
		out[i] = Finding{Code: CodeSchema, Path: f.Path, Line: f.Line, Message: f.Message}
	}
	return capFindings(out)
}
