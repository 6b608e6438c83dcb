package exchange

import (
	"sync"
	"testing"
	"time"
)

func TestRulesVersionAndHeader(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "specification version", base: epocRequest,
			mutate: func(m *Message) { m.Header.Version.SpecificationVersion = "V2.0.0" },
			want:   []string{"3021 /Header/Version/SpecificationVersion"}},
		{name: "profile owner", base: epocRequest,
			mutate: func(m *Message) { m.Header.Version.ProfileOwner = "etsi" },
			want:   []string{"3021 /Header/Version/ProfileOwner"}},
		{name: "profile version", base: epocRequest,
			mutate: func(m *Message) { m.Header.Version.ProfileVersion = "2025-01" },
			want:   []string{"3021 /Header/Version/ProfileVersion"}},
		{name: "sender country not ISO", base: epocRequest,
			mutate: func(m *Message) { m.Header.Sender.CountryCode = "UK" },
			want:   []string{"3007 /Header/Sender/CountryCode"}},
		{name: "test country refused by default", base: epocRequest,
			mutate: func(m *Message) { m.Header.Receiver.CountryCode = "XX" },
			want:   []string{"3007 /Header/Receiver/CountryCode"}},
		{name: "test country allowed in test profiles", base: epocRequest,
			mutate: func(m *Message) { m.Header.Receiver.CountryCode = "XX" },
			opts:   Options{AllowTestCountries: true}},
		{name: "lowercase country", base: epocRequest,
			mutate: func(m *Message) { m.Header.Receiver.CountryCode = "ie" },
			want:   []string{"3007 /Header/Receiver/CountryCode"}},
		{name: "control character in identifier", base: epocRequest,
			mutate: func(m *Message) { m.Header.Sender.UniqueIdentifier = "parquet\u0007paris" },
			want:   []string{"3007 /Header/Sender/UniqueIdentifier"}},
		{name: "sender is receiver", base: epocRequest,
			mutate: func(m *Message) { m.Header.Receiver = m.Header.Sender },
			want:   []string{"3007 /Header/Receiver"}},
		{name: "uppercase transaction identifier", base: epocRequest,
			mutate: func(m *Message) { m.Header.TransactionIdentifier = "3F1C2A4E-8B7D-4C1E-9A2B-5D6E7F8A9B0C" },
			want:   []string{"3007 /Header/TransactionIdentifier"}},
		{name: "bad workflow identifier", base: epocRequest,
			mutate: func(m *Message) { m.Header.WorkflowIdentifier = "case-17" },
			want:   []string{"3007 /Header/WorkflowIdentifier"}},
		{name: "timestamp with three fraction digits", base: epocRequest,
			mutate: func(m *Message) { m.Header.Timestamp = "2026-11-28T10:00:00.000Z" },
			want:   []string{"3007 /Header/Timestamp"}},
		{name: "receiver mismatch", base: epocRequest,
			opts: Options{Receiver: &Party{CountryCode: "IE", UniqueIdentifier: "other-provider"}},
			want: []string{"8010 /Header/Receiver"}},
		{name: "receiver match", base: epocRequest, opts: Options{Receiver: &tReceiver}},
		{name: "timestamp beyond the window", base: epocRequest,
			mutate: func(m *Message) { m.Header.Timestamp = NewTimestamp(tNow.Add(-301 * time.Second)) },
			opts:   Options{ClockWindow: 300 * time.Second},
			want:   []string{"8013 /Header/Timestamp"}},
		{name: "timestamp ahead beyond the window", base: epocRequest,
			mutate: func(m *Message) { m.Header.Timestamp = NewTimestamp(tNow.Add(301 * time.Second)) },
			opts:   Options{ClockWindow: 300 * time.Second},
			want:   []string{"8013 /Header/Timestamp"}},
		{name: "timestamp inside the window", base: epocRequest,
			mutate: func(m *Message) { m.Header.Timestamp = NewTimestamp(tNow.Add(-299 * time.Second)) },
			opts:   Options{ClockWindow: 300 * time.Second}},
		{name: "timestamp in another zone", base: epocRequest,
			mutate: func(m *Message) { m.Header.Timestamp = "2026-11-28T11:00:00.000000+01:00" },
			opts:   Options{ClockWindow: time.Second}},
		{name: "no payload", base: epocRequest,
			mutate: func(m *Message) { m.Payload = Payload{} },
			want:   []string{"3005 /Payload"}},
		{name: "request and response", base: epocRequest,
			mutate: func(m *Message) { m.Payload.Response = tResponse().Payload.Response },
			want:   []string{"3007 /Payload"}},
		{name: "receipt algorithm", base: tResponse,
			mutate: func(m *Message) { m.Payload.Response.Receipt.Algorithm = "sha-1" },
			want:   []string{"3007 /Payload/Response/Receipt/Algorithm"}},
		{name: "receipt value uppercase", base: tResponse,
			mutate: func(m *Message) {
				m.Payload.Response.Receipt.Value = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"
			},
			want: []string{"3007 /Payload/Response/Receipt/Value"}},
		{name: "response without results", base: tResponse,
			mutate: func(m *Message) { m.Payload.Response.ActionResult = nil },
			want:   []string{"3005 /Payload/Response"}},
		{name: "response with results and error", base: tResponse,
			mutate: func(m *Message) {
				m.Payload.Response.Error = []ErrorInformation{{Code: 3000, Description: "x"}}
			},
			want: []string{"3007 /Payload/Response"}},
		{name: "message-level error with unknown code", base: tResponse,
			mutate: func(m *Message) {
				m.Payload.Response.ActionResult = nil
				m.Payload.Response.Error = []ErrorInformation{{Code: 3020, Description: "x"}, {Code: 404, Description: "x"}}
			},
			want: []string{"3007 /Payload/Response/Error/1/Code"}},
	})
}

// memoryReplay is a ReplayCache for tests.
type memoryReplay struct {
	mu   sync.Mutex
	seen map[string]bool
	asks int
}

func (r *memoryReplay) Seen(p Party, id UUID) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.asks++
	k := p.CountryCode + "\x00" + p.UniqueIdentifier + "\x00" + string(id)
	old := r.seen[k]
	r.seen[k] = true
	return old
}

func TestReplayRunsLastAndOnlyOnAcceptedMessages(t *testing.T) {
	cache := &memoryReplay{seen: map[string]bool{}}
	v := NewValidator(Options{Replay: cache, Now: func() time.Time { return tNow }})
	run := func(m *Message) []Finding {
		c := &checker{v: v, format: FormatJSON, msg: m, now: tNow}
		c.version()
		c.header()
		c.actions()
		c.objects()
		c.links()
		c.attachments()
		c.replay()
		return c.out
	}
	// A broken message with the genuine identifier must not claim it.
	broken := epocRequest()
	broken.Header.Receiver.CountryCode = "ZZ"
	if fs := run(broken); len(fs) != 1 || fs[0].Code != CodeImproperValue {
		t.Fatalf("broken message: %v", fs)
	}
	if cache.asks != 0 {
		t.Fatalf("replay cache asked about a refused message")
	}
	if fs := run(epocRequest()); len(fs) != 0 {
		t.Fatalf("first delivery refused: %v", fs)
	}
	fs := run(epocRequest())
	if len(fs) != 1 || fs[0].Code != CodeReplay || fs[0].Path != "/Header/TransactionIdentifier" {
		t.Fatalf("replay: got %v, want 8012 at /Header/TransactionIdentifier", fs)
	}
	// The same identifier from another sender is not a replay.
	other := epocRequest()
	other.Header.Sender = Party{CountryCode: "DE", UniqueIdentifier: "sta-berlin"}
	if fs := run(other); len(fs) != 0 {
		t.Fatalf("other sender: %v", fs)
	}
}
