package conformance

import (
	"context"
	"strings"
	"testing"
)

func TestParseAnswerRefuses(t *testing.T) {
	tests := []struct {
		name string
		enc  Encoding
		in   string
	}{
		{"doctype", XML, `<!DOCTYPE Message [<!ENTITY a "b">]><Message>&a;</Message>`},
		{"two roots", XML, `<Message/><Message/>`},
		{"deep xml", XML, strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100)},
		{"duplicate member", JSON, `{"Header":{},"Header":{}}`},
		{"trailing data", JSON, `{"Header":{}} {}`},
		{"not an object", JSON, `["Header"]`},
		{"deep json", JSON, strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100)},
		{"truncated", JSON, `{"Header":{"Sender":`},
	}
	for _, tt := range tests {
		if _, err := parseAnswer(context.Background(), []byte(tt.in), tt.enc); err == nil {
			t.Errorf("%s: parsed", tt.name)
		}
	}
}

func TestReadAnswerBothEncodings(t *testing.T) {
	x := `<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender><CountryCode>LU</CountryCode><UniqueIdentifier>r</UniqueIdentifier></Sender><TransactionIdentifier>t</TransactionIdentifier></Header>
<Payload><Response><Receipt><Algorithm>sha-256</Algorithm><Value>v</Value></Receipt>
<ActionResult><ActionIdentifier>0</ActionIdentifier><LIST><ListedObject><ObjectType>Notification</ObjectType></ListedObject></LIST></ActionResult>
<ActionResult><ActionIdentifier>1</ActionIdentifier><Failure><Code>3008</Code></Failure></ActionResult></Response></Payload></Message>`
	j := `{"Header":{"Sender":{"CountryCode":"LU","UniqueIdentifier":"r"},"TransactionIdentifier":"t"},
"Payload":{"Response":{"Receipt":{"Algorithm":"sha-256","Value":"v"},"ActionResult":[
{"ActionIdentifier":0,"LIST":{"ListedObject":[{"ObjectType":"Notification"}]}},
{"ActionIdentifier":1,"Failure":{"Code":3008}}]}}}`
	for enc, in := range map[Encoding]string{XML: x, JSON: j} {
		root, err := parseAnswer(context.Background(), []byte(in), enc)
		if err != nil {
			t.Fatal(err)
		}
		a, err := readAnswer(root)
		if err != nil {
			t.Fatal(err)
		}
		if a.sender != (Party{CountryCode: "LU", UniqueIdentifier: "r"}) || a.tx != "t" || a.receipt.value != "v" || len(a.results) != 2 ||
			a.results[0].listed[0] != "Notification" || a.results[1].codes[0] != 3008 {
			t.Errorf("%s: %+v", enc, a)
		}
	}
}

// FuzzParseAnswer: no answer, however hostile, makes the harness panic or hang.
func FuzzParseAnswer(f *testing.F) {
	f.Add([]byte(`<Message><Header/></Message>`), false)
	f.Add([]byte(`{"Header":{"Sender":[1,2,{"a":null}]}}`), true)
	f.Fuzz(func(t *testing.T, b []byte, json bool) {
		enc := XML
		if json {
			enc = JSON
		}
		if root, err := parseAnswer(context.Background(), b, enc); err == nil {
			readAnswer(root)
		}
	})
}

// FuzzSubstitute: placeholders never panic and escaped values never break JSON strings.
func FuzzSubstitute(f *testing.F) {
	f.Add("{{a}} and {{b", "x\"y")
	f.Fuzz(func(t *testing.T, tmpl, val string) {
		lookup := func(string) (string, bool) { return val, true }
		substitute(tmpl, lookup, escaperFor(JSON))
		substitute(tmpl, lookup, escaperFor(XML))
	})
}
