package hi1

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// FuzzDecode holds the decoder to its contract on any input: no panic, a finding or a
// message; and a message it returns encodes, decodes again, and is then a fixed point of
// encoding. The rules and the mapping to jcx (and back) run over whatever decodes.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(minimal))
	for _, m := range []*HI1Message{sampleRequest(), sampleResponse()} {
		if doc, err := Encode(m); err == nil {
			f.Add(doc)
		}
	}
	// ETSI's examples, when present beside the checkout; the fuzzer needs no more.
	if names, _ := filepath.Glob("../../../shared/vectors/etsi-ts103120-v1.12.1/examples/*.xml"); len(names) > 0 {
		for _, n := range names {
			if data, err := os.ReadFile(n); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(data, exchange.Limits{MaxBytes: 1 << 16})
		if err != nil {
			if m != nil {
				t.Fatal("a message and an error")
			}
			return
		}
		Check(m)
		CheckLinks(m, nil)
		CheckResponse(m, m)
		if jcx, refused := FromHI1(m); len(refused) == 0 {
			ToHI1(jcx)
		}
		enc, err := Encode(m)
		if err != nil {
			t.Fatalf("a decoded message does not encode: %v", err)
		}
		back, err := Decode(enc, exchange.Limits{})
		if err != nil {
			t.Fatalf("the encoding does not decode: %v\n%s", err, enc)
		}
		enc2, err := Encode(back)
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not a fixed point: %v\n%s\n%s", err, enc, enc2)
		}
	})
}
