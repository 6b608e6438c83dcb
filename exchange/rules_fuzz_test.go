package exchange

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzRules feeds the rule steps arbitrary models, decoded leniently from JSON so that
// every member can take any value, and checks that they never panic and that every
// finding has a known code, a path and a message.
func FuzzRules(f *testing.F) {
	for _, m := range []*Message{epocRequest(), everyKindRequest(), tResponse()} {
		b, err := json.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, true)
	}
	resolver := resolverMap{tid("elsewhere/task"): true}
	f.Fuzz(func(t *testing.T, data []byte, xml bool) {
		var m Message
		if json.Unmarshal(data, &m) != nil {
			return
		}
		format := FormatJSON
		if xml {
			format = FormatXML
		}
		v := NewValidator(Options{Now: func() time.Time { return tNow }, ClockWindow: time.Minute,
			Receiver: &tReceiver, Links: resolver, Replay: &memoryReplay{seen: map[string]bool{}}})
		c := &checker{v: v, format: format, msg: &m, now: tNow}
		c.version()
		c.header()
		c.actions()
		c.objects()
		c.links()
		c.attachments()
		c.replay()
		for _, x := range c.out {
			if x.Code < 3000 || x.Code > 8099 || x.Message == "" || x.Path == "" && x.Code != CodeMissing && x.Code != CodeImproperValue {
				t.Errorf("malformed finding %+v", x)
			}
		}
	})
}
