package conformance

import (
	"bytes"
	"testing"
	"time"
)

// Every mutation changes the message it is given (replay excepted: it is the same bytes
// sent twice), in every encoding it applies to.
func TestMutations(t *testing.T) {
	s, err := Core()
	if err != nil {
		t.Fatal(err)
	}
	x := &expander{harness: fakeHarness, impl: fakeImpl, now: time.Now(), ids: map[string]string{}, newUUID: newUUID}
	for name, mut := range mutations {
		for _, e := range []Encoding{XML, JSON} {
			if (name == "duplicate-key" && e == XML) || (name == "legacy-charset" && e == JSON) {
				continue
			}
			v, _ := x.vars(nil)
			tmpl, _ := s.template("capabilities", e)
			unsigned, err := x.expand(tmpl, e, v)
			if err != nil {
				t.Fatal(err)
			}
			signed := fakeSign(unsigned, e, SignHarness)
			if name == "algorithm-confusion" || name == "signature-wrapping" {
				// These need a real signature to work on.
				kit, err := DefaultToolkit()
				if err != nil {
					t.Fatal(err)
				}
				if signed, err = kit.Sign(unsigned, e, SignHarness); err != nil {
					t.Fatal(err)
				}
			}
			in := &mutationInput{msg: signed, unsigned: unsigned, enc: e, vars: v, signer: SignHarness,
				sign: func(b []byte, as string) ([]byte, error) { return fakeSign(b, e, as), nil }}
			out, err := mut(in)
			if err != nil {
				t.Errorf("%s/%s: %v", name, e, err)
				continue
			}
			if changed := !bytes.Equal(out, signed); changed == (name == "replay") {
				t.Errorf("%s/%s: changed = %v", name, e, changed)
			}
		}
	}
}
