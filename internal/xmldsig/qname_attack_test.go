package xmldsig

import (
	"crypto/x509"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// signQNameTestDoc signs testdata/hi1-request.xml for the QName profile
// with the named key (plus the CA).
func signQNameTestDoc(t testing.TB, key, canon string) doc {
	t.Helper()
	k, cert := testKey(t, key)
	out, err := SignQNames(readFile(t, filepath.Join("testdata", "hi1-request.xml")), k,
		[]*x509.Certificate{cert, testCert(t, "ca")}, QNameSignOptions{Canonicalization: canon})
	if err != nil {
		t.Fatalf("sign with %s: %v", key, err)
	}
	return doc(out)
}

// forgeQNames signs d as a careless signer would, with the
// canonicalizations given, skipping SignQNames's checks: a valid
// signature that may leave a QName unprotected.
func forgeQNames(t *testing.T, d string, si, ref canonSpec) doc {
	t.Helper()
	key, cert := testKey(t, "ecdsa")
	chain := []*x509.Certificate{cert}
	cfg := qnameConfig(si, ref)
	c, err := canonicalizeWith([]byte(d), Limits{}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	digest := sum256(c.content)
	draft, err := canonicalizeWith(splice([]byte(d), c.layout, appendSignatureWith(nil, AlgECDSA256, digest, nil, chain, si, ref)), Limits{}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	value, err := signDigest(key, AlgECDSA256, sum256(draft.signedInfo))
	if err != nil {
		t.Fatal(err)
	}
	return doc(splice([]byte(d), c.layout, appendSignatureWith(nil, AlgECDSA256, digest, value, chain, si, ref)))
}

const (
	hi1Root        = `<HI1Message xmlns="http://uri.etsi.org/03120/common/2019/10/Core"`
	notifDecl      = `xmlns:notification="http://uri.etsi.org/03120/common/2016/02/Notification"`
	notifDeclEvil  = `xmlns:notification="urn:evil"`
	excTransform   = `<ds:Transform Algorithm="` + AlgExcC14N + `">`
	c14n11Method   = `<ds:CanonicalizationMethod Algorithm="` + AlgC14N11 + `"/>`
	c14n11Trans    = `<ds:Transform Algorithm="` + AlgC14N11 + `"/>`
	hi1ObjectNotif = `<HI1Object xsi:type="notification:NotificationObject">`
)

// TestVerifyQNamesRefuses is the attack table of the QName profile: the
// rebinding of prefixes that only xsi:type values use, the wrapping and
// algorithm attacks of the jcx profile in this profile's shape, and the
// forms the profile does not take.
func TestVerifyQNamesRefuses(t *testing.T) {
	c11 := signQNameTestDoc(t, "ecdsa", AlgC14N11)
	exc := signQNameTestDoc(t, "rsa", AlgExcC14N)
	plain := string(readFile(t, filepath.Join("testdata", "hi1-request.xml")))
	excSpec := canonSpec{alg: AlgExcC14N}
	noPrefixList := forgeQNames(t, plain, excSpec, excSpec)
	wrongPrefixList := forgeQNames(t, plain, excSpec, canonSpec{alg: AlgExcC14N, prefixes: []string{"auth", "common"}})
	// A default namespace declared on a prefixed element is not
	// visibly utilized there: exclusive C14N does not render it, and the
	// unprefixed xsi:type value would resolve to the root's.
	defaultOnPrefixed := strings.Replace(plain, hi1ObjectNotif, hi1ObjectNotif+`<auth:X xmlns="urn:other" xsi:type="T"/>`, 1)
	noDefault := forgeQNames(t, defaultOnPrefixed, excSpec, canonSpec{alg: AlgExcC14N, prefixes: []string{"auth", "notification"}})

	for _, tc := range []struct {
		name string
		doc  doc
		want error
		why  string
	}{
		// --- rebinding a prefix used only inside an attribute value ---
		{name: "C14N 1.1: xsi:type prefix rebound", doc: c11.replace(notifDecl, notifDeclEvil), want: ErrInvalid, why: "digest"},
		{name: "exc-c14n + PrefixList: xsi:type prefix rebound", doc: exc.replace(notifDecl, notifDeclEvil), want: ErrInvalid, why: "digest"},
		{
			// The declaration moves from the root to the element: the
			// same binding, the same canonical form, allowed by both.
			name: "C14N 1.1: xsi:type prefix rebound on the element",
			doc:  c11.replace(hi1ObjectNotif, `<HI1Object xmlns:notification="urn:evil" xsi:type="notification:NotificationObject">`),
			want: ErrInvalid, why: "digest",
		},
		{
			// A valid signature over exclusive C14N without a PrefixList
			// does not sign the notification declaration: rebinding it
			// would keep the digest. Refused before any digest.
			name: "exc-c14n without PrefixList",
			doc:  noPrefixList, want: ErrInvalid, why: "does not bind prefix auth",
		},
		{
			// auth is used by element names too, but below HI1Object:
			// rebinding it on HI1Object and back on those elements keeps
			// the exclusive canonical form.
			name: "exc-c14n without PrefixList, prefix rebound around the children",
			doc: noPrefixList.replace(`<HI1Object xsi:type="auth:AuthorisationObject">`, `<HI1Object xmlns:auth="urn:evil" xsi:type="auth:AuthorisationObject">`).
				replace(`<auth:AuthorisationReference>`, `<auth:AuthorisationReference xmlns:auth="http://uri.etsi.org/03120/common/2020/09/Authorisation">`),
			want: ErrInvalid, why: "does not bind prefix auth",
		},
		{name: "PrefixList missing the prefix", doc: wrongPrefixList, want: ErrInvalid, why: "does not bind prefix notification"},
		{name: "unprefixed xsi:type, #default not in the PrefixList", doc: noDefault, want: ErrInvalid, why: `xsi:type value "T"`},
		{name: "xsi:type with an undeclared prefix", doc: c11.replace(hi1ObjectNotif, `<HI1Object xsi:type="nowhere:NotificationObject">`), want: ErrInvalid, why: "undeclared prefix nowhere"},
		{name: "xsi:type value changed", doc: c11.replace(`"auth:AuthorisationObject"`, `"auth:AuthorisationObjectX"`), want: ErrInvalid, why: "digest"},

		// --- moving the signed subtree ---
		{
			name: "signed message nested in a new root",
			doc:  doc(hi1Root + `><Payload>` + string(reXMLDecl.ReplaceAllString(string(c11), "")) + `</Payload></HI1Message>`),
			want: ErrInvalid, why: "not a child of the root",
		},
		{name: "signature moved into Payload", doc: c11.withoutSig().replace("</Payload>", c11.sig()+"</Payload>"), want: ErrInvalid, why: "not a child of the root"},
		{name: "signature first child of root", doc: c11.withoutSig().replace("<Header>", c11.sig()+"<Header>"), want: ErrInvalid, why: "not the last child"},
		{name: "element after signature", doc: c11.replace("</ds:Signature>", "</ds:Signature><Payload/>"), want: ErrInvalid, why: "not the last child"},
		{name: "second signature", doc: c11.replace("</HI1Message>", exc.sig()+"</HI1Message>"), want: ErrInvalid, why: "more than one ds:Signature"},
		{
			name: "signed content copied into an Object",
			doc:  c11.replace("</ds:KeyInfo>", "</ds:KeyInfo><ds:Object>"+plain[strings.Index(plain, "<Header>"):strings.Index(plain, "</Payload>")]+"</Payload></ds:Object>"),
			want: ErrInvalid, why: "ds:Signature must contain exactly",
		},

		// --- references and transforms ---
		{name: "Reference by ID", doc: c11.replace(hi1Root, hi1Root+` Id="m"`).replace(`URI=""`, `URI="#m"`), want: ErrInvalid, why: `only URI=""`},
		{name: "external Reference", doc: c11.replace(`URI=""`, `URI="https://evil.example/m.xml"`), want: ErrInvalid, why: `only URI=""`},
		{
			name: "XPath transform",
			doc: c11.replace(c14n11Trans, c14n11Trans+`<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116">`+
				`<ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath></ds:Transform>`),
			want: ErrAlgorithm, why: "Transforms must be exactly",
		},
		{
			name: "XSLT transform",
			doc: c11.replace(c14n11Trans, `<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116">`+
				`<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"/></ds:Transform>`),
			want: ErrAlgorithm,
		},
		{name: "XPath Filter 2.0 instead of enveloped", doc: c11.replace(AlgEnveloped, "http://www.w3.org/2002/06/xmldsig-filter2"), want: ErrAlgorithm},
		{name: "C14N 1.0 with comments", doc: c11.replace(c14n11Trans, `<ds:Transform Algorithm="`+AlgC14N10+`#WithComments"/>`), want: ErrAlgorithm},
		{
			name: "InclusiveNamespaces on C14N 1.0",
			doc:  c11.replace(c14n11Trans, `<ds:Transform Algorithm="`+AlgC14N10+`"><ec:InclusiveNamespaces xmlns:ec="`+AlgExcC14N+`" PrefixList="auth"/></ds:Transform>`),
			want: ErrAlgorithm, why: "parameters",
		},
		{name: "no transform", doc: c11.replace(`<ds:Transform Algorithm="`+AlgEnveloped+`"/>`, "").replace(c14n11Trans, ""), want: ErrAlgorithm, why: "Transforms must be exactly"},
		{name: "C14N 1.1 alone, without enveloped-signature", doc: c11.replace(`<ds:Transform Algorithm="`+AlgEnveloped+`"/>`, ""), want: ErrAlgorithm, why: "enveloped-signature"},
		{name: "C14N 1.1 with comments", doc: c11.replace(c14n11Method, `<ds:CanonicalizationMethod Algorithm="`+AlgC14N11+`#WithComments"/>`), want: ErrAlgorithm},
		{
			name: "InclusiveNamespaces on C14N 1.1",
			doc:  c11.replace(c14n11Trans, `<ds:Transform Algorithm="`+AlgC14N11+`"><ec:InclusiveNamespaces xmlns:ec="`+AlgExcC14N+`" PrefixList="auth"/></ds:Transform>`),
			want: ErrAlgorithm, why: "parameters",
		},
		{name: "PrefixList entry not a prefix", doc: exc.replace(`PrefixList="auth notification"`, `PrefixList="auth no:tification"`), want: ErrInvalid, why: "not a prefix"},
		{name: "InclusiveNamespaces without PrefixList", doc: exc.replace(`PrefixList="auth notification"`, ``), want: ErrInvalid, why: "without PrefixList"},
		{
			name: "two InclusiveNamespaces",
			doc:  exc.replace(`PrefixList="auth notification"/>`, `PrefixList="auth notification"/><ec:InclusiveNamespaces xmlns:ec="`+AlgExcC14N+`" PrefixList="xsi"/>`),
			want: ErrAlgorithm, why: "parameters",
		},
		{name: "InclusiveNamespaces in another namespace", doc: exc.replace(`xmlns:ec="`+AlgExcC14N+`"`, `xmlns:ec="urn:evil"`), want: ErrAlgorithm, why: "parameters"},

		// --- algorithms ---
		{name: "SHA-1 digest", doc: c11.replace(AlgSHA256, "http://www.w3.org/2000/09/xmldsig#sha1"), want: ErrAlgorithm},
		{name: "rsa-sha1 method", doc: exc.replace(AlgRSASHA256, "http://www.w3.org/2000/09/xmldsig#rsa-sha1"), want: ErrAlgorithm},
		{name: "ecdsa-sha1 method", doc: c11.replace(AlgECDSA256, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1"), want: ErrAlgorithm},
		{name: "method does not match key", doc: c11.replace(AlgECDSA256, AlgRSASHA256), want: ErrAlgorithm, why: "does not match an ECDSA key"},

		// --- the Signature element of V1.12.1's Core schema ---
		{
			name: "Signature in the Core namespace",
			doc:  doc(strings.Replace(plain, "</HI1Message>", "<Signature/></HI1Message>", 1)),
			want: ErrInvalid, why: "not an XML-DSig signature",
		},
		{
			name: "ds:Signature wrapped in the Core Signature",
			doc:  c11.replace("<ds:Signature ", "<Signature><ds:Signature ").replace("</ds:Signature>", "</ds:Signature></Signature>"),
			want: ErrInvalid, why: "not a child of the root",
		},
		{name: "no signature", doc: doc(plain), want: ErrMissing},
		{
			// C14N 1.0 would give SignedInfo the root's xml:id, which
			// C14N 1.1 does not: refused rather than rendered.
			name: "xml:id above SignedInfo with C14N 1.0",
			doc:  forgeQNames(t, strings.Replace(plain, hi1Root, hi1Root+` xml:id="m1"`, 1), canonSpec{alg: AlgC14N10}, canonSpec{alg: AlgC14N10}),
			want: ErrAlgorithm, why: "xml:id on an ancestor of SignedInfo with C14N 1.0",
		},
		{name: "xml:base above SignedInfo", doc: forgeQNames(t, strings.Replace(plain, hi1Root, hi1Root+` xml:base="https://evil.example/"`, 1), canonSpec{alg: AlgC14N11}, canonSpec{alg: AlgC14N11}), want: ErrAlgorithm, why: "xml:base"},
		{name: "DOCTYPE", doc: doc(reXMLDecl.ReplaceAllString(string(c11), `$0<!DOCTYPE HI1Message>`)), want: ErrInvalid, why: "DOCTYPE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := VerifyQNames([]byte(tc.doc), VerifyOptions{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v (result %v)", err, tc.want, res)
			}
			if !strings.Contains(err.Error(), tc.why) {
				t.Errorf("err = %v, want the check about %q", err, tc.why)
			}
		})
	}
}

// TestVerifyQNamesAccepts lists signatures the profile takes besides what
// SignQNames writes.
func TestVerifyQNamesAccepts(t *testing.T) {
	plain := string(readFile(t, filepath.Join("testdata", "hi1-request.xml")))
	excSpec := canonSpec{alg: AlgExcC14N}
	defaultOnPrefixed := strings.Replace(plain, hi1ObjectNotif, hi1ObjectNotif+`<auth:X xmlns="urn:other" xsi:type="T"/>`, 1)
	noTypes := strings.NewReplacer(` xsi:type="auth:AuthorisationObject"`, "", ` xsi:type="notification:NotificationObject"`, "").Replace(plain)
	for _, tc := range []struct {
		name string
		doc  doc
	}{
		{"PrefixList with #default", forgeQNames(t, defaultOnPrefixed, excSpec, canonSpec{alg: AlgExcC14N, prefixes: []string{"#default", "auth", "notification"}})},
		{"exc-c14n without PrefixList, no xsi:type", forgeQNames(t, noTypes, excSpec, excSpec)},
		{"C14N 1.1 content, exclusive SignedInfo", forgeQNames(t, plain, excSpec, canonSpec{alg: AlgC14N11})},
		{"exclusive content, C14N 1.1 SignedInfo", forgeQNames(t, plain, canonSpec{alg: AlgC14N11}, canonSpec{alg: AlgExcC14N, prefixes: []string{"auth", "notification"}})},
		{"white space around an xsi:type value", forgeQNames(t, strings.Replace(plain, `"auth:AuthorisationObject"`, "\" auth:AuthorisationObject\n\"", 1),
			excSpec, canonSpec{alg: AlgExcC14N, prefixes: []string{"auth", "notification"}})},
		{"C14N 1.0", forgeQNames(t, plain, canonSpec{alg: AlgC14N10}, canonSpec{alg: AlgC14N10})},
		{"C14N 1.0 content, C14N 1.1 SignedInfo", forgeQNames(t, plain, canonSpec{alg: AlgC14N11}, canonSpec{alg: AlgC14N10})},
		{"xml:lang above SignedInfo with C14N 1.0", forgeQNames(t, strings.Replace(plain, hi1Root, hi1Root+` xml:lang="fr"`, 1), canonSpec{alg: AlgC14N10}, canonSpec{alg: AlgC14N10})},
		{"xml:id above SignedInfo with C14N 1.1", forgeQNames(t, strings.Replace(plain, hi1Root, hi1Root+` xml:id="m1"`, 1), canonSpec{alg: AlgC14N11}, canonSpec{alg: AlgC14N11})},
		{"RSA-PSS", func() doc {
			k, cert := testKey(t, "rsa")
			out, err := SignQNames([]byte(plain), k, []*x509.Certificate{cert}, QNameSignOptions{SignOptions: SignOptions{RSAPSS: true}})
			if err != nil {
				t.Fatal(err)
			}
			return doc(out)
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := VerifyQNames([]byte(tc.doc), VerifyOptions{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestQNameRebindingIsReal shows that the refusals above stop a working
// attack: under exclusive C14N without a PrefixList, rebinding the prefix
// of an xsi:type value leaves the signed bytes as they were, and xmlsec1,
// which checks the signature alone, accepts the rebound document.
func TestQNameRebindingIsReal(t *testing.T) {
	xmlsec := needTool(t, "xmlsec1")
	plain := readFile(t, filepath.Join("testdata", "hi1-request.xml"))
	signed := doc(xmlsecSignTemplate(t, xmlsec, plain, "ecdsa", xmlsecQNameTemplate(AlgECDSA256, AlgExcC14N, nil)))
	evil := signed.replace(`<HI1Object xsi:type="auth:AuthorisationObject">`, `<HI1Object xmlns:auth="urn:evil" xsi:type="auth:AuthorisationObject">`).
		replace(`<auth:AuthorisationReference>`, `<auth:AuthorisationReference xmlns:auth="http://uri.etsi.org/03120/common/2020/09/Authorisation">`)
	if ok, out := xmlsecVerify(t, xmlsec, []byte(evil)); !ok {
		t.Fatalf("xmlsec1 refuses the rebound document; the attack no longer shows:\n%s", out)
	}
	if _, err := VerifyQNames([]byte(evil), VerifyOptions{}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "does not bind prefix auth") {
		t.Fatalf("VerifyQNames: err = %v, want the refusal of an unbound xsi:type prefix", err)
	}
	// The jcx profile has no xsi:type and so no such check: it takes the
	// signature, as xmlsec1 does. Its documents must not carry QNames.
	if _, err := Verify([]byte(evil), VerifyOptions{}); err != nil {
		t.Fatalf("Verify (jcx profile): %v", err)
	}
}
