package jws

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gowebpki/jcs"
)

// The streaming canonicaliser is held to gowebpki/jcs, which parses into interface
// values and prints them again, on every input checkJSON accepts.

// canonicalCases are inputs on the edges of RFC 8785: member order, string escapes and
// number forms.
var canonicalCases = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `true`, `false`, `null`, ` { "a" : [ 1 , 2 ] } `,
	`{"b":1,"a":2,"c":{"z":[],"y":{}}}`,
	`{"a":1,"A":2,"_":3,"aa":4,"":5," ":6}`,
	// UTF-16 order: U+1F600 (a surrogate pair from D83D) sorts after U+D7FF and before
	// U+E000 and U+FFFD, unlike code point order.
	`{"\ue000":1,"😀":2,"\ud7ff":3,"\ufffd":4,"\u0080":5,"𐀀":6,"😁":7}`,
	`{"\u00e9":1,"e":2,"\u0065\u0301":3}`,
	`{"peach":1,"péché":2,"pêche":3,"sin":4}`,
	`{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","😀":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}`,
	`"\u0000\u0001\u001f\u007f\u0080\u009f\u2028\u2029"`,
	`"\b\f\n\r\t\"\\\/"`, `"\u0041\u00e9\u20AC\uD83D\uDE00"`, `"<>&'"`, `"\u005c\u0022"`,
	`"é€😀"`, `"a\u0000b"`, `"\u000b\u000e"`,
	`[1,-1,10,100,123456789012345,-123456789012345,1234567890123456,9007199254740991,-9007199254740991]`,
	`[0.0,-0.0,1.0,1.5,-1.5,0.1,0.2,0.30000000000000004,1e0,1E1,1e+2,1e-2,12e-1]`,
	`[1e20,1e21,1e22,123456789012345678901,1.2345678901234567e20,1e-6,1e-7,1.5e-7,0.000001,0.0000001]`,
	`[5e-324,2.2250738585072014e-308,1.7976931348623157e308,-1.7976931348623157e308,4.35,0.002,1e+0]`,
	`[333333333.33333329,1E30,4.50,2e-3,0.000001000,1e-06,100e-2,0.5e1,295147905179352825856]`,
	`[9007199254740992.0,9007199254740993.0,1e15,1e16,12345678901234567e5,0.1e-6,-1e-7]`,
	`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001],"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}`,
	"{\n\t\"deep\": [[[[{\"x\": [{}, [], \"\"]}]]]]\r\n}",
}

func TestCanonicalJSONAgreesWithJCS(t *testing.T) {
	inputs := map[string][]byte{}
	for i, c := range canonicalCases {
		inputs["case "+strconv.Itoa(i)] = []byte(c)
	}
	for _, pattern := range []string{
		filepath.Join("testdata", "*.json"),
		filepath.Join("testdata", "golden", "*.json"),
		filepath.Join("..", "..", "testdata", "messages", "valid", "*.json"),
		filepath.Join("..", "..", "testdata", "messages", "invalid", "*.json"),
	} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs[f] = data
		}
	}
	checked := 0
	for name, in := range inputs {
		if checkJSON(in, Limits{}) != nil {
			continue // the canonicaliser only ever sees what the strict check passed
		}
		checked++
		want, err := jcs.Transform(in)
		if err != nil {
			t.Errorf("%s: jcs refuses %q: %v", name, in, err)
			continue
		}
		got, err := canonicalJSON(in)
		if err != nil {
			t.Errorf("%s: canonicalJSON: %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: canonicalJSON\n%s\njcs\n%s", name, got, want)
		}
	}
	if checked < len(canonicalCases) {
		t.Fatalf("only %d inputs passed the strict check", checked)
	}
}

// TestES6Number checks number forms against values worked out from ECMA-262's
// Number::toString, independently of both implementations.
func TestES6Number(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{1, "1"},
		{-1, "-1"},
		{0.1, "0.1"},
		{1.5e-7, "1.5e-7"},
		{1e-7, "1e-7"},
		{1e-6, "0.000001"},
		{123e-8, "0.00000123"},
		{1e21, "1e+21"},
		{1e20, "100000000000000000000"},
		{123456789012345680000, "123456789012345680000"},
		{1.2345e21, "1.2345e+21"},
		{5e-324, "5e-324"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{9007199254740992, "9007199254740992"},
		{295147905179352825856, "295147905179352830000"},
		{333333333.33333329, "333333333.3333333"},
		{4.5, "4.5"},
		{-0.002, "-0.002"},
	} {
		if got := string(appendES6Number(nil, tc.f)); got != tc.want {
			t.Errorf("%v: got %s, want %s", tc.f, got, tc.want)
		}
	}
}

// readMessage and canonical are the map-based computation of the canonical message that
// Sign and Verify used before the streaming canonicaliser, kept as the tests' second
// opinion: the strict check, the top-level members through a map and encoding/json, then
// gowebpki/jcs.
func readMessage(msg []byte, lim Limits) (map[string]json.RawMessage, error) {
	if err := checkJSON(msg, lim); err != nil {
		return nil, err
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(msg, &members); err != nil || members == nil {
		return nil, invalid("message is not a JSON object")
	}
	return members, nil
}

func canonical(members map[string]json.RawMessage) ([]byte, error) {
	b, err := json.Marshal(members)
	if err != nil {
		return nil, err
	}
	return jcs.Transform(b)
}

func oldCanonical(t testing.TB, members map[string]json.RawMessage) []byte {
	out, err := canonical(members)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCanonicalMessage checks the message form with the Signature member left out and
// put back, against the map-based computation.
func TestCanonicalMessage(t *testing.T) {
	sig := []byte(`{"protected":"eyJhbGciOiJFUzI1NiJ9","signature":"AAAA"}`)
	for i, in := range []string{
		`{}`, `{"Header":{"b":1,"a":2}}`, `{"Payload":[1,2],"Header":{}}`, `{"A":1,"Z":2}`,
		`{"Signature":{"protected":"x"},"Header":{}}`, `{"S":1,"Sig":2,"Signaturf":3,"T":4}`,
		`{"a":1,"b":2}`, `{"😀":1,"\ue000":2,"Signature":"x"}`, ` {"Signature" : [ 1 , {"b":1,"a":2} ] , "x" : 1 } `,
	} {
		got, omitted, at, err := canonicalMessage([]byte(in), Member)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		var members map[string]json.RawMessage
		if err := json.Unmarshal([]byte(in), &members); err != nil {
			t.Fatal(err)
		}
		raw, had := members[Member]
		delete(members, Member)
		if want := oldCanonical(t, members); !bytes.Equal(got, want) {
			t.Errorf("case %d: canonical %s, want %s", i, got, want)
		}
		if had != (omitted != nil) || (had && !bytes.Equal(omitted, raw)) {
			t.Errorf("case %d: omitted %q, want %q", i, omitted, raw)
		}
		members[Member] = sig
		if want, got := oldCanonical(t, members), insertMember(got, at, Member, sig); !bytes.Equal(got, want) {
			t.Errorf("case %d: with signature %s, want %s", i, got, want)
		}
	}
	if _, _, _, err := canonicalMessage([]byte(`[1]`), Member); err == nil {
		t.Error("an array is not a message")
	}
}

func FuzzCanonicalJSON(f *testing.F) {
	for _, c := range canonicalCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if checkJSON(in, Limits{MaxBytes: 1 << 16}) != nil {
			return
		}
		got, err := canonicalJSON(in)
		want, jerr := jcs.Transform(in)
		if (err == nil) != (jerr == nil) {
			t.Fatalf("%q: canonicalJSON error %v, jcs error %v", in, err, jerr)
		}
		if err == nil && !bytes.Equal(got, want) {
			t.Fatalf("%q: canonicalJSON\n%s\njcs\n%s", in, got, want)
		}
		if err == nil && !json.Valid(got) {
			t.Fatalf("canonical form %q is not JSON", got)
		}
		// A top-level object must also come out the same through the message path.
		if len(got) > 0 && got[0] == '{' {
			msg, omitted, _, err := canonicalMessage(in, "\x00none")
			if err != nil || omitted != nil || !bytes.Equal(msg, got) {
				t.Fatalf("%q: canonicalMessage %s %v, canonicalJSON %s", in, msg, err, got)
			}
		}
	})
}

// TestSignVerifyAgainstMapCanonical signs messages of every shape with Ed25519, which is
// deterministic, and rebuilds the whole signed message the way Sign did before the
// streaming canonicaliser: same payload, same signature, same bytes. Verify must return
// that payload.
func TestSignVerifyAgainstMapCanonical(t *testing.T) {
	key, cert := testKey(t, "eddsa")
	chain := []*x509.Certificate{cert}
	msgs := [][]byte{testMessage(t)}
	for _, c := range canonicalCases {
		if c[0] == '{' && c != `{}` {
			msgs = append(msgs, []byte(c))
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "messages", "valid", "*.json"))
	for _, f := range files {
		msgs = append(msgs, readFile(t, f))
	}
	for i, msg := range msgs {
		signed, err := Sign(msg, key, chain)
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		members, err := readMessage(msg, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		payload := oldCanonical(t, members)
		var sig map[string]string
		signedMembers, err := readMessage(signed, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(signedMembers[Member], &sig); err != nil {
			t.Fatal(err)
		}
		input := sig["protected"] + "." + base64.RawURLEncoding.EncodeToString(payload)
		raw, err := key.Sign(nil, []byte(input), crypto.Hash(0))
		if err != nil {
			t.Fatal(err)
		}
		members[Member], _ = json.Marshal(map[string]string{"protected": sig["protected"], "signature": base64.RawURLEncoding.EncodeToString(raw)})
		if want := oldCanonical(t, members); !bytes.Equal(signed, want) {
			t.Errorf("message %d: Sign\n%s\nmap and jcs\n%s", i, signed, want)
		}
		res, err := Verify(signed)
		if err != nil {
			t.Fatalf("message %d: Verify: %v", i, err)
		}
		if !bytes.Equal(res.Payload, payload) {
			t.Errorf("message %d: payload\n%s\nwant\n%s", i, res.Payload, payload)
		}
	}
}

// BenchmarkCanonical compares the streaming canonicaliser with the map, encoding/json and
// gowebpki/jcs computation it replaced, on the test message without its signature.
func BenchmarkCanonical(b *testing.B) {
	msg := testMessage(b)
	b.Run("streaming", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, _, err := canonicalMessage(msg, Member); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("map+jcs", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			members, err := readMessage(msg, Limits{})
			if err != nil {
				b.Fatal(err)
			}
			delete(members, Member)
			if _, err := canonical(members); err != nil {
				b.Fatal(err)
			}
		}
	})
}
