package xmldsig

import (
	"bytes"
	"crypto/x509"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestNormalizeAttributes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<a b="x y"/>`, `<a b="x y"/>`},
		{"<a b=\"x\ty\nz\r\nw\rv\"/>", `<a b="x y z w v"/>`},
		{"<a b='x\ny' c=\"1\t2\"/>", `<a b='x y' c="1 2"/>`},
		{"<a b=\"&#10;\">\n\t</a>", "<a b=\"&#10;\">\n\t</a>"}, // references and text kept
		{"<a><!-- b=\"\n\" --><![CDATA[ c=\"\n\" ]]><?p d=\"\n\"?></a>", "<a><!-- b=\"\n\" --><![CDATA[ c=\"\n\" ]]><?p d=\"\n\"?></a>"},
		{"<a b=\"it's\n\">'\n'</a>", "<a b=\"it's \">'\n'</a>"}, // other quote inside a value
		{"<a\n  b=\"1\"\n/>", "<a\n  b=\"1\"\n/>"},              // whitespace between attributes kept
		{"<a b=\"\n", "<a b=\" "}, // unterminated: left to the parser
	} {
		if got := normalizeAttributes([]byte(tc.in)); string(got) != tc.want {
			t.Errorf("normalizeAttributes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	in := []byte(`<a b="c"/>`)
	if got := normalizeAttributes(in); &got[0] != &in[0] {
		t.Error("copied a document that needed no change")
	}
}

// TestTrickyDocumentInterop signs and verifies, with both implementations,
// a document with CR LF line ends, line breaks and tabs inside attribute
// values, character references, a default-namespace undeclaration, xml:lang
// and namespaced attributes: the places where parsers and canonicalizers
// tend to disagree.
func TestTrickyDocumentInterop(t *testing.T) {
	xmlsec := needTool(t, "xmlsec1")
	xmllint := needTool(t, "xmllint")
	tricky := filepath.Join("testdata", "tricky.xml")
	doc := readFile(t, tricky)
	want, err := exec.Command(xmllint, "--exc-c14n", tricky).Output()
	if err != nil {
		t.Fatal(err)
	}
	key, cert := testKey(t, "ecdsa")
	signed, err := Sign(doc, key, []*x509.Certificate{cert, testCert(t, "ca")})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Verify(signed, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Content, want) {
		t.Errorf("Content:\n%q\nxmllint --exc-c14n:\n%q", res.Content, want)
	}
	if ok, out := xmlsecVerify(t, xmlsec, signed); !ok {
		t.Errorf("xmlsec1 refused our signature of tricky.xml:\n%s", out)
	}
	for _, m := range []struct{ key, method string }{{"ecdsa", AlgECDSA256}, {"rsa", AlgRSASHA256}} {
		theirs := xmlsecSign(t, xmlsec, doc, m.key, m.method)
		res, err := Verify(theirs, VerifyOptions{})
		if err != nil {
			t.Fatalf("Verify refused xmlsec1's %s signature of tricky.xml: %v", m.key, err)
		}
		if !bytes.Equal(res.Content, want) {
			t.Errorf("Content of xmlsec1's signature:\n%q\nwant:\n%q", res.Content, want)
		}
	}
}
