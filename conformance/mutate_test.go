package conformance

import (
	"bytes"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
	"github.com/jcx-dev/jcx/internal/xmldsig"
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

// Every HI-1 mutation changes the signed HI-1 message it is given, and the receiver's
// signature check refuses each result but exc-c14n's, which verifies.
func TestHI1Mutations(t *testing.T) {
	s, err := Embedded("hi1")
	if err != nil {
		t.Fatal(err)
	}
	kit, err := HI1Toolkit(nil)
	if err != nil {
		t.Fatal(err)
	}
	pki, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := &expander{harness: kit.Harness(), impl: kit.Implementation(), now: time.Now(), ids: map[string]string{}, newUUID: newUUID}
	for name, mut := range hi1Mutations {
		t.Run(name, func(t *testing.T) {
			v, _ := x.vars(nil)
			tmpl, _ := s.template("create-task-type-prefix", XML)
			unsigned, err := x.expand(tmpl, XML, v)
			if err != nil {
				t.Fatal(err)
			}
			signed, err := kit.Sign(unsigned, XML, SignHarness)
			if err != nil {
				t.Fatal(err)
			}
			cs := kit.(canonicalSigner)
			out, err := mut(&mutationInput{msg: signed, unsigned: unsigned, enc: XML, vars: v, signer: SignHarness,
				sign: func(b []byte, as string) ([]byte, error) { return kit.Sign(b, XML, as) }, signAs: cs.signCanonical})
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(out, signed) {
				t.Fatal("unchanged")
			}
			_, err = hi1.Verify(out, exchange.VerifyOptions{Trust: pki.Bundle})
			if verifies := err == nil; verifies != (name == "exc-c14n") {
				t.Errorf("verifies: %v (%v)", verifies, err)
			}
			if name == "rebind-xsi-type-prefix" {
				// The attack is real: the signature itself still holds; only the rule
				// that every xsi:type prefix be signed refuses it.
				if _, err := xmldsig.Verify(out, xmldsig.VerifyOptions{}); err != nil {
					t.Errorf("the rebound message's signature does not hold even without the QName rule: %v", err)
				}
			}
		})
	}
}
