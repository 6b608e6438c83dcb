package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/schemas/xmlschema"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// loadSchemaSet loads the schema set named by --xsd. Includes and imports are resolved
// relative to the document that names them anywhere on the local file system, as a
// schema set's own ../ references expect, so the set is read from the root of the
// entries' volume; errors name files by their absolute path. Warnings go to standard
// error.
func loadSchemaSet(entries []string, s *stdio) (*xmlschema.Set, error) {
	root, rel := "", make([]string, len(entries))
	for i, e := range entries {
		abs, err := filepath.Abs(e)
		if err != nil {
			return nil, err
		}
		vol := filepath.VolumeName(abs) + string(filepath.Separator)
		if root != "" && vol != root {
			return nil, fmt.Errorf("%s: the schema set's files must be on one volume", e)
		}
		root = vol
		rel[i] = abs
	}
	set, err := xmlschema.LoadDir(root, rel...)
	if err != nil {
		return nil, err
	}
	for _, w := range set.Warnings() {
		fmt.Fprintf(s.err, "jcx validate: --xsd: warning: %s\n", printable(w))
	}
	return set, nil
}

// schemaSetCheck validates documents against a schema set named with --xsd, reporting
// them as XML documents with the set's findings.
func schemaSetCheck(set *xmlschema.Set) checkFunc {
	return func(data []byte, _ exchange.Format) *exchange.Report {
		found := set.ValidateBytes(data)
		r := &exchange.Report{Format: exchange.FormatXML, Findings: make([]exchange.Finding, len(found))}
		for i, f := range found {
			r.Findings[i] = exchange.Finding{Code: f.Code, Path: f.Path, Line: f.Line, Message: f.Message}
		}
		return r
	}
}
