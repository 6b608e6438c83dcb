package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/jcx-dev/jcx/internal/testtool"
)

// TestSignLegacyCharsets signs and verifies a message in ISO-8859-1 and UTF-16, which jcx
// validate accepts (docs/format.md §7), as it does UTF-8: jcx signs it and verifies its
// own signature and xmlsec1's, xmlsec1 verifies jcx's, and a change of one character is
// refused with 8002.
func TestSignLegacyCharsets(t *testing.T) {
	xmlsec := testtool.Need(t, "xmlsec1", "xmlsec1")
	clock := fixtureClock(t)
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	// RSA, because xmlsec1 signs ECDSA with a high S half of the time, which jcx refuses.
	jcx(t, "", "keygen", "--country", "FR", "--authority", "tj-paris.parquet", "--alg", "rsa-3072",
		"--key-out", p("fr.key"), "--cert-out", p("fr.pem")).check(t, 0, "", "", "")
	text := string(mustRead(t, filepath.Join(validDir, "eio-fr-de-hearing-request.xml")))
	text = strings.Replace(text, "Paris and Berlin", "Paris, Besançon and Köln", 1)
	for _, tc := range []struct {
		name, label string
		bom         []byte
		enc         encoding.Encoding
	}{
		{"iso-8859-1", "ISO-8859-1", nil, charmap.ISO8859_1},
		{"utf-16le", "UTF-16", []byte{0xFF, 0xFE}, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
		{"utf-16be", "UTF-16", []byte{0xFE, 0xFF}, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			enc := func(s string) []byte {
				b, err := tc.enc.NewEncoder().Bytes([]byte(s))
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			doc := append(bytes.Clone(tc.bom), enc(strings.Replace(text, `encoding="UTF-8"`, `encoding="`+tc.label+`"`, 1))...)
			plain, signed := p(tc.name+".xml"), p(tc.name+".signed.xml")
			if err := os.WriteFile(plain, doc, 0o644); err != nil {
				t.Fatal(err)
			}
			jcx(t, "", "validate", "--now", clock, plain).check(t, 0, "ok ", "", "")
			jcx(t, "", "sign", "--key", p("fr.key"), "--cert", p("fr.pem"), "--out", signed, plain).check(t, 0, "", "", "")
			got := mustRead(t, signed)
			if end := enc("</Message>\n"); !bytes.HasPrefix(got, doc[:len(doc)-len(end)]) || !bytes.HasSuffix(got, end) {
				t.Errorf("the message's own bytes are not kept around the signature")
			}
			jcx(t, "", "verify", "--trust", p("fr.pem"), signed).check(t, 0, "FR:tj-paris.parquet", "", "")
			if b, err := exec.Command(xmlsec, "--verify", "--trusted-pem", p("fr.pem"), signed).CombinedOutput(); err != nil {
				t.Errorf("xmlsec1 refused the signature of jcx sign: %v\n%s", err, b)
			}
			tampered := p(tc.name + ".tampered.xml")
			if err := os.WriteFile(tampered, bytes.Replace(got, enc("Köln"), enc("Koln"), 1), 0o644); err != nil {
				t.Fatal(err)
			}
			jcx(t, "", "verify", "--trust", p("fr.pem"), tampered).check(t, 1, "8002", "", "")

			// xmlsec1 signs the message in its charset; jcx verifies it.
			tmpl := strings.Replace(text, `encoding="UTF-8"`, `encoding="`+tc.label+`"`, 1)
			tmpl = strings.Replace(tmpl, "</Message>", xmlsecTemplate+"</Message>", 1)
			in, theirs := p(tc.name+".tmpl.xml"), p(tc.name+".xmlsec.xml")
			if err := os.WriteFile(in, append(bytes.Clone(tc.bom), enc(tmpl)...), 0o644); err != nil {
				t.Fatal(err)
			}
			if b, err := exec.Command(xmlsec, "--sign", "--privkey-pem", p("fr.key")+","+p("fr.pem"), "--output", theirs, in).CombinedOutput(); err != nil {
				t.Fatalf("xmlsec1 --sign: %v\n%s", err, b)
			}
			if !bytes.Contains(mustRead(t, theirs), enc("Köln")) {
				t.Fatalf("xmlsec1 did not write %s", tc.name)
			}
			jcx(t, "", "verify", "--trust", p("fr.pem"), theirs).check(t, 0, "FR:tj-paris.parquet", "", "")
		})
	}
}

// xmlsecTemplate is the signature jcx makes, as a template for xmlsec1 --sign.
const xmlsecTemplate = `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>` +
	`<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>` +
	`<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
	`<Reference URI=""><Transforms>` +
	`<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>` +
	`<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms>` +
	`<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference>` +
	`</SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>`
