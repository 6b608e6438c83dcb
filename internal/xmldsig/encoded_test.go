package xmldsig

import (
	"bytes"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// encodedCases are the same document in charsets other than UTF-8: the signature over
// each is the signature over its UTF-8 form, since the canonical form is UTF-8.
var encodedCases = []struct {
	name, label string
	bom         []byte
	enc         encoding.Encoding
}{
	{"iso-8859-1", "ISO-8859-1", nil, charmap.ISO8859_1},
	{"windows-1252", "windows-1252", nil, charmap.Windows1252},
	{"utf-16le", "UTF-16", []byte{0xFF, 0xFE}, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
	{"utf-16be", "UTF-16", []byte{0xFE, 0xFF}, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
}

// encodedBody is the document after its declaration: non-ASCII text in both attribute
// and content, and a self-closing element.
const encodedBody = "\n<r xmlns=\"urn:example\" a=\"März\">\n  <who>prosecutor-1</who>\n  <t>Größe: café, naïve, ÿ</t>\n  <e/>\n</r>\n"

// encodeDoc returns encodedBody with a declaration naming label, in enc, after bom.
func encodeDoc(t *testing.T, label string, bom []byte, enc encoding.Encoding, text string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(`<?xml version="1.0" encoding="` + label + `"?>` + text))
	if err != nil {
		t.Fatal(err)
	}
	return append(bytes.Clone(bom), b...)
}

// utf8Content is the reference: the content of the UTF-8 document, signed and verified.
func utf8Content(t *testing.T) []byte {
	t.Helper()
	key, cert := testKey(t, "ecdsa")
	signed, err := Sign([]byte(`<?xml version="1.0" encoding="UTF-8"?>`+encodedBody), key, []*x509.Certificate{cert})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Verify(signed, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Content
}

func TestSignEncoded(t *testing.T) {
	want := utf8Content(t)
	for _, tc := range encodedCases {
		for _, key := range []string{"ecdsa", "rsa"} {
			t.Run(tc.name+"/"+key, func(t *testing.T) {
				doc := encodeDoc(t, tc.label, tc.bom, tc.enc, encodedBody)
				k, cert := testKey(t, key)
				signed, err := Sign(doc, k, []*x509.Certificate{cert})
				if err != nil {
					t.Fatalf("Sign: %v", err)
				}
				// The original bytes are kept up to the root end tag, and the end follows
				// the signature in the same encoding.
				end := encodeTail(t, tc.enc, "</r>\n")
				if !bytes.HasPrefix(signed, doc[:len(doc)-len(end)]) || !bytes.HasSuffix(signed, end) {
					t.Errorf("the document's own bytes are not kept around the signature:\n%q", signed)
				}
				res, err := Verify(signed, VerifyOptions{})
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if !bytes.Equal(res.Content, want) {
					t.Errorf("Content:\n%s\nwant the UTF-8 document's:\n%s", res.Content, want)
				}
				tampered := bytes.Replace(signed, encodeTail(t, tc.enc, "prosecutor-1"), encodeTail(t, tc.enc, "prosecutor-2"), 1)
				if bytes.Equal(tampered, signed) {
					t.Fatal("the tampering did not apply")
				}
				if _, err := Verify(tampered, VerifyOptions{}); err == nil {
					t.Error("Verify accepted a tampered document")
				}
			})
		}
	}
}

// TestSignEncodedSelfClosing signs a document whose root is one empty element: the
// root's end tag is written in the document's encoding.
func TestSignEncodedSelfClosing(t *testing.T) {
	for _, tc := range encodedCases {
		t.Run(tc.name, func(t *testing.T) {
			doc := encodeDoc(t, tc.label, tc.bom, tc.enc, "\n<é a=\"ü\"/>\n")
			key, cert := testKey(t, "ecdsa")
			signed, err := Sign(doc, key, []*x509.Certificate{cert})
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			if !bytes.HasSuffix(signed, encodeTail(t, tc.enc, "</ds:Signature></é>\n")) {
				t.Errorf("signed document ends %q", signed[max(0, len(signed)-80):])
			}
			if _, err := Verify(signed, VerifyOptions{}); err != nil {
				t.Fatalf("Verify: %v", err)
			}
		})
	}
}

func encodeTail(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestXmlsecEncoded holds legacy-charset signatures to xmlsec1 both ways: xmlsec1
// verifies what Sign writes in each charset, and Verify accepts what xmlsec1 signs, with
// the content of the UTF-8 document.
func TestXmlsecEncoded(t *testing.T) {
	xmlsec := needTool(t, "xmlsec1")
	want := utf8Content(t)
	for _, tc := range encodedCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			key, cert := testKey(t, "rsa")
			signed, err := Sign(encodeDoc(t, tc.label, tc.bom, tc.enc, encodedBody), key, []*x509.Certificate{cert, testCert(t, "ca")})
			if err != nil {
				t.Fatal(err)
			}
			if ok, out := xmlsecVerify(t, xmlsec, signed); !ok {
				t.Fatalf("xmlsec1 refused our %s signature:\n%s", tc.name, out)
			}
			tampered := bytes.Replace(signed, encodeTail(t, tc.enc, "prosecutor-1"), encodeTail(t, tc.enc, "prosecutor-2"), 1)
			if ok, _ := xmlsecVerify(t, xmlsec, tampered); ok {
				t.Fatal("xmlsec1 accepted a tampered document; the oracle is not checking")
			}

			// The other way: xmlsec1 signs a template in the charset.
			body := strings.Replace(encodedBody, "</r>", strings.Replace(xmlsecTemplate, "METHOD", AlgRSASHA256, 1)+"</r>", 1)
			tmpl := encodeDoc(t, tc.label, tc.bom, tc.enc, body)
			dir := t.TempDir()
			in, out := filepath.Join(dir, "tmpl.xml"), filepath.Join(dir, "signed.xml")
			if err := os.WriteFile(in, tmpl, 0o600); err != nil {
				t.Fatal(err)
			}
			pki := filepath.Join("testdata", "pki", "rsa")
			if b, err := exec.Command(xmlsec, "--sign", "--privkey-pem", pki+".key,"+pki+".pem", "--output", out, in).CombinedOutput(); err != nil {
				t.Fatalf("xmlsec1 --sign: %v\n%s", err, b)
			}
			theirs := readFile(t, out)
			if encodingOf(theirs) == nil {
				t.Fatalf("xmlsec1 wrote UTF-8, not %s: the test would not check the charset", tc.name)
			}
			res, err := Verify(theirs, VerifyOptions{})
			if err != nil {
				t.Fatalf("Verify refused xmlsec1's %s signature: %v", tc.name, err)
			}
			if !bytes.Equal(res.Content, want) {
				t.Errorf("Content:\n%s\nwant:\n%s", res.Content, want)
			}
			tampered = bytes.Replace(theirs, encodeTail(t, tc.enc, "prosecutor-1"), encodeTail(t, tc.enc, "prosecutor-2"), 1)
			if _, err := Verify(tampered, VerifyOptions{}); err == nil {
				t.Fatal("Verify accepted a tampered xmlsec1 document")
			}
		})
	}
}
