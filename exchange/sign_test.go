package exchange_test

import (
	"bytes"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/ecdsasig"
)

// testIdentities is a small PKI: a CA and signers for two parties, plus one from a CA the
// bundle does not hold.
type testIdentities struct {
	bundle           *trust.Bundle
	fr, de, outsider exchange.Signer
	frParty, deParty exchange.Party
}

func newTestIdentities(t *testing.T) *testIdentities {
	t.Helper()
	ca, err := trust.NewCA(trust.CARequest{CommonName: "jcx test CA"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := trust.NewCA(trust.CARequest{CommonName: "someone else's CA"})
	if err != nil {
		t.Fatal(err)
	}
	issue := func(p exchange.Party, issuer *trust.Authority) exchange.Signer {
		issued, err := trust.Issue(trust.IssueRequest{Party: p, Issuer: issuer})
		key, cert := issued.Key, issued.Certificate()
		if err != nil {
			t.Fatal(err)
		}
		return exchange.Signer{Key: key, Chain: []*x509.Certificate{cert}}
	}
	ids := &testIdentities{
		frParty: exchange.Party{CountryCode: "FR", UniqueIdentifier: "pj-paris"},
		deParty: exchange.Party{CountryCode: "DE", UniqueIdentifier: "gsta-berlin"},
	}
	ids.fr = issue(ids.frParty, ca)
	ids.de = issue(ids.deParty, ca)
	ids.outsider = issue(ids.frParty, other)
	ids.bundle, err = trust.LoadBundle(trust.MarshalCertificatePEM(ca.Certificate))
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// sampleSigning encodes the sample request from FR to DE in f and returns it with a
// function that signs it unchecked: some cases sign in someone else's name to test the
// receiver.
func sampleSigning(t *testing.T, ids *testIdentities, f exchange.Format) (plain []byte, sign func(exchange.Signer) []byte) {
	t.Helper()
	plain, err := exchange.Marshal(sampleRequest(ids.frParty, ids.deParty), f)
	if err != nil {
		t.Fatal(err)
	}
	return plain, func(s exchange.Signer) []byte {
		b, err := exchange.SignOptions{Unchecked: true}.Sign(plain, f, s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

func sampleRequest(from, to exchange.Party) *exchange.Message {
	return exchange.NewRequest(from, to, exchange.Action{GET: &exchange.GetAction{Identifier: "0b6f3c52-8f0e-4a43-9d1e-2f4f8b5a1c77"}})
}

func TestSignVerify(t *testing.T) {
	ids := newTestIdentities(t)
	opts := exchange.VerifyOptions{Trust: ids.bundle}
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		t.Run(f.String(), func(t *testing.T) {
			msg := sampleRequest(ids.frParty, ids.deParty)
			signed, err := exchange.SignMessage(msg, f, ids.fr)
			if err != nil {
				t.Fatal(err)
			}
			v, err := exchange.Verify(signed, exchange.FormatAuto, opts)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if v.Message.Header.TransactionIdentifier != msg.Header.TransactionIdentifier {
				t.Errorf("verified message differs from the signed one")
			}
			if !v.Signer.Names(trust.Party{CountryCode: "FR", UniqueIdentifier: "pj-paris"}) {
				t.Errorf("signer identity does not name the sender")
			}
			// The validation pipeline with a required signature accepts it too.
			val := exchange.NewValidator(exchange.Options{Signature: exchange.RequireSignature(opts)})
			if r := val.Validate(signed, f); !r.Valid() {
				t.Errorf("Validate with signature: %v", r.Findings)
			}
		})
	}
}

func TestVerifyRefuses(t *testing.T) {
	ids := newTestIdentities(t)
	opts := exchange.VerifyOptions{Trust: ids.bundle}
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		plain, sign := sampleSigning(t, ids, f)
		good := sign(ids.fr)
		tests := []struct {
			name string
			data []byte
			code exchange.ErrorCode
		}{
			{"unsigned", plain, exchange.CodeSignatureRequired},
			{"signed by another trusted party", sign(ids.de), exchange.CodeSignerNotSender},
			{"signer outside the bundle", sign(ids.outsider), exchange.CodeSignerNotTrusted},
			{"content changed after signing", bytes.Replace(good, []byte("pj-paris"), []byte("pj-lyon!"), 1), exchange.CodeSignatureInvalid},
			{"ECDSA twin with a high S", highSTwin(t, good, f), exchange.CodeSignatureInvalid},
		}
		if _, err := exchange.Verify(good, f, opts); err != nil {
			t.Fatalf("%s: the low-S original does not verify: %v", f, err)
		}
		for _, tc := range tests {
			t.Run(f.String()+"/"+tc.name, func(t *testing.T) {
				_, err := exchange.Verify(tc.data, f, opts)
				var inv *exchange.InvalidError
				if !errors.As(err, &inv) {
					t.Fatalf("Verify error = %v, want *InvalidError", err)
				}
				if !inv.Has(tc.code) {
					t.Errorf("findings %v, want code %d", inv.Findings, tc.code)
				}
			})
		}
	}
	t.Run("expired certificate", func(t *testing.T) {
		signed, err := exchange.SignMessage(sampleRequest(ids.frParty, ids.deParty), exchange.FormatXML, ids.fr)
		if err != nil {
			t.Fatal(err)
		}
		late := exchange.VerifyOptions{Trust: ids.bundle, Now: func() time.Time { return time.Now().AddDate(5, 0, 0) }}
		_, err = exchange.Verify(signed, exchange.FormatXML, late)
		var inv *exchange.InvalidError
		if !errors.As(err, &inv) || !inv.Has(exchange.CodeSignerNotTrusted) {
			t.Errorf("Verify five years on = %v, want 8003", err)
		}
	})
}

func TestSignRefusesInvalidMessage(t *testing.T) {
	ids := newTestIdentities(t)
	_, err := exchange.Sign([]byte(`{"Header":{}}`), exchange.FormatJSON, ids.fr)
	if !errors.Is(err, exchange.ErrInvalid) {
		t.Errorf("Sign(invalid) = %v, want ErrInvalid", err)
	}
}

// sigValues find the ECDSA P-256 signature of a signed message: the XML SignatureValue
// (standard base64) or the JWS signature (base64url).
var sigValues = map[exchange.Format]struct {
	re  *regexp.Regexp
	enc *base64.Encoding
}{
	exchange.FormatXML:  {regexp.MustCompile(`<ds:SignatureValue>([^<]*)</`), base64.StdEncoding},
	exchange.FormatJSON: {regexp.MustCompile(`"signature":"([^"]*)"`), base64.RawURLEncoding},
}

// highSTwin replaces the (low-S) ECDSA signature of signed by its twin (r, n−s), which
// the curve arithmetic accepts as well: the second serialisation Verify must refuse.
func highSTwin(t *testing.T, signed []byte, f exchange.Format) []byte {
	t.Helper()
	sv := sigValues[f]
	m := sv.re.FindSubmatchIndex(signed)
	if m == nil {
		t.Fatalf("%s: no signature value in %s", f, signed)
	}
	raw, err := sv.enc.DecodeString(string(signed[m[2]:m[3]]))
	if err != nil || len(raw) != 64 {
		t.Fatalf("%s: signature value %q: %v", f, signed[m[2]:m[3]], err)
	}
	twin := sv.enc.EncodeToString(ecdsasig.Twin(elliptic.P256(), raw))
	return append(append(bytes.Clone(signed[:m[2]]), twin...), signed[m[3]:]...)
}
