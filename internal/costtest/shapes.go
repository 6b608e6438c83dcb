package costtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Shape is one way of spending bytes on cost.
type Shape struct {
	Name string // "json/wide-actions", "xml/deep", …
	JSON bool   // the encoding: JSON, else XML
	// Make returns a message of about size bytes.
	Make func(size int) []byte
	// Pending, when set, says why the shape is still over budget and where that is being
	// fixed; the suite measures and reports it without failing.
	Pending string
}

// Shapes returns every shape of the suite.
func Shapes() []Shape {
	return []Shape{
		// JSON: a wide array over its maxItems (D1), floods of findings in arrays without
		// a bound, of objects and of strings, and the same arrays valid.
		{Name: "json/wide-actions", JSON: true, Make: jsonRepeat(jsonRequest, `{}`)},
		{Name: "json/flood-objects", JSON: true, Make: jsonRepeat(jsonAuthorisation("Offence"), `{}`)},
		{Name: "json/flood-strings", JSON: true, Make: jsonRepeat(jsonAuthorisation("AssociatedObject"), `"x"`)},
		{Name: "json/valid-strings", JSON: true, Make: jsonRepeat(jsonAuthorisation("AssociatedObject"), `"0f8e3bbd-2c4e-4f34-9d3a-5b5a4c1e2f77"`)},
		{Name: "json/valid-short-strings", JSON: true, Make: jsonRepeat(jsonAuthorisation("Language"), `"fr"`)},
		{Name: "json/flood-numbers", JSON: true, Make: jsonRepeat(jsonAuthorisation("Offence"), `0`)},
		{Name: "json/deep-and-wide", JSON: true, Make: jsonRepeat(jsonAuthorisation("Offence"), strings.Repeat("[", 50)+strings.Repeat("]", 50))},
		{Name: "json/wide-object-long-names", JSON: true, Make: jsonWideObject},
		{Name: "json/long-number", JSON: true, Make: jsonLongNumber},
		{Name: "json/long-string", JSON: true, Make: jsonLongString},
		{Name: "json/valid-document", JSON: true, Make: jsonDocument},

		// XML: wide and deep elements, many attributes and namespace declarations, long
		// names, long numbers and text, floods of findings.
		{Name: "xml/wide-elements", Make: xmlRepeat(`<a/>`)},
		{Name: "xml/wide-actions", Make: xmlActions},
		{Name: "xml/deep-and-wide", Make: xmlRepeat(strings.Repeat("<a>", 55) + strings.Repeat("</a>", 55))},
		{Name: "xml/many-attributes", Make: xmlRepeat(xmlAttributes("a", 60))},
		{Name: "xml/many-namespaces", Make: xmlRepeat(xmlAttributes("xmlns:p", 60))},
		{Name: "xml/long-names", Make: xmlRepeat("<" + strings.Repeat("n", 250) + "/>")},
		{Name: "xml/long-number", Make: xmlLongNumber},
		{Name: "xml/long-text", Make: xmlLongText},
		{Name: "xml/valid-document", Make: xmlDocument},
	}
}

// fill repeats item, separated by sep, between head and tail until the result is about
// size bytes long (at least one item).
func fill(head, item, sep, tail string, size int) []byte {
	n := max(1, (size-len(head)-len(tail))/(len(item)+len(sep)))
	var b bytes.Buffer
	b.Grow(len(head) + n*(len(item)+len(sep)) + len(tail))
	b.WriteString(head)
	for i := range n {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(item)
	}
	b.WriteString(tail)
	return b.Bytes()
}

const jsonHeader = `{"Header":{"Sender":{"CountryCode":"ES","UniqueIdentifier":"cost-test"},"Receiver":{"CountryCode":"FR","UniqueIdentifier":"cost-test"},"TransactionIdentifier":"cd0cc4a4-0b2f-5b5c-9d79-6261d2f2238b","Timestamp":"2026-11-20T08:59:00.000000Z","Version":{"SpecificationVersion":"V1.0.0","ProfileOwner":"jcx","ProfileVersion":"2026-11"}},`

// jsonRequest is a request whose Action array is the repeated part.
var jsonRequest = [2]string{jsonHeader + `"Payload":{"Request":{"Action":[`, `]}}}`}

// jsonAuthorisation is a request creating an authorisation whose member is an array,
// the repeated part.
func jsonAuthorisation(member string) [2]string {
	return [2]string{
		jsonHeader + `"Payload":{"Request":{"Action":[{"ActionIdentifier":0,"CREATE":{"Authorisation":{"` + member + `":[`,
		`]}}}]}}}`,
	}
}

func jsonRepeat(around [2]string, item string) func(int) []byte {
	return func(size int) []byte { return fill(around[0], item, ",", around[1], size) }
}

// jsonWideObject is objects of 9,999 members each (strictjson refuses 10,001), the
// names as long as needed to reach size.
func jsonWideObject(size int) []byte {
	const members = 9_999
	nameLen := max(1, size/members-8)
	var b bytes.Buffer
	b.WriteString(jsonAuthorisation("Offence")[0] + "{")
	for i := range members {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"%0*d":0`, nameLen, i)
	}
	b.WriteString("}" + jsonAuthorisation("Offence")[1])
	return b.Bytes()
}

func jsonLongNumber(size int) []byte {
	return fill(jsonRequest[0]+`{"ActionIdentifier":1`, "0", "", `,"GETCAPABILITIES":{}}`+jsonRequest[1], size)
}

func jsonLongString(size int) []byte {
	return fill(jsonRequest[0]+`{"ActionIdentifier":0,"GET":{"Identifier":"`, "a", "", `"}}`+jsonRequest[1], size)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>
<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender><CountryCode>ES</CountryCode><UniqueIdentifier>cost-test</UniqueIdentifier></Sender><Receiver><CountryCode>FR</CountryCode><UniqueIdentifier>cost-test</UniqueIdentifier></Receiver><TransactionIdentifier>cd0cc4a4-0b2f-5b5c-9d79-6261d2f2238b</TransactionIdentifier><Timestamp>2026-11-20T08:59:00.000000Z</Timestamp><Version><SpecificationVersion>V1.0.0</SpecificationVersion><ProfileOwner>jcx</ProfileOwner><ProfileVersion>2026-11</ProfileVersion></Version></Header><Payload><Request>`

const xmlTail = `</Request></Payload></Message>`

// xmlRepeat puts the repeated item inside an action's GETCAPABILITIES, which admits no
// content.
func xmlRepeat(item string) func(int) []byte {
	return func(size int) []byte {
		return fill(xmlHeader+`<Action><ActionIdentifier>0</ActionIdentifier><GETCAPABILITIES>`, item, "", `</GETCAPABILITIES></Action>`+xmlTail, size)
	}
}

func xmlActions(size int) []byte {
	return fill(xmlHeader, `<Action/>`, "", xmlTail, size)
}

// xmlAttributes is an empty element with n attributes named prefix0, prefix1, ….
func xmlAttributes(prefix string, n int) string {
	var b strings.Builder
	b.WriteString("<e")
	for i := range n {
		fmt.Fprintf(&b, ` %s%d="urn:%d"`, prefix, i, i)
	}
	b.WriteString("/>")
	return b.String()
}

func xmlLongNumber(size int) []byte {
	return fill(xmlHeader+`<Action><ActionIdentifier>1`, "0", "", `</ActionIdentifier><GETCAPABILITIES/></Action>`+xmlTail, size)
}

func xmlLongText(size int) []byte {
	return fill(xmlHeader+`<Action><ActionIdentifier>0</ActionIdentifier><GET><Identifier>`, "a", "", `</Identifier></GET></Action>`+xmlTail, size)
}

// document returns the members of a document whose body has about size bytes of base64
// contents: a valid message as large as the size allows, the most a receiver must
// check in full.
func document(size int) (contents string, length int, digest string) {
	raw := bytes.Repeat([]byte("jcx "), max(1, size*3/4/4))
	sum := sha256.Sum256(raw)
	return base64.StdEncoding.EncodeToString(raw), len(raw), hex.EncodeToString(sum[:])
}

func jsonDocument(size int) []byte {
	contents, length, digest := document(size - 1000)
	return fmt.Appendf(nil, jsonRequest[0]+`{"ActionIdentifier":0,"CREATE":{"Document":{"ObjectIdentifier":"346f0300-3f46-5352-9b48-869694819202","CountryCode":"FR","OwnerIdentifier":"cost-test","Reference":"COST-1","Name":"Annex","DocumentType":{"Owner":"jcx","Name":"DocumentType","Value":"OrderForm"},"Language":"fr","Body":{"Contents":"%s","MediaType":"text/plain; charset=utf-8","FileName":"annex.txt","Size":%d,"Digest":[{"Algorithm":"sha-256","Value":"%s"}]}}}}`+jsonRequest[1], contents, length, digest)
}

func xmlDocument(size int) []byte {
	contents, length, digest := document(size - 1500)
	return fmt.Appendf(nil, xmlHeader+`<Action><ActionIdentifier>0</ActionIdentifier><CREATE><Document><ObjectIdentifier>346f0300-3f46-5352-9b48-869694819202</ObjectIdentifier><CountryCode>FR</CountryCode><OwnerIdentifier>cost-test</OwnerIdentifier><Reference>COST-1</Reference><Name>Annex</Name><DocumentType><Owner>jcx</Owner><Name>DocumentType</Name><Value>OrderForm</Value></DocumentType><Language>fr</Language><Body><Contents>%s</Contents><MediaType>text/plain; charset=utf-8</MediaType><FileName>annex.txt</FileName><Size>%d</Size><Digest><Algorithm>sha-256</Algorithm><Value>%s</Value></Digest></Body></Document></CREATE></Action>`+xmlTail, contents, length, digest)
}
