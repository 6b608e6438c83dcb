package exchange_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// thirdParty matches what the libraries jcx is built on write into their errors. A
// finding speaks jcx's words: what failed and what to check.
var thirdParty = regexp.MustCompile(`(?i)go-jose|jose:|square/|gowebpki|jcs:|goxmldsig|russellhaering|etree|beevik|santhosh|jsonschema|cryptographic primitive`)

// TestTamperedSignatureFindings tampers with signed messages in each place a signature
// covers and checks the finding: its code, and a message of jcx's own.
func TestTamperedSignatureFindings(t *testing.T) {
	ids := newTestIdentities(t)
	opts := exchange.VerifyOptions{Trust: ids.bundle}
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		plain, sign := sampleSigning(t, ids, f)
		good := sign(ids.fr)
		type tamper struct {
			name string
			data []byte
			code exchange.ErrorCode
		}
		cases := []tamper{
			{"content changed", bytes.Replace(good, []byte("pj-paris"), []byte("pj-lyon!"), 1), exchange.CodeSignatureInvalid},
			{"signature value changed", tamperSignatureValue(t, good, f), exchange.CodeSignatureInvalid},
			{"signature removed", plain, exchange.CodeSignatureRequired},
			{"signed by an outsider", sign(ids.outsider), exchange.CodeSignerNotTrusted},
			{"signed by another party", sign(ids.de), exchange.CodeSignerNotSender},
		}
		if f == exchange.FormatXML {
			cases = append(cases,
				tamper{"digest changed", flipAfter(t, good, "<ds:DigestValue>"), exchange.CodeSignatureInvalid},
				tamper{"certificate changed", flipAfter(t, good, "<ds:X509Certificate>MIIB"), exchange.CodeSignatureInvalid},
				tamper{"signature value truncated", cutAfter(t, good, "<ds:SignatureValue>", "</ds:SignatureValue>"), exchange.CodeSignatureInvalid},
			)
		} else {
			cases = append(cases,
				tamper{"protected header changed", replaceProtected(t, good, `"alg":"ES256"`, `"alg":"ES384"`), exchange.CodeAlgorithm},
				tamper{"protected header not base64url", flipAfter(t, good, `"protected":"`), exchange.CodeSignatureInvalid},
				tamper{"signature value truncated", cutAfter(t, good, `"signature":"`, `"`), exchange.CodeSignatureInvalid},
			)
		}
		for _, tc := range cases {
			_, err := exchange.Verify(tc.data, f, opts)
			var inv *exchange.InvalidError
			if !errors.As(err, &inv) || len(inv.Findings) != 1 {
				t.Errorf("%s %s: Verify = %v, want one finding", f, tc.name, err)
				continue
			}
			fd := inv.Findings[0]
			if fd.Code != tc.code {
				t.Errorf("%s %s: %v, want code %d", f, tc.name, fd, tc.code)
			}
			if thirdParty.MatchString(fd.Message) {
				t.Errorf("%s %s: %v: the message is a library's, not jcx's", f, tc.name, fd)
			}
		}
	}
}

// flipAfter changes the character after the first occurrence of at.
func flipAfter(t *testing.T, data []byte, at string) []byte {
	t.Helper()
	i := bytes.Index(data, []byte(at))
	if i < 0 {
		t.Fatalf("no %s in the signed message", at)
	}
	out := bytes.Clone(data)
	j := i + len(at)
	if out[j] == '!' {
		out[j] = '-'
	} else {
		out[j] = '!'
	}
	return out
}

// cutAfter removes the second half of the text between from and to.
func cutAfter(t *testing.T, data []byte, from, to string) []byte {
	t.Helper()
	i := bytes.Index(data, []byte(from))
	if i < 0 {
		t.Fatalf("no %s in the signed message", from)
	}
	i += len(from)
	n := bytes.Index(data[i:], []byte(to))
	return append(bytes.Clone(data[:i+n/2]), data[i+n:]...)
}

// replaceProtected rewrites the JWS protected header, keeping it well-formed base64url.
func replaceProtected(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	re := regexp.MustCompile(`"protected":"([A-Za-z0-9_-]+)"`)
	m := re.FindSubmatch(data)
	if m == nil {
		t.Fatal("no protected header")
	}
	h, err := base64.RawURLEncoding.DecodeString(string(m[1]))
	if err != nil || !strings.Contains(string(h), old) {
		t.Fatalf("protected header %s does not contain %s", h, old)
	}
	enc := base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(h), old, new, 1)))
	return bytes.Replace(data, m[1], []byte(enc), 1)
}
