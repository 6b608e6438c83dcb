package xmldsig

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"math/big"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var reX509Data = regexp.MustCompile(`<ds:X509Data>.*</ds:X509Data>`)

// TestKeyInfoHints: the QName profile reads the KeyInfo hints other XML-DSig
// libraries write and holds each to the signing certificate; the jcx
// profile takes X509Data with certificates only. KeyInfo is outside what
// the signature covers, so each case edits it in a signed document.
func TestKeyInfoHints(t *testing.T) {
	ec := signQNameTestDoc(t, "ecdsa", AlgC14N11)
	rsaDoc := signQNameTestDoc(t, "rsa", AlgC14N11)
	_, ecCert := testKey(t, "ecdsa")
	_, rsaCert := testKey(t, "rsa")
	b64 := base64.StdEncoding.EncodeToString
	ecPoint, err := ecCert.PublicKey.(*ecdsa.PublicKey).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	rsaPub := rsaCert.PublicKey.(*rsa.PublicKey)
	rsaKeyValue := func(n *big.Int, e int) string {
		return `<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>` + b64(n.Bytes()) + `</ds:Modulus><ds:Exponent>` +
			b64(big.NewInt(int64(e)).Bytes()) + `</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>`
	}
	ecKeyValue := func(curve string, point []byte) string {
		return `<ds:KeyValue><dsig11:ECKeyValue xmlns:dsig11="` + NamespaceDSig11 + `"><dsig11:NamedCurve URI="` + curve +
			`"/><dsig11:PublicKey>` + b64(point) + `</dsig11:PublicKey></dsig11:ECKeyValue></ds:KeyValue>`
	}
	issuerSerial := func(serial string) string {
		return `<ds:X509IssuerSerial><ds:X509IssuerName>CN=jcx test CA,O=jcx test,C=XX</ds:X509IssuerName><ds:X509SerialNumber>` +
			serial + `</ds:X509SerialNumber></ds:X509IssuerSerial>`
	}
	// before puts s in KeyInfo before X509Data; after puts it in X509Data
	// after the certificates.
	before := func(d doc, s string) doc { return d.replace("<ds:KeyInfo>", "<ds:KeyInfo>"+s) }
	after := func(d doc, s string) doc { return d.replace("</ds:X509Data>", s+"</ds:X509Data>") }
	otherSerial := new(big.Int).Add(ecCert.SerialNumber, big.NewInt(1))

	for _, tc := range []struct {
		name string
		doc  doc
		want error // nil: verifies
		why  string
	}{
		{name: "KeyName", doc: before(ec, "<ds:KeyName>court-fr-1</ds:KeyName>")},
		{name: "empty KeyName", doc: before(ec, "<ds:KeyName/>")},
		{name: "RSA KeyValue of the certificate", doc: before(rsaDoc, rsaKeyValue(rsaPub.N, rsaPub.E))},
		{name: "ECKeyValue of the certificate", doc: before(ec, ecKeyValue(oidP256, ecPoint))},
		{name: "KeyValue after X509Data", doc: ec.replace("</ds:X509Data>", "</ds:X509Data>"+ecKeyValue(oidP256, ecPoint))},
		{name: "X509SubjectName", doc: after(ec, "<ds:X509SubjectName>CN=ecdsa, O=jcx test, C=XX</ds:X509SubjectName>")},
		{name: "X509IssuerSerial of the certificate", doc: after(ec, issuerSerial(ecCert.SerialNumber.String()))},
		{name: "X509SKI of the certificate", doc: after(ec, "<ds:X509SKI>"+b64(ecCert.SubjectKeyId)+"</ds:X509SKI>")},
		{name: "hints before the certificate", doc: ec.replace("<ds:X509Data>", "<ds:X509Data>"+issuerSerial(ecCert.SerialNumber.String()))},

		{name: "RSA KeyValue of another key", doc: before(rsaDoc, rsaKeyValue(new(big.Int).Add(rsaPub.N, big.NewInt(2)), rsaPub.E)), want: ErrInvalid, why: "not the signing certificate's key"},
		{name: "RSA KeyValue for an ECDSA certificate", doc: before(ec, rsaKeyValue(rsaPub.N, rsaPub.E)), want: ErrInvalid, why: "not the signing certificate's key"},
		{name: "ECKeyValue of another point", doc: before(ec, ecKeyValue(oidP256, append([]byte{4}, make([]byte, 64)...))), want: ErrInvalid, why: "not the signing certificate's key"},
		{name: "ECKeyValue on P-384", doc: before(ec, ecKeyValue("urn:oid:1.3.132.0.34", ecPoint)), want: ErrAlgorithm, why: "curve"},
		{name: "DSAKeyValue", doc: before(ec, "<ds:KeyValue><ds:DSAKeyValue/></ds:KeyValue>"), want: ErrInvalid, why: "unexpected element"},
		{name: "two KeyValues", doc: before(ec, ecKeyValue(oidP256, ecPoint)+ecKeyValue(oidP256, ecPoint)), want: ErrInvalid, why: "more than one"},
		{name: "X509IssuerSerial of another certificate", doc: after(ec, issuerSerial(otherSerial.String())), want: ErrInvalid, why: "does not name the signing certificate"},
		{name: "X509IssuerSerial, serial not a number", doc: after(ec, issuerSerial("12ab")), want: ErrInvalid, why: "not a decimal integer"},
		{name: "empty X509IssuerSerial", doc: after(ec, "<ds:X509IssuerSerial/>"), want: ErrInvalid, why: "X509IssuerName"},
		{name: "X509SKI of another certificate", doc: after(ec, "<ds:X509SKI>"+b64(rsaCert.SubjectKeyId)+"</ds:X509SKI>"), want: ErrInvalid, why: "does not name the signing certificate"},
		{name: "X509Digest", doc: after(ec, `<dsig11:X509Digest xmlns:dsig11="`+NamespaceDSig11+`" Algorithm="`+AlgSHA256+`">AAAA</dsig11:X509Digest>`), want: ErrAlgorithm, why: "X509Digest"},
		{name: "X509CRL", doc: after(ec, "<ds:X509CRL>AAAA</ds:X509CRL>"), want: ErrInvalid, why: "unexpected element"},
		{name: "X509SubjectName with markup", doc: after(ec, "<ds:X509SubjectName><b/></ds:X509SubjectName>"), want: ErrInvalid, why: "only text"},
		{name: "X509SubjectName too long", doc: after(ec, "<ds:X509SubjectName>"+strings.Repeat("x", 5000)+"</ds:X509SubjectName>"), want: ErrInvalid, why: "longer than"},
		{name: "too many hints", doc: after(ec, strings.Repeat("<ds:X509SubjectName>CN=ecdsa</ds:X509SubjectName>", maxChain+1)), want: ErrInvalid, why: "hints beside its certificates"},
		{name: "RetrievalMethod", doc: before(ec, `<ds:RetrievalMethod URI="https://evil.example/key"/>`), want: ErrInvalid, why: "unexpected element"},
		{name: "second X509Data", doc: ec.replace("</ds:X509Data>", "</ds:X509Data><ds:X509Data/>"), want: ErrInvalid, why: "more than one"},
		{name: "no X509Data", doc: doc(reX509Data.ReplaceAllString(string(ec), "<ds:KeyName>k</ds:KeyName>")), want: ErrInvalid, why: "without X509Data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := VerifyQNames([]byte(tc.doc), VerifyOptions{})
			if tc.want == nil {
				if err != nil {
					t.Fatalf("VerifyQNames: %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.why) {
				t.Fatalf("err = %v, want %v about %q", err, tc.want, tc.why)
			}
		})
	}

	// The jcx profile keeps its one KeyInfo shape.
	hinted := doc(signTestDoc(t, "ecdsa", SignOptions{})).replace("<ds:KeyInfo>", "<ds:KeyInfo><ds:KeyName>k</ds:KeyName>")
	if _, err := Verify([]byte(hinted), VerifyOptions{}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("jcx profile with a KeyName: err = %v, want ErrInvalid", err)
	}
}

// TestWeVerifyXmlsecKeyValue: a signature whose KeyInfo xmlsec1 fills with a
// KeyName and the RSA KeyValue beside the certificate verifies.
func TestWeVerifyXmlsecKeyValue(t *testing.T) {
	xmlsec := needTool(t, "xmlsec1")
	plain := readFile(t, filepath.Join("testdata", "hi1-request.xml"))
	tmpl := strings.Replace(xmlsecQNameTemplate(AlgRSASHA256, AlgC14N11, nil),
		"<KeyInfo><X509Data/></KeyInfo>", "<KeyInfo><KeyName>court-fr-1</KeyName><KeyValue/><X509Data/></KeyInfo>", 1)
	signed := xmlsecSignTemplate(t, xmlsec, plain, "rsa", tmpl)
	if !strings.Contains(string(signed), "<Modulus>") {
		t.Fatalf("xmlsec1 wrote no RSA KeyValue:\n%s", signed)
	}
	if _, err := VerifyQNames(signed, VerifyOptions{}); err != nil {
		t.Fatalf("VerifyQNames: %v\n%s", err, signed)
	}
	// The same KeyValue with the modulus changed names another key.
	evil := strings.Replace(string(signed), "<Modulus>\n", "<Modulus>\nBBBB", 1)
	if evil == string(signed) {
		t.Fatalf("no modulus to change:\n%s", signed)
	}
	if _, err := VerifyQNames([]byte(evil), VerifyOptions{}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("another key's KeyValue: err = %v, want ErrInvalid", err)
	}
}
