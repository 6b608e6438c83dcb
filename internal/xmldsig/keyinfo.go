package xmldsig

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"math/big"
	"strings"
)

// The KeyInfo of the QName profile. The jcx profile takes X509Data with
// certificates and nothing else. Signatures from other XML-DSig libraries
// also carry hints beside the certificates — a KeyName, a KeyValue, an
// X509SubjectName, an X509IssuerSerial, an X509SKI — which the QName profile
// reads and holds to the signing certificate (the first X509Certificate):
// a hint that names another key or certificate is refused, since a
// receiver that trusted the hint would be checking another signer. Hints
// compared byte for byte are the KeyValue, the serial number and the SKI;
// names (KeyName, X509SubjectName, X509IssuerName) have no one canonical
// string form across libraries and are only required to be text.

// NamespaceDSig11 is the namespace of XML Signature 1.1's additions
// (ECKeyValue, X509Digest).
const NamespaceDSig11 = "http://www.w3.org/2009/xmldsig11#"

// oidP256 names the P-256 curve in an ECKeyValue.
const oidP256 = "urn:oid:1.2.840.10045.3.1.7"

// readKeyInfoHints reads the KeyInfo of the QName profile: one X509Data
// and at most one KeyName and one KeyValue, in any order.
func readKeyInfoHints(ki *node) ([]*x509.Certificate, error) {
	kids, err := elements(ki, []string{"Id"})
	if err != nil {
		return nil, err
	}
	var data, keyName, keyValue *node
	for _, k := range kids {
		var slot **node
		switch {
		case isDSig(k, "X509Data"):
			slot = &data
		case isDSig(k, "KeyName"):
			slot = &keyName
		case isDSig(k, "KeyValue"):
			slot = &keyValue
		default:
			return nil, invalid("unexpected element %s in KeyInfo", k.fullTag())
		}
		if *slot != nil {
			return nil, invalid("more than one %s in KeyInfo", k.fullTag())
		}
		*slot = k
	}
	if data == nil {
		return nil, invalid("KeyInfo without X509Data")
	}
	if keyName != nil {
		if _, err := plainText(keyName, "KeyName"); err != nil {
			return nil, err
		}
	}
	chain, err := readX509Data(data, true)
	if err != nil {
		return nil, err
	}
	if keyValue != nil {
		if err := checkKeyValue(keyValue, chain[0]); err != nil {
			return nil, err
		}
	}
	return chain, nil
}

// readX509Data reads the certificates of X509Data, the signer's first. With
// hints, it also takes X509SubjectName, X509IssuerSerial, X509SKI and
// X509Digest elements, each held to the signer's certificate.
func readX509Data(data *node, hints bool) ([]*x509.Certificate, error) {
	els, err := elements(data, nil)
	if err != nil {
		return nil, err
	}
	var certs, others []*node
	for _, el := range els {
		switch {
		case isDSig(el, "X509Certificate"):
			certs = append(certs, el)
		case hints && (isDSig(el, "X509SubjectName") || isDSig(el, "X509IssuerSerial") || isDSig(el, "X509SKI") ||
			el.local == "X509Digest" && el.uri == NamespaceDSig11):
			others = append(others, el)
		default:
			return nil, invalid("unexpected element %s in X509Data", el.fullTag())
		}
	}
	if len(certs) == 0 || len(certs) > maxChain {
		return nil, invalid("X509Data must hold 1 to %d certificates, found %d", maxChain, len(certs))
	}
	if len(others) > maxChain {
		return nil, invalid("X509Data holds %d hints beside its certificates, more than %d", len(others), maxChain)
	}
	chain := make([]*x509.Certificate, len(certs))
	for i, el := range certs {
		der, err := base64Text(el, "X509Certificate")
		if err != nil {
			return nil, err
		}
		if chain[i], err = parsedCertificates.parse(der); err != nil {
			return nil, wrap(CodeInvalid, "unparseable X509Certificate", err)
		}
	}
	for _, el := range others {
		if err := checkX509Hint(el, chain[0]); err != nil {
			return nil, err
		}
	}
	return chain, nil
}

// checkX509Hint holds one X509Data hint to the signer's certificate.
func checkX509Hint(el *node, leaf *x509.Certificate) error {
	switch el.local {
	case "X509SubjectName":
		_, err := plainText(el, el.local)
		return err
	case "X509SKI":
		ski, err := base64Text(el, el.local)
		if err != nil {
			return err
		}
		if !bytes.Equal(ski, leaf.SubjectKeyId) {
			return invalid("X509SKI does not name the signing certificate")
		}
		return nil
	case "X509Digest":
		return notAllowed("X509Digest is not supported")
	}
	// X509IssuerSerial: X509IssuerName, X509SerialNumber.
	parts, err := children(el, "X509IssuerSerial", nil, "X509IssuerName", "X509SerialNumber")
	if err != nil {
		return err
	}
	if _, err := plainText(parts[0], "X509IssuerName"); err != nil {
		return err
	}
	text, err := plainText(parts[1], "X509SerialNumber")
	if err != nil {
		return err
	}
	serial, ok := parseSerial(text)
	if !ok {
		return invalid("X509SerialNumber %q is not a decimal integer", text)
	}
	if serial.Cmp(leaf.SerialNumber) != 0 {
		return invalid("X509IssuerSerial does not name the signing certificate (serial %s, certificate %s)", serial, leaf.SerialNumber)
	}
	return nil
}

// maxSerialDigits bounds a serial number's text: RFC 5280 serials have at
// most 20 octets, 49 decimal digits.
const maxSerialDigits = 64

func parseSerial(s string) (*big.Int, bool) {
	s = strings.TrimSpace(s)
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || len(digits) > maxSerialDigits || strings.Trim(digits, "0123456789") != "" {
		return nil, false
	}
	return new(big.Int).SetString(s, 10)
}

// checkKeyValue holds a KeyValue to the signing certificate's public key.
func checkKeyValue(kv *node, leaf *x509.Certificate) error {
	kids, err := elements(kv, nil)
	if err != nil {
		return err
	}
	if len(kids) != 1 {
		return invalid("KeyValue must hold exactly one key")
	}
	k := kids[0]
	switch {
	case isDSig(k, "RSAKeyValue"):
		parts, err := children(k, "RSAKeyValue", nil, "Modulus", "Exponent")
		if err != nil {
			return err
		}
		n, err := base64Text(parts[0], "Modulus")
		if err != nil {
			return err
		}
		e, err := base64Text(parts[1], "Exponent")
		if err != nil {
			return err
		}
		pub, ok := leaf.PublicKey.(*rsa.PublicKey)
		if !ok || new(big.Int).SetBytes(n).Cmp(pub.N) != 0 || len(e) > 4 || new(big.Int).SetBytes(e).Int64() != int64(pub.E) {
			return invalid("KeyValue is not the signing certificate's key")
		}
		return nil
	case k.local == "ECKeyValue" && k.uri == NamespaceDSig11:
		return checkECKeyValue(k, leaf)
	}
	return invalid("unexpected element %s in KeyValue", k.fullTag())
}

// checkECKeyValue holds a dsig11:ECKeyValue (NamedCurve, PublicKey) to the
// signing certificate's key.
func checkECKeyValue(k *node, leaf *x509.Certificate) error {
	kids, err := elements(k, []string{"Id"})
	if err != nil {
		return err
	}
	if len(kids) != 2 || kids[0].local != "NamedCurve" || kids[0].uri != NamespaceDSig11 ||
		kids[1].local != "PublicKey" || kids[1].uri != NamespaceDSig11 {
		return invalid("ECKeyValue must hold exactly dsig11:NamedCurve, dsig11:PublicKey")
	}
	if inner, err := elements(kids[0], []string{"URI"}); err != nil || len(inner) > 0 {
		return invalid("malformed dsig11:NamedCurve")
	}
	if uri, _ := kids[0].attrValue("URI"); uri != oidP256 {
		return notAllowed("ECKeyValue curve %q not allowed, want P-256 (%s)", uri, oidP256)
	}
	point, err := base64Text(kids[1], "PublicKey")
	if err != nil {
		return err
	}
	pub, ok := leaf.PublicKey.(*ecdsa.PublicKey)
	if !ok {
		return invalid("KeyValue is not the signing certificate's key")
	}
	want, err := pub.Bytes()
	if err != nil || !bytes.Equal(point, want) {
		return invalid("KeyValue is not the signing certificate's key")
	}
	return nil
}

// plainText returns the text of an element that may hold only text, at
// most a few kilobytes of it.
func plainText(el *node, name string) (string, error) {
	if err := onlyAttrs(el); err != nil {
		return "", err
	}
	var b strings.Builder
	for _, k := range el.kids {
		if k.el != nil || k.other {
			return "", invalid("%s must hold only text", name)
		}
		b.WriteString(k.text)
		if b.Len() > maxHintText {
			return "", invalid("%s longer than %d bytes", name, maxHintText)
		}
	}
	return b.String(), nil
}

// maxHintText bounds a name hint: a distinguished name is far shorter.
const maxHintText = 4096
