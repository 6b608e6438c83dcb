package schemas

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/schemagen/translate"

	"github.com/jcx-dev/jcx/internal/schemajson"
)

// TestJSONSchemaIsGenerated fails when the committed JSON Schema is not what the XSD
// generates, i.e. when one was edited without the other: run go generate ./schemas.
func TestJSONSchemaIsGenerated(t *testing.T) {
	s, err := translate.Parse(os.DirFS("xsd"), "jcx.xsd")
	if err != nil {
		t.Fatal(err)
	}
	if s.TargetNamespace != Namespace {
		t.Errorf("XSD target namespace %q, package says %q", s.TargetNamespace, Namespace)
	}
	got, err := s.JSONSchema(translate.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(JSONEntry)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, onDisk) {
		t.Errorf("%s differs from the schema generated from %s (%s); run go generate ./schemas", JSONEntry, XSDEntry, firstDiff(got, onDisk))
	}
	if !bytes.Equal(JSON(), onDisk) {
		t.Errorf("embedded %s differs from the file; rebuild", JSONEntry)
	}
	if !bytes.Contains(got, []byte(`"$id": "`+JSONID+`"`)) {
		t.Errorf("generated schema does not carry $id %s", JSONID)
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: generated %q, file %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("generated %d lines, file %d", len(al), len(bl))
}

func TestCompileJSON(t *testing.T) {
	a, err := schemajson.Compile(JSON(), JSONID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.DraftVersion != 2020 {
		t.Errorf("draft %d, want 2020", a.DraftVersion)
	}
}

func TestXSDFS(t *testing.T) {
	for _, name := range []string{"jcx.xsd", "types.xsd", "objects.xsd"} {
		data, err := fs.ReadFile(XSD(), name)
		if err != nil {
			t.Fatal(err)
		}
		onDisk, err := os.ReadFile("xsd/" + name)
		if err != nil || !bytes.Equal(data, onDisk) {
			t.Errorf("XSD()/%s differs from xsd/%s (%v)", name, name, err)
		}
	}
	if _, err := translate.Parse(XSD(), "jcx.xsd"); err != nil {
		t.Errorf("embedded XSD: %v", err)
	}
}
