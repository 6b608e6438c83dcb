package conformance

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SuiteSchema is the JSON Schema (2020-12) of the suite files; its $defs manifest,
// requirements and cases describe suite.json, requirements.json and cases/*.json.
//
//go:embed suite.schema.json
var SuiteSchema []byte

const suiteSchemaURL = "https://jcx.dev/schemas/conformance/suite.schema.json"

var (
	schemaOnce sync.Once
	schemaDefs map[string]*jsonschema.Schema
	schemaErr  error
)

func compileSuiteSchema() {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SuiteSchema))
	if err != nil {
		schemaErr = err
		return
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(suiteSchemaURL, doc); err != nil {
		schemaErr = err
		return
	}
	schemaDefs = map[string]*jsonschema.Schema{}
	for _, def := range []string{"manifest", "requirements", "cases"} {
		s, err := c.Compile(suiteSchemaURL + "#/$defs/" + def)
		if err != nil {
			schemaErr = err
			return
		}
		schemaDefs[def] = s
	}
}

// validateSuiteFile checks one suite file against a definition of the suite schema.
func validateSuiteFile(b []byte, def string) error {
	schemaOnce.Do(compileSuiteSchema)
	if schemaErr != nil {
		return fmt.Errorf("suite schema: %v", schemaErr)
	}
	s, ok := schemaDefs[def]
	if !ok {
		return fmt.Errorf("suite schema has no definition %q", def)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}
