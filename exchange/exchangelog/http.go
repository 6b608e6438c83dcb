package exchangelog

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
)

// Handler serves the log over HTTP, read-only, at paths relative to where it is mounted:
//
//	GET checkpoint               the latest signed checkpoint (text/plain)
//	GET tile/...                 hash tiles and entry bundles, as static files (C2SP tlog-tiles)
//	GET evidence?sha256=<hex>    Evidence (JSON) for the latest leaf of that receipt digest:
//	                             its entry, inclusion proof and the checkpoint it is proved
//	                             against; 404 when no leaf has the digest
//
// Clients verify what they fetch, so tiles may equally be served by any web server or
// CDN from the log directory.
func (l *Log) Handler() http.Handler {
	tiles := http.FileServerFS(os.DirFS(l.dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		path := strings.TrimPrefix(r.URL.Path, "/")
		switch {
		case path == CheckpointFile:
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(l.Checkpoint())
		case path == "evidence":
			l.serveEvidence(w, r)
		case strings.HasPrefix(path, "tile/") && !strings.Contains(path, "/."):
			// Temporary files of a commit in progress start with a dot and are not served.
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/" + path
			tiles.ServeHTTP(w, r2)
		default:
			http.NotFound(w, r)
		}
	})
}

func (l *Log) serveEvidence(w http.ResponseWriter, r *http.Request) {
	var digest [32]byte
	q := r.URL.Query().Get("sha256")
	if b, err := hex.DecodeString(q); err != nil || len(b) != 32 {
		http.Error(w, "sha256: want the receipt digest, 64 hexadecimal digits", http.StatusBadRequest)
		return
	} else {
		copy(digest[:], b)
	}
	i, err := l.Find(r.Context(), digest)
	if errors.Is(err, ErrNotFound) {
		http.Error(w, "no leaf with this digest", http.StatusNotFound)
		return
	}
	var ev Evidence
	if err == nil {
		var signed []byte
		ev.InclusionProof, signed, ev.Entry, err = l.Prove(r.Context(), i)
		ev.Checkpoint = string(signed)
	}
	if err != nil {
		http.Error(w, "the log cannot prove this leaf", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(ev)
}
