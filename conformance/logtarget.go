package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"

	"golang.org/x/mod/sumdb/note"

	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

// LogTarget declares that the implementation runs an exchange log (docs/log.md) and
// tells the harness how to read it; the cases of the log profile run only with one, and
// are skipped-unsupported without.
type LogTarget struct {
	// Key is the operator's note verifier key (the text of the KEY.pub that
	// `jcx log init` writes): the one thing the log checks trust.
	Key string
	// Fetch GETs a path below the log's root, as docs/http-binding.md lists them:
	// "checkpoint", "tile/…", "evidence?sha256=<hex>". A 404 is an error matching
	// fs.ErrNotExist.
	Fetch func(ctx context.Context, path string) ([]byte, error)
}

// LogPath is where a jcx implementation serves its exchange log, below its root.
const LogPath = "/log/"

// maxLogAnswer bounds what the harness reads from one log request: a full entry bundle
// of the largest entries possible.
const maxLogAnswer = 256 * (2 + 0xffff)

// LogOverHTTP returns a LogTarget.Fetch that GETs the paths below base, the log's URL
// (for jcx serve: the implementation's URL with the path LogPath).
func LogOverHTTP(base string, opts HTTPOptions) func(context.Context, string) ([]byte, error) {
	c := httpClient(opts)
	base = strings.TrimSuffix(base, "/") + "/"
	return func(ctx context.Context, path string) ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrConfig, err)
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(io.LimitReader(resp.Body, maxLogAnswer+1))
		if err != nil {
			return nil, err
		}
		return logAnswer(path, resp.StatusCode, b)
	}
}

// LogFromHandler returns a LogTarget.Fetch that asks h, in process, for the paths below
// LogPath: the log of an implementation that Handler tests, or that InProcess tests when
// its log is served by h.
func LogFromHandler(h http.Handler) func(context.Context, string) ([]byte, error) {
	return func(ctx context.Context, path string) ([]byte, error) {
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, LogPath+path, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return logAnswer(path, rec.Code, rec.Body.Bytes())
	}
}

func logAnswer(path string, status int, b []byte) ([]byte, error) {
	switch {
	case status == http.StatusNotFound:
		return nil, fmt.Errorf("GET %s: HTTP status 404: %w", path, fs.ErrNotExist)
	case status != http.StatusOK:
		return nil, fmt.Errorf("GET %s: HTTP status %d", path, status)
	case len(b) > maxLogAnswer:
		return nil, fmt.Errorf("GET %s: more than %d bytes", path, maxLogAnswer)
	}
	return b, nil
}

// logVerifier parses the operator's key of a LogTarget.
func (l *LogTarget) verifier() (*exchangelog.Verifier, error) {
	if l.Fetch == nil {
		return nil, fmt.Errorf("%w: the log target has no Fetch", ErrConfig)
	}
	v, err := note.NewVerifier(strings.TrimSpace(l.Key))
	if err != nil {
		return nil, fmt.Errorf("%w: the log's verifier key: %v", ErrConfig, err)
	}
	return &exchangelog.Verifier{Key: v}, nil
}

// errNoLog is the reason of a log case skipped for want of a LogTarget.
var errNoLog = errors.New("the implementation declares no exchange log (Config.Log, --log-key)")

// transcribe records one GET of the log in the case's transcript.
func (cr *caseRun) transcribe(label, path string, body []byte, err error) {
	ex := Exchange{Step: len(cr.transcript) + 1, Label: label, Request: "GET " + LogPath + path, RequestType: "",
		Response: transcriptText(bytes.Clone(body))}
	if err != nil {
		ex.Error = err.Error()
	}
	cr.transcript = append(cr.transcript, ex)
}
