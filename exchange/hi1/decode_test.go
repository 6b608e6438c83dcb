package hi1

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// minimal is a small valid request; the cases below change one thing in it.
const minimal = `<?xml version="1.0" encoding="UTF-8"?>
<HI1Message xmlns="http://uri.etsi.org/03120/common/2019/10/Core" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:auth="http://uri.etsi.org/03120/common/2020/09/Authorisation">
  <Header>
    <SenderIdentifier><CountryCode>XX</CountryCode><UniqueIdentifier>ACTOR01</UniqueIdentifier></SenderIdentifier>
    <ReceiverIdentifier><CountryCode>XX</CountryCode><UniqueIdentifier>ACTOR02</UniqueIdentifier></ReceiverIdentifier>
    <TransactionIdentifier>c02358b2-76cf-4ba4-a8eb-f6436ccaea2e</TransactionIdentifier>
    <Timestamp>2015-09-01T12:00:00.000000Z</Timestamp>
    <Version><ETSIVersion>V1.12.1</ETSIVersion><NationalProfileOwner>XX</NationalProfileOwner><NationalProfileVersion>v1.0</NationalProfileVersion></Version>
  </Header>
  <Payload>
    <RequestPayload>
      <ActionRequests>
        <ActionRequest>
          <ActionIdentifier>0</ActionIdentifier>
          <CREATE>
            <HI1Object xsi:type="auth:AuthorisationObject">
              <ObjectIdentifier>7dbbc880-8750-4d3c-abe7-ea4a17646045</ObjectIdentifier>
              <auth:AuthorisationReference>W000001</auth:AuthorisationReference>
            </HI1Object>
          </CREATE>
        </ActionRequest>
      </ActionRequests>
    </RequestPayload>
  </Payload>
</HI1Message>
`

const pObj = "/HI1Message/Payload[1]/RequestPayload[1]/ActionRequests[1]/ActionRequest[1]/CREATE[1]/HI1Object[1]"

// TestDecodeRefuses holds the decoder to a finding, with code, XPath and line, for each
// kind of document it cannot map to the model.
func TestDecodeRefuses(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replace old by new in minimal
		all      bool   // every occurrence
		lim      exchange.Limits
		code     exchange.ErrorCode
		path     string
		line     int
	}{
		{name: "doctype", old: `<?xml version="1.0" encoding="UTF-8"?>`, new: `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE HI1Message [<!ENTITY x "y">]>`, code: 3020, line: 1},
		{name: "too large", lim: exchange.Limits{MaxBytes: 512}, code: 3022},
		{name: "too deep", lim: exchange.Limits{MaxDepth: 5}, code: 3020, line: 14},
		{name: "invalid UTF-8", old: "ACTOR01", new: "ACT\xffOR01", code: 3019, line: 4},
		{name: "not well-formed", old: "</Header>", new: "</Headr>", code: 3020, line: 9},
		{name: "other root", old: "HI1Message", new: "HI2Message", all: true, code: 3020, path: "/HI2Message", line: 2},
		{name: "root in no namespace", old: `xmlns="http://uri.etsi.org/03120/common/2019/10/Core"`, new: ``, code: 3020, path: "/HI1Message", line: 2},
		{name: "unexpected element", old: "<Timestamp>", new: "<Priority>1</Priority><Timestamp>", code: 3020, path: "/HI1Message/Header[1]/Priority[1]", line: 7},
		{name: "element out of order", old: "<TransactionIdentifier>c02358b2-76cf-4ba4-a8eb-f6436ccaea2e</TransactionIdentifier>", new: "", code: 3020, path: "/HI1Message/Header[1]", line: 3},
		{name: "element repeated", old: "<Timestamp>", new: "<Timestamp>2015-09-01T12:00:00.000000Z</Timestamp><Timestamp>", code: 3020, path: "/HI1Message/Header[1]/Timestamp[2]", line: 7},
		{name: "element of another namespace", old: "<auth:AuthorisationReference>W000001</auth:AuthorisationReference>", new: "<AuthorisationReference>W000001</AuthorisationReference>", code: 3020, path: pObj + "/AuthorisationReference[1]", line: 18},
		{name: "text among elements", old: "<Payload>", new: "<Payload>text", code: 3020, path: "/HI1Message/Payload[1]", line: 10},
		{name: "element in text", old: "<UniqueIdentifier>ACTOR01</UniqueIdentifier>", new: "<UniqueIdentifier>ACTOR<b/>01</UniqueIdentifier>", code: 3020, path: "/HI1Message/Header[1]/SenderIdentifier[1]/UniqueIdentifier[1]/b[1]", line: 4},
		{name: "attribute", old: "<Header>", new: `<Header id="h">`, code: 3020, path: "/HI1Message/Header[1]", line: 3},
		{name: "action identifier not a number", old: "<ActionIdentifier>0<", new: "<ActionIdentifier>zero<", code: 3020, path: "/HI1Message/Payload[1]/RequestPayload[1]/ActionRequests[1]/ActionRequest[1]/ActionIdentifier[1]", line: 14},
		{name: "object without xsi:type", old: ` xsi:type="auth:AuthorisationObject"`, new: "", code: 3020, path: pObj, line: 16},
		{name: "xsi:type of an undeclared prefix", old: `"auth:AuthorisationObject"`, new: `"authz:AuthorisationObject"`, code: 3020, path: pObj, line: 16},
		{name: "object without identifier", old: "<ObjectIdentifier>7dbbc880-8750-4d3c-abe7-ea4a17646045</ObjectIdentifier>", new: "", code: 3020, path: pObj, line: 16},
		{name: "request without actions element", old: "ActionRequests>", new: "ActionRequestz>", all: true, code: 3020, path: "/HI1Message/Payload[1]/RequestPayload[1]/ActionRequestz[1]", line: 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := minimal
			if tt.old != "" {
				if !strings.Contains(doc, tt.old) {
					t.Fatalf("%q not in the document", tt.old)
				}
				n := 1
				if tt.all {
					n = -1
				}
				doc = strings.Replace(doc, tt.old, tt.new, n)
			}
			m, err := Decode([]byte(doc), tt.lim)
			var inv *exchange.InvalidError
			if !errors.As(err, &inv) || !errors.Is(err, exchange.ErrInvalid) || m != nil {
				t.Fatalf("Decode = %v, %v; want an *exchange.InvalidError", m, err)
			}
			f := inv.Findings[0]
			if f.Code != tt.code || f.Path != tt.path || f.Line != tt.line {
				t.Errorf("first finding %v; want code %d, path %q, line %d (all: %v)", f, tt.code, tt.path, tt.line, inv.Findings)
			}
		})
	}
}

// TestDecodeMinimal checks the typed result of decoding and that the rules find nothing.
func TestDecodeMinimal(t *testing.T) {
	m, err := Decode([]byte(minimal), exchange.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	auth, ok := m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object.(*AuthorisationObject)
	if !ok || auth.ObjectIdentifier != "7dbbc880-8750-4d3c-abe7-ea4a17646045" || auth.AuthorisationReference != "W000001" {
		t.Fatalf("decoded object %#v", m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object)
	}
	if m.Header.Version.ETSIVersion != "V1.12.1" || m.Header.SenderIdentifier.UniqueIdentifier != "ACTOR01" {
		t.Errorf("decoded header %+v", m.Header)
	}
	if f := Check(m); len(f) != 0 {
		t.Errorf("Check: %v", f)
	}
}

// TestFindingLines checks that rule findings on a decoded message carry the element's line.
func TestFindingLines(t *testing.T) {
	doc := strings.Replace(minimal, "2015-09-01T12:00:00.000000Z", "2015-09-01T12:00:00Z", 1)
	doc = strings.Replace(doc, "<ActionIdentifier>0<", "<ActionIdentifier>3<", 1)
	m, err := Decode([]byte(doc), exchange.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := Check(m)
	if len(got) != 2 || got[0].Line != 7 || got[1].Line != 14 {
		t.Errorf("findings %v; want the timestamp on line 7 and the action identifier on line 14", got)
	}
}

// TestUnknownKept checks that an object of an unknown type and a national extension are
// decoded, kept and written back.
func TestUnknownKept(t *testing.T) {
	ext := `<NationalHandlingParameters xmlns:nat="urn:example:national" xsi:type="nat:Handling"><CountryCode>XX</CountryCode><nat:Priority a="1&amp;2">high &lt; urgent</nat:Priority></NationalHandlingParameters>`
	doc := strings.Replace(minimal, "<auth:AuthorisationReference>", ext+"<auth:AuthorisationReference>", 1)
	doc = strings.Replace(doc, `xmlns:auth=`, `xmlns:x="urn:example:objects" xmlns:auth=`, 1)
	unknown := `<HI1Object xsi:type="x:Warrant"><ObjectIdentifier>2b36a78b-b628-416d-bd22-404e68a0cd36</ObjectIdentifier><AssociatedObjects><AssociatedObject>7dbbc880-8750-4d3c-abe7-ea4a17646045</AssociatedObject></AssociatedObjects><x:Court>Old Bailey</x:Court><auth:Note>kept</auth:Note></HI1Object>`
	doc = strings.Replace(doc, "</ActionRequests>", `<ActionRequest><ActionIdentifier>1</ActionIdentifier><CREATE>`+unknown+`</CREATE></ActionRequest></ActionRequests>`, 1)
	m, err := Decode([]byte(doc), exchange.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	auth := m.Payload.RequestPayload.ActionRequests[0].CREATE.HI1Object.(*AuthorisationObject)
	if x := auth.NationalHandlingParameters; x == nil || x.Name.Local != "NationalHandlingParameters" || !bytes.Contains(x.XML, []byte(`xmlns:nat="urn:example:national"`)) {
		t.Fatalf("national extension %+v", x)
	}
	u, ok := m.Payload.RequestPayload.ActionRequests[1].CREATE.HI1Object.(*UnknownObject)
	if !ok || u.XSIType.Space != "urn:example:objects" || u.XSIType.Local != "Warrant" || len(u.Members) != 2 ||
		u.ObjectIdentifier != "2b36a78b-b628-416d-bd22-404e68a0cd36" || len(u.AssociatedObjects) != 1 {
		t.Fatalf("unknown object %#v", m.Payload.RequestPayload.ActionRequests[1].CREATE.HI1Object)
	}
	if f := CheckLinks(m, nil); len(f) != 0 {
		t.Errorf("the unknown object's reference does not resolve: %v", f)
	}
	enc, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`<nat:Priority a="1&amp;2">high &lt; urgent</nat:Priority>`, `xsi:type="nat:Handling"`,
		`<HI1Object xsi:type="x:Warrant">`, `<x:Court`, `>Old Bailey</x:Court>`, `<auth:Note`} {
		if !strings.Contains(string(enc), part) {
			t.Errorf("encoding lacks %s:\n%s", part, enc)
		}
	}
	again, err := Decode(enc, exchange.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if enc2, _ := Encode(again); !bytes.Equal(enc, enc2) {
		t.Errorf("re-encoding differs:\n%s\n%s", enc, enc2)
	}
}
