package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// TestServeLog: jcx serve --log records an accepted request, serves its evidence, and
// jcx log verify accepts that evidence for the request bytes.
func TestServeLog(t *testing.T) {
	tmp := t.TempDir()
	addr, key := serveLogged(t)
	req := signedRequest(t, exchange.FormatXML)
	resp, err := http.Post(addr+"/", exchange.MediaTypeXML, bytes.NewReader(req))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	d := sha256.Sum256(req)
	resp, err = http.Get(addr + "/log/evidence?sha256=" + hex.EncodeToString(d[:]))
	if err != nil {
		t.Fatal(err)
	}
	evidence, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("evidence: %d %s", resp.StatusCode, evidence)
	}
	evPath, reqPath := filepath.Join(tmp, "ev.json"), filepath.Join(tmp, "req.xml")
	os.WriteFile(evPath, evidence, 0o644)
	os.WriteFile(reqPath, req, 0o644)
	code, out, stderr := runLog(t, "log", "verify", "--pub", key+".pub", "--message", reqPath, evPath)
	if code != 0 || !strings.Contains(out, "ok  leaf 0 of 1: received") {
		t.Fatalf("verify: %d %q %s", code, out, stderr)
	}
}
