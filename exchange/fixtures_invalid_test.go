package exchange_test

import (
	"fmt"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
)

// invalidFixture is one file of testdata/messages/invalid: how to build it, the exact set
// of codes validating it must report, and why.
type invalidFixture struct {
	file    string
	codes   []exchange.ErrorCode
	comment string
	build   func() ([]byte, error)
}

// Shorthands for the codes the invalid fixtures expect.
const (
	c3002 = exchange.CodeDuplicateAction
	c3005 = exchange.CodeMissing
	c3006 = exchange.CodeChangeNotAllowed
	c3007 = exchange.CodeImproperValue
	c3018 = exchange.CodeLinkFailed
	c3019 = exchange.CodeEncoding
	c3020 = exchange.CodeSchema
	c3021 = exchange.CodeVersion
	c8021 = exchange.CodeDigestMismatch
	c8022 = exchange.CodeSizeMismatch
	c8023 = exchange.CodeMediaType
	c8024 = exchange.CodeCustodyBroken
	c8030 = exchange.CodeLegalBasis
	c8031 = exchange.CodeDeadline
)

// fxMutated builds a valid fixture, changes the model, and encodes it: for business rules,
// which the schema cannot see.
func fxMutated(build func() *exchange.Message, f exchange.Format, change func(m *exchange.Message)) func() ([]byte, error) {
	return func() ([]byte, error) {
		m := build()
		change(m)
		return exchange.Marshal(m, f)
	}
}

// fxEdited encodes a valid fixture and replaces text in the bytes: for what the model cannot
// express (unknown elements, wrong types, bad syntax). Each old string must occur, so a
// change of the encoder cannot silently turn the fixture valid.
func fxEdited(build func() *exchange.Message, f exchange.Format, oldNew ...string) func() ([]byte, error) {
	return func() ([]byte, error) {
		data, err := exchange.Marshal(build(), f)
		if err != nil {
			return nil, err
		}
		s := string(data)
		for i := 0; i+1 < len(oldNew); i += 2 {
			if !strings.Contains(s, oldNew[i]) {
				return nil, fmt.Errorf("%q does not occur in the %s encoding", oldNew[i], f)
			}
			s = strings.Replace(s, oldNew[i], oldNew[i+1], 1)
		}
		return []byte(s), nil
	}
}

// fxRaw is a fixture given as literal bytes.
func fxRaw(s string) func() ([]byte, error) {
	return func() ([]byte, error) { return []byte(s), nil }
}

const (
	xmlF  = exchange.FormatXML
	jsonF = exchange.FormatJSON
)

// Fragments of the canonical encodings that the edits below replace.
var (
	xmlNS       = `<Message xmlns="` + exchange.Namespace + `">`
	getTS       = string(eioGet().Header.Timestamp)
	getTx       = string(eioGet().Header.TransactionIdentifier)
	capsTS      = string(capabilitiesRequest().Header.Timestamp)
	jsonGetTS   = `"Timestamp": "` + getTS + `"`
	xmlGetTS    = `<Timestamp>` + getTS + `</Timestamp>`
	xmlSender   = "<Sender>\n      <CountryCode>FR</CountryCode>\n      <UniqueIdentifier>tj-paris.parquet</UniqueIdentifier>\n    </Sender>\n"
	xmlReceiver = "<Receiver>\n      <CountryCode>DE</CountryCode>\n      <UniqueIdentifier>sta-berlin</UniqueIdentifier>\n    </Receiver>\n"
)

func invalidFixtures() []invalidFixture {
	var out []invalidFixture
	out = append(out, schemaFixtures()...)
	out = append(out, hostileFixtures()...)
	out = append(out, ruleFixtures()...)
	return out
}

// schemaFixtures break the schema (3020), in both encodings.
func schemaFixtures() []invalidFixture {
	return []invalidFixture{
		{"schema-missing-timestamp.xml", []exchange.ErrorCode{c3020}, "Header/Timestamp is required",
			fxEdited(eioGet, xmlF, "    "+xmlGetTS+"\n", "")},
		{"schema-missing-timestamp.json", []exchange.ErrorCode{c3020}, "Header/Timestamp is required",
			fxEdited(eioGet, jsonF, "    "+jsonGetTS+",\n", "")},
		{"schema-missing-payload.json", []exchange.ErrorCode{c3020}, "Payload is required",
			fxRaw(`{"Header":{"Sender":{"CountryCode":"FR","UniqueIdentifier":"a"},"Receiver":{"CountryCode":"DE","UniqueIdentifier":"b"},"TransactionIdentifier":"` + getTx + `","Timestamp":"` + getTS + `","Version":{"SpecificationVersion":"V1.0.0","ProfileOwner":"jcx","ProfileVersion":"2026-11"}}}`)},
		{"schema-unknown-element.xml", []exchange.ErrorCode{c3020}, "Header has no Priority element",
			fxEdited(eioGet, xmlF, xmlGetTS, xmlGetTS+"\n    <Priority>High</Priority>")},
		{"schema-unknown-member.json", []exchange.ErrorCode{c3020}, "Header has no Priority member",
			fxEdited(eioGet, jsonF, jsonGetTS, jsonGetTS+`, "Priority": "High"`)},
		{"schema-wrong-order.xml", []exchange.ErrorCode{c3020}, "Receiver must follow Sender",
			fxEdited(eioGet, xmlF, xmlSender+"    "+xmlReceiver, xmlReceiver+"    "+xmlSender)},
		{"schema-wrong-namespace.xml", []exchange.ErrorCode{c3020}, "the root element is in an older, unknown namespace",
			fxEdited(eioGet, xmlF, xmlNS, `<Message xmlns="https://jcx.dev/ns/core/2025-01">`)},
		{"schema-no-namespace.xml", []exchange.ErrorCode{c3020}, "the root element has no namespace",
			fxEdited(eioGet, xmlF, xmlNS, `<Message>`)},
		{"schema-foreign-namespace-child.xml", []exchange.ErrorCode{c3020}, "an element from another namespace inside the header",
			fxEdited(eioGet, xmlF, xmlGetTS, xmlGetTS+"\n    <x:Note xmlns:x=\"urn:example\">hi</x:Note>")},
		{"schema-attribute.xml", []exchange.ErrorCode{c3020}, "the format uses no attributes",
			fxEdited(eioGet, xmlF, xmlNS, `<Message xmlns="`+exchange.Namespace+`" id="m1">`)},
		{"schema-bad-uuid-uppercase.xml", []exchange.ErrorCode{c3020}, "UUIDs are lowercase",
			fxEdited(eioGet, xmlF, getTx, strings.ToUpper(getTx))},
		{"schema-bad-uuid.json", []exchange.ErrorCode{c3020}, "the transaction identifier is not a UUID",
			fxEdited(eioGet, jsonF, getTx, "eio-get-1")},
		{"schema-timestamp-3-digits.xml", []exchange.ErrorCode{c3020}, "header timestamps have exactly six fraction digits",
			fxEdited(eioGet, xmlF, getTS, strings.Replace(getTS, ".000000Z", ".000Z", 1))},
		{"schema-timestamp-3-digits.json", []exchange.ErrorCode{c3020}, "header timestamps have exactly six fraction digits",
			fxEdited(eioGet, jsonF, getTS, strings.Replace(getTS, ".000000Z", ".000Z", 1))},
		{"schema-timestamp-no-zone.json", []exchange.ErrorCode{c3020}, "header timestamps carry a zone",
			fxEdited(capabilitiesRequest, jsonF, capsTS, strings.TrimSuffix(capsTS, "Z"))},
		{"schema-enum-urgency.xml", []exchange.ErrorCode{c3020}, "Urgency is Normal, Urgent or Emergency",
			fxEdited(eioRequest, xmlF, "<Urgency>Normal</Urgency>", "<Urgency>Critical</Urgency>")},
		{"schema-enum-asset-measure.json", []exchange.ErrorCode{c3020}, "an asset is frozen or confiscated",
			fxEdited(freezeRequest, jsonF, `"Measure": "Freeze"`, `"Measure": "Seize"`)},
		{"schema-enum-custody-action.xml", []exchange.ErrorCode{c3020}, "custody actions come from a closed list",
			fxEdited(epocDelivery, xmlF, "<Action>Verified</Action>", "<Action>Looked at</Action>")},
		{"schema-max-occurs-sender.xml", []exchange.ErrorCode{c3020}, "a header has one Sender",
			fxEdited(eioGet, xmlF, xmlSender, xmlSender+"    "+xmlSender)},
		{"schema-max-occurs-receipt.xml", []exchange.ErrorCode{c3020}, "a response has one Receipt",
			fxEdited(capabilitiesResponse, xmlF, "</Receipt>", "</Receipt>\n      <Receipt>\n        <Algorithm>sha-256</Algorithm>\n        <Value>"+strings.Repeat("0", 64)+"</Value>\n      </Receipt>")},
		{"schema-json-string-for-integer.json", []exchange.ErrorCode{c3020}, "ActionIdentifier is an integer, not a string",
			fxEdited(eioGet, jsonF, `"ActionIdentifier": 0`, `"ActionIdentifier": "0"`)},
		{"schema-json-string-for-boolean.json", []exchange.ErrorCode{c3020}, "LastSequence is a boolean",
			fxEdited(epocDelivery, jsonF, `"LastSequence": true`, `"LastSequence": "true"`)},
		{"schema-json-object-for-array.json", []exchange.ErrorCode{c3020}, "Action is an array even with one action",
			fxEdited(eioGet, jsonF, `"Action": [`, `"Action": `, "\n        }\n      ]", "\n        }")},
		{"schema-json-null.json", []exchange.ErrorCode{c3020}, "null is not a value of any member",
			fxEdited(eioGet, jsonF, jsonGetTS, `"Timestamp": null`)},
		{"schema-json-fraction.json", []exchange.ErrorCode{c3020}, "Size is an integer",
			fxEdited(epocDelivery, jsonF, `"Size": `, `"Size": 0.5e3, "x": `)},
		{"schema-json-key-case.json", []exchange.ErrorCode{c3020}, "member names are case-sensitive: header is not Header",
			fxEdited(eioGet, jsonF, `"Header": {`, `"header": {`)},
		{"schema-json-member-case.json", []exchange.ErrorCode{c3020}, "member names are case-sensitive: actionIdentifier",
			fxEdited(eioGet, jsonF, `"ActionIdentifier": 0`, `"actionIdentifier": 0`)},
		{"schema-xml-text-beside-children.xml", []exchange.ErrorCode{c3020}, "only leaf elements carry text",
			fxEdited(eioGet, xmlF, "<Header>", "<Header>stray text")},
		{"schema-empty-request.xml", []exchange.ErrorCode{c3020}, "a request has at least one action",
			fxMutated(capabilitiesRequest, xmlF, func(m *exchange.Message) { m.Payload.Request.Action = nil })},
		{"schema-payload-both.json", []exchange.ErrorCode{c3020}, "a payload is a request or a response, not both",
			fxEdited(capabilitiesRequest, jsonF, `"Request": {`, `"Response": {"Receipt": {"Algorithm": "sha-256", "Value": "`+strings.Repeat("a", 64)+`"}, "Error": [{"Code": 3000, "Description": "x"}]}, "Request": {`)},
	}
}

// hostileFixtures are small enough to be files but carry the constructs the hardened
// parsers refuse before anything else runs.
func hostileFixtures() []invalidFixture {
	deepXML := strings.Repeat("<Note>", 100) + strings.Repeat("</Note>", 100)
	deepJSON := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	return []invalidFixture{
		{"hostile-doctype.xml", []exchange.ErrorCode{c3020}, "no DOCTYPE at all, even an empty one",
			fxEdited(eioGet, xmlF, xmlNS, "<!DOCTYPE Message>\n"+xmlNS)},
		{"hostile-entity-bomb.xml", []exchange.ErrorCode{c3020}, "billion laughs: refused at the DOCTYPE, never expanded",
			fxRaw(`<?xml version="1.0"?>
<!DOCTYPE Message [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
  <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
` + xmlNS + `&i;</Message>
`)},
		{"hostile-external-entity.xml", []exchange.ErrorCode{c3020}, "XXE: an external entity is never fetched",
			fxEdited(eioGet, xmlF, xmlNS, "<!DOCTYPE Message [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"+xmlNS, "tj-paris.parquet", "&xxe;")},
		{"hostile-undeclared-entity.xml", []exchange.ErrorCode{c3020}, "only the five predefined entities and character references exist",
			fxEdited(eioGet, xmlF, "tj-paris.parquet", "&nbsp;")},
		{"hostile-processing-instruction.xml", []exchange.ErrorCode{c3020}, "processing instructions other than the XML declaration are refused",
			fxEdited(eioGet, xmlF, xmlNS, "<?xml-stylesheet href=\"https://attacker.example/x.xsl\"?>\n"+xmlNS)},
		{"hostile-deep-nesting.xml", []exchange.ErrorCode{c3020}, "100 nested elements exceed the depth limit of 64",
			fxEdited(eioGet, xmlF, xmlGetTS, xmlGetTS+deepXML)},
		{"hostile-deep-nesting.json", []exchange.ErrorCode{c3020}, "100 nested arrays exceed the depth limit of 64",
			fxEdited(eioGet, jsonF, jsonGetTS, jsonGetTS+`, "Note": `+deepJSON)},
		{"hostile-duplicate-key.json", []exchange.ErrorCode{c3020}, "a duplicate member could be read differently by two parsers",
			fxEdited(eioGet, jsonF, jsonGetTS, jsonGetTS+`, "Timestamp": "2030-01-01T00:00:00.000000Z"`)},
		{"hostile-duplicate-key-escaped.json", []exchange.ErrorCode{c3020}, "a duplicate member spelled with an escape is still a duplicate",
			fxEdited(eioGet, jsonF, jsonGetTS, jsonGetTS+`, "Time\u0073tamp": "2030-01-01T00:00:00.000000Z"`)},
		{"hostile-trailing-data.json", []exchange.ErrorCode{c3020}, "nothing may follow the top-level value",
			fxEdited(eioGet, jsonF, "}\n", "}\n{\"Header\": {}}\n")},
		{"hostile-trailing-element.xml", []exchange.ErrorCode{c3020}, "a document has one root element",
			fxEdited(eioGet, xmlF, "</Message>\n", "</Message>\n<Message/>\n")},
		{"hostile-invalid-utf8.xml", []exchange.ErrorCode{c3019}, "bytes that are not UTF-8 in a UTF-8 document",
			fxEdited(eioGet, xmlF, "tj-paris.parquet", "tj-paris\xff\xfeparquet")},
		{"hostile-invalid-utf8.json", []exchange.ErrorCode{c3019}, "JSON text is UTF-8",
			fxEdited(eioGet, jsonF, "tj-paris.parquet", "tj-paris\xc3\x28parquet")},
		{"hostile-lone-surrogate.json", []exchange.ErrorCode{c3020}, "an escaped lone surrogate is no character",
			fxEdited(eioGet, jsonF, "tj-paris.parquet", `tj-paris\ud800parquet`)},
		{"hostile-unknown-charset.xml", []exchange.ErrorCode{c3019}, "a charset nobody should be using",
			fxEdited(eioGet, xmlF, `encoding="UTF-8"`, `encoding="x-mac-klingon"`)},
		{"hostile-not-a-message.json", []exchange.ErrorCode{c3019}, "neither XML nor JSON",
			fxRaw("MESSAGE FROM FR TO DE: PLEASE HEAR THE WITNESS\n")},
		{"hostile-json-array-top.json", []exchange.ErrorCode{c3019}, "a message is an object, not an array",
			fxRaw("[{\"Header\": {}}]\n")},
		{"hostile-huge-integer.json", []exchange.ErrorCode{c3020}, "an integer beyond 2^53 cannot be read the same by every JSON parser",
			fxEdited(eioGet, jsonF, `"ActionIdentifier": 0`, `"ActionIdentifier": 123456789012345678901234567890`)},
	}
}
