package conformance

import (
	"bytes"
	"errors"
	"strings"
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
			if name == "algorithm-confusion" || name == "algorithm-mismatch" || name == "signature-wrapping" {
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

// algorithm-mismatch names an algorithm of the other key type over a signature by either
// harness key, in every encoding of both bindings: the signature verifies before, and is
// refused with 8005 after, for the key type and nothing else.
func TestAlgorithmMismatch(t *testing.T) {
	pki, err := testpki.Load()
	if err != nil {
		t.Fatal(err)
	}
	core, err := Core()
	if err != nil {
		t.Fatal(err)
	}
	hi1Suite, err := Embedded("hi1")
	if err != nil {
		t.Fatal(err)
	}
	coreKit, err := DefaultToolkit()
	if err != nil {
		t.Fatal(err)
	}
	hi1Kit, err := HI1Toolkit(nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := exchange.VerifyOptions{Trust: pki.Bundle}
	verifyCore := func(e Encoding) func([]byte) error {
		return func(b []byte) error { _, err := exchange.Verify(b, format(e), opts); return err }
	}
	for _, tc := range []struct {
		name     string
		suite    *Suite
		kit      Toolkit
		template string
		enc      Encoding
		verify   func([]byte) error
	}{
		{"core/xml", core, coreKit, "capabilities", XML, verifyCore(XML)},
		{"core/json", core, coreKit, "capabilities", JSON, verifyCore(JSON)},
		{"hi1/xml", hi1Suite, hi1Kit, "list", XML, func(b []byte) error { _, err := hi1.Verify(b, opts); return err }},
	} {
		for _, signer := range []string{SignHarness, SignHarnessRSA} {
			t.Run(tc.name+"/"+signer, func(t *testing.T) {
				x := &expander{harness: tc.kit.Harness(), impl: tc.kit.Implementation(), now: time.Now(), ids: map[string]string{}, newUUID: newUUID}
				v, _ := x.vars(nil)
				tmpl, _ := tc.suite.template(tc.template, tc.enc)
				unsigned, err := x.expand(tmpl, tc.enc, v)
				if err != nil {
					t.Fatal(err)
				}
				signed, err := tc.kit.Sign(unsigned, tc.enc, signer)
				if err != nil {
					t.Fatal(err)
				}
				if err := tc.verify(signed); err != nil {
					t.Fatalf("the signed message does not verify: %v", err)
				}
				out, err := mutations["algorithm-mismatch"](&mutationInput{msg: signed, unsigned: unsigned, enc: tc.enc, vars: v, signer: signer})
				if err != nil {
					t.Fatal(err)
				}
				err = tc.verify(out)
				var inv *exchange.InvalidError
				if !errors.As(err, &inv) || len(inv.Findings) != 1 || inv.Findings[0].Code != exchange.CodeAlgorithm ||
					!strings.Contains(inv.Findings[0].Message, "does not match") {
					t.Fatalf("err = %v, want one 8005 finding about the key", err)
				}
			})
		}
	}
}
