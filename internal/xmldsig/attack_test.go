package xmldsig

import (
	"bytes"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"math/big"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/internal/ecdsasig"
)

// Pieces of a document signed by Sign, located by pattern so that mutations
// can move them around.
var (
	reSignature = regexp.MustCompile(`(?s)<ds:Signature .*</ds:Signature>`)
	reSigValue  = regexp.MustCompile(`<ds:SignatureValue>([^<]*)</ds:SignatureValue>`)
	reDigest    = regexp.MustCompile(`<ds:DigestValue>([^<]*)</ds:DigestValue>`)
	reFirstCert = regexp.MustCompile(`<ds:X509Certificate>([^<]*)</ds:X509Certificate>`)
	reXMLDecl   = regexp.MustCompile(`^<\?xml[^>]*\?>`)
	reRootOpen  = regexp.MustCompile(`<Message [^>]*>`)
	reReference = regexp.MustCompile(`(?s)<ds:Reference .*</ds:Reference>`)
)

type doc string

func (d doc) replace(old, new string) doc { return doc(strings.Replace(string(d), old, new, 1)) }
func (d doc) sig() string                 { return reSignature.FindString(string(d)) }
func (d doc) withoutSig() doc             { return doc(reSignature.ReplaceAllString(string(d), "")) }
func (d doc) body() string {
	// The root element's content without the signature.
	s := string(d.withoutSig())
	open := reRootOpen.FindStringIndex(s)
	return s[open[1]:strings.LastIndex(s, "</Message>")]
}
func (d doc) rootOpen() string { return reRootOpen.FindString(string(d)) }

// flip changes one base64 character of the first match of re's group.
func (d doc) flip(re *regexp.Regexp) doc {
	m := re.FindStringSubmatchIndex(string(d))
	i := m[2] + (m[3]-m[2])/2
	c := byte('A')
	if d[i] == 'A' {
		c = 'B'
	}
	return d[:i] + doc(c) + d[i+1:]
}

func TestVerifyRefuses(t *testing.T) {
	signed := doc(signTestDoc(t, "ecdsa", SignOptions{}))
	evil := `<Header><Sender><CountryCode>ZZ</CountryCode><UniqueIdentifier>attacker</UniqueIdentifier></Sender></Header>`
	derValue := func(d doc) doc {
		m := reSigValue.FindStringSubmatch(string(d))
		raw, _ := base64.StdEncoding.DecodeString(m[1])
		der, _ := asn1.Marshal(struct{ R, S *big.Int }{new(big.Int).SetBytes(raw[:32]), new(big.Int).SetBytes(raw[32:])})
		return d.replace(m[1], base64.StdEncoding.EncodeToString(der))
	}
	caCert := base64.StdEncoding.EncodeToString(testCert(t, "ca").Raw)
	twinValue := func(d doc) doc {
		m := reSigValue.FindStringSubmatch(string(d))
		raw, _ := base64.StdEncoding.DecodeString(m[1])
		return d.replace(m[1], base64.StdEncoding.EncodeToString(ecdsasig.Twin(elliptic.P256(), raw)))
	}

	type row struct {
		name string
		doc  doc
		want error
		why  string // substring of the error message: the check that must fire
	}
	// The key confusion from every side (keyMismatches): the key decides, whatever the
	// method names.
	var mismatches []row
	for _, m := range keyMismatches(t) {
		mismatches = append(mismatches, row{name: m.name, doc: m.doc, want: ErrAlgorithm, why: m.why})
	}
	for _, tc := range append([]row{
		// --- signature wrapping ---
		{
			// XSW: the signed content moves into a ds:Object inside the
			// signature; the root carries new content.
			name: "signed content moved into Object",
			doc: signed.withoutSig().replace(signed.body(), evil+
				strings.Replace(signed.sig(), "</ds:Signature>", "<ds:Object>"+signed.rootOpen()+signed.body()+"</Message></ds:Object></ds:Signature>", 1)),
			want: ErrInvalid, why: "ds:Signature must contain exactly",
		},
		{
			// XSW: a new root wraps an evil message and the signed one.
			name: "new root wrapping evil and signed message",
			doc:  doc("<Wrapper><Message>" + evil + "</Message>" + string(reXMLDecl.ReplaceAllString(string(signed), "")) + "</Wrapper>"),
			want: ErrInvalid, why: "not a child of the root",
		},
		{
			// XSW: an evil Header is inserted before the signed one; a
			// reader taking the first Header would see the attacker.
			name: "duplicated root child",
			doc:  signed.replace("<Header>", evil+"<Header>"),
			want: ErrInvalid, why: "digest",
		},
		{
			// XSW: the whole signed message is nested in an evil one.
			name: "signed message nested in payload",
			doc: doc(`<Message xmlns="https://jcx.dev/ns/core/2026-11">` + evil + `<Payload>` +
				string(reXMLDecl.ReplaceAllString(string(signed), "")) + `</Payload></Message>`),
			want: ErrInvalid, why: "not a child of the root",
		},
		{
			// URI="" covers it in XML-DSig, but the content handed back
			// is the root element: it would be dropped unsigned.
			name: "processing instruction after the signed root",
			doc:  doc(string(signed) + "<?evil instructions?>"),
			want: ErrInvalid, why: "processing instruction outside the root element",
		},
		{
			name: "processing instruction before the signed root",
			doc:  doc(reXMLDecl.ReplaceAllString(string(signed), "<?evil x?>")),
			want: ErrInvalid, why: "processing instruction outside the root element",
		},
		{
			// An ID reference would let the signature cover some other
			// element than the whole document.
			name: "Reference by ID",
			doc:  signed.replace(`<Message `, `<Message ID="m" `).replace(`URI=""`, `URI="#m"`),
			want: ErrInvalid, why: `only URI=""`,
		},
		{
			name: "Reference URI absent",
			doc:  signed.replace(`<ds:Reference URI="">`, `<ds:Reference>`),
			want: ErrInvalid, why: "without URI",
		},
		{
			name: "external Reference",
			doc:  signed.replace(`URI=""`, `URI="http://evil.example/m.xml"`),
			want: ErrInvalid, why: `only URI=""`,
		},
		{
			name: "second Signature",
			doc:  signed.replace("</Message>", signed.sig()+"</Message>"),
			want: ErrInvalid, why: "more than one ds:Signature",
		},
		{
			name: "Signature first child of root",
			doc:  signed.withoutSig().replace(signed.rootOpen(), signed.rootOpen()+signed.sig()),
			want: ErrInvalid, why: "not the last child",
		},
		{
			// Content after the signature would be unsigned if comments
			// or elements were allowed there.
			name: "element after Signature",
			doc:  signed.replace("</ds:Signature>", "</ds:Signature>"+evil),
			want: ErrInvalid, why: "not the last child",
		},
		{
			name: "comment after Signature",
			doc:  signed.replace("</ds:Signature>", "</ds:Signature><!-- x -->"),
			want: ErrInvalid, why: "not the last child",
		},
		{
			name: "Signature in a child element",
			doc:  signed.withoutSig().replace("</Header>", signed.sig()+"</Header>"),
			want: ErrInvalid, why: "not a child of the root",
		},
		{
			name: "second Reference",
			doc:  signed.replace("</ds:Reference>", "</ds:Reference>"+reReference.FindString(string(signed))),
			want: ErrInvalid, why: "exactly one Reference",
		},
		{
			name: "signed message copied into KeyInfo",
			doc:  signed.replace("</ds:X509Data>", "</ds:X509Data>"+signed.rootOpen()+signed.body()+"</Message>"),
			want: ErrInvalid, why: "ds:KeyInfo must contain exactly",
		},

		// --- stripping and tampering ---
		{name: "signature stripped", doc: signed.withoutSig(), want: ErrMissing},
		{
			// Without the ds namespace it is just an element named Signature.
			name: "ds prefix rebound",
			doc:  signed.replace(`xmlns:ds="http://www.w3.org/2000/09/xmldsig#"`, `xmlns:ds="urn:evil"`),
			want: ErrMissing,
		},
		{name: "header text changed", doc: signed.replace("prosecutor-1", "prosecutor-2"), want: ErrInvalid, why: "digest"},
		{name: "attribute value changed", doc: signed.replace("bank statement", "bank statemenT"), want: ErrInvalid, why: "digest"},
		{name: "attribute added", doc: signed.replace("<Empty/>", `<Empty a="1"/>`), want: ErrInvalid, why: "digest"},
		{name: "element renamed", doc: signed.replace("<Empty/>", "<Emptx/>"), want: ErrInvalid, why: "digest"},
		{name: "CDATA changed", doc: signed.replace("<![CDATA[<raw>]]>", "<![CDATA[<rav>]]>"), want: ErrInvalid, why: "digest"},
		{name: "whitespace in content changed", doc: signed.replace("<Empty/>", " <Empty/>"), want: ErrInvalid, why: "digest"},
		{
			name: "namespace prefix rebound",
			doc:  signed.replace(`xmlns:ev="https://jcx.dev/ns/evidence/2026-11"`, `xmlns:ev="urn:evil"`),
			want: ErrInvalid, why: "digest",
		},
		{
			name: "default namespace rebound",
			doc:  signed.replace(`xmlns="https://jcx.dev/ns/core/2026-11"`, `xmlns="https://jcx.dev/ns/core/2099-01"`),
			want: ErrInvalid, why: "digest",
		},
		{
			name: "prefix renamed throughout",
			doc:  doc(strings.NewReplacer("xmlns:ev=", "xmlns:ex=", "ev:", "ex:").Replace(string(signed))),
			want: ErrInvalid, why: "digest",
		},
		{name: "SignedInfo whitespace changed", doc: signed.replace("<ds:SignedInfo>", "<ds:SignedInfo> "), want: ErrInvalid, why: "does not verify"},
		{name: "SignedInfo attribute added", doc: signed.replace("<ds:SignedInfo>", `<ds:SignedInfo Id="x">`), want: ErrInvalid, why: "does not verify"},
		{name: "DigestValue changed", doc: signed.flip(reDigest), want: ErrInvalid, why: "digest"},
		{name: "SignatureValue changed", doc: signed.flip(reSigValue), want: ErrInvalid, why: "does not verify"},
		{name: "SignatureValue truncated", doc: signed.replace("==</ds:SignatureValue>", "</ds:SignatureValue>"), want: ErrInvalid, why: "base64"},
		{name: "certificate corrupted", doc: signed.flip(reFirstCert), want: ErrInvalid},
		{
			// The CA has a P-256 key too: right type, wrong key.
			name: "certificate swapped",
			doc:  signed.replace(reFirstCert.FindStringSubmatch(string(signed))[1], caCert),
			want: ErrInvalid, why: "does not verify",
		},
		{name: "no certificate", doc: doc(reFirstCert.ReplaceAllString(string(signed), "")), want: ErrInvalid, why: "1 to 10 certificates"},
		{name: "ECDSA value in DER", doc: derValue(signed), want: ErrInvalid, why: "raw r||s"},
		// The twin (r, n−s) verifies on the curve: a second SignatureValue for
		// the same signature, made without the key.
		{name: "ECDSA twin with a high S", doc: twinValue(signed), want: ErrInvalid, why: "high S"},

		// --- algorithms ---
		{name: "SHA-1 digest", doc: signed.replace(AlgSHA256, "http://www.w3.org/2000/09/xmldsig#sha1"), want: ErrAlgorithm},
		{name: "MD5 digest", doc: signed.replace(AlgSHA256, "http://www.w3.org/2001/04/xmldsig-more#md5"), want: ErrAlgorithm},
		{name: "rsa-sha1 method", doc: signed.replace(AlgECDSA256, "http://www.w3.org/2000/09/xmldsig#rsa-sha1"), want: ErrAlgorithm},
		{name: "ecdsa-sha1 method", doc: signed.replace(AlgECDSA256, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1"), want: ErrAlgorithm},
		{name: "rsa-md5 method", doc: signed.replace(AlgECDSA256, "http://www.w3.org/2001/04/xmldsig-more#rsa-md5"), want: ErrAlgorithm},
		{name: "HMAC method", doc: signed.replace(AlgECDSA256, "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"), want: ErrAlgorithm},
		{
			// Method says RSA, key is ECDSA: key confusion.
			name: "method does not match key",
			doc:  signed.replace(AlgECDSA256, AlgRSASHA256),
			want: ErrAlgorithm, why: "does not match an ECDSA key",
		},
		{name: "unknown method", doc: signed.replace(AlgECDSA256, "urn:unknown"), want: ErrAlgorithm},
		{
			name: "XSLT transform",
			doc: signed.replace(`<ds:Transform Algorithm="`+AlgExcC14N+`"/>`,
				`<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"><xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"/></ds:Transform>`),
			want: ErrAlgorithm,
		},
		{
			name: "XPath transform added",
			doc: signed.replace(`</ds:Transforms>`,
				`<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath></ds:Transform></ds:Transforms>`),
			want: ErrAlgorithm,
		},
		{
			// The QName profile reads this as C14N 1.0 implied; the jcx
			// profile signs with exclusive C14N named, and nothing else.
			name: "enveloped-signature alone",
			doc:  signed.replace(`<ds:Transform Algorithm="`+AlgExcC14N+`"/>`, ""),
			want: ErrAlgorithm, why: "Transforms must be exactly",
		},
		{
			name: "C14N 1.0 in the jcx profile",
			doc:  signed.replace(`<ds:Transform Algorithm="`+AlgExcC14N+`"/>`, `<ds:Transform Algorithm="`+AlgC14N10+`"/>`),
			want: ErrAlgorithm,
		},
		{
			name: "XPath Filter 2.0 replaces enveloped",
			doc:  signed.replace(AlgEnveloped, "http://www.w3.org/2002/06/xmldsig-filter2"),
			want: ErrAlgorithm,
		},
		{name: "enveloped transform missing", doc: signed.replace(`<ds:Transform Algorithm="`+AlgEnveloped+`"/>`, ""), want: ErrAlgorithm},
		{
			name: "C14N with comments (method)",
			doc:  signed.replace(`<ds:CanonicalizationMethod Algorithm="`+AlgExcC14N, `<ds:CanonicalizationMethod Algorithm="`+AlgExcC14N+"WithComments"),
			want: ErrAlgorithm,
		},
		{
			name: "C14N with comments (transform)",
			doc:  signed.replace(`<ds:Transform Algorithm="`+AlgExcC14N, `<ds:Transform Algorithm="`+AlgExcC14N+"WithComments"),
			want: ErrAlgorithm,
		},
		{
			name: "inclusive C14N",
			doc:  signed.replace(`<ds:CanonicalizationMethod Algorithm="`+AlgExcC14N, `<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2006/12/xml-c14n11`),
			want: ErrAlgorithm,
		},
		{
			name: "InclusiveNamespaces parameter",
			doc: signed.replace(`<ds:Transform Algorithm="`+AlgExcC14N+`"/>`,
				`<ds:Transform Algorithm="`+AlgExcC14N+`"><ec:InclusiveNamespaces xmlns:ec="`+AlgExcC14N+`" PrefixList="ev"/></ds:Transform>`),
			want: ErrAlgorithm,
		},

		// --- parser hardening ---
		{name: "DOCTYPE", doc: doc(reXMLDecl.ReplaceAllString(string(signed), `$0<!DOCTYPE Message>`)), want: ErrInvalid, why: "DOCTYPE"},
		{
			name: "entity expansion",
			doc:  doc(`<!DOCTYPE Message [<!ENTITY e "prosecutor-1">]>` + string(reXMLDecl.ReplaceAllString(string(signed.replace("prosecutor-1", "&e;")), ""))),
			want: ErrInvalid, why: "DOCTYPE",
		},
		{name: "empty input", doc: "", want: ErrInvalid},
		{name: "truncated", doc: signed[:len(signed)-3], want: ErrInvalid, why: "well-formed"},
		{name: "trailing element", doc: signed + "<x/>", want: ErrInvalid, why: "more than one root"},
		{name: "trailing text", doc: signed + "x", want: ErrInvalid, why: "outside the root"},
	}, mismatches...) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := Verify([]byte(tc.doc), VerifyOptions{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v (result %v)", err, tc.want, res)
			}
			if !strings.Contains(err.Error(), tc.why) {
				t.Errorf("err = %v, want the check about %q", err, tc.why)
			}
			var coded interface{ Code() int }
			if !errors.As(err, &coded) || coded.Code() != tc.want.(*Error).Code() {
				t.Errorf("Code() = %v, want %d", coded, tc.want.(*Error).Code())
			}
		})
	}
}

// A keyMismatch is a document signed with one key type's method whose SignatureMethod
// then names a method of the other key type.
type keyMismatch struct {
	name     string
	key      string // testdata/pki key that signed
	pss      bool   // signed with RSA-PSS
	from, to string // SignatureMethod as signed, and as sent
	why      string
	doc      doc
}

// keyMismatches signs testdata/message.xml once per pair of key and foreign method: an RSA
// key under ECDSA-SHA256 (signed with RSA-SHA256 or RSA-PSS), a P-256 key under RSA-SHA256
// or RSA-PSS.
func keyMismatches(t testing.TB) []keyMismatch {
	ms := []keyMismatch{
		{name: "RSA key, ECDSA method", key: "rsa", from: AlgRSASHA256, to: AlgECDSA256, why: "does not match an RSA key"},
		{name: "RSA-PSS signature, ECDSA method", key: "rsa", pss: true, from: AlgRSAPSS256, to: AlgECDSA256, why: "does not match an RSA key"},
		{name: "ECDSA key, RSA-SHA256 method", key: "ecdsa", from: AlgECDSA256, to: AlgRSASHA256, why: "does not match an ECDSA key"},
		{name: "ECDSA key, RSA-PSS method", key: "ecdsa", from: AlgECDSA256, to: AlgRSAPSS256, why: "does not match an ECDSA key"},
	}
	for i, m := range ms {
		signed := doc(signTestDoc(t, m.key, SignOptions{RSAPSS: m.pss}))
		if !strings.Contains(string(signed), `<ds:SignatureMethod Algorithm="`+m.from+`"/>`) {
			t.Fatalf("%s: not signed with %s", m.name, m.from)
		}
		ms[i].doc = signed.replace(`<ds:SignatureMethod Algorithm="`+m.from, `<ds:SignatureMethod Algorithm="`+m.to)
	}
	return ms
}

// TestVerifyAccepts lists changes that do not touch signed content.
func TestVerifyAccepts(t *testing.T) {
	signed := doc(signTestDoc(t, "rsa", SignOptions{}))
	for _, tc := range []struct {
		name string
		doc  doc
	}{
		// URI="" excludes comments, and comments outside the root are not
		// content at all.
		{"comment outside root changed", signed.replace("jcx request", "jcx requesT")},
		{"comment inside content added", signed.replace("<Empty/>", "<Empty/><!-- note -->")},
		{"XML declaration dropped", doc(reXMLDecl.ReplaceAllString(string(signed), ""))},
		{"attribute quotes changed", signed.replace(`ev:kind='bank statement'`, `ev:kind="bank statement"`)},
		{"empty element written in full", signed.replace("<Empty/>", "<Empty></Empty>")},
		{"base64 wrapped", signed.replace("<ds:SignatureValue>", "<ds:SignatureValue>\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Verify([]byte(tc.doc), VerifyOptions{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestVerifyRefusesWeakKeys signs with keys Sign refuses, bypassing its
// checks, to show that Verify refuses them on its own.
func TestVerifyRefusesWeakKeys(t *testing.T) {
	msg := readFile(t, filepath.Join("testdata", "message.xml"))
	key, cert := testKey(t, "rsa1024")
	signed, err := sign(msg, key, []*x509.Certificate{cert}, AlgRSASHA256, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(signed, VerifyOptions{}); !errors.Is(err, ErrAlgorithm) || !strings.Contains(err.Error(), "1024 bits") {
		t.Fatalf("RSA-1024: err = %v, want ErrAlgorithm", err)
	}
}

func TestVerifyLimits(t *testing.T) {
	signed := signTestDoc(t, "ecdsa", SignOptions{})
	if _, err := Verify(signed, VerifyOptions{Limits: Limits{MaxBytes: len(signed) - 1}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("size limit: err = %v", err)
	}
	if _, err := Verify(signed, VerifyOptions{Limits: Limits{MaxDepth: 3}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("depth limit: err = %v", err)
	}
	deep := bytes.Repeat([]byte("<a>"), 100000)
	if _, err := Verify(deep, VerifyOptions{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("deep nesting: err = %v", err)
	}
}
