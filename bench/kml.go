package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// kmlEntries are the documents of the OGC KML 2.2 schema set (with Google's extension)
// that KML files use; both tools get them as entries, as for the ETSI set.
var kmlEntries = []schemaEntry{
	{"http://www.opengis.net/kml/2.2", "ogckml22.xsd"},
	{"http://www.google.com/kml/ext/2.2", "kml22gx.xsd"},
}

// compareKML validates the KML files of the external test input, cfg.copies times each,
// against the KML 2.2 schema set (the largest real set there: 160 KB over four
// documents) with jcx validate --xsd and with xmllint.
func compareKML(cfg config) []row {
	const what = "KML 2.2 validation, OGC set"
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		return []row{skipped(what, "xmllint not found (Debian: apt-get install libxml2-utils)")}
	}
	dir := filepath.Join(filepath.Dir(cfg.root), "shared", "vectors", "xsd-real", "kml22")
	found, _ := filepath.Glob(filepath.Join(dir, "instances", "*"))
	jcxArgs, schema, err := writeEntry(cfg, "kml-entry.xsd", filepath.Join(dir, "schemas"), kmlEntries)
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	// The corpus is the files both tools can judge: well-formed, without a DOCTYPE
	// (which jcx refuses in instances by design).
	var examples []string
	for _, f := range found {
		err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, f).Run()
		var ee *exec.ExitError
		data, _ := os.ReadFile(f)
		if (err == nil || errors.As(err, &ee) && ee.ExitCode() == 3) && !strings.Contains(string(data), "<!DOCTYPE") {
			examples = append(examples, f)
		}
	}
	if len(examples) == 0 {
		return []row{skipped(what, "no KML files in "+dir)}
	}
	files, one, err := copies(cfg, "corpus-kml", examples)
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	jcx := func(files []string) (sample, error) {
		return runToolStatus("", 1, cfg.jcx, append(append([]string{"validate"}, jcxArgs...), files...)...)
	}
	other := func(files []string) (sample, error) {
		return runToolStatus("", 3, xmllint, append([]string{"--noout", "--nonet", "--schema", schema}, files...)...)
	}
	rows := compareSchema(cfg, what, "xmllint", files, one, jcx, other)
	return append(rows, compareSDK(cfg, what, filepath.Join(dir, "schemas"), kmlEntries, files, one, other)...)
}
