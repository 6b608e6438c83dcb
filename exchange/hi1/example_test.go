package hi1_test

import (
	"fmt"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/exchange/hi1"
)

// Build a request, encode it, decode it again and check it.
func Example() {
	lea := hi1.EndpointID{CountryCode: "XX", UniqueIdentifier: "LEA01"}
	csp := hi1.EndpointID{CountryCode: "XX", UniqueIdentifier: "CSP01"}
	auth := &hi1.AuthorisationObject{
		ObjectBase:             hi1.ObjectBase{ObjectIdentifier: hi1.NewObjectIdentifier(), CountryCode: "XX"},
		AuthorisationReference: "W000001",
	}
	task := &hi1.LDTaskObject{
		ObjectBase: hi1.ObjectBase{ObjectIdentifier: hi1.NewObjectIdentifier(), CountryCode: "XX",
			AssociatedObjects: []string{auth.ObjectIdentifier}},
		Reference: "XX-LEA01-0001",
	}
	req := hi1.NewRequest(hi1.NewHeader(lea, csp, "XX", "v1.0"),
		hi1.ActionRequest{CREATE: &hi1.CREATERequest{HI1Object: auth}},
		hi1.ActionRequest{CREATE: &hi1.CREATERequest{HI1Object: task}},
	)
	out, err := hi1.Encode(req)
	if err != nil {
		fmt.Println(err)
		return
	}

	m, err := hi1.Decode(out, exchange.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(hi1.Check(m)), "findings;", len(hi1.CheckLinks(m, nil)), "unresolved references")
	for _, a := range m.Payload.RequestPayload.ActionRequests {
		fmt.Printf("%d CREATE %s\n", a.ActionIdentifier, a.CREATE.HI1Object.Type().Local)
	}
	fmt.Println(strings.Contains(string(out), `<HI1Object xsi:type="task:LDTaskObject">`))
	// Output:
	// 0 findings; 0 unresolved references
	// 0 CREATE AuthorisationObject
	// 1 CREATE LDTaskObject
	// true
}

// Findings carry a code, an XPath and the line.
func ExampleCheck() {
	doc := `<HI1Message xmlns="http://uri.etsi.org/03120/common/2019/10/Core">
  <Header>
    <SenderIdentifier><CountryCode>XX</CountryCode><UniqueIdentifier>LEA01</UniqueIdentifier></SenderIdentifier>
    <ReceiverIdentifier><CountryCode>XX</CountryCode><UniqueIdentifier>CSP01</UniqueIdentifier></ReceiverIdentifier>
    <TransactionIdentifier>c02358b2-76cf-4ba4-a8eb-f6436ccaea2e</TransactionIdentifier>
    <Timestamp>2026-12-07T10:00:00Z</Timestamp>
    <Version><ETSIVersion>V1.12.1</ETSIVersion><NationalProfileOwner>XX</NationalProfileOwner><NationalProfileVersion>v1.0</NationalProfileVersion></Version>
  </Header>
  <Payload><RequestPayload><ActionRequests>
    <ActionRequest><ActionIdentifier>1</ActionIdentifier><GET><Identifier>7dbbc880-8750-4d3c-abe7-ea4a17646045</Identifier></GET></ActionRequest>
  </ActionRequests></RequestPayload></Payload>
</HI1Message>`
	m, err := hi1.Decode([]byte(doc), exchange.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range hi1.Check(m) {
		fmt.Println(f)
	}
	// Output:
	// 3007 /HI1Message/Header[1]/Timestamp[1] (line 6, column 5): timestamp "2026-12-07T10:00:00Z" is not a date and time with six fraction digits and a zone, e.g. 2026-01-02T15:04:05.000000Z
	// 3007 /HI1Message/Payload[1]/RequestPayload[1]/ActionRequests[1]/ActionRequest[1]/ActionIdentifier[1] (line 10, column 20): action identifier 1 is out of order; action 1 of the message must be numbered 0
}
