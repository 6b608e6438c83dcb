package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// compareSDK measures the same validation as the jcx row through the Go SDK alone:
// examples/validate-xsd, a program on package schemas/xmlschema that validates the
// files one after another on one goroutine. The jcx command links the JSON Schema
// library too, whose package initialisation (about 5 ms of CPU) every jcx process
// pays; a vendor's process that validates XML with the SDK does not.
func compareSDK(cfg config, what, schemaDir string, entries []schemaEntry, files []string, one string, other schemaRun) []row {
	what += ", Go SDK"
	bin, err := buildValidateXSD(cfg)
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	args := []string{"-schemas", schemaDir}
	for _, e := range entries {
		args = append(args, "-entry", e.file)
	}
	sdk := func(files []string) (sample, error) {
		return runToolStatus("", 1, bin, append(append([]string{}, args...), files...)...)
	}
	var rows []row
	for _, r := range compareSchema(cfg, what, "xmllint", files, one, sdk, other) {
		if strings.HasSuffix(r.name, "(wall)") {
			continue // one goroutine: its wall time says nothing the CPU row does not
		}
		r.note = join(r.note, "examples/validate-xsd, one goroutine")
		rows = append(rows, r)
	}
	return rows
}

// buildValidateXSD builds examples/validate-xsd once per bench run.
func buildValidateXSD(cfg config) (string, error) {
	out := filepath.Join(cfg.tmp, "validate-xsd")
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	if _, err := runToolIn(cfg.root, "go", "build", "-o", out, "./examples/validate-xsd"); err != nil {
		return "", fmt.Errorf("building examples/validate-xsd: %v", err)
	}
	return out, nil
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// schemaEntry is a document of a schema set that declares a namespace the
// measured files use.
type schemaEntry struct{ ns, file string }

// writeEntry gives both tools the same schema set: jcx one --xsd per entry in
// dir, xmllint an entry document importing each — the document jcx builds —
// written to cfg.tmp as name.
func writeEntry(cfg config, name, dir string, entries []schemaEntry) (jcxArgs []string, schema string, err error) {
	var entry strings.Builder
	entry.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n")
	for _, e := range entries {
		file := filepath.Join(dir, e.file)
		jcxArgs = append(jcxArgs, "--xsd", file)
		fmt.Fprintf(&entry, "  <xs:import namespace=%q schemaLocation=%q/>\n", e.ns, file)
	}
	entry.WriteString("</xs:schema>\n")
	schema = filepath.Join(cfg.tmp, name)
	return jcxArgs, schema, os.WriteFile(schema, []byte(entry.String()), 0o644)
}
