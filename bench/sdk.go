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
func compareSDK(cfg config, what, schemaDir string, entries, files []string, one string, other schemaRun) []row {
	what += ", Go SDK"
	bin, err := buildValidateXSD(cfg)
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	args := []string{"-schemas", schemaDir}
	for _, e := range entries {
		args = append(args, "-entry", e)
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
