package schemajson

import (
	"errors"
	"strings"
	"testing"
)

// TestNoLoad: a schema that refers to another document does not compile, whatever the
// reference, so validation never reaches the network or the file system. The library
// quotes the loader's error without wrapping it, hence the text comparison.
func TestNoLoad(t *testing.T) {
	for _, ref := range []string{"https://example.com/other.json", "file:///etc/passwd"} {
		doc := []byte(`{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"` + ref + `"}`)
		if _, err := Compile(doc, "urn:jcx:test", nil); err == nil || !strings.Contains(err.Error(), ErrNoLoad.Error()) {
			t.Errorf("$ref %s: err = %v, want ErrNoLoad", ref, err)
		}
	}
	if _, err := (noLoader{}).Load("https://example.com/other.json"); !errors.Is(err, ErrNoLoad) {
		t.Errorf("Load = %v, want ErrNoLoad", err)
	}
	if _, err := Compile([]byte(`{"type":"string"}`), "urn:jcx:test", nil); err != nil {
		t.Errorf("a self-contained schema: %v", err)
	}
}
