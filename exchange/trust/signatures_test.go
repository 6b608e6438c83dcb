package trust_test

import (
	"crypto"
	"crypto/x509"
	"errors"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange/trust"
	"github.com/jcx-dev/jcx/internal/jws"
	"github.com/jcx-dev/jcx/internal/xmldsig"
)

// TestSignatureToSender runs the whole decision on real signatures, XML and
// JSON: signature valid → signer trusted → signer is the header's sender.
// A valid, trusted signature by another party must end in 8004.
func TestSignatureToSender(t *testing.T) {
	ca, err := trust.NewCA(trust.CARequest{CommonName: "jcx test CA"})
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := trust.LoadBundle(trust.MarshalCertificatePEM(ca.Certificate))
	if err != nil {
		t.Fatal(err)
	}
	sender := trust.Party{CountryCode: "FR", UniqueIdentifier: "tj-paris.parquet"}
	other := trust.Party{CountryCode: "FR", UniqueIdentifier: "tj-lyon.parquet"}

	type verify func([]byte) ([]*x509.Certificate, error)
	mechanisms := map[string]struct {
		msg    string
		sign   func([]byte, crypto.Signer, []*x509.Certificate) ([]byte, error)
		verify verify
	}{
		"xml": {
			`<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header/></Message>`,
			xmldsig.Sign,
			func(b []byte) ([]*x509.Certificate, error) {
				r, err := xmldsig.Verify(b, xmldsig.VerifyOptions{})
				if err != nil {
					return nil, err
				}
				return r.Chain, nil
			},
		},
		"json": {
			`{"Header":{}}`,
			jws.Sign,
			func(b []byte) ([]*x509.Certificate, error) {
				r, err := jws.Verify(b)
				if err != nil {
					return nil, err
				}
				return r.Chain, nil
			},
		},
	}
	for name, m := range mechanisms {
		for _, alg := range []trust.KeyAlgorithm{trust.ECDSAP256, trust.RSA3072} {
			t.Run(name+"/"+string(alg), func(t *testing.T) {
				for _, tc := range []struct {
					signer trust.Party
					want   error
				}{
					{sender, nil},
					{other, trust.ErrNotSender},
				} {
					issued, err := trust.Issue(trust.IssueRequest{Party: tc.signer, Algorithm: alg, Issuer: ca})
					key, cert := issued.Key, issued.Certificate()
					if err != nil {
						t.Fatal(err)
					}
					signed, err := m.sign([]byte(m.msg), key, []*x509.Certificate{cert})
					if err != nil {
						t.Fatal(err)
					}
					chain, err := m.verify(signed)
					if err != nil {
						t.Fatal(err)
					}
					id, err := bundle.Verify(chain, time.Now())
					if err != nil {
						t.Fatal(err)
					}
					err = id.CheckSender(sender)
					if !errors.Is(err, tc.want) {
						t.Fatalf("signed by %v: CheckSender = %v, want %v", tc.signer, err, tc.want)
					}
					var coded interface{ Code() trust.ErrorCode }
					if tc.want != nil && (!errors.As(err, &coded) || coded.Code() != 8004) {
						t.Errorf("code = %v, want 8004", coded)
					}
				}
			})
		}
	}
}
