package refimpl_test

import (
	"slices"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// fixture is a case the harness party opened: an authorisation and a task under it.
type fixture struct {
	auth *exchange.Authorisation
	task *exchange.AssistanceTask
}

func open(t *testing.T, c *client) fixture {
	t.Helper()
	f := fixture{auth: authorisation(c.from)}
	f.task = assistanceTask(c.from, f.auth.ObjectIdentifier)
	r := c.send(create(exchange.Object{Authorisation: f.auth}), create(exchange.Object{AssistanceTask: f.task}))
	if got := codes(r); got != "ok,ok" {
		t.Fatalf("opening the case: %s %+v", got, r.Error)
	}
	for i, id := range []exchange.UUID{f.auth.ObjectIdentifier, f.task.ObjectIdentifier} {
		if res := r.ActionResult[i].CREATE; res == nil || res.Identifier != id || res.Generation != 1 {
			t.Fatalf("CREATE result %d = %+v, want %s at generation 1", i, res, id)
		}
	}
	return f
}

func TestSemantics(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, c *client)
	}{
		{"create then get returns the object with receiver-owned members", func(t *testing.T, c *client) {
			f := open(t, c)
			r := c.send(get(f.task.ObjectIdentifier))
			if codes(r) != "ok" {
				t.Fatalf("GET: %s", codes(r))
			}
			got := r.ActionResult[0].GET.AssistanceTask
			if got == nil || got.Reference != f.task.Reference || got.Generation != 1 || got.Status == nil || got.LastChanged == "" {
				t.Fatalf("GET returned %+v", r.ActionResult[0].GET)
			}
		}},
		{"create of an existing identifier is 3010", func(t *testing.T, c *client) {
			f := open(t, c)
			if got := codes(c.send(create(exchange.Object{Authorisation: f.auth}))); got != "3010" {
				t.Fatalf("got %s", got)
			}
		}},
		{"get of an unknown object is 3014", func(t *testing.T, c *client) {
			if got := codes(c.send(get(exchange.NewUUID()))); got != "3014" {
				t.Fatalf("got %s", got)
			}
		}},
		{"update with the current generation applies and increments it", func(t *testing.T, c *client) {
			f := open(t, c)
			u := *f.task
			u.Generation = 1
			u.Details = "Statements for 2024 and 2025."
			r := c.send(update(exchange.Object{AssistanceTask: &u}))
			if codes(r) != "ok" || r.ActionResult[0].UPDATE.Generation != 2 {
				t.Fatalf("UPDATE: %s %+v", codes(r), r.ActionResult)
			}
			r = c.send(get(u.ObjectIdentifier))
			got := r.ActionResult[0].GET.AssistanceTask
			if got.Details != u.Details || got.Generation != 2 || got.Reference != f.task.Reference {
				t.Fatalf("after UPDATE, GET returned %+v", got)
			}
		}},
		{"update with a stale generation is 3008 and changes nothing", func(t *testing.T, c *client) {
			f := open(t, c)
			u := *f.task
			u.Generation = 1
			if got := codes(c.send(update(exchange.Object{AssistanceTask: &u}))); got != "ok" {
				t.Fatalf("first UPDATE: %s", got)
			}
			u.Details = "lost update"
			if got := codes(c.send(update(exchange.Object{AssistanceTask: &u}))); got != "3008" {
				t.Fatalf("stale UPDATE: %s", got)
			}
			got := c.send(get(u.ObjectIdentifier)).ActionResult[0].GET.AssistanceTask
			if got.Generation != 2 || got.Details == "lost update" {
				t.Fatalf("stale UPDATE changed the object: %+v", got)
			}
		}},
		{"update of an unknown object is 3011", func(t *testing.T, c *client) {
			u := assistanceTask(c.from, exchange.NewUUID())
			u.AssociatedObject = nil
			u.Generation = 1
			if got := codes(c.send(update(exchange.Object{AssistanceTask: u}))); got != "3011" {
				t.Fatalf("got %s", got)
			}
		}},
		{"a link to an unknown object is 3016", func(t *testing.T, c *client) {
			task := assistanceTask(c.from, exchange.NewUUID())
			if got := codes(c.send(create(exchange.Object{AssistanceTask: task}))); got != "3016" {
				t.Fatalf("got %s", got)
			}
		}},
		{"all-or-nothing rolls back and reports 3000 for the other actions", func(t *testing.T, c *client) {
			f := open(t, c)
			fresh := authorisation(c.from)
			r := c.send(create(exchange.Object{Authorisation: fresh}), create(exchange.Object{Authorisation: f.auth}))
			if got := codes(r); got != "3000,3010" {
				t.Fatalf("got %s", got)
			}
			if got := codes(c.send(get(fresh.ObjectIdentifier))); got != "3014" {
				t.Fatalf("the first CREATE was kept: GET %s", got)
			}
		}},
		{"independent actions stand alone", func(t *testing.T, c *client) {
			f := open(t, c)
			fresh := authorisation(c.from)
			m := c.message(create(exchange.Object{Authorisation: fresh}), create(exchange.Object{Authorisation: f.auth}))
			m.Payload.Request.Atomicity = exchange.Independent
			if got := codes(c.sendBytes(c.encode(m))); got != "ok,3010" {
				t.Fatalf("got %s", got)
			}
			if got := codes(c.send(get(fresh.ObjectIdentifier))); got != "ok" {
				t.Fatalf("GET %s", got)
			}
		}},
		{"a later action sees an earlier one of the same request", func(t *testing.T, c *client) {
			auth := authorisation(c.from)
			r := c.send(create(exchange.Object{Authorisation: auth}), get(auth.ObjectIdentifier))
			if got := codes(r); got != "ok,ok" {
				t.Fatalf("got %s", got)
			}
		}},
		{"creating a task creates a Received notification", func(t *testing.T, c *client) {
			f := open(t, c)
			r := c.send(list(exchange.ListAction{ObjectType: exchange.KindNotification, AssociatedWith: f.task.ObjectIdentifier}))
			objs := r.ActionResult[0].LIST.ListedObject
			if len(objs) != 1 {
				t.Fatalf("LIST found %d notifications, want 1", len(objs))
			}
			n := c.send(get(objs[0].Identifier)).ActionResult[0].GET.Notification
			if n == nil || n.NotificationType.Value != "Received" || !slices.Contains(n.AssociatedObject, f.task.ObjectIdentifier) {
				t.Fatalf("notification %+v", n)
			}
		}},
		{"list filters by type, association and change time", func(t *testing.T, c *client) {
			f := open(t, c)
			all := c.send(list(exchange.ListAction{})).ActionResult[0].LIST.ListedObject
			if len(all) != 3 { // authorisation, task, notification
				t.Fatalf("LIST found %d objects, want 3", len(all))
			}
			tasks := c.send(list(exchange.ListAction{ObjectType: exchange.KindAssistanceTask})).ActionResult[0].LIST.ListedObject
			if len(tasks) != 1 || tasks[0].Identifier != f.task.ObjectIdentifier || tasks[0].Generation != 1 {
				t.Fatalf("LIST of tasks: %+v", tasks)
			}
			under := c.send(list(exchange.ListAction{AssociatedWith: f.auth.ObjectIdentifier})).ActionResult[0].LIST.ListedObject
			if len(under) != 1 || under[0].Identifier != f.task.ObjectIdentifier {
				t.Fatalf("LIST associated with the authorisation: %+v", under)
			}
			later := exchange.NewDateTime(time.Now().Add(time.Hour))
			if n := len(c.send(list(exchange.ListAction{ChangedSince: later})).ActionResult[0].LIST.ListedObject); n != 0 {
				t.Fatalf("LIST changed in the future found %d", n)
			}
		}},
		{"deliver stores a delivery for a task", func(t *testing.T, c *client) {
			f := open(t, c)
			d := delivery(c.from, f.task.ObjectIdentifier)
			r := c.send(deliver(d))
			if codes(r) != "ok" || r.ActionResult[0].DELIVER.Identifier != d.ObjectIdentifier {
				t.Fatalf("DELIVER: %s %+v", codes(r), r.ActionResult)
			}
			got := c.send(get(d.ObjectIdentifier)).ActionResult[0].GET.Delivery
			if got == nil || got.TaskReference != f.task.ObjectIdentifier {
				t.Fatalf("GET delivery: %+v", got)
			}
		}},
		{"deliver for an unknown task is 3016", func(t *testing.T, c *client) {
			d := delivery(c.from, exchange.NewUUID())
			d.AssociatedObject = nil
			if got := codes(c.send(deliver(d))); got != "3016" {
				t.Fatalf("got %s", got)
			}
		}},
		{"getcapabilities lists every verb and both encodings", func(t *testing.T, c *client) {
			caps := c.send(capabilities()).ActionResult[0].GETCAPABILITIES
			if caps == nil || len(caps.Verb) != 6 || len(caps.Encoding) != 2 {
				t.Fatalf("capabilities %+v", caps)
			}
		}},
		{"another party does not see the case", func(t *testing.T, c *client) {
			f := open(t, c)
			other := *c
			other.as, other.from = c.pki.Harness2, c.pki.Harness2.Party
			if got := codes(other.send(get(f.task.ObjectIdentifier))); got != "3014" {
				t.Fatalf("GET by another party: %s", got)
			}
			if n := len(other.send(list(exchange.ListAction{})).ActionResult[0].LIST.ListedObject); n != 0 {
				t.Fatalf("LIST by another party found %d objects", n)
			}
		}},
	}
	for _, f := range formats {
		for _, tc := range cases {
			t.Run(f.String()+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				tc.run(t, newClient(t, newServer(t), f))
			})
		}
	}
}

// TestRefusals covers the message-level checks: each request is refused as a whole with
// the code, in both encodings, and the response is still signed, correlated and carries
// the receipt.
func TestRefusals(t *testing.T) {
	cases := []struct {
		name  string
		setup func(c *client)
		want  string
	}{
		{"unsigned", func(c *client) { c.unsigned = true }, "8001"},
		{"wrong signer", func(c *client) { c.as = c.pki.WrongSigner }, "8004"},
		{"untrusted signer", func(c *client) { c.as = c.pki.Untrusted }, "8003"},
		{"expired signer", func(c *client) { c.as = c.pki.Expired }, "8003"},
		{"wrong receiver", func(c *client) { c.to = c.pki.Harness2.Party }, "8010"},
		{"stale timestamp", func(c *client) { c.at = -time.Hour }, "8013"},
		{"future timestamp", func(c *client) { c.at = time.Hour }, "8013"},
	}
	for _, f := range formats {
		for _, tc := range cases {
			t.Run(f.String()+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				c := newClient(t, newServer(t), f)
				tc.setup(c)
				auth := authorisation(c.from)
				if got := codes(c.send(create(exchange.Object{Authorisation: auth}))); got != tc.want {
					t.Fatalf("got %s, want %s", got, tc.want)
				}
			})
		}
	}
}

func TestReplay(t *testing.T) {
	for _, f := range formats {
		t.Run(f.String(), func(t *testing.T) {
			c := newClient(t, newServer(t), f)
			body := c.encode(c.message(create(exchange.Object{Authorisation: authorisation(c.from)})))
			if got := codes(c.sendBytes(body)); got != "ok" {
				t.Fatalf("first: %s", got)
			}
			if got := codes(c.sendBytes(body)); got != "8012" {
				t.Fatalf("replay: %s", got)
			}
		})
	}
}

// A refused message must not use up its transaction identifier: otherwise anyone could
// send a broken message first and get the genuine one refused as a replay.
func TestRefusedMessageDoesNotClaimTransaction(t *testing.T) {
	c := newClient(t, newServer(t), exchange.FormatXML)
	m := c.message(create(exchange.Object{Authorisation: authorisation(c.from)}))
	forged := *c
	forged.as = c.pki.WrongSigner
	if got := codes(forged.sendBytes(forged.encode(m))); got != "8004" {
		t.Fatalf("forged: %s", got)
	}
	if got := codes(c.sendBytes(c.encode(m))); got != "ok" {
		t.Fatalf("genuine after forged: %s", got)
	}
}

// Undecodable input still gets a signed response with the receipt; the transaction is
// correlated when the header could be read.
func TestUndecodable(t *testing.T) {
	cases := []struct {
		name string
		f    exchange.Format
		body string
	}{
		{"xml doctype", exchange.FormatXML, `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Message/>`},
		{"xml not well-formed", exchange.FormatXML, `<Message><Header>`},
		{"json duplicate keys", exchange.FormatJSON, `{"Header":{},"Header":{}}`},
		{"json garbage", exchange.FormatJSON, `{"`},
		{"empty", exchange.FormatXML, ``},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClient(t, newServer(t), tc.f)
			r := c.sendBytes([]byte(tc.body))
			if len(r.Error) == 0 {
				t.Fatalf("no error for %q", tc.body)
			}
		})
	}
}
