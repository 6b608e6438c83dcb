package hi1

import "encoding/xml"

// DeliveryObject carries results for a task: a sequence of deliveries, each with its
// data inline.
type DeliveryObject struct {
	ObjectBase
	Reference      *DeliveryReference `hi1:"delivery:Reference"`
	DeliveryID     string             `hi1:"delivery:DeliveryID"`
	SequenceNumber *int               `hi1:"delivery:SequenceNumber"`
	LastSequence   *bool              `hi1:"delivery:LastSequence"`
	Manifest       *Manifest          `hi1:"delivery:Manifest"`
	Delivery       *DeliveryData      `hi1:"delivery:Delivery"`
}

// Type returns delivery:DeliveryObject.
func (*DeliveryObject) Type() xml.Name { return xml.Name{Space: NSDelivery, Local: "DeliveryObject"} }

// DeliveryReference names the task a delivery belongs to: an LDID or an LIID.
type DeliveryReference struct {
	LDID string `hi1:"delivery:LDID"`
	LIID string `hi1:"delivery:LIID"`
}

// Manifest describes the delivered data: a specification from a dictionary, or an
// external schema.
type Manifest struct {
	Specification  *DictionaryEntry `hi1:"delivery:Specification"`
	ExternalSchema *ExternalSchema  `hi1:"delivery:ExternalSchema"`
}

// ExternalSchema identifies, and may carry, the schema of the delivered data.
type ExternalSchema struct {
	ManifestID       string            `hi1:"delivery:ManifestID"`
	ManifestContents *ManifestContents `hi1:"delivery:ManifestContents"`
}

// ManifestContents is the schema itself, as binary data or as an XML Schema document.
type ManifestContents struct {
	BinaryData *EmbeddedBinaryData `hi1:"delivery:BinaryData"`
	// XMLSchema is the delivery:XMLSchema element's schema, kept as received.
	XMLSchema *Extension `hi1:"delivery:XMLSchema>delivery:schema"`
}

// DeliveryData is the delivered data: binary, or XML elements of other namespaces.
type DeliveryData struct {
	BinaryData *EmbeddedBinaryData `hi1:"delivery:BinaryData"`
	// XMLData are the delivered elements, kept as received. Nil means no XMLData element.
	XMLData []Extension `hi1:"delivery:XMLData>,any"`
}

// EmbeddedBinaryData is base64 data (as received) with its media type and checksum.
type EmbeddedBinaryData struct {
	Data         string `hi1:"delivery:Data,req"`
	ContentType  string `hi1:"delivery:ContentType"`
	Checksum     string `hi1:"delivery:Checksum"`
	ChecksumType string `hi1:"delivery:ChecksumType"`
}

// TrafficPolicyObject is an ordered list of traffic rules an interception task applies.
type TrafficPolicyObject struct {
	ObjectBase
	TrafficPolicyName string                 `hi1:"policy:TrafficPolicyName"`
	TrafficRules      []TrafficRuleReference `hi1:"policy:TrafficRules>policy:TrafficRuleReference"`
}

// Type returns policy:TrafficPolicyObject.
func (*TrafficPolicyObject) Type() xml.Name {
	return xml.Name{Space: NSTrafficPolicy, Local: "TrafficPolicyObject"}
}

// TrafficRuleReference points a policy at a TrafficRuleObject.
type TrafficRuleReference struct {
	Order            int    `hi1:"policy:Order,req"`
	ObjectIdentifier string `hi1:"policy:ObjectIdentifier,req"`
}

// TrafficRuleObject says which traffic matches and what to do with it.
type TrafficRuleObject struct {
	ObjectBase
	Criteria []TrafficCriteria `hi1:"policy:Criteria>policy:Criteria"`
	Action   *DictionaryEntry  `hi1:"policy:Action"`
}

// Type returns policy:TrafficRuleObject.
func (*TrafficRuleObject) Type() xml.Name {
	return xml.Name{Space: NSTrafficPolicy, Local: "TrafficRuleObject"}
}

// TrafficCriteria is one criterion of a traffic rule.
type TrafficCriteria struct {
	IPPolicyCriteria *IPPolicyCriteria `hi1:"policy:IPPolicyCriteria"`
}

// IPPolicyCriteria matches IP traffic. The port ranges are structured in TS 103 280 and
// kept as received.
type IPPolicyCriteria struct {
	IPProtocol           *int       `hi1:"policy:IPProtocol"`
	SourceIPRange        *Extension `hi1:"policy:SourceIPRange"`
	SourcePortRange      *Extension `hi1:"policy:SourcePortRange"`
	DestinationIPRange   *Extension `hi1:"policy:DestinationIPRange"`
	DestinationPortRange *Extension `hi1:"policy:DestinationPortRange"`
	BothDirections       *bool      `hi1:"policy:BothDirections"`
}
