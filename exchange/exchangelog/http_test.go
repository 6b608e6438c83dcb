package exchangelog

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func TestHandler(t *testing.T) {
	l, dir, _, v := newTestLog(t, 300)
	srv := httptest.NewServer(http.StripPrefix("/log", l.Handler()))
	defer srv.Close()
	get := func(path string) (int, []byte) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	d := sha256.Sum256([]byte("message 299"))
	code, body := get("/log/evidence?sha256=" + hex.EncodeToString(d[:]))
	if code != 200 {
		t.Fatalf("evidence: %d %s", code, body)
	}
	ev, err := ParseEvidence(body)
	if err != nil {
		t.Fatal(err)
	}
	if leaf, _, err := ev.Verify(&Verifier{Key: v}); err != nil || leaf.Digest != d || ev.Index != 299 {
		t.Fatalf("evidence does not verify: %v (index %d)", err, ev.Index)
	}
	if code, body := get("/log/checkpoint"); code != 200 || string(body) != string(l.Checkpoint()) {
		t.Fatalf("checkpoint: %d", code)
	}
	want, _ := os.ReadFile(filepath.Join(dir, "tile", "entries", "001.p", "44"))
	if code, body := get("/log/tile/entries/001.p/44"); code != 200 || string(body) != string(want) {
		t.Fatalf("entry bundle: %d", code)
	}
	os.WriteFile(filepath.Join(dir, "tile", "0", ".tmp-1"), []byte("x"), 0o644)
	never := sha256.Sum256([]byte("never"))
	for path, want := range map[string]int{
		"/log/evidence?sha256=" + hex.EncodeToString(never[:]): 404,
		"/log/evidence?sha256=zz":                              400,
		"/log/tile/0/.tmp-1":                                   404,
		"/log/../go.mod":                                       404,
		"/log/key":                                             404,
	} {
		if code, _ := get(path); code != want {
			t.Errorf("GET %s = %d, want %d", path, code, want)
		}
	}
}
