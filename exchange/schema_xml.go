package exchange

import (
	"bytes"
)

// xmlSchemaStep is the schema step for XML input. It is one interface so that the engine
// behind it can change in one line.
type xmlSchemaStep interface {
	validate(doc []byte) []Finding
}

// xmlSchema is the XML schema step in use.
var xmlSchema xmlSchemaStep = projectedXMLSchema{}

// projectedXMLSchema validates XML through the JSON projection: the document must decode
// into the model with nothing left over (same elements, in the same order and namespace,
// no attributes), and the model's JSON form must satisfy the JSON Schema, which holds the
// same facets as the XSD.
type projectedXMLSchema struct{}

func (projectedXMLSchema) validate(doc []byte) []Finding {
	m, err := unmarshalXML(doc)
	if err != nil {
		return []Finding{{Code: CodeSchema, Path: "/Message", Message: err.Error()}}
	}
	var out bytes.Buffer
	if err := encodeXML(&out, m); err != nil {
		return []Finding{{Code: CodeSchema, Path: "/Message", Message: err.Error()}}
	}
	if fs := sameStructure(doc, out.Bytes()); len(fs) > 0 {
		return fs
	}
	var js bytes.Buffer
	if err := encodeJSON(&js, m); err != nil {
		return []Finding{{Code: CodeSchema, Path: "/Message", Message: err.Error()}}
	}
	sch, err := jsonSchema.load()
	if err != nil {
		return []Finding{{Code: CodeGeneral, Message: "schema unavailable: " + err.Error()}}
	}
	inst, err := jsonUnmarshalAny(js.Bytes())
	if err != nil {
		return []Finding{{Code: CodeSchema, Message: err.Error()}}
	}
	return schemaFindings(sch.Validate(inst), xpathFromPointer)
}
