package xmlschema_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"testing/fstest"

	"github.com/jcx-dev/jcx/schemas/xmlschema"
)

func Example() {
	// A schema set is any fs.FS: os.DirFS, an embed.FS, a zip.Reader.
	fsys := fstest.MapFS{"order.xsd": {Data: []byte(`<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="urn:example:order" elementFormDefault="qualified">
  <xs:element name="Order">
    <xs:complexType>
      <xs:sequence><xs:element name="Quantity" type="xs:positiveInteger"/></xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>`)}}

	set, err := xmlschema.Load(fsys, "order.xsd")
	if err != nil {
		log.Fatal(err) // a *SchemaError: file, line, construct
	}
	for _, w := range set.Warnings() {
		log.Print("warning: ", w) // loaded without something: an unfollowable import, a missing type
	}
	doc := []byte(`<Order xmlns="urn:example:order">
  <Quantity>0</Quantity>
</Order>`)
	for _, f := range set.ValidateBytes(doc) {
		fmt.Println(f.Code, f.Path, f.Line)
	}
	// Output:
	// 3020 /Order/Quantity[1] 2
}

// Load a set with no single entry document from several entries, then
// validate a file as it is read.
func ExampleLoadDir() {
	set, err := xmlschema.LoadDir("etsi/schema",
		"ts_103120_Core.xsd", "ts_103120_Task.xsd", "ts_103120_Authorisation.xsd",
		"ts_103120_Document.xsd", "ts_103120_Notification.xsd",
		"ts_103120_Delivery.xsd", "ts_103120_TrafficPolicy.xsd")
	if errors.Is(err, xmlschema.ErrUnsupported) {
		log.Fatalf("the set uses a construct jcx does not implement: %v", err)
	}
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Open("request1.xml")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	findings, err := set.Validate(context.Background(), f)
	if err != nil {
		log.Fatal(err) // reading failed; findings are about the document
	}
	for _, finding := range findings {
		fmt.Println(finding)
	}
}
