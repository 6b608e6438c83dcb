package hi1

import (
	"errors"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// FuzzVerify feeds Verify arbitrary input, seeded with signed messages. It must not
// panic, and every refusal is an *exchange.InvalidError with one finding at the
// signature, carrying a signature code.
func FuzzVerify(f *testing.F) {
	p := testPKI(f)
	for _, c := range []Canonicalization{C14N11, ExclusiveC14N} {
		signed, err := Sign(testRequest(f), p.ecdsa, SignOptions{Canonicalization: c})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(signed)
	}
	f.Add([]byte(`<HI1Message xmlns="http://uri.etsi.org/03120/common/2019/10/Core"><Signature/></HI1Message>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Verify(data, exchange.VerifyOptions{Trust: p.bundle})
		if err == nil {
			if len(v.Content) == 0 || v.Signer.Certificate == nil {
				t.Fatal("accepted without content or signer")
			}
			return
		}
		var inv *exchange.InvalidError
		if !errors.As(err, &inv) || len(inv.Findings) != 1 || inv.Findings[0].Path != signaturePath {
			t.Fatalf("err = %v, want one finding at %s", err, signaturePath)
		}
		if c := inv.Findings[0].Code; c < exchange.CodeSignatureRequired || c > exchange.CodeAlgorithm {
			t.Fatalf("code %d is not a signature code", c)
		}
	})
}
