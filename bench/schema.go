package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// corpus copies every valid fixture with the extension ext cfg.copies times into a
// folder of its own and returns the files, in order, and one lone fixture (for the
// start-up cost of each tool).
func corpus(cfg config, ext string) (files []string, one string, err error) {
	src, err := filepath.Glob(filepath.Join(cfg.root, "testdata", "messages", "valid", "*"+ext))
	if err != nil || len(src) == 0 {
		return nil, "", fmt.Errorf("no valid %s fixtures in testdata/messages/valid", ext)
	}
	return copies(cfg, "corpus"+ext, src)
}

// copies copies the files src cfg.copies times into the folder name of the temporary
// folder and returns the copies, in order, and the first one.
func copies(cfg config, name string, src []string) (files []string, one string, err error) {
	dir := filepath.Join(cfg.tmp, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", err
	}
	for i := 0; i < cfg.copies; i++ {
		for _, s := range src {
			data, err := os.ReadFile(s)
			if err != nil {
				return nil, "", err
			}
			dst := filepath.Join(dir, fmt.Sprintf("%03d-%s", i, filepath.Base(s)))
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				return nil, "", err
			}
			files = append(files, dst)
		}
	}
	return files, files[0], nil
}

// schemaRun is one tool's validation of a list of files in one process.
type schemaRun func(files []string) (sample, error)

// compareSchema times jcx and another validator over the corpus and over one document,
// and returns the rows: the whole corpus in one process (CPU and wall), and the cost per
// further document once each tool has started and compiled its schema.
func compareSchema(cfg config, what, otherName string, files []string, one string, jcx, other schemaRun) []row {
	js, os_, err := alternate(cfg.n, func() (sample, error) { return jcx(files) }, func() (sample, error) { return other(files) })
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	j1, o1, err := alternate(cfg.n, func() (sample, error) { return jcx([]string{one}) }, func() (sample, error) { return other([]string{one}) })
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	n := len(files)
	perDoc := func(all, single time.Duration) time.Duration { return max(all-single, 0) / time.Duration(n-1) }
	jd, od := perDoc(js.cpu, j1.cpu), perDoc(os_.cpu, o1.cpu)
	name := fmt.Sprintf("%s, %d docs, one process", what, n)
	return []row{
		{name: name + " (CPU)", jcx: seconds(js.cpu), other: seconds(os_.cpu) + " " + otherName, ratio: ratio(os_.cpu, js.cpu), goal: atLeast(1)},
		{name: name + " (wall)", jcx: seconds(js.wall), other: seconds(os_.wall) + " " + otherName, ratio: ratio(os_.wall, js.wall), goal: atLeast(1),
			note: "jcx validates on every core"},
		{name: what + ", per further doc (CPU)", jcx: seconds(jd), other: seconds(od) + " " + otherName, ratio: ratio(od, jd), goal: atLeast(1),
			note: fmt.Sprintf("start-up + one doc: jcx %s, %s %s (CPU)", seconds(j1.cpu), otherName, seconds(o1.cpu))},
	}
}

func compareXML(cfg config) []row {
	const what = "XML schema validation"
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		return []row{skipped(what, "xmllint not found (Debian: apt-get install libxml2-utils)")}
	}
	files, one, err := corpus(cfg, ".xml")
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	schema := filepath.Join(cfg.root, "schemas", "xsd", "jcx.xsd")
	jcx := func(files []string) (sample, error) {
		return runTool(cfg.jcx, append([]string{"validate", "--schema-only"}, files...)...)
	}
	other := func(files []string) (sample, error) {
		return runTool(xmllint, append([]string{"--noout", "--schema", schema}, files...)...)
	}
	return compareSchema(cfg, what, "xmllint", files, one, jcx, other)
}

func compareJSON(cfg config) []row {
	const what = "JSON schema validation"
	ajv := cfg.ajv
	if ajv == "" {
		var err error
		if ajv, err = installAJV(cfg); err != nil {
			return []row{skipped(what, err.Error())}
		}
	}
	files, one, err := corpus(cfg, ".json")
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	schema := filepath.Join(cfg.root, "schemas", "json", "jcx.schema.json")
	jcx := func(files []string) (sample, error) {
		return runTool(cfg.jcx, append([]string{"validate", "--schema-only"}, files...)...)
	}
	other := func(files []string) (sample, error) {
		// One -d per file, so that both tools get the same list; ajv-cli needs the
		// draft named and ajv-formats for "date-time" and the other formats.
		args := []string{"validate", "--spec=draft2020", "-c", "ajv-formats", "-s", schema}
		for _, f := range files {
			args = append(args, "-d", f)
		}
		return runTool(ajv, args...)
	}
	return compareSchema(cfg, what, "ajv-cli", files, one, jcx, other)
}

// installAJV installs ajv-cli 5 and ajv-formats 3 into the temporary folder with npm.
// Nothing is installed into the repository.
func installAJV(cfg config) (string, error) {
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("npm not found: install Node.js or pass -ajv PATH")
	}
	dir := filepath.Join(cfg.tmp, "ajv")
	if _, err := runTool(npm, "install", "--prefix", dir, "--no-audit", "--no-fund", "--silent", "ajv-cli@5", "ajv-formats@3"); err != nil {
		return "", fmt.Errorf("npm install ajv-cli@5 ajv-formats@3 failed (offline?): %v", err)
	}
	return filepath.Join(dir, "node_modules", ".bin", "ajv"), nil
}
