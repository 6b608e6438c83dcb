package main

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/conformance/testpki"
	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/httpbinding"
)

func TestOrderIsValid(t *testing.T) {
	pki := testpki.MustLoad()
	now := time.Now()
	m := productionOrder(pki.Harness.Party, pki.Implementation.Party, now)
	for _, f := range []exchange.Format{exchange.FormatXML, exchange.FormatJSON} {
		data, err := exchange.Marshal(m, f)
		if err != nil {
			t.Fatal(err)
		}
		if r := exchange.Validate(data, f); !r.Valid() {
			t.Errorf("%s: %v", f, r.Findings)
		}
	}
}

func TestSendToReferenceImplementation(t *testing.T) {
	srv, err := refimpl.Default()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, f := range []string{"xml", "json"} {
		t.Run(f, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(context.Background(), []string{"--target", ts.URL, "--format", f}, &out); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			for _, want := range []string{"response from LU/jcx-reference", "correlated; receipt", "action 0 created", "action 1 created"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, out.String())
				}
			}
		})
	}
}

// An implementation whose clock is an hour ahead refuses the order (8013); the program
// still checks the response's signature, correlation and receipt, then reports the refusal.
func TestRefusedOrder(t *testing.T) {
	cfg, err := refimpl.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Now = func() time.Time { return time.Now().Add(time.Hour) }
	srv, err := refimpl.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var out bytes.Buffer
	err = run(context.Background(), []string{"--target", ts.URL}, &out)
	if err == nil || !strings.Contains(out.String(), "refused: 8013") || !strings.Contains(out.String(), "receipt") {
		t.Fatalf("err = %v, output:\n%s", err, out.String())
	}
}

// An answer signed by a trusted party other than the one written to is not accepted.
func TestWrongResponder(t *testing.T) {
	srv, err := refimpl.Default()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	err = run(context.Background(), []string{"--target", ts.URL, "--to", "LU/someone-else"}, &bytes.Buffer{})
	if !errors.Is(err, httpbinding.ErrWrongResponder) || !strings.Contains(err.Error(), "signed by LU/jcx-reference") {
		t.Fatalf("err = %v", err)
	}
}

func TestUnreachable(t *testing.T) {
	ts := httptest.NewServer(nil)
	url := ts.URL
	ts.Close()
	if err := run(context.Background(), []string{"--target", url}, &bytes.Buffer{}); !errors.Is(err, httpbinding.ErrTransport) {
		t.Fatal("no error for a closed server")
	}
}
