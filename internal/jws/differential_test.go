package jws

import (
	"bytes"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/jcx-dev/jcx/internal/ecdsasig"
)

// certMark in a fuzzed protected header stands for the signer's certificate as
// an x5c string, so that the fuzzer need not carry a kilobyte of base64 to
// reach the checks behind x5c.
const certMark = `"$C"`

// FuzzVerifyMatchesJose holds Verify to the go-jose path it replaced
// (verifyWithJose): the same verdict, the same code when both refuse, the same
// result when both accept. The fuzzer writes the protected header JSON, which
// is then signed with a real key, so the checks behind the signature are
// reached; it may also bend the base64 of both parts, sign the header as sent
// or as go-jose re-encoded it, and add members to the Signature object.
//
// Verify may refuse what go-jose accepted, or refuse with another code, only
// for a reason stricterReason names. (A header with "Alg": "HS256" and no
// "alg" was refused as an alg not allowed, 8005; it is now a header without
// alg, 8002.)
func FuzzVerifyMatchesJose(f *testing.F) {
	for i, alg := range []string{"ES256", "ES384", "PS256", "EdDSA"} {
		h := `{"alg":"` + alg + `","typ":"application/jcx+json","x5c":[` + certMark + `]}`
		f.Add(uint8(i), h, "", uint8(0), "", "")
		f.Add(uint8(i), `{"alg":"`+alg+`","kid":1,"typ":"jcx+json","x5c":[`+certMark+`]}`, "", uint8(0), "", "")
		f.Add(uint8(i), `{"alg":"`+alg+`","nonce":null,"cty":7,"x5t":[],"typ":"jcx+json","x5c":[`+certMark+`]}`, "", uint8(0), "", "")
		f.Add(uint8(i), `{"alg":"`+alg+`","Typ":"application/jcx+json","X5C":[`+certMark+`],"typ":"x","x5c":[]}`, "", uint8(0), "", "")
		f.Add(uint8(i), h, "\n", uint8(1), "", "")
		f.Add(uint8(i), h, "", uint8(2), "\n", "")
		f.Add(uint8(i), h, "", uint8(4), "A", "")
		f.Add(uint8(i), h, "", uint8(6), "", "")
		f.Add(uint8(i), h, "", uint8(8), "AAAA", `"header":{"kid":"x"}`)
	}
	keys := make([]struct {
		alg  string
		sign func([]byte) []byte
		x5c  string
	}, len(algKeys))
	for i, k := range algKeys {
		key, cert := testKey(f, k.key)
		keys[i].alg = k.alg
		keys[i].sign = func(in []byte) []byte {
			s, err := signInput(key, k.alg, in)
			if err != nil {
				f.Fatal(err)
			}
			return s
		}
		keys[i].x5c = `"` + base64.StdEncoding.EncodeToString(cert.Raw) + `"`
	}
	msg := testMessage(f)

	f.Fuzz(func(t *testing.T, which uint8, hdr, protSuffix string, mode uint8, sigText, extra string) {
		k := keys[int(which)%len(keys)]
		hdr = strings.ReplaceAll(hdr, certMark, k.x5c)
		protected := base64.RawURLEncoding.EncodeToString([]byte(hdr)) + protSuffix
		signed := protected
		if mode&1 != 0 {
			// Sign what go-jose verified: the header as it decodes, re-encoded.
			if b, err := base64.RawURLEncoding.DecodeString(stripSpace(protected)); err == nil {
				signed = base64.RawURLEncoding.EncodeToString(b)
			}
		}
		payload, _, at, err := canonicalMessage(msg, Member)
		if err != nil {
			t.Fatal(err)
		}
		sig := base64.RawURLEncoding.EncodeToString(k.sign(signingInput(signed, payload)))
		switch mode >> 1 % 5 {
		case 1:
			sig += sigText
		case 2:
			sig = sigText
		case 3:
			if len(sig) > 0 {
				b := []byte(sig)
				b[len(b)-1] ^= byte(len(sigText) + 1)
				sig = string(b)
			}
		case 4:
			sig = sig[:len(sig)/2] + sigText + sig[len(sig)/2:]
		}
		member, _ := json.Marshal(map[string]string{"protected": protected, "signature": sig})
		if extra != "" {
			member = append(append(member[:len(member)-1], ','), extra+"}"...)
		}
		in := insertMember(payload, at, Member, member)

		got, gotErr := VerifyWithLimits(in, Limits{})
		want, wantErr := verifyWithJose(in, Limits{})
		switch {
		case gotErr == nil && wantErr == nil:
			if !bytes.Equal(got.Payload, want.Payload) || got.Algorithm != want.Algorithm || !sameChain(got.Chain, want.Chain) {
				t.Fatalf("both accept, different results: %+v / %+v", got, want)
			}
		case gotErr == nil:
			t.Fatalf("accepted what go-jose refused (%v):\n%s", wantErr, in)
		case wantErr == nil:
			if why := stricterReason(protected, sig); why == "" {
				t.Fatalf("refused what go-jose accepted, with no reason to be stricter: %v\n%s", gotErr, in)
			}
		default:
			var g, w *Error
			if !errors.As(gotErr, &g) || !errors.As(wantErr, &w) || g.Code() != w.Code() && stricterReason(protected, sig) == "" {
				t.Fatalf("both refuse, with other codes: %v / %v\n%s", gotErr, wantErr, in)
			}
		}
	})
}

// stricterReason names why Verify may refuse a Signature member that go-jose
// accepted, or returns "":
//   - a line break in either part: Go's base64 decoders skip CR and LF and
//     go-jose strips all white space, so one signature had many spellings;
//   - non-canonical base64url in the signature (non-zero trailing bits,
//     white space): go-jose decoded it leniently, likewise malleable;
//   - a header member named like a registered parameter in another case
//     ("Typ", "ALG"), which the old struct decoding took for typ, and which
//     is now refused whatever the parameter;
//   - an x5t (SHA-1) thumbprint, refused, or an x5t#S256, checked against
//     the x5c leaf, where go-jose ignores both;
//   - an ECDSA signature with a high S, the twin of a low-S one (package
//     ecdsasig).
func stricterReason(protected, sig string) string {
	if strings.ContainsAny(protected+sig, "\r\n") {
		return "line break in base64url"
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(sig)
	if err != nil {
		return "non-canonical base64url signature"
	}
	for _, c := range []elliptic.Curve{elliptic.P256(), elliptic.P384()} {
		if len(raw) == 2*ecdsasig.Size(c) && !bytes.Equal(ecdsasig.Normalize(c, raw), raw) {
			return "ECDSA signature with a high S"
		}
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(protected)
	if err != nil {
		return ""
	}
	var names map[string]json.RawMessage
	if json.Unmarshal(b, &names) != nil {
		return ""
	}
	for name := range names {
		for _, p := range registeredParams {
			if name != p && strings.EqualFold(name, p) {
				return "header parameter " + name + " is not " + p
			}
		}
	}
	for _, p := range []string{"x5t", "x5t#S256"} {
		if _, ok := names[p]; ok {
			return "certificate thumbprint " + p
		}
	}
	return ""
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func sameChain(a, b []*x509.Certificate) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

// TestSignMatchesJose: Sign writes the protected header go-jose wrote, so
// EdDSA, which is deterministic, gives the very bytes signWithJose gives; for
// the randomised algorithms the headers match and each path's output verifies
// on the other path.
func TestSignMatchesJose(t *testing.T) {
	for _, tc := range algKeys {
		t.Run(tc.alg, func(t *testing.T) {
			key, cert := testKey(t, tc.key)
			chain := []*x509.Certificate{cert, cert} // a chain of two: the x5c array's commas
			ours, err := Sign(testMessage(t), key, chain)
			if err != nil {
				t.Fatal(err)
			}
			theirs, err := signWithJose(testMessage(t), key, chain)
			if err != nil {
				t.Fatal(err)
			}
			if tc.alg == "EdDSA" && !bytes.Equal(ours, theirs) {
				t.Fatalf("signed bytes differ:\n%s\n%s", ours, theirs)
			}
			if p, q := protectedOf(t, ours), protectedOf(t, theirs); p != q {
				t.Errorf("protected header %s, go-jose wrote %s", p, q)
			}
			if _, err := verifyWithJose(ours, Limits{}); err != nil {
				t.Errorf("go-jose refuses what Sign wrote: %v", err)
			}
			// go-jose signs with a high S half of the time: refused as such, and
			// accepted in the low-S form.
			if _, err := Verify(checkHighS(t, theirs)); err != nil {
				t.Errorf("Verify refuses what go-jose wrote: %v", err)
			}
		})
	}
}

func protectedOf(t *testing.T, signed []byte) string {
	t.Helper()
	var m struct{ Signature struct{ Protected string } }
	if err := json.Unmarshal(signed, &m); err != nil {
		t.Fatal(err)
	}
	return m.Signature.Protected
}

// TestVerifyStricterThanJose pins each case where Verify refuses what the
// go-jose path accepted, and checks that the go-jose path did accept it, so
// the difference is real and stays known.
func TestVerifyStricterThanJose(t *testing.T) {
	key, cert := testKey(t, "es256")
	x5c := `"` + base64.StdEncoding.EncodeToString(cert.Raw) + `"`
	payload, _, at, err := canonicalMessage(testMessage(t), Member)
	if err != nil {
		t.Fatal(err)
	}
	header := `{"alg":"ES256","typ":"application/jcx+json","x5c":[` + x5c + `]}`
	build := func(header, protSuffix string, edit func(sig string) string) []byte {
		protected := base64.RawURLEncoding.EncodeToString([]byte(header))
		s, err := signInput(key, "ES256", signingInput(protected, payload))
		if err != nil {
			t.Fatal(err)
		}
		member, _ := json.Marshal(map[string]string{"protected": protected + protSuffix, "signature": edit(base64.RawURLEncoding.EncodeToString(s))})
		return insertMember(payload, at, Member, member)
	}
	keep := func(s string) string { return s }
	for _, tc := range []struct {
		name string
		msg  []byte
		why  string
	}{
		{"line break in the protected header", build(header, "\n", keep), "protected header is not base64url"},
		{"line break in the signature", build(header, "", func(s string) string { return s[:10] + "\r\n" + s[10:] }), "malformed JWS"},
		{"space in the signature", build(header, "", func(s string) string { return s[:10] + " " + s[10:] }), "malformed JWS"},
		// 64 bytes are 86 base64 characters, the last carrying 4 unused bits.
		{"non-zero trailing bits in the signature", build(header, "", func(s string) string {
			const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
			return s[:len(s)-1] + string(alphabet[strings.IndexByte(alphabet, s[len(s)-1])|1])
		}), "malformed JWS"},
		{"ECDSA twin with a high S", build(header, "", func(s string) string {
			raw, _ := base64.RawURLEncoding.DecodeString(s)
			return base64.RawURLEncoding.EncodeToString(ecdsasig.Twin(elliptic.P256(), raw))
		}), "high S"},
		{"Typ and X5C for typ and x5c", build(`{"alg":"ES256","Typ":"application/jcx+json","X5C":[`+x5c+`]}`, "", keep), "case-sensitive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := verifyWithJose(tc.msg, Limits{}); err != nil {
				t.Fatalf("the go-jose path refuses it too (%v): not a difference", err)
			}
			if _, err := Verify(tc.msg); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.why) {
				t.Fatalf("err = %v, want %q", err, tc.why)
			}
		})
	}
}
