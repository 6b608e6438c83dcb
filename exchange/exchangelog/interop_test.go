package exchangelog_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

// TestInteropIndependentVerifier reads a log written by this package the way any C2SP
// client would — over HTTP, by the spec's paths, with golang.org/x/mod/sumdb's own note
// and proof code and nothing of this package's reading or verifying — and checks its
// checkpoint, root, tiles, entry bundles and proofs.
func TestInteropIndependentVerifier(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	skey, vkey, err := note.GenerateKey(nil, "interop.example.test/log")
	if err != nil {
		t.Fatal(err)
	}
	signer, _ := note.NewSigner(skey)
	verifier, _ := note.NewVerifier(vkey)
	if err := exchangelog.Init(dir, signer); err != nil {
		t.Fatal(err)
	}
	l, err := exchangelog.Open(ctx, dir, signer, verifier)
	if err != nil {
		t.Fatal(err)
	}
	const n = 70000 // three tile levels: 273 full level-0 tiles, a level-2 tile of one hash
	var entries [][]byte
	for i := range n {
		entries = append(entries, []byte(fmt.Sprintf("entry %d", i)))
	}
	if _, err := l.AppendEntries(ctx, entries); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(l.Handler())
	defer srv.Close()
	fetch := func(path string) []byte {
		resp, err := http.Get(srv.URL + "/" + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return b
	}

	// The checkpoint, opened by x/mod's note and parsed by hand from the C2SP text.
	nt, err := note.Open(fetch("checkpoint"), note.VerifierList(verifier))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(nt.Text, "\n")
	size, _ := strconv.ParseInt(lines[1], 10, 64)
	rootBytes, _ := base64.StdEncoding.DecodeString(lines[2])
	var root tlog.Hash
	copy(root[:], rootBytes)
	if lines[0] != "interop.example.test/log" || size != n {
		t.Fatalf("checkpoint %q", nt.Text)
	}
	tree := tlog.Tree{N: size, Hash: root}
	hr := tlog.TileHashReader(tree, &httpTiles{fetch: fetch})
	if h, err := tlog.TreeHash(size, hr); err != nil || h != root {
		t.Fatalf("tree hash from fetched tiles: %v, %v", h, err)
	}
	for _, i := range []int64{0, 255, 256, 65535, 65536, n - 1} {
		// The entry, from its bundle, by C2SP path.
		bundle := fetch("tile/entries/" + c2spIndex(i/256) + partial(i/256, n))
		var got []byte
		for k := int64(0); k <= i%256; k++ {
			l := int(bundle[0])<<8 | int(bundle[1])
			got, bundle = bundle[2:2+l], bundle[2+l:]
		}
		if string(got) != fmt.Sprintf("entry %d", i) {
			t.Fatalf("entry %d from its bundle: %q", i, got)
		}
		p, err := tlog.ProveRecord(size, i, hr)
		if err != nil {
			t.Fatal(err)
		}
		if err := tlog.CheckRecord(p, size, root, i, tlog.RecordHash(got)); err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
	}
	for _, old := range []int64{1, 256, 65536, n - 1} {
		p, err := tlog.ProveTree(size, old, hr)
		if err != nil {
			t.Fatal(err)
		}
		oldRoot, err := tlog.TreeHash(old, tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, &httpTiles{fetch: fetch}))
		if err != nil {
			t.Fatal(err)
		}
		if err := tlog.CheckTree(p, size, root, old, oldRoot); err != nil {
			t.Fatalf("consistency from %d: %v", old, err)
		}
	}
}

// c2spIndex writes a tile index as C2SP does: groups of three digits, all but the last
// prefixed with x.
func c2spIndex(n int64) string {
	s := fmt.Sprintf("%03d", n%1000)
	for n >= 1000 {
		n /= 1000
		s = fmt.Sprintf("x%03d/%s", n%1000, s)
	}
	return s
}

func partial(tile, size int64) string {
	if w := size - tile*256; w < 256 {
		return ".p/" + strconv.FormatInt(w, 10)
	}
	return ""
}

// httpTiles is a tlog.TileReader over C2SP paths fetched by HTTP.
type httpTiles struct{ fetch func(string) []byte }

func (h *httpTiles) Height() int { return 8 }
func (h *httpTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		p := "tile/" + strconv.Itoa(t.L) + "/" + c2spIndex(t.N)
		if t.W < 256 {
			p += ".p/" + strconv.Itoa(t.W)
		}
		out[i] = h.fetch(p)
	}
	return out, nil
}
func (h *httpTiles) SaveTiles([]tlog.Tile, [][]byte) {}
