package trust

import (
	"crypto/x509"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// partyURIPrefix starts every party name in a certificate's SAN.
const partyURIPrefix = "urn:jcx:party:"

// maxUniqueIdentifier is the longest UniqueIdentifier a header allows.
const maxUniqueIdentifier = 255

// Party is an endpoint: a country and an identifier unique within it (an authority, a
// service provider, a central authority). It is the one party type of jcx: the Sender and
// Receiver of a message header (exchange.Party is this type), the party a certificate
// names, and the implementation a conformance run certifies.
type Party struct {
	CountryCode      string `xml:"CountryCode" json:"CountryCode"`           // ISO 3166-1 alpha-2, upper case ("XX" in test profiles)
	UniqueIdentifier string `xml:"UniqueIdentifier" json:"UniqueIdentifier"` // 1–255 characters, no control characters
}

// String returns the party's one text form for people, CC/UniqueIdentifier (such as
// "NL/om-rotterdam"), used in every message jcx writes. It is not meant to be parsed
// back: the UniqueIdentifier may itself contain '/'. Certificates name a party by URI.
func (p Party) String() string { return p.CountryCode + "/" + p.UniqueIdentifier }

// URI returns the SAN URI naming p: urn:jcx:party:<CC>:<UniqueIdentifier>,
// with every byte of UniqueIdentifier outside RFC 3986's unreserved set
// (ALPHA DIGIT - . _ ~) percent-encoded, so ':', '/', spaces and non-ASCII
// letters are unambiguous.
func (p Party) URI() string {
	var b strings.Builder
	b.WriteString(partyURIPrefix + p.CountryCode + ":")
	for i := 0; i < len(p.UniqueIdentifier); i++ {
		c := p.UniqueIdentifier[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// Validate checks p against the rules of a message header: CountryCode is two upper-case
// letters (whether they name a country, or XX in a test profile, is the validator's
// business), UniqueIdentifier is 1 to 255 characters of UTF-8 without control
// characters. An error matches ErrInvalidParty.
func (p Party) Validate() error {
	cc := p.CountryCode
	if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
		return invalidParty("CountryCode %q is not two upper-case letters", cc)
	}
	id := p.UniqueIdentifier
	if id == "" || utf8.RuneCountInString(id) > maxUniqueIdentifier || !utf8.ValidString(id) {
		return invalidParty("UniqueIdentifier must be 1 to %d characters of UTF-8", maxUniqueIdentifier)
	}
	for _, r := range id {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return invalidParty("UniqueIdentifier contains a control character")
		}
	}
	return nil
}

// parties returns the parties named by cert's urn:jcx:party: SAN URIs.
// Malformed ones are skipped: they name nobody.
func parties(cert *x509.Certificate) []Party {
	var out []Party
	for _, u := range cert.URIs {
		s := u.String()
		if !strings.HasPrefix(s, partyURIPrefix) {
			continue
		}
		cc, enc, ok := strings.Cut(s[len(partyURIPrefix):], ":")
		if !ok {
			continue
		}
		id, err := url.PathUnescape(enc)
		if err != nil {
			continue
		}
		out = append(out, Party{CountryCode: cc, UniqueIdentifier: id})
	}
	return out
}

// CheckSender applies the identity rule (see the package documentation):
// cert names p when its Subject Country is exactly p.CountryCode and one of
// its SAN URIs is p.URI() (compared after percent-decoding). A mismatch is
// an error with code 8004.
func CheckSender(cert *x509.Certificate, p Party) error {
	if cert == nil {
		return notSender("no signer certificate")
	}
	c := cert.Subject.Country
	if len(c) != 1 || c[0] != p.CountryCode {
		return notSender("signer certificate's country %q is not the sender's %q", strings.Join(c, ","), p.CountryCode)
	}
	for _, named := range parties(cert) {
		if named == p {
			return nil
		}
	}
	return notSender("signer certificate does not name %s", p.URI())
}

// Identity is a signer certificate that chains to the trust bundle.
type Identity struct {
	// Certificate is the signer's (leaf) certificate.
	Certificate *x509.Certificate
	// Chain is the verified path, signer first, ending at the bundle
	// certificate that anchors it (the signer itself when pinned).
	Chain []*x509.Certificate
}

// Parties lists the parties the certificate names in its SAN URIs. Whether
// it may speak for one of them is CheckSender's decision, which also looks
// at the Subject Country.
func (id Identity) Parties() []Party { return parties(id.Certificate) }

// Names reports whether the identity is p, by the rule of CheckSender.
func (id Identity) Names(p Party) bool { return CheckSender(id.Certificate, p) == nil }

// CheckSender is CheckSender(id.Certificate, p).
func (id Identity) CheckSender(p Party) error { return CheckSender(id.Certificate, p) }
