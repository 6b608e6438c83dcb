package exchangelog

import (
	"bytes"
	"encoding/hex"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestLeafGolden pins the version-1 encoding: the golden files are the contract other
// implementations read, so a change to them is a change of format.
func TestLeafGolden(t *testing.T) {
	sent := testLeaf(7)
	sent.Direction = Sent
	sent.Receiver.UniqueIdentifier = "ministère-de-la-justice"
	for _, tc := range []struct {
		name string
		leaf Leaf
	}{
		{"received", testLeaf(1)},
		{"sent-utf8", sent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mustEntry(t, tc.leaf)
			path := filepath.Join("testdata", "leaf-v1-"+tc.name+".hex")
			if *update {
				if err := os.WriteFile(path, []byte(hex.EncodeToString(got)+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wantBytes, err := hex.DecodeString(strings.TrimSpace(string(want)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, wantBytes) {
				t.Fatalf("encoding changed:\n got %x\nwant %x", got, wantBytes)
			}
			back, err := ParseLeaf(wantBytes)
			if err != nil {
				t.Fatal(err)
			}
			if back != tc.leaf {
				t.Fatalf("round trip: %+v, want %+v", back, tc.leaf)
			}
			if again := mustEntry(t, back); !bytes.Equal(again, wantBytes) {
				t.Fatalf("re-encoding differs")
			}
		})
	}
}

// TestLeafLayout checks the documented offsets on one leaf, independently of the golden
// files.
func TestLeafLayout(t *testing.T) {
	l := testLeaf(3)
	b := mustEntry(t, l)
	if b[0] != 1 || b[1] != 1 || !bytes.Equal(b[2:34], l.Digest[:]) {
		t.Fatalf("header bytes %x", b[:34])
	}
	if hex.EncodeToString(b[42:58]) != strings.ReplaceAll(string(l.Transaction), "-", "") {
		t.Fatalf("transaction bytes %x", b[42:58])
	}
	if string(b[58:60]) != "FR" || int(b[60]) != len(l.Sender.UniqueIdentifier) {
		t.Fatalf("sender bytes %q", b[58:61])
	}
	if len(b) != 64+len(l.Sender.UniqueIdentifier)+len(l.Receiver.UniqueIdentifier) {
		t.Fatalf("length %d", len(b))
	}
}

func TestLeafRefused(t *testing.T) {
	good := mustEntry(t, testLeaf(0))
	mutate := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	for _, tc := range []struct {
		name  string
		entry []byte
	}{
		{"empty", nil},
		{"short", good[:57]},
		{"version 2", mutate(func(b []byte) []byte { b[0] = 2; return b })},
		{"direction 0", mutate(func(b []byte) []byte { b[1] = 0; return b })},
		{"direction 3", mutate(func(b []byte) []byte { b[1] = 3; return b })},
		{"lowercase country", mutate(func(b []byte) []byte { b[58] = 'f'; return b })},
		{"zero-length sender", mutate(func(b []byte) []byte { b[60] = 0; return b })},
		{"sender overruns", mutate(func(b []byte) []byte { b[60] = 250; return b })},
		{"control character", mutate(func(b []byte) []byte { b[61] = '\n'; return b })},
		{"invalid UTF-8", mutate(func(b []byte) []byte { b[61] = 0xff; return b })},
		{"trailing byte", append(bytes.Clone(good), 0)},
		{"truncated receiver", good[:len(good)-1]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseLeaf(tc.entry); !errors.Is(err, ErrMalformedLeaf) {
				t.Fatalf("ParseLeaf = %v, want ErrMalformedLeaf", err)
			}
		})
	}
	for _, tc := range []struct {
		name string
		edit func(*Leaf)
	}{
		{"uppercase uuid", func(l *Leaf) { l.Transaction = exchange.UUID(strings.ToUpper(string(l.Transaction))) }},
		{"not a uuid", func(l *Leaf) { l.Transaction = "case-42" }},
		{"no direction", func(l *Leaf) { l.Direction = 0 }},
		{"no time", func(l *Leaf) { l.Time = zeroTime }},
		{"long identifier", func(l *Leaf) { l.Sender.UniqueIdentifier = strings.Repeat("a", 256) }},
		{"country XXX", func(l *Leaf) { l.Receiver.CountryCode = "XXX" }},
	} {
		t.Run("marshal "+tc.name, func(t *testing.T) {
			l := testLeaf(0)
			tc.edit(&l)
			if _, err := l.MarshalBinary(); !errors.Is(err, ErrMalformedLeaf) {
				t.Fatalf("MarshalBinary = %v, want ErrMalformedLeaf", err)
			}
		})
	}
}

var zeroTime time.Time
