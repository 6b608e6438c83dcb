package exchange_test

import (
	"testing"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

func TestMemoryReplayCacheForgetsOldest(t *testing.T) {
	c := exchange.NewMemoryReplayCache(2)
	p := exchange.Party{CountryCode: "FR", UniqueIdentifier: "pj-paris"}
	ids := []exchange.UUID{exchange.NewUUID(), exchange.NewUUID(), exchange.NewUUID()}
	for _, id := range ids {
		if c.Seen(p, id) {
			t.Fatalf("first sight of %s reported as seen", id)
		}
	}
	if !c.Seen(p, ids[2]) {
		t.Errorf("most recent id not remembered")
	}
	if c.Seen(p, ids[0]) {
		t.Errorf("oldest id still remembered in a cache of two")
	}
	other := exchange.Party{CountryCode: "DE", UniqueIdentifier: "pj-paris"}
	if c.Seen(other, ids[2]) {
		t.Errorf("the same id from another sender is not a replay")
	}
}

// TestValidateReplay checks the pipeline: the second delivery of a message is a replay
// (8012), and a message refused for another reason does not claim its identifier.
func TestValidateReplay(t *testing.T) {
	fr := exchange.Party{CountryCode: "FR", UniqueIdentifier: "pj-paris"}
	de := exchange.Party{CountryCode: "DE", UniqueIdentifier: "gsta-berlin"}
	v := exchange.NewValidator(exchange.Options{Replay: exchange.NewMemoryReplayCache(100), Receiver: &de, ClockWindow: 5 * time.Minute})

	msg := exchange.NewRequest(fr, de, exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	data, err := exchange.Marshal(msg, exchange.FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	wrongReceiver := *msg
	wrongReceiver.Header.Receiver = exchange.Party{CountryCode: "AT", UniqueIdentifier: "sta-wien"}
	refused, err := exchange.Marshal(&wrongReceiver, exchange.FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		data []byte
		want []exchange.ErrorCode
	}{
		{"refused for its receiver first", refused, []exchange.ErrorCode{exchange.CodeReceiverMismatch}},
		{"genuine message", data, nil},
		{"replayed", data, []exchange.ErrorCode{exchange.CodeReplay}},
	}
	for _, s := range steps {
		r := v.Validate(s.data, exchange.FormatJSON)
		var got []exchange.ErrorCode
		for _, f := range r.Findings {
			got = append(got, f.Code)
		}
		if len(got) != len(s.want) || (len(got) > 0 && got[0] != s.want[0]) {
			t.Errorf("%s: codes %v, want %v (%v)", s.name, got, s.want, r.Findings)
		}
	}
}
