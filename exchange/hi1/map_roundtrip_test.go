package hi1

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jcx-dev/jcx/exchange"
)

// validJCX are the mapping fixtures that are valid jcx messages too. The others are
// partial objects: a valid jcx Authorisation names its issuing and executing states, a
// DisclosureTask its addressee's name, a Delivery its task and artefacts, and HI-1 has a
// place for none of these (docs/hi1.md), so an object that maps whole lacks them.
var validJCX = map[string]bool{"get-list.xml": true, "notification.xml": true}

// TestMapRoundTrip holds every fixture of testdata/map, each of which uses only members
// the mapping table lists, to a whole mapping: jcx → HI-1 refuses nothing, the HI-1
// message passes the envelope rules and the ETSI schema set,
// and HI-1 → jcx gives back a message equal (go-cmp) to the one decoded from the fixture.
// Together they cover every mapped concept: Authorisation, DisclosureTask ⇄ LDTask,
// Document, Notification, Delivery, and GET, LIST, CREATE, UPDATE and DELIVER.
func TestMapRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "map", "*.xml"))
	if err != nil || len(files) < 6 {
		t.Fatalf("want the mapping fixtures, found %d: %v", len(files), err)
	}
	set := etsiSet(t)
	kinds := map[exchange.ObjectKind]bool{}
	verbs := map[exchange.Verb]bool{}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			// Partial objects do not pass exchange.Unmarshal's validation: decode the
			// model plainly, and hold the valid ones to validation below.
			m := new(exchange.Message)
			if err := xml.Unmarshal(data, m); err != nil {
				t.Fatal(err)
			}
			if rep := exchange.Validate(data, exchange.FormatXML); rep.Valid() != validJCX[name] {
				t.Errorf("jcx validity %v, want %v: %v", rep.Valid(), validJCX[name], rep.Findings)
			}
			if validJCX[name] {
				decoded, err := exchange.Unmarshal(data, exchange.FormatXML)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(decoded, m); diff != "" {
					t.Errorf("the plain decoding differs from exchange.Unmarshal's:\n%s", diff)
				}
			}
			for _, a := range m.Payload.Request.Action {
				verbs[a.Verb()] = true
				for _, o := range []*exchange.ObjectAction{a.CREATE, a.UPDATE} {
					if o != nil {
						kinds[o.Kind()] = true
					}
				}
				if a.DELIVER != nil {
					kinds[exchange.KindDelivery] = true
				}
			}
			h, findings := ToHI1(m)
			if len(findings) > 0 {
				t.Fatalf("the fixture does not map whole: %v", findings)
			}
			doc, err := Encode(h)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Decode(doc, exchange.Limits{})
			if err != nil {
				t.Fatalf("%v\n%s", err, doc)
			}
			if f := Check(back); len(f) != 0 {
				t.Errorf("the HI-1 message breaks the envelope rules: %v\n%s", f, doc)
			}
			if f := set.ValidateBytes(doc); len(f) != 0 {
				t.Errorf("the ETSI schema set refuses the HI-1 message: %v\n%s", f, doc)
			}
			jcx, findings := FromHI1(back)
			if len(findings) != 0 {
				t.Fatalf("FromHI1: %v\n%s", findings, doc)
			}
			if diff := cmp.Diff(m, jcx); diff != "" {
				t.Errorf("jcx → HI-1 → jcx differs (-want +got):\n%s", diff)
			}
		})
	}
	for _, k := range []exchange.ObjectKind{exchange.KindAuthorisation, exchange.KindDisclosureTask, exchange.KindDocument, exchange.KindNotification, exchange.KindDelivery} {
		if !kinds[k] {
			t.Errorf("no fixture maps a %s", k)
		}
	}
	for _, v := range []exchange.Verb{exchange.VerbGet, exchange.VerbCreate, exchange.VerbUpdate, exchange.VerbList, exchange.VerbDeliver} {
		if !verbs[v] {
			t.Errorf("no fixture maps a %s", v)
		}
	}
}
