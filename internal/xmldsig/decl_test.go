package xmldsig

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/safexml"
)

// declMutants are the classes of malformed XML declarations that once passed Verify
// while the XML front door (and so jcx validate), xmllint and xmlsec1 refused them: the
// declaration lies outside the canonical form, so the signed content is unchanged.
var declMutants = []struct{ name, decl string }{
	{"NUL inside", "<?xml version=\"1.0\"\x00 encoding=\"UTF-8\"?>"},
	{"NUL in the value", "<?xml version=\"1.0\" encoding=\"UTF-8\x00\"?>"},
	{"control character", "<?xml version=\"1.0\"\x01encoding=\"UTF-8\"?>"},
	{"unknown pseudo-attribute", `<?xml version="1.0" encodinG="UTF-8"?>`},
	{"unknown pseudo-attribute after", `<?xml version="1.0" encoding="UTF-8" x="y"?>`},
	{"misspelt version", `<?xml versiOn="1.0" encoding="UTF-8"?>`},
	{"encoding first", `<?xml encoding="UTF-8" version="1.0"?>`},
	{"version twice", `<?xml version="1.0" version="1.0"?>`},
	{"version 1.1", `<?xml version="1.1" encoding="UTF-8"?>`},
	{"no space between", `<?xml version="1.0"encoding="UTF-8"?>`},
	{"standalone maybe", `<?xml version="1.0" encoding="UTF-8" standalone="maybe"?>`},
	{"bad encoding name", `<?xml version="1.0" encoding="UTF 8"?>`},
	{"unquoted value", `<?xml version=1.0 encoding="UTF-8"?>`},
	{"mismatched quotes", `<?xml version="1.0' encoding="UTF-8"?>`},
	{"non-ASCII", `<?xml version="1.0" encoding="UTF-8"é?>`},
	{"no version", `<?xml encoding="UTF-8"?>`},
}

// TestVerifyRefusesMalformedDeclaration signs a document, replaces only its XML
// declaration with each mutant and checks that Verify refuses it (8002) exactly when the
// XML front door does; the untouched document and well-formed variants still verify.
func TestVerifyRefusesMalformedDeclaration(t *testing.T) {
	signed := string(signTestDoc(t, "ecdsa", SignOptions{}))
	decl := reXMLDecl.FindString(signed)
	if decl == "" {
		t.Fatal("the signed test document has no XML declaration")
	}
	rest := signed[len(decl):]
	type row struct {
		name, decl string
		ok         bool
	}
	rows := []row{
		{"as signed", decl, true},
		{"no declaration", "", true},
		{"single quotes", `<?xml version='1.0' encoding='utf-8'?>`, true},
		{"standalone", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, true},
		{"spaces", "<?xml \t version = \"1.0\"\n encoding=\"UTF-8\"  ?>", true},
	}
	for _, m := range declMutants {
		rows = append(rows, row{m.name, m.decl, false})
	}
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			doc := []byte(tc.decl + rest)
			frontDoor := safexml.CheckStart(doc)
			if (frontDoor == nil) != tc.ok {
				t.Fatalf("the front door says %v; the row expects ok=%v", frontDoor, tc.ok)
			}
			_, err := Verify(doc, VerifyOptions{})
			if tc.ok {
				if err != nil {
					t.Fatalf("refused a well-formed declaration: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid (8002)", err)
			}
			if !strings.Contains(err.Error(), frontDoor.Error()) {
				t.Errorf("error %q does not carry the front door's %q", err, frontDoor)
			}
		})
	}
}

// TestMalformedDeclarationsXmllint holds the mutant table to xmllint: each mutant is
// not well-formed there either, and the untouched document is.
func TestMalformedDeclarationsXmllint(t *testing.T) {
	xmllint := needTool(t, "xmllint")
	signed := string(signTestDoc(t, "ecdsa", SignOptions{}))
	rest := signed[len(reXMLDecl.FindString(signed)):]
	dir := t.TempDir()
	for i, m := range append([]struct{ name, decl string }{{"as signed", reXMLDecl.FindString(signed)}}, declMutants...) {
		p := filepath.Join(dir, "m.xml")
		if err := os.WriteFile(p, []byte(m.decl+rest), 0o644); err != nil {
			t.Fatal(err)
		}
		err := exec.Command(xmllint, "--noout", "--nonet", p).Run()
		if m.name == "version 1.1" {
			// libxml2 reads an XML 1.1 declaration as 1.0 with a warning; jcx refuses
			// it everywhere, the front door included, rather than guess.
			continue
		}
		if (err == nil) != (i == 0) {
			t.Errorf("%s: xmllint says %v", m.name, err)
		}
	}
}
