package refimpl

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/sumdb/note"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

// LogPath is where Mount serves the exchange log: the paths of docs/http-binding.md
// ("Exchange log endpoints") are under it.
const LogPath = "/log/"

// Faults of the exchange log: defects of a log that the conformance suite's log cases
// must catch. They apply to an ExchangeLog, not to a Server.
const (
	// LogForgetLeaf answers every request as accepted but does not record it.
	LogForgetLeaf Fault = "log-forget-leaf"
	// LogRewriteHistory rewrites the log's first leaf at every append and signs the
	// rewritten tree with the right key: each checkpoint verifies, but no two are
	// consistent.
	LogRewriteHistory Fault = "log-rewrite-history"
	// LogWrongKey serves checkpoints signed by another key under the log's name.
	LogWrongKey Fault = "log-wrong-key"
	// LogWrongProof answers an evidence request with the entry asked for and the
	// inclusion proof of a neighbouring leaf.
	LogWrongProof Fault = "log-wrong-proof"
)

var logFaults = []Fault{LogForgetLeaf, LogRewriteHistory, LogWrongKey, LogWrongProof}

// LogFaults lists the faults of the exchange log, in a stable order.
func LogFaults() []Fault { return slices.Clone(logFaults) }

// ExchangeLog is the exchange log the reference implementation keeps (jcx serve --log):
// Record appends the leaf of every accepted request (set Config.Accepted to it), and
// Handler serves the log read-only, as Mount does under LogPath. With faults it is the
// defective log the conformance suite's negative controls need.
type ExchangeLog struct {
	signer   note.Signer
	verifier note.Verifier
	faults   faultSet
	impostor note.Signer // signs the served checkpoints under LogWrongKey

	mu      sync.Mutex
	log     *exchangelog.Log // the log recorded to and served
	dir     string           // under LogRewriteHistory: where the rewritten logs are kept
	entries [][]byte         // under LogRewriteHistory: every entry recorded
}

// OpenExchangeLog opens the log in dir (see exchangelog.Init) for appending, with the
// operator's signer and its verifier, and the log faults to have.
func OpenExchangeLog(ctx context.Context, dir string, signer note.Signer, verifier note.Verifier, faults ...Fault) (*ExchangeLog, error) {
	x := &ExchangeLog{signer: signer, verifier: verifier, faults: faultSet{}}
	for _, f := range faults {
		if !slices.Contains(logFaults, f) {
			return nil, fmt.Errorf("%w: %q is not a fault of the exchange log", ErrConfig, f)
		}
		x.faults[f] = true
	}
	l, err := exchangelog.Open(ctx, dir, signer, verifier)
	if err != nil {
		return nil, err
	}
	x.log = l
	if x.faults.has(LogWrongKey) {
		skey, _, err := note.GenerateKey(rand.Reader, signer.Name())
		if err == nil {
			x.impostor, err = note.NewSigner(skey)
		}
		if err != nil {
			return nil, err
		}
	}
	if x.faults.has(LogRewriteHistory) {
		if x.dir, err = os.MkdirTemp(dir, ".rewritten-"); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// Record appends the leaf of an accepted request and returns once it is durable: the
// shape of Config.Accepted.
func (x *ExchangeLog) Record(ctx context.Context, body []byte, h exchange.Header) error {
	leaf, err := exchangelog.LeafFor(body, h, exchangelog.Received)
	if err != nil {
		return err
	}
	switch {
	case x.faults.has(LogForgetLeaf):
		return nil
	case x.faults.has(LogRewriteHistory):
		entry, err := leaf.MarshalBinary()
		if err != nil {
			return err
		}
		return x.rewrite(ctx, entry)
	}
	_, err = x.current().Append(ctx, leaf)
	return err
}

// rewrite records entry in a new log whose first leaf differs from every earlier one's,
// and serves that log from now on.
func (x *ExchangeLog) rewrite(ctx context.Context, entry []byte) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.entries = append(x.entries, entry)
	dir := filepath.Join(x.dir, fmt.Sprint(len(x.entries)))
	if err := exchangelog.Init(dir, x.signer); err != nil {
		return err
	}
	l, err := exchangelog.Open(ctx, dir, x.signer, x.verifier)
	if err != nil {
		return err
	}
	first := fmt.Appendf(nil, "history as told the %dth time", len(x.entries))
	if _, err := l.AppendEntries(ctx, append([][]byte{first}, x.entries...)); err != nil {
		l.Close()
		return err
	}
	old := x.log
	x.log = l
	if old != nil {
		old.Close()
	}
	return nil
}

func (x *ExchangeLog) current() *exchangelog.Log {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.log
}

// Close closes the log, waiting for the commit in progress.
func (x *ExchangeLog) Close() error {
	err := x.current().Close()
	if x.dir != "" {
		err = errors.Join(err, os.RemoveAll(x.dir))
	}
	return err
}

// Handler serves the log read-only at paths relative to where it is mounted (see
// exchangelog.Log.Handler), with the faults switched on.
func (x *ExchangeLog) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := x.current()
		path := strings.TrimPrefix(r.URL.Path, "/")
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
		case path == exchangelog.CheckpointFile && x.impostor != nil:
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write(x.resign(l.Checkpoint()))
			return
		case path == "evidence" && (x.impostor != nil || x.faults.has(LogWrongProof)):
			x.evidence(w, r, l)
			return
		}
		l.Handler().ServeHTTP(w, r)
	})
}

// resign signs the checkpoint's text with the impostor key.
func (x *ExchangeLog) resign(signed []byte) []byte {
	n, err := note.Open(signed, note.VerifierList(x.verifier))
	if err != nil {
		return signed
	}
	out, err := note.Sign(&note.Note{Text: n.Text}, x.impostor)
	if err != nil {
		return signed
	}
	return out
}

// evidence answers an evidence request the way the faults switched on get it wrong.
func (x *ExchangeLog) evidence(w http.ResponseWriter, r *http.Request, l *exchangelog.Log) {
	var digest [32]byte
	if b, err := hex.DecodeString(r.URL.Query().Get("sha256")); err != nil || len(b) != 32 {
		http.Error(w, "sha256: want the receipt digest, 64 hexadecimal digits", http.StatusBadRequest)
		return
	} else {
		copy(digest[:], b)
	}
	i, err := l.Find(r.Context(), digest)
	if err != nil {
		http.Error(w, "no leaf with this digest", http.StatusNotFound)
		return
	}
	var ev exchangelog.Evidence
	var signed []byte
	ev.InclusionProof, signed, ev.Entry, err = l.Prove(r.Context(), i)
	if err == nil && x.faults.has(LogWrongProof) {
		other := i ^ 1 // the sibling leaf, or the one before the last of an odd tree
		if other >= ev.TreeSize {
			other = i - 1
		}
		var p exchangelog.InclusionProof
		if p, _, _, err = l.Prove(r.Context(), max(other, 0)); err == nil {
			ev.Hashes = p.Hashes
		}
	}
	if err != nil {
		http.Error(w, "the log cannot prove this leaf", http.StatusInternalServerError)
		return
	}
	ev.Checkpoint = string(signed)
	if x.impostor != nil {
		ev.Checkpoint = string(x.resign(signed))
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(ev)
}

// Mount serves srv at "/" and the log under LogPath.
func Mount(srv http.Handler, x *ExchangeLog) http.Handler {
	mux := http.NewServeMux()
	mux.Handle(LogPath, http.StripPrefix(strings.TrimSuffix(LogPath, "/"), x.Handler()))
	mux.Handle("/", srv)
	return mux
}
