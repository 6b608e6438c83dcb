package exchangelog

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzParseLeaf: whatever decodes re-encodes to the same bytes (one encoding per leaf),
// and nothing panics.
func FuzzParseLeaf(f *testing.F) {
	f.Add(mustEntry(f, testLeaf(1)))
	sent := testLeaf(2)
	sent.Direction = Sent
	f.Add(mustEntry(f, sent))
	f.Add([]byte{1, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseLeaf(b)
		if err != nil {
			return
		}
		again, err := l.MarshalBinary()
		if err != nil {
			t.Fatalf("parsed leaf does not encode: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("two encodings of one leaf:\n%x\n%x", b, again)
		}
	})
}

// FuzzParseCheckpoint: whatever parses marshals back to the same text.
func FuzzParseCheckpoint(f *testing.F) {
	f.Add([]byte("log.example.test/jcx\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"))
	f.Add([]byte("o\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\next one\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseCheckpoint(b)
		if err != nil {
			return
		}
		if got := c.Marshal(); !bytes.Equal(got, b) {
			t.Fatalf("round trip:\n%q\n%q", b, got)
		}
	})
}

// FuzzOpenCheckpoint: a signed checkpoint that opens is the operator's, of its own log.
func FuzzOpenCheckpoint(f *testing.F) {
	l, _, _, v := newTestLog(f, 2)
	f.Add(l.Checkpoint())
	f.Add([]byte("log.example.test/jcx\n1\nAAAA\n\n\u2014 log.example.test/jcx AAAAAAAA\n"))
	ver := &Verifier{Key: v}
	f.Fuzz(func(t *testing.T, b []byte) {
		cp, err := ver.OpenCheckpoint(b)
		if err != nil {
			return
		}
		if cp.Origin != v.Name() {
			t.Fatalf("opened a checkpoint of %q", cp.Origin)
		}
	})
}

// FuzzParseBundle: entries read from a bundle re-encode to it.
func FuzzParseBundle(f *testing.F) {
	f.Add(appendBundle(appendBundle(nil, []byte("a")), []byte("bc")), 2)
	f.Add([]byte{0, 5, 1}, 1)
	f.Fuzz(func(t *testing.T, b []byte, want int) {
		if want < 0 || want > 256 {
			return
		}
		es, err := ParseBundle(b, want)
		if err != nil {
			return
		}
		var again []byte
		for _, e := range es {
			again = appendBundle(again, e)
		}
		if !bytes.Equal(again, b) {
			t.Fatal("bundle round trip differs")
		}
	})
}

// FuzzParseEvidence: evidence that parses re-encodes to evidence that parses the same.
func FuzzParseEvidence(f *testing.F) {
	f.Add([]byte(`{"checkpoint":"o\n1\nAAAA\n","entry":"AQE=","index":0,"tree_size":1,"hashes":[]}`))
	f.Add([]byte(`{"checkpoint":"","entry":"","index":0,"tree_size":0,"hashes":["47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := ParseEvidence(b)
		if err != nil {
			return
		}
		again, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		e2, err := ParseEvidence(again)
		if err != nil {
			t.Fatalf("re-encoded evidence refused: %v", err)
		}
		if !reflect.DeepEqual(e.Hashes, e2.Hashes) || e.Index != e2.Index || !bytes.Equal(e.Entry, e2.Entry) {
			t.Fatal("evidence round trip differs")
		}
	})
}
