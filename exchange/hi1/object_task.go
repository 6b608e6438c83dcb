package hi1

import "encoding/xml"

// LITaskObject is a lawful interception task.
type LITaskObject struct {
	ObjectBase
	Reference                     string                   `hi1:"task:Reference"` // the LIID
	Status                        *DictionaryEntry         `hi1:"task:Status"`
	DesiredStatus                 *DictionaryEntry         `hi1:"task:DesiredStatus"`
	Timespan                      *TaskTimespan            `hi1:"task:Timespan"`
	TargetIdentifier              *TargetIdentifier        `hi1:"task:TargetIdentifier"`
	DeliveryType                  *DictionaryEntry         `hi1:"task:DeliveryType"`
	DeliveryDetails               []DeliveryDestination    `hi1:"task:DeliveryDetails>task:DeliveryDestination"`
	ApprovalDetails               []ApprovalDetails        `hi1:"task:ApprovalDetails"`
	CSPID                         *EndpointID              `hi1:"task:CSPID"`
	HandlingProfile               *DictionaryEntry         `hi1:"task:HandlingProfile"`
	InvalidReason                 *ErrorInformation        `hi1:"task:InvalidReason"`
	Flags                         []DictionaryEntry        `hi1:"task:Flags>task:TaskFlag"`
	NationalLITaskingParameters   *Extension               `hi1:"task:NationalLITaskingParameters"`
	ListOfTrafficPolicyReferences []TrafficPolicyReference `hi1:"task:ListOfTrafficPolicyReferences>task:TrafficPolicyReference"`
}

// Type returns task:LITaskObject.
func (*LITaskObject) Type() xml.Name { return xml.Name{Space: NSTask, Local: "LITaskObject"} }

// TaskTimespan is when an interception task runs.
type TaskTimespan struct {
	StartTime          string `hi1:"task:StartTime"`
	EndTime            string `hi1:"task:EndTime"`
	TerminationTime    string `hi1:"task:TerminationTime"`
	ProvisioningTime   string `hi1:"task:ProvisioningTime"`
	DeprovisioningTime string `hi1:"task:DeprovisioningTime"`
}

// TargetIdentifier names the target of an interception.
type TargetIdentifier struct {
	TargetIdentifierValues []IdentifierValue `hi1:"task:TargetIdentifierValues>task:TargetIdentifierValue"`
	ServiceType            *DictionaryEntry  `hi1:"task:ServiceType"`
}

// IdentifierValue is a value in a named format (TargetIdentifierValue, RequestValue).
type IdentifierValue struct {
	FormatType FormatType `hi1:"task:FormatType,req"`
	Value      string     `hi1:"task:Value,req"`
}

// FormatType names the format of an identifier, e.g. ETSI InternationalE164.
type FormatType struct {
	FormatOwner string `hi1:"task:FormatOwner,req"`
	FormatName  string `hi1:"task:FormatName,req"`
}

// DeliveryDestination is where an interception task's results go.
type DeliveryDestination struct {
	DeliveryAddress            *DeliveryAddress `hi1:"task:DeliveryAddress"`
	EncryptionDetails          *Extension       `hi1:"task:EncryptionDetails"`
	IRIorCC                    *DictionaryEntry `hi1:"task:IRIorCC"`
	HandoverFormat             *DictionaryEntry `hi1:"task:HandoverFormat"`
	DeliveryProfile            *DictionaryEntry `hi1:"task:DeliveryProfile"`
	NationalDeliveryParameters *Extension       `hi1:"task:NationalDeliveryParameters"`
}

// DeliveryAddress is one address; exactly one member is set. IPAddressPort and
// IPAddressPortRange are structured in TS 103 280 and kept as received.
type DeliveryAddress struct {
	IPv4Address        string      `hi1:"task:IPv4Address"`
	IPv6Address        string      `hi1:"task:IPv6Address"`
	IPAddressPort      *Extension  `hi1:"task:IPAddressPort"`
	IPAddressPortRange *Extension  `hi1:"task:IPAddressPortRange"`
	E164Number         string      `hi1:"task:E164Number"`
	FTPAddress         string      `hi1:"task:FTPAddress"`
	URL                string      `hi1:"task:URL"`
	FQDN               string      `hi1:"task:FQDN"`
	EmailAddress       string      `hi1:"task:EmailAddress"`
	EndpointID         *EndpointID `hi1:"task:EndpointID"`
}

// TrafficPolicyReference points an interception task at a TrafficPolicyObject.
type TrafficPolicyReference struct {
	Order            *int   `hi1:"task:Order"`
	ObjectIdentifier string `hi1:"task:ObjectIdentifier"`
}

// LDTaskObject is a lawful disclosure task: a request for stored data.
type LDTaskObject struct {
	ObjectBase
	Reference                   string                  `hi1:"task:Reference"` // the LDID
	Status                      *DictionaryEntry        `hi1:"task:Status"`
	StatusReason                *ErrorInformation       `hi1:"task:StatusReason"`
	DesiredStatus               *DictionaryEntry        `hi1:"task:DesiredStatus"`
	RequestDetails              *RequestDetails         `hi1:"task:RequestDetails"`
	DeliveryDetails             []LDDeliveryDestination `hi1:"task:DeliveryDetails>task:LDDeliveryDestination"`
	ApprovalDetails             []ApprovalDetails       `hi1:"task:ApprovalDetails"`
	CSPID                       *EndpointID             `hi1:"task:CSPID"`
	HandlingProfile             *DictionaryEntry        `hi1:"task:HandlingProfile"`
	Flags                       []DictionaryEntry       `hi1:"task:Flags>task:LDTaskFlag"`
	NationalLDTaskingParameters *Extension              `hi1:"task:NationalLDTaskingParameters"`
}

// Type returns task:LDTaskObject.
func (*LDTaskObject) Type() xml.Name { return xml.Name{Space: NSTask, Local: "LDTaskObject"} }

// RequestDetails says what data a disclosure task asks for.
type RequestDetails struct {
	Type          *DictionaryEntry  `hi1:"task:Type"`
	StartTime     string            `hi1:"task:StartTime"`
	EndTime       string            `hi1:"task:EndTime"`
	ObservedTime  string            `hi1:"task:ObservedTime"`
	ObservedTimes []string          `hi1:"task:ObservedTimes"`
	RequestValues []IdentifierValue `hi1:"task:RequestValues>task:RequestValue"`
	Subtype       []DictionaryEntry `hi1:"task:Subtype>task:RequestSubtype"`
}

// LDDeliveryDestination is where a disclosure task's results go.
type LDDeliveryDestination struct {
	DeliveryAddress            *DeliveryAddress `hi1:"task:DeliveryAddress"`
	EncryptionDetails          *Extension       `hi1:"task:EncryptionDetails"`
	LDHandoverFormat           *DictionaryEntry `hi1:"task:LDHandoverFormat"`
	LDDeliveryProfile          *DictionaryEntry `hi1:"task:LDDeliveryProfile"`
	NationalDeliveryParameters *Extension       `hi1:"task:NationalDeliveryParameters"`
}
