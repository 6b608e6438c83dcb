package jws

import (
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"

	"github.com/jcx-dev/jcx/internal/ecdsasig"
)

const attachedType = "example-statement+json"

var attachedPayload = []byte(`{"statement":"passed","count":131}`)

// attached builds a flattened JWS with any protected header and payload, signed by
// sign, and any extra members: the attack table's raw material.
func attached(t *testing.T, header map[string]any, payload []byte, sign func([]byte) []byte, extra map[string]any) []byte {
	t.Helper()
	h, err := json.Marshal(header)
	if err != nil {
		t.Fatal(err)
	}
	protected := base64.RawURLEncoding.EncodeToString(h)
	p := base64.RawURLEncoding.EncodeToString(payload)
	m := map[string]any{"protected": protected, "payload": p,
		"signature": base64.RawURLEncoding.EncodeToString(sign([]byte(protected + "." + p)))}
	for k, v := range extra {
		m[k] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAttachedRoundTrip(t *testing.T) {
	for _, name := range []string{"es256", "es384", "ps256", "eddsa"} {
		t.Run(name, func(t *testing.T) {
			key, cert := testKey(t, name)
			signed, err := SignAttached(attachedPayload, attachedType, key, []*x509.Certificate{cert})
			if err != nil {
				t.Fatal(err)
			}
			res, err := VerifyAttached(signed, attachedType, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Payload) != string(attachedPayload) || !res.Chain[0].Equal(cert) {
				t.Errorf("payload %q, signer %s", res.Payload, res.Chain[0].Subject)
			}
			// go-jose, as an independent reader, verifies what we write.
			j, err := jose.ParseSignedJSON(string(signed), []jose.SignatureAlgorithm{jose.ES256, jose.ES384, jose.PS256, jose.EdDSA})
			if err != nil {
				t.Fatal(err)
			}
			got, err := j.Verify(cert.PublicKey)
			if err != nil || string(got) != string(attachedPayload) {
				t.Errorf("go-jose: %q, %v", got, err)
			}
			if _, err := VerifyAttached(signed, "other+json", Limits{}); !errors.Is(err, ErrInvalid) {
				t.Errorf("another typ: %v, want ErrInvalid", err)
			}
		})
	}
}

// TestAttachedFromJose: what go-jose signs verifies here, except a high-S ECDSA
// signature, which is refused as the twin of its low-S form.
func TestAttachedFromJose(t *testing.T) {
	for name, alg := range map[string]jose.SignatureAlgorithm{"es256": jose.ES256, "ps256": jose.PS256, "eddsa": jose.EdDSA} {
		t.Run(name, func(t *testing.T) {
			key, cert := testKey(t, name)
			opts := (&jose.SignerOptions{}).WithType(attachedType).WithHeader("x5c", x5c(cert))
			s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, opts)
			if err != nil {
				t.Fatal(err)
			}
			// Several signatures: a P-256 signature has a high S half the time.
			for range 8 {
				j, err := s.Sign(attachedPayload)
				if err != nil {
					t.Fatal(err)
				}
				signed := []byte(j.FullSerialize())
				_, err = VerifyAttached(signed, attachedType, Limits{})
				if alg == jose.ES256 {
					sig := j.Signatures[0].Signature
					if low := ecdsasig.Normalize(elliptic.P256(), sig); string(low) != string(sig) {
						if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "high S") {
							t.Errorf("high S from go-jose: %v, want refused", err)
						}
						continue
					}
				}
				if err != nil {
					t.Errorf("go-jose's JWS: %v", err)
				}
			}
		})
	}
}

func TestVerifyAttachedRefuses(t *testing.T) {
	key, cert := testKey(t, "es256")
	rsaKey, rsaCert := testKey(t, "ps256")
	good := map[string]any{"alg": "ES256", "typ": attachedType, "x5c": x5c(cert)}
	header := func(changes map[string]any) map[string]any {
		h := map[string]any{}
		for k, v := range good {
			h[k] = v
		}
		for k, v := range changes {
			if v == nil {
				delete(h, k)
			} else {
				h[k] = v
			}
		}
		return h
	}
	es := signer(key, jose.ES256)
	hs := func(in []byte) []byte { m := hmac.New(sha256.New, cert.Raw); m.Write(in); return m.Sum(nil) }
	highS := func(in []byte) []byte { return ecdsasig.Twin(elliptic.P256(), es(in)) }

	tests := []struct {
		name string
		jws  []byte
		want error
		says string // in the error text, where the sentinel alone would not show the reason
	}{
		{"control: well formed", attached(t, good, attachedPayload, es, nil), nil, ""},
		{"high-S twin of a valid signature", attached(t, good, attachedPayload, highS, nil), ErrInvalid, "high S"},
		{"alg none", attached(t, header(map[string]any{"alg": "none"}), attachedPayload, func([]byte) []byte { return nil }, nil), ErrAlgorithm, ""},
		{"HS256 keyed with the certificate", attached(t, header(map[string]any{"alg": "HS256"}), attachedPayload, hs, nil), ErrAlgorithm, ""},
		{"ES512 is not in the profile", attached(t, header(map[string]any{"alg": "ES512"}), attachedPayload, es, nil), ErrAlgorithm, ""},
		{"RSA key under an ECDSA alg", attached(t, header(map[string]any{"x5c": x5c(rsaCert)}), attachedPayload, signer(rsaKey, jose.PS256), nil), ErrAlgorithm, ""},
		{"ALG beside alg", attached(t, header(map[string]any{"ALG": "none"}), attachedPayload, es, nil), ErrInvalid, "case-sensitive"},
		{"X5c instead of x5c", attached(t, header(map[string]any{"x5c": nil, "X5c": x5c(cert)}), attachedPayload, es, nil), ErrInvalid, ""},
		{"x5t#S256 naming another certificate", attached(t, header(map[string]any{"x5t#S256": thumb(rsaCert)}), attachedPayload, es, nil), ErrInvalid, "x5t#S256"},
		{"jwk names the key", attached(t, header(map[string]any{"jwk": map[string]any{"kty": "oct"}}), attachedPayload, es, nil), ErrInvalid, ""},
		{"crit", attached(t, header(map[string]any{"crit": []string{"exp"}, "exp": 1}), attachedPayload, es, nil), ErrInvalid, ""},
		{"typ of a message signature", attached(t, header(map[string]any{"typ": Type}), attachedPayload, es, nil), ErrInvalid, "typ must be"},
		{"no typ", attached(t, header(map[string]any{"typ": nil}), attachedPayload, es, nil), ErrInvalid, ""},
		{"unprotected header", attached(t, good, attachedPayload, es, map[string]any{"header": map[string]any{"kid": "x"}}), ErrInvalid, ""},
		{"general serialization", attached(t, good, attachedPayload, es, map[string]any{"signatures": []any{}}), ErrInvalid, ""},
		{"empty payload", attached(t, good, nil, es, nil), ErrInvalid, ""},
		{"signature over another payload", func() []byte {
			b := attached(t, good, attachedPayload, es, nil)
			var m map[string]string
			json.Unmarshal(b, &m)
			m["payload"] = base64.RawURLEncoding.EncodeToString([]byte(`{"statement":"failed","count":131}`))
			out, _ := json.Marshal(m)
			return out
		}(), ErrInvalid, ""},
		{"duplicate payload member", []byte(`{"payload":"e30","payload":"e30","protected":"e30","signature":"AA"}`), ErrInvalid, ""},
		{"not an object", []byte(`["payload"]`), ErrInvalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := VerifyAttached(tt.jws, attachedType, Limits{})
			if tt.want == nil {
				if err != nil {
					t.Fatalf("control refused: %v", err)
				}
				if string(res.Payload) != string(attachedPayload) {
					t.Fatalf("payload %q", res.Payload)
				}
				return
			}
			if !errors.Is(err, tt.want) || !strings.Contains(fmt.Sprint(err), tt.says) {
				t.Fatalf("err = %v, want %v saying %q", err, tt.want, tt.says)
			}
		})
	}
}

func TestSignAttachedRefuses(t *testing.T) {
	key, cert := testKey(t, "es256")
	_, other := testKey(t, "eddsa")
	p521, p521Cert := testKey(t, "p521")
	for name, f := range map[string]func() error{
		"typ that needs escaping": func() error {
			_, err := SignAttached(attachedPayload, `a"b`, key, []*x509.Certificate{cert})
			return err
		},
		"certificate of another key": func() error {
			_, err := SignAttached(attachedPayload, attachedType, key, []*x509.Certificate{other})
			return err
		},
		"P-521 key": func() error {
			_, err := SignAttached(attachedPayload, attachedType, p521, []*x509.Certificate{p521Cert})
			return err
		},
	} {
		if err := f(); err == nil {
			t.Errorf("%s: signed", name)
		}
	}
}
