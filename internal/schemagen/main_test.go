package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestRunWritesTheCommittedSchema(t *testing.T) {
	out := filepath.Join(t.TempDir(), "jcx.schema.json")
	if err := run("../../schemas/xsd/jcx.xsd", out, ""); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../schemas/json/jcx.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("schemagen output differs from schemas/json/jcx.schema.json; run go generate ./schemas")
	}
}

func TestRunFails(t *testing.T) {
	dir := t.TempDir()
	if err := run(filepath.Join(dir, "missing.xsd"), filepath.Join(dir, "out.json"), ""); err == nil {
		t.Error("missing input accepted")
	}
	if _, err := os.Stat(filepath.Join(dir, "out.json")); err == nil {
		t.Error("output written despite the error")
	}
}
