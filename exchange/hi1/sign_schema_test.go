package hi1

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/testtool"
)

// TestSignatureAndTheCoreSchema records what xmllint says about the signature element
// against the V1.12.1 schema set, the reason for the profile's choice (docs/hi1.md,
// Signatures): V1.12.1 declares HI1Message's last child as Signature in the Core
// namespace (type anyType), so a message carrying ds:Signature, as ETSI's signed example
// and every XML-DSig tool write it, is not schema-valid, while what Verify returns —
// the message without its signature — is.
func TestSignatureAndTheCoreSchema(t *testing.T) {
	xmllint := testtool.Need(t, "xmllint", "libxml2-utils")
	vectors := testtool.Vectors(t, "etsi-ts103120-v1.12.1")
	dir := t.TempDir()
	var entry strings.Builder
	entry.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:jcx:test:entry">`)
	for ns, file := range map[string]string{
		NSCore: "ts_103120_Core.xsd",
		"http://uri.etsi.org/03120/common/2020/09/Task":          "ts_103120_Task.xsd",
		"http://uri.etsi.org/03120/common/2020/09/Authorisation": "ts_103120_Authorisation.xsd",
		"http://uri.etsi.org/03120/common/2016/02/Notification":  "ts_103120_Notification.xsd",
	} {
		fmt.Fprintf(&entry, `<xs:import namespace="%s" schemaLocation="%s"/>`, ns, filepath.Join(vectors, "schema", file))
	}
	entry.WriteString(`</xs:schema>`)
	xsd := filepath.Join(dir, "entry.xsd")
	if err := os.WriteFile(xsd, []byte(entry.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	validate := func(name string, doc []byte) (bool, string) {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, doc, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, f).CombinedOutput()
		return err == nil, string(out)
	}

	msg := readTestFile(t, filepath.Join(vectors, "examples", "request6.xml"))
	if ok, out := validate("unsigned.xml", msg); !ok {
		t.Fatalf("the unsigned example is not valid:\n%s", out)
	}
	p := testPKI(t)
	for _, c := range []Canonicalization{C14N11, ExclusiveC14N} {
		signed, err := Sign(msg, p.ecdsa, SignOptions{Canonicalization: c})
		if err != nil {
			t.Fatal(err)
		}
		ok, out := validate("signed.xml", signed)
		const want = "Element '{http://www.w3.org/2000/09/xmldsig#}Signature': This element is not expected. " +
			"Expected is ( {http://uri.etsi.org/03120/common/2019/10/Core}Signature )."
		if ok || !strings.Contains(out, want) {
			t.Errorf("%v: xmllint on the signed message: valid %v\n%s", c, ok, out)
		}
		v, err := Verify(signed, exchange.VerifyOptions{Trust: p.bundle})
		if err != nil {
			t.Fatal(err)
		}
		if ok, out := validate("content.xml", v.Content); !ok || bytes.Contains(v.Content, []byte("Signature")) {
			t.Errorf("%v: the signed content is not valid:\n%s", c, out)
		}
	}
}
