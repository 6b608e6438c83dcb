package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/jcx-dev/jcx/conformance"
	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/exchange/exchangelog"
)

// builtinLogged is the built-in reference implementation of the core suite with an
// exchange log in a temporary directory, so that a run without a target tests the log
// profile too. stop closes the log and removes the directory.
func builtinLogged(ctx context.Context) (h http.Handler, vkey string, stop func(), err error) {
	dir, err := os.MkdirTemp("", "jcx-conformance-log-")
	if err != nil {
		return nil, "", nil, err
	}
	stop = func() { os.RemoveAll(dir) }
	fail := func(err error) (http.Handler, string, func(), error) {
		stop()
		return nil, "", nil, err
	}
	skey, vkey, err := exchangelog.GenerateKey("log.reference.invalid/jcx")
	if err != nil {
		return fail(err)
	}
	signer, verifier, err := exchangelog.ParseSignerKey(skey)
	if err != nil {
		return fail(err)
	}
	if err := exchangelog.Init(dir, signer); err != nil {
		return fail(err)
	}
	x, err := refimpl.OpenExchangeLog(ctx, dir, signer, verifier)
	if err != nil {
		return fail(err)
	}
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		x.Close()
		return fail(err)
	}
	cfg.Accepted = x.Record
	srv, err := refimpl.New(cfg)
	if err != nil {
		x.Close()
		return fail(err)
	}
	return refimpl.Mount(srv, x), vkey, func() { x.Close(); os.RemoveAll(dir) }, nil
}

// logURL is where the log of an implementation at target is served unless --log-url
// says otherwise: the path /log/ on the same host (docs/http-binding.md).
func logURL(target string) (string, error) {
	u, err := url.Parse(target)
	if err != nil {
		return "", err
	}
	u.Path, u.RawQuery, u.Fragment = conformance.LogPath, "", ""
	return u.String(), nil
}

// readLogKey reads the operator's note verifier key from a file (the KEY.pub of jcx log
// init).
func readLogKey(file string) (string, error) {
	b, err := readFileLimited(file, maxConfigBytes)
	if err != nil {
		return "", err
	}
	key := strings.TrimSpace(string(b))
	if key == "" || strings.ContainsAny(key, "\n\r") {
		return "", fmt.Errorf("%w: --log-key %s: want one line, the log's verifier key", conformance.ErrConfig, file)
	}
	return key, nil
}
