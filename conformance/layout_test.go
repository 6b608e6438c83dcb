package conformance

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// The layout mutations change the bytes, not the signed content: a message laid out
// anew still verifies, and its bytes are neither the signed ones nor what a parser's
// re-encoding gives.
func TestReformatKeepsTheSignature(t *testing.T) {
	s, err := Core()
	if err != nil {
		t.Fatal(err)
	}
	kit, err := DefaultToolkit()
	if err != nil {
		t.Fatal(err)
	}
	x := &expander{harness: kit.Harness(), impl: kit.Implementation(), now: time.Now(), ids: map[string]string{}, newUUID: newUUID}
	for _, e := range []Encoding{XML, JSON} {
		v, _ := x.vars(map[string]string{"doc.size": "13", "doc.digest": "d19bc8b201474922b3d2092367fe33bd433a2220768709db1b345e09dc1cf616"})
		tmpl, _ := s.template("receipt-bytes", e)
		unsigned, err := x.expand(tmpl, e, v)
		if err != nil {
			t.Fatal(err)
		}
		signed, err := kit.Sign(unsigned, e, SignHarness)
		if err != nil {
			t.Fatal(err)
		}
		out, err := reformat(&mutationInput{msg: signed, unsigned: unsigned, enc: e, vars: v, signer: SignHarness})
		if err != nil {
			t.Fatalf("%s: %v", e, err)
		}
		if bytes.Equal(out, signed) {
			t.Errorf("%s: unchanged", e)
		}
		if codes := kit.Validate(out, e); len(codes) > 0 {
			t.Errorf("%s: findings %v\n%s", e, codes, out)
		}
		if signer, err := kit.VerifyResponse(out, e); err != nil || signer != kit.Harness() {
			t.Errorf("%s: the signature no longer holds: %v %v\n%s", e, signer, err, out)
		}
		if e == JSON {
			for _, esc := range []string{`\u00e9`, `\/`, "\r\n\t"} {
				if !bytes.Contains(out, []byte(esc)) {
					t.Errorf("json: no %q in\n%s", esc, out)
				}
			}
		} else {
			for _, mark := range []string{"\ufeff", "\r\n", "&#xE9;", "xmlns = '", "<!--"} {
				if !bytes.Contains(out, []byte(mark)) {
					t.Errorf("xml: no %q in\n%s", mark, out)
				}
			}
		}
	}
}

// reformatJSON keeps every value, whatever JSON it is given.
func FuzzReformatJSON(f *testing.F) {
	f.Add([]byte(`{"a":"é/\"","b":[1,2.5e3,true,null,{"c":"\ud83d\ude00"}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"x":[[]],"y":-0}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var want any
		if json.Unmarshal(in, &want) != nil {
			return
		}
		out, err := reformatJSON(in)
		if err != nil {
			return // not an object at the top, or a value reformat does not take
		}
		var got any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("reformatted JSON does not parse: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("values changed:\n%s\n%s", in, out)
		}
	})
}
