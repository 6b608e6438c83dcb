package refimpl_test

import (
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
	"github.com/jcx-dev/jcx/exchange"
)

// Every bound of the server refuses explicitly, with a code, instead of growing.
func TestLimits(t *testing.T) {
	cases := []struct {
		name  string
		limit func(*refimpl.Config)
		run   func(c *client) string
		want  string
	}{
		{"store full", func(cfg *refimpl.Config) { cfg.MaxObjects = 2 }, func(c *client) string {
			auth := authorisation(c.from)
			c.send(create(exchange.Object{Authorisation: auth}))
			// The task and its notification do not fit.
			return codes(c.send(create(exchange.Object{AssistanceTask: assistanceTask(c.from, auth.ObjectIdentifier)})))
		}, "3003"},
		{"replay cache full", func(cfg *refimpl.Config) { cfg.MaxTransactions = 1 }, func(c *client) string {
			c.send(capabilities())
			return codes(c.send(capabilities()))
		}, "3003"},
		{"list too long", func(cfg *refimpl.Config) { cfg.MaxListed = 2 }, func(c *client) string {
			for range 3 {
				c.send(create(exchange.Object{Authorisation: authorisation(c.from)}))
			}
			return codes(c.send(list(exchange.ListAction{})))
		}, "3000"},
		{"list at the limit", func(cfg *refimpl.Config) { cfg.MaxListed = 2 }, func(c *client) string {
			for range 2 {
				c.send(create(exchange.Object{Authorisation: authorisation(c.from)}))
			}
			return codes(c.send(list(exchange.ListAction{})))
		}, "ok"},
		{"narrow clock window", func(cfg *refimpl.Config) { cfg.ClockWindow = time.Second }, func(c *client) string {
			c.at = -5 * time.Second
			return codes(c.send(capabilities()))
		}, "8013"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := refimpl.DefaultConfig()
			if err != nil {
				t.Fatal(err)
			}
			tc.limit(&cfg)
			srv, err := refimpl.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := tc.run(newClient(t, srv, exchange.FormatXML)); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// Replay entries are forgotten once the clock window makes a replay stale anyway.
func TestReplayExpiry(t *testing.T) {
	now := time.Now()
	clock := func() time.Time { return now }
	cfg, _ := refimpl.DefaultConfig()
	cfg.Now = func() time.Time { return clock() }
	cfg.MaxTransactions = 1
	srv, err := refimpl.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv, exchange.FormatXML)
	if got := codes(c.send(capabilities())); got != "ok" {
		t.Fatal(got)
	}
	// Within two windows the only slot is taken.
	now = now.Add(refimpl.DefaultClockWindow)
	c.at = refimpl.DefaultClockWindow
	if got := codes(c.send(capabilities())); got != "3003" {
		t.Fatalf("while the first transaction is remembered: %s", got)
	}
	// After two windows it is forgotten, and the slot is free again.
	now = now.Add(refimpl.DefaultClockWindow + time.Second)
	c.at = 2*refimpl.DefaultClockWindow + time.Second
	if got := codes(c.send(capabilities())); got != "ok" {
		t.Fatalf("after expiry: %s", got)
	}
}
