package exchangelog

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/jcx-dev/jcx/exchange"
)

// testKeys makes an operator key pair whose name is the log origin.
func testKeys(t testing.TB, origin string) (note.Signer, note.Verifier) {
	t.Helper()
	skey, vkey, err := note.GenerateKey(nil, origin)
	if err != nil {
		t.Fatal(err)
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	return s, v
}

func testLeaf(i int) Leaf {
	return Leaf{
		Digest:      sha256.Sum256(fmt.Appendf(nil, "message %d", i)),
		Sender:      exchange.Party{CountryCode: "FR", UniqueIdentifier: "parquet-national-financier"},
		Receiver:    exchange.Party{CountryCode: "DE", UniqueIdentifier: "gsta-frankfurt"},
		Transaction: exchange.UUID(fmt.Sprintf("2f1c7e34-6b0a-4c11-9d3e-%012x", i)),
		Time:        time.Date(2026, 12, 7, 5, 0, 0, i*1000, time.UTC),
		Direction:   Received,
	}
}

func mustEntry(t testing.TB, l Leaf) []byte {
	t.Helper()
	b, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newTestLog initialises and opens a log in a temporary folder holding n leaves.
func newTestLog(t testing.TB, n int) (*Log, string, note.Signer, note.Verifier) {
	t.Helper()
	dir := t.TempDir()
	s, v := testKeys(t, "log.example.test/jcx")
	if err := Init(dir, s); err != nil {
		t.Fatal(err)
	}
	l, err := Open(context.Background(), dir, s, v)
	if err != nil {
		t.Fatal(err)
	}
	appendTestLeaves(t, l, 0, n)
	return l, dir, s, v
}

// witness is a C2SP tlog-cosignature v1 signer, as a witness runs one.
type witness struct {
	name string
	priv ed25519.PrivateKey
	hash uint32
	time uint64
}

func newWitness(t testing.TB, name string) (*witness, string) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	algKey := append([]byte{algCosignatureV1}, pub...)
	w := &witness{name: name, priv: priv, hash: witnessKeyHash(name, algKey), time: 1796619600}
	vkey := fmt.Sprintf("%s+%08x+%s", name, w.hash, base64.StdEncoding.EncodeToString(algKey))
	return w, vkey
}

func (w *witness) Name() string    { return w.name }
func (w *witness) KeyHash() uint32 { return w.hash }
func (w *witness) Sign(msg []byte) ([]byte, error) {
	sig := binary.BigEndian.AppendUint64(nil, w.time)
	return append(sig, ed25519.Sign(w.priv, cosignedMessage(w.time, msg))...), nil
}

// appendTestLeaves appends testLeaf(from) … testLeaf(to-1) in order.
func appendTestLeaves(t testing.TB, l *Log, from, to int) {
	t.Helper()
	var entries [][]byte
	for i := from; i < to; i++ {
		entries = append(entries, mustEntry(t, testLeaf(i)))
	}
	first, err := l.AppendEntries(context.Background(), entries)
	if err != nil {
		t.Fatal(err)
	}
	if to > from && first != int64(from) {
		t.Fatalf("first index %d, want %d", first, from)
	}
}

func noteVerifier(vkey string) (note.Verifier, error) { return note.NewVerifier(vkey) }
