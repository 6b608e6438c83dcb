package jws

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// forge builds a Signature member over msg with any protected header, signed
// by sign over the JWS signing input. It lets the attack table produce
// validly signed but hostile signatures, so that each row shows the policy
// check firing rather than a failed signature.
func forge(t *testing.T, msg []byte, header map[string]any, sign func(input []byte) []byte) map[string]any {
	t.Helper()
	members, err := readMessage(msg, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	delete(members, Member)
	payload, err := canonical(members)
	if err != nil {
		t.Fatal(err)
	}
	h, err := json.Marshal(header)
	if err != nil {
		t.Fatal(err)
	}
	protected := base64.RawURLEncoding.EncodeToString(h)
	sig := sign([]byte(protected + "." + base64.RawURLEncoding.EncodeToString(payload)))
	return map[string]any{"protected": protected, "signature": base64.RawURLEncoding.EncodeToString(sig)}
}

// with returns msg with its Signature member set to sig (or removed if nil).
func with(t *testing.T, msg []byte, sig any) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(msg, &m); err != nil {
		t.Fatal(err)
	}
	if sig == nil {
		delete(m, Member)
	} else {
		m[Member] = sig
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func signer(key crypto.Signer, alg jose.SignatureAlgorithm) func([]byte) []byte {
	return func(input []byte) []byte {
		sig, err := signInput(key, string(alg), input)
		if err != nil {
			panic(err)
		}
		return sig
	}
}

func x5c(certs ...*x509.Certificate) []string {
	out := make([]string, len(certs))
	for i, c := range certs {
		out[i] = base64.StdEncoding.EncodeToString(c.Raw)
	}
	return out
}

// otherP256 is an attacker's self-signed P-256 identity.
func otherP256(t *testing.T) (crypto.Signer, *x509.Certificate) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "attacker"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return key, cert
}

type attackRow struct {
	name string
	msg  []byte
	want error
	why  string
}

// A keyMismatch is a protected header whose alg is of another key type than the x5c
// certificate's, over a signature that alg's key made; control is the same header with
// the certificate's own alg, signed by the certificate's key.
type keyMismatch struct {
	name, why string
	want      error
	alg, ctl  jose.SignatureAlgorithm // the header's alg, and the certificate's own
	cert      string                  // testdata/pki name of the x5c certificate
	signer    string                  // testdata/pki name of the key that signs under alg
	jose      string                  // why the npm jose package refuses it
}

// keyMismatches: PS256 and RS256 over a P-256 key, ES256 over an RSA key.
func keyMismatches(t *testing.T) []keyMismatch {
	return []keyMismatch{
		{name: "PS256 over a P-256 key", alg: jose.PS256, ctl: jose.ES256, cert: "es256", signer: "ps256", want: ErrAlgorithm, why: "alg PS256 does not match the signer's key (ES256)", jose: "Invalid key type"},
		{name: "RS256 over a P-256 key", alg: jose.RS256, ctl: jose.ES256, cert: "es256", signer: "ps256", want: ErrAlgorithm, why: "not allowed", jose: "ERR_JOSE_ALG_NOT_ALLOWED"},
		{name: "ES256 over an RSA key", alg: jose.ES256, ctl: jose.PS256, cert: "ps256", signer: "es256", want: ErrAlgorithm, why: "alg ES256 does not match the signer's key (PS256)", jose: "Invalid key type"},
	}
}

// signed returns msg signed under the mismatched alg, or with control under the
// certificate's own.
func (m keyMismatch) signed(t *testing.T, msg []byte, control bool) []byte {
	_, cert := testKey(t, m.cert)
	alg, key := m.alg, m.signer
	if control {
		alg, key = m.ctl, m.cert
	}
	k, _ := testKey(t, key)
	sign := signer(k, alg)
	if alg == jose.RS256 {
		sign = func(in []byte) []byte { // signInput signs the profile's algs only
			d := sha256.Sum256(in)
			s, err := k.Sign(rand.Reader, d[:], crypto.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	h := map[string]any{"alg": string(alg), "typ": Type, "x5c": x5c(cert)}
	return with(t, msg, forge(t, msg, h, sign))
}

func (m keyMismatch) row(t *testing.T, msg []byte) attackRow {
	return attackRow{m.name, m.signed(t, msg, false), m.want, m.why}
}

func TestVerifyRefuses(t *testing.T) {
	msg := testMessage(t)
	signed := signTestMessage(t, "es256")
	es, esCert := testKey(t, "es256")
	ps, psCert := testKey(t, "ps256")
	ed, _ := testKey(t, "eddsa")
	_, p521Cert := testKey(t, "p521")
	evil, evilCert := otherP256(t)
	hdr := func(alg string, certs []*x509.Certificate, extra ...any) map[string]any {
		h := map[string]any{"alg": alg, "typ": Type, "x5c": x5c(certs...)}
		for i := 0; i+1 < len(extra); i += 2 {
			if extra[i+1] == nil {
				delete(h, extra[i].(string))
			} else {
				h[extra[i].(string)] = extra[i+1]
			}
		}
		return h
	}
	var sig map[string]any
	if err := json.Unmarshal(signed, &struct{ Signature *map[string]any }{&sig}); err != nil {
		t.Fatal(err)
	}
	sigWith := func(k string, v any) map[string]any {
		c := map[string]any{}
		for kk, vv := range sig {
			c[kk] = vv
		}
		c[k] = v
		return c
	}
	es256 := signer(es, jose.ES256)
	mismatches := keyMismatches(t)
	if len(mismatches) != 3 {
		t.Fatalf("%d key mismatches, the table takes 3", len(mismatches))
	}

	for _, tc := range []attackRow{
		// --- algorithm confusion ---
		{"alg none", with(t, msg, forge(t, msg, hdr("none", []*x509.Certificate{esCert}), func([]byte) []byte { return nil })), ErrAlgorithm, "not allowed"},
		{
			// The classic: HMAC keyed with the public key a verifier holds.
			"HS256 keyed with the public key",
			with(t, msg, forge(t, msg, hdr("HS256", []*x509.Certificate{esCert}), func(in []byte) []byte {
				m := hmac.New(sha256.New, esCert.RawSubjectPublicKeyInfo)
				m.Write(in)
				return m.Sum(nil)
			})),
			ErrAlgorithm, "not allowed",
		},
		{
			"RS256 (PKCS #1 v1.5) by a valid RSA key",
			with(t, msg, forge(t, msg, hdr("RS256", []*x509.Certificate{psCert}), func(in []byte) []byte {
				d := sha256.Sum256(in)
				s, _ := ps.Sign(rand.Reader, d[:], crypto.SHA256)
				return s
			})),
			ErrAlgorithm, "not allowed",
		},
		{"ES512 by a P-521 key", with(t, msg, forge(t, msg, hdr("ES512", []*x509.Certificate{p521Cert}), func(in []byte) []byte { return []byte{1} })), ErrAlgorithm, "not allowed"},
		{"P-521 key claiming ES256", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{p521Cert}), func(in []byte) []byte { return []byte{1} })), ErrAlgorithm, "curve"},
		{"alg in lower case", with(t, msg, forge(t, msg, hdr("es256", []*x509.Certificate{esCert}), es256)), ErrAlgorithm, "not allowed"},
		{"alg not a string", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "alg", 1), es256)), ErrInvalid, "malformed protected"},
		{"alg missing", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "alg", nil), es256)), ErrInvalid, "no alg"},
		{
			// Header claims EdDSA, key is P-256: key confusion.
			"alg does not match the x5c key",
			with(t, msg, forge(t, msg, hdr("EdDSA", []*x509.Certificate{esCert}), signer(ed, jose.EdDSA))),
			ErrAlgorithm, "does not match",
		},
		// Key confusion with the other key types (keyMismatches).
		mismatches[0].row(t, msg), mismatches[1].row(t, msg), mismatches[2].row(t, msg),
		{
			// go-jose's own crypto.Signer adapter signs PS256 with the
			// largest salt; RFC 7518 allows only 32 bytes.
			"PS256 with a non-standard salt",
			with(t, msg, forge(t, msg, hdr("PS256", []*x509.Certificate{psCert}), func(in []byte) []byte {
				d := sha256.Sum256(in)
				s, _ := ps.Sign(rand.Reader, d[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto, Hash: crypto.SHA256})
				return s
			})),
			ErrInvalid, "salt",
		},

		// --- header parameters ---
		{"unknown crit", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "crit", []string{"exp"}, "exp", 1), es256)), ErrInvalid, "crit"},
		{
			// RFC 7797: with b64:false the signing input holds the raw
			// payload, so the same bytes could verify as another message.
			"b64 false with crit",
			with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "b64", false, "crit", []string{"b64"}), es256)),
			ErrInvalid, "crit",
		},
		{"b64 false without crit", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "b64", false), es256)), ErrInvalid, `"b64"`},
		{"b64 true", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "b64", true), es256)), ErrInvalid, `"b64"`},
		{
			"embedded jwk of the attacker",
			with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{evilCert}, "jwk", map[string]any{"kty": "EC"}), signer(evil, jose.ES256))),
			ErrInvalid, `"jwk"`,
		},
		{"jku", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "jku", "https://evil.example/k"), es256)), ErrInvalid, `"jku"`},
		{"x5u", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "x5u", "https://evil.example/c"), es256)), ErrInvalid, `"x5u"`},
		{"x5c missing", with(t, msg, forge(t, msg, hdr("ES256", nil, "x5c", nil), es256)), ErrInvalid, "x5c"},
		{"x5c not base64", with(t, msg, forge(t, msg, hdr("ES256", nil, "x5c", []string{"!!"}), es256)), ErrInvalid, "x5c"},

		// --- registered names in another case: not the parameter, and refused ---
		{"ALG beside alg", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "ALG", "none"), es256)), ErrInvalid, "case-sensitive"},
		{"B64", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "B64", false), es256)), ErrInvalid, "case-sensitive"},
		{"Crit", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "Crit", []string{"exp"}, "exp", 1), es256)), ErrInvalid, "case-sensitive"},
		{"JWK", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "JWK", map[string]any{"kty": "EC"}), es256)), ErrInvalid, "case-sensitive"},
		{"X5c beside x5c", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "X5c", x5c(evilCert)), es256)), ErrInvalid, "case-sensitive"},
		{"X5T#s256", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "X5T#s256", thumb(evilCert)), es256)), ErrInvalid, "case-sensitive"},
		{"Typ in the unprotected header", with(t, msg, sigWith("header", map[string]any{"Typ": "JWT"})), ErrInvalid, "case-sensitive"},
		{"ALG in the unprotected header", with(t, msg, sigWith("header", map[string]any{"ALG": "none"})), ErrInvalid, "case-sensitive"},

		// --- certificate thumbprints ---
		{"x5t#S256 naming another certificate", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "x5t#S256", thumb(evilCert)), es256)), ErrInvalid, "x5t#S256 does not match"},
		{"x5t#S256 of an intermediate", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert, evilCert}, "x5t#S256", thumb(evilCert)), es256)), ErrInvalid, "x5t#S256 does not match"},
		{"x5t#S256 padded", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "x5t#S256", thumb(esCert)+"="), es256)), ErrInvalid, "not base64url"},
		{"x5t#S256 not a string", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "x5t#S256", 1), es256)), ErrInvalid, "not a string"},
		{"x5t#S256 unprotected", with(t, msg, sigWith("header", map[string]any{"x5t#S256": thumb(esCert)})), ErrInvalid, "unprotected"},
		{"x5t, a SHA-1 thumbprint", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "x5t", sha1Thumb(esCert)), es256)), ErrAlgorithm, "x5t"},
		{
			// The attacker signs and presents the victim's certificate.
			"x5c swapped to the victim's certificate",
			with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}), signer(evil, jose.ES256))),
			ErrInvalid, "does not verify",
		},
		{
			// The victim's signature with the attacker's certificate.
			"x5c swapped to another certificate",
			with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{evilCert}), es256)),
			ErrInvalid, "does not verify",
		},
		{"kid not a string", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "kid", 1), es256)), ErrInvalid, `"kid" is not a string`},
		{"nonce not a string", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "nonce", []int{}), es256)), ErrInvalid, `"nonce" is not a string`},
		{"ECDSA signature in DER", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}), func(in []byte) []byte {
			d := sha256.Sum256(in)
			s, _ := es.Sign(rand.Reader, d[:], crypto.SHA256)
			return s
		})), ErrInvalid, "does not verify"},
		{"typ missing", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "typ", nil), es256)), ErrInvalid, "typ"},
		{"typ JWT", with(t, msg, forge(t, msg, hdr("ES256", []*x509.Certificate{esCert}, "typ", "JWT"), es256)), ErrInvalid, "typ"},
		{"x5c only unprotected", with(t, msg, sigWith("header", map[string]any{"x5c": x5c(esCert)})), ErrInvalid, "unprotected"},
		{"alg unprotected", with(t, msg, sigWith("header", map[string]any{"alg": "none"})), ErrInvalid, "unprotected"},
		{"crit unprotected", with(t, msg, sigWith("header", map[string]any{"crit": []string{"x"}})), ErrInvalid, "unprotected"},
		{"duplicate alg in protected header", with(t, msg, sigWith("protected", base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"ES256","alg":"none"}`)))), ErrInvalid, "duplicate"},
		{"protected header padded", with(t, msg, sigWith("protected", sig["protected"].(string)+"=")), ErrInvalid, "base64url"},
		{"protected header not JSON", with(t, msg, sigWith("protected", "bm90IGpzb24")), ErrInvalid, "JSON"},

		// --- shape of the Signature member ---
		{"signature stripped", with(t, msg, nil), ErrMissing, ""},
		{"Signature moved into a nested object", []byte(strings.Replace(string(with(t, signed, nil)), `"Header":{`, `"Header":{"Signature":`+mustJSON(t, sig)+`,`, 1)), ErrMissing, ""},
		{"Signature duplicated", []byte(strings.Replace(string(signed), `"Signature":`, `"Signature":{},"Signature":`, 1)), ErrInvalid, "duplicate"},
		{"Signature is a string", with(t, msg, "x"), ErrInvalid, "not a JSON object"},
		{"attached payload", with(t, msg, sigWith("payload", "e30")), ErrInvalid, "detached"},
		{"general serialization", with(t, msg, map[string]any{"signatures": []any{sig}}), ErrInvalid, "unexpected member"},
		{"empty signature", with(t, msg, sigWith("signature", "")), ErrInvalid, "no signature"},
		{"signature padded", with(t, msg, sigWith("signature", sig["signature"].(string)+"==")), ErrInvalid, "malformed"},
		{"signature of another message", with(t, msg, forge(t, []byte(`{"a":1}`), hdr("ES256", []*x509.Certificate{esCert}), es256)), ErrInvalid, "does not verify"},

		// --- strict JSON in the signed content ---
		{"duplicate member in content", []byte(strings.Replace(string(signed), `"Receiver":`, `"Sender":{"CountryCode":"ZZ"},"Receiver":`, 1)), ErrInvalid, "duplicate"},
		{"duplicate member spelt with an escape", []byte(strings.Replace(string(signed), `"Receiver":`, `"\u0053ender":{},"Receiver":`, 1)), ErrInvalid, "duplicate"},
		{"integer beyond 2^53", []byte(strings.Replace(string(signed), `"ActionIdentifier":0`, `"ActionIdentifier":9007199254740993`, 1)), ErrInvalid, "2^53"},
		{"lone surrogate", []byte(strings.Replace(string(signed), `"prosecutor-1"`, `"prosecutor-\ud800"`, 1)), ErrInvalid, "surrogate"},
		{"invalid UTF-8", []byte(strings.Replace(string(signed), `"prosecutor-1"`, "\"prosecutor-\xff\"", 1)), ErrInvalid, "UTF-8"},
		{"trailing data", append(signed, " {}"...), ErrInvalid, "after the JSON value"},
		{"not an object", []byte(`[` + string(signed) + `]`), ErrInvalid, "not a JSON object"},
		{"deep nesting", []byte(strings.Repeat("[", 100000)), ErrInvalid, "nesting"},
		{"empty input", nil, ErrInvalid, "end of input"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := Verify(tc.msg)
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

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestVerifyTamperEveryMember changes, adds and removes each member of a
// signed message in turn; every change must break the signature.
func TestVerifyTamperEveryMember(t *testing.T) {
	signed := signTestMessage(t, "eddsa")
	var root map[string]any
	if err := json.Unmarshal(signed, &root); err != nil {
		t.Fatal(err)
	}
	sig := root[Member]
	delete(root, Member)
	var variants []string
	var walk func(v any, path string, set func(any))
	walk = func(v any, path string, set func(any)) {
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				walk(child, path+"/"+k, func(n any) { x[k] = n })
				delete(x, k) // removed member
				variants = append(variants, "remove "+path+"/"+k+"\x00"+mustJSON(t, root))
				x[k] = child
			}
			x["extra"] = 1 // added member
			variants = append(variants, "add "+path+"/extra\x00"+mustJSON(t, root))
			delete(x, "extra")
		case []any:
			for i, child := range x {
				walk(child, path+"/"+string(rune('0'+i)), func(n any) { x[i] = n })
			}
		default:
			var changed any
			switch y := x.(type) {
			case string:
				changed = y + "x"
			case float64:
				changed = y - 1
			case bool:
				changed = !y
			case nil:
				changed = 0
			}
			set(changed)
			variants = append(variants, "change "+path+"\x00"+mustJSON(t, root))
			set(x)
		}
	}
	walk(root, "", nil)
	if len(variants) < 40 {
		t.Fatalf("only %d variants", len(variants))
	}
	for _, v := range variants {
		name, body, _ := strings.Cut(v, "\x00")
		t.Run(name, func(t *testing.T) {
			if _, err := Verify(with(t, []byte(body), sig)); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "does not verify") {
				t.Fatalf("err = %v, want a failed signature", err)
			}
		})
	}
}

// thumb is the x5t#S256 of a certificate: base64url SHA-256 of its DER.
func thumb(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// sha1Thumb is the x5t of a certificate: base64url SHA-1 of its DER.
func sha1Thumb(c *x509.Certificate) string {
	sum := sha1.Sum(c.Raw)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// TestVerifyThumbprint: an x5t#S256 that names the signing certificate is accepted,
// in the protected header, as RFC 7515 §4.1.8 defines it.
func TestVerifyThumbprint(t *testing.T) {
	msg := testMessage(t)
	es, esCert := testKey(t, "es256")
	h := map[string]any{"alg": "ES256", "typ": Type, "x5c": x5c(esCert), "x5t#S256": thumb(esCert)}
	if _, err := Verify(with(t, msg, forge(t, msg, h, signer(es, jose.ES256)))); err != nil {
		t.Fatalf("x5t#S256 of the signer: %v", err)
	}
}
