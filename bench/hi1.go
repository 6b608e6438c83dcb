package main

import (
	"os/exec"
	"path/filepath"
)

// etsiEntries are the documents of the ETSI TS 103 120 V1.12.1 schema set that declare
// the namespaces of HI-1 messages; no document of the set imports them all, so both tools
// get an entry that brings them together: jcx one --xsd each, xmllint one entry document
// importing each, which is the document jcx builds.
var etsiEntries = []schemaEntry{
	{"http://uri.etsi.org/03120/common/2019/10/Core", "ts_103120_Core.xsd"},
	{"http://uri.etsi.org/03120/common/2020/09/Task", "ts_103120_Task.xsd"},
	{"http://uri.etsi.org/03120/common/2020/09/Authorisation", "ts_103120_Authorisation.xsd"},
	{"http://uri.etsi.org/03120/common/2020/09/Document", "ts_103120_Document.xsd"},
	{"http://uri.etsi.org/03120/common/2016/02/Notification", "ts_103120_Notification.xsd"},
	{"http://uri.etsi.org/03120/common/2019/10/Delivery", "ts_103120_Delivery.xsd"},
	{"http://uri.etsi.org/03120/common/2022/07/TrafficPolicy", "ts_103120_TrafficPolicy.xsd"},
}

// etsiDir is the folder of ETSI's V1.12.1 schema set (schema/) and examples (examples/):
// -etsi, or else the external test input beside the checkout, where the tests read it.
func etsiDir(cfg config) string {
	if cfg.etsi != "" {
		return cfg.etsi
	}
	return filepath.Join(filepath.Dir(cfg.root), "shared", "vectors", "etsi-ts103120-v1.12.1")
}

// compareHI1 validates ETSI's HI-1 example messages, cfg.copies times each, against
// ETSI's schema set with jcx validate --xsd and with xmllint.
func compareHI1(cfg config) []row {
	const what = "HI-1 validation, ETSI set"
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		return []row{skipped(what, "xmllint not found (Debian: apt-get install libxml2-utils)")}
	}
	dir := etsiDir(cfg)
	examples, err := filepath.Glob(filepath.Join(dir, "examples", "*.xml"))
	if err != nil || len(examples) == 0 {
		return []row{skipped(what, "no ETSI TS 103 120 V1.12.1 examples in "+dir+" (-etsi DIR)")}
	}
	files, one, err := copies(cfg, "corpus-hi1", examples)
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	jcxArgs, schema, err := writeEntry(cfg, "hi1-entry.xsd", filepath.Join(dir, "schema"), etsiEntries)
	if err != nil {
		return []row{skipped(what, err.Error())}
	}
	jcx := func(files []string) (sample, error) {
		// Two of ETSI's examples are invalid against the set (for both tools): jcx
		// exits 1 and xmllint 3 for them.
		return runToolStatus("", 1, cfg.jcx, append(append([]string{"validate"}, jcxArgs...), files...)...)
	}
	other := func(files []string) (sample, error) {
		return runToolStatus("", 3, xmllint, append([]string{"--noout", "--nonet", "--schema", schema}, files...)...)
	}
	rows := compareSchema(cfg, what, "xmllint", files, one, jcx, other)
	return append(rows, compareSDK(cfg, what, filepath.Join(dir, "schema"), etsiEntries, files, one, other)...)
}
