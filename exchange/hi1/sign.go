package hi1

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/xmldsig"
)

// HI-1 signatures: one enveloped ds:Signature, the last child of HI1Message, over the
// whole message (Reference URI=""), SHA-256, signed with ECDSA P-256 (raw r‖s), RSA
// PKCS #1 v1.5 or RSA-PSS, the signer's certificate and chain in X509Data. HI-1 objects
// are typed by xsi:type="auth:AuthorisationObject": a QName inside an attribute value,
// whose prefix declaration plain exclusive C14N does not sign. So the message is
// canonicalized with Canonical XML 1.1 (what ETSI's signed example uses), or with
// exclusive C14N and an InclusiveNamespaces PrefixList naming the prefixes xsi:type
// values use; Verify refuses a signature under which any xsi:type prefix could be
// rebound. The machinery is internal/xmldsig's QName profile; docs/hi1.md has the
// profile and docs/signatures.md the trust rule.

// Canonicalization is how Sign canonicalizes a message.
type Canonicalization int

const (
	// C14N11 is Canonical XML 1.1 (http://www.w3.org/2006/12/xml-c14n11), which signs
	// every namespace declaration in scope. It is the default, and what ETSI's signed
	// example message uses.
	C14N11 Canonicalization = iota
	// ExclusiveC14N is exclusive C14N (http://www.w3.org/2001/10/xml-exc-c14n#) with an
	// InclusiveNamespaces PrefixList naming every prefix that xsi:type values use, so
	// that moving a message into another document does not change what was signed.
	ExclusiveC14N
)

func (c Canonicalization) String() string {
	switch c {
	case C14N11:
		return "c14n11"
	case ExclusiveC14N:
		return "exc-c14n"
	}
	return fmt.Sprintf("Canonicalization(%d)", int(c))
}

// SignOptions configure Sign. The zero value signs with C14N 1.1 and, for RSA keys,
// PKCS #1 v1.5.
type SignOptions struct {
	Canonicalization Canonicalization
	// RSAPSS signs with RSA keys using RSASSA-PSS (sha256-rsa-MGF1).
	RSAPSS bool
	// Limits bound the message accepted for signing.
	Limits exchange.Limits
}

// signaturePath is where findings about an HI-1 signature point.
const signaturePath = "/HI1Message/ds:Signature[1]"

// Sign returns data, an encoded HI1Message, with an enveloped ds:Signature appended as
// the last child of its root element; nothing else in data changes. s.Chain[0] is the
// certificate of s.Key, any intermediates follow. ECDSA keys must be P-256; RSA keys
// 2048 to 8192 bits. Sign does not validate the message: validate it first.
func Sign(data []byte, s exchange.Signer, opts SignOptions) ([]byte, error) {
	if s.Key == nil || len(s.Chain) == 0 {
		return nil, errors.New("hi1: sign: a key and its certificate are required")
	}
	if limit := opts.Limits.MaxBytes; limit > 0 && int64(len(data)) > limit {
		return nil, fmt.Errorf("hi1: sign: message of %d bytes exceeds the limit of %d", len(data), limit)
	}
	if err := checkRoot(data); err != nil {
		return nil, fmt.Errorf("hi1: sign: %w", err)
	}
	alg := xmldsig.AlgC14N11
	switch opts.Canonicalization {
	case C14N11:
	case ExclusiveC14N:
		alg = xmldsig.AlgExcC14N
	default:
		return nil, fmt.Errorf("hi1: sign: unknown %v", opts.Canonicalization)
	}
	return xmldsig.SignQNames(data, s.Key, s.Chain, xmldsig.QNameSignOptions{
		SignOptions:      xmldsig.SignOptions{RSAPSS: opts.RSAPSS, Limits: dsigLimits(opts.Limits)},
		Canonicalization: alg,
	})
}

// Verified is what a verified HI-1 signature vouches for.
type Verified struct {
	// Content is exactly what was signed: the canonical HI1Message without its
	// signature. Decode the message from Content, never from the input, so that
	// nothing unsigned can be read beside the signed content.
	Content []byte
	// Signer is the trusted signing identity: its certificate and the verified chain.
	// Verify does not read the message, so it does not know the sender: check that the
	// signer speaks for the message's SenderIdentifier with Signer.CheckSender.
	Signer trust.Identity
}

// Verify checks the signature of data, an encoded HI1Message, and the signer's chain
// against opts.Trust at opts.Now. It accepts C14N 1.1 and exclusive C14N (with or
// without a PrefixList) for the content and for SignedInfo each, and C14N 1.0, which
// other XML-DSig libraries use by default, named or implied by an enveloped-signature
// transform alone. It refuses a signature under which the prefix of an xsi:type value
// could be rebound.
//
// A failure is an *exchange.InvalidError with one finding at /HI1Message/ds:Signature
// (with the line of that element, or of the root when there is none):
// 8001 no signature, 8002 invalid (including a Signature element in the Core
// namespace, which is not an XML-DSig signature), 8003 signer not trusted, 8005
// algorithm not allowed.
func Verify(data []byte, opts exchange.VerifyOptions) (*Verified, error) {
	if opts.Trust == nil {
		return nil, errors.New("hi1: verify: a trust bundle is required")
	}
	if len(data) > exchange.DefaultMaxBytes {
		// Before anything reads it; the signature machinery has the same limit.
		return nil, signatureError(fmt.Errorf("hi1: message of %d bytes exceeds the limit of %d", len(data), exchange.DefaultMaxBytes), nil)
	}
	if err := checkRoot(data); err != nil {
		return nil, signatureError(fmt.Errorf("hi1: %w", err), data)
	}
	r, err := xmldsig.VerifyQNames(data, xmldsig.VerifyOptions{})
	if err != nil {
		return nil, signatureError(err, data)
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	id, err := opts.Trust.Verify(r.Chain, now())
	if err != nil {
		return nil, signatureError(err, data)
	}
	return &Verified{Content: r.Content, Signer: id}, nil
}

// checkRoot checks that the root element of data is HI1Message in the Core namespace.
// The signature machinery checks everything else about the bytes.
func checkRoot(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return errors.New("no root element")
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %w", err)
		}
		if _, ok := tok.(xml.Directive); ok {
			return errors.New("DOCTYPE or markup declaration not allowed")
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var ns string
		for _, a := range start.Attr {
			if (start.Name.Space == "" && a.Name.Space == "" && a.Name.Local == "xmlns") ||
				(start.Name.Space != "" && a.Name.Space == "xmlns" && a.Name.Local == start.Name.Space) {
				ns = a.Value
			}
		}
		if start.Name.Local != "HI1Message" || ns != NSCore {
			return fmt.Errorf("root element is {%s}%s, want {%s}HI1Message", ns, start.Name.Local, NSCore)
		}
		return nil
	}
}

// signatureError turns an error of the signature or trust packages into a finding
// with the code it carries, at the line of the signature in data (nil: no line).
func signatureError(err error, data []byte) error {
	code := exchange.CodeSignatureInvalid
	var c interface{ Code() int }
	var te *trust.Error
	switch {
	case errors.As(err, &te):
		code = te.Code()
	case errors.As(err, &c):
		code = exchange.ErrorCode(c.Code())
	}
	at := signaturePosition(data)
	return &exchange.InvalidError{Findings: []exchange.Finding{{Code: code, Path: signaturePath, Line: at.line, Column: at.column, Message: err.Error()}}}
}

// signaturePosition is the position of the signature element in data — the profile puts
// it last in HI1Message, so it is the last start tag named Signature, with or without a
// prefix — or, when there is none, of the root element, the nearest element of the finding's
// path. The finding is reported on failure only, so the cost is one backward search and
// one count of newlines, with no second parse of a message that may be hostile; a tag
// inside a comment after the signature could mislead it, never more than the position.
// The column counts bytes of data as given.
func signaturePosition(data []byte) position {
	at := -1
	for end := len(data); at < 0; {
		i := bytes.LastIndex(data[:end], []byte("Signature"))
		if i < 0 {
			break
		}
		end = i
		if j := i + len("Signature"); j < len(data) && !strings.ContainsRune(" \t\r\n>/", rune(data[j])) {
			continue // SignatureValue, SignatureMethod, …
		}
		k := i
		if k > 0 && data[k-1] == ':' { // a prefix
			k--
			for k > 0 && isASCIINameByte(data[k-1]) {
				k--
			}
		}
		if k > 0 && data[k-1] == '<' { // a start tag, not an end tag or text
			at = k - 1
		}
	}
	if at < 0 {
		// The root: the first "<" that opens neither a declaration, a comment nor a PI.
		for i := 0; i < len(data)-1; i++ {
			if data[i] == '<' && data[i+1] != '?' && data[i+1] != '!' {
				at = i
				break
			}
		}
	}
	if at < 0 {
		return position{}
	}
	return position{1 + bytes.Count(data[:at], []byte("\n")), at - bytes.LastIndexByte(data[:at], '\n')}
}

func isASCIINameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.'
}

func dsigLimits(l exchange.Limits) xmldsig.Limits {
	return xmldsig.Limits{MaxBytes: int(min(l.MaxBytes, math.MaxInt32)), MaxDepth: l.MaxDepth}
}
