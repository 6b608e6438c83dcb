package hi1

import "encoding/xml"

// HI1Object is an object of an action: an authorisation, a task, a document, a
// notification, a delivery, a traffic policy or rule — or an object of a type this package
// does not model, kept as an *UnknownObject. In XML the type is the element's xsi:type.
type HI1Object interface {
	// Base returns the members every object has.
	Base() *ObjectBase
	// Type returns the object's xsi:type as an expanded name.
	Type() xml.Name
}

// ObjectBase holds the members every HI1Object has, in Core's namespace.
type ObjectBase struct {
	ObjectIdentifier   string `hi1:"core:ObjectIdentifier,req"` // lowercase UUID
	CountryCode        string `hi1:"core:CountryCode"`
	OwnerIdentifier    string `hi1:"core:OwnerIdentifier"`
	Generation         *int   `hi1:"core:Generation"`
	ExternalIdentifier string `hi1:"core:ExternalIdentifier"`
	// AssociatedObjects are the identifiers of linked objects. Nil means the element is
	// absent; an empty, non-nil slice is an empty AssociatedObjects element.
	AssociatedObjects          []string   `hi1:"core:AssociatedObjects>core:AssociatedObject"`
	LastChanged                string     `hi1:"core:LastChanged"`
	NationalHandlingParameters *Extension `hi1:"core:NationalHandlingParameters"`
}

// Base returns b itself, so that every object embedding ObjectBase is an HI1Object.
func (b *ObjectBase) Base() *ObjectBase { return b }

// UnknownObject is an object whose xsi:type this package does not model (a national
// object type, say, or one of a later version). Its common members are decoded; its own
// members are kept as received and written back unchanged.
type UnknownObject struct {
	// XSIType is the object's type as an expanded name.
	XSIType xml.Name
	ObjectBase
	Members []Extension `hi1:",any"`
}

// Type returns the object's xsi:type.
func (o *UnknownObject) Type() xml.Name { return o.XSIType }

// objectTypes maps each modelled xsi:type to a constructor of its Go type.
var objectTypes = map[xml.Name]func() HI1Object{
	{Space: NSAuthorisation, Local: "AuthorisationObject"}: func() HI1Object { return new(AuthorisationObject) },
	{Space: NSTask, Local: "LITaskObject"}:                 func() HI1Object { return new(LITaskObject) },
	{Space: NSTask, Local: "LDTaskObject"}:                 func() HI1Object { return new(LDTaskObject) },
	{Space: NSDocument, Local: "DocumentObject"}:           func() HI1Object { return new(DocumentObject) },
	{Space: NSNotification, Local: "NotificationObject"}:   func() HI1Object { return new(NotificationObject) },
	{Space: NSDelivery, Local: "DeliveryObject"}:           func() HI1Object { return new(DeliveryObject) },
	{Space: NSTrafficPolicy, Local: "TrafficPolicyObject"}: func() HI1Object {
		return new(TrafficPolicyObject)
	},
	{Space: NSTrafficPolicy, Local: "TrafficRuleObject"}: func() HI1Object { return new(TrafficRuleObject) },
}

// AuthorisationObject is the legal authorisation that tasks refer to (a warrant).
type AuthorisationObject struct {
	ObjectBase
	AuthorisationReference     string           `hi1:"auth:AuthorisationReference"`
	AuthorisationLegalType     *DictionaryEntry `hi1:"auth:AuthorisationLegalType"`
	AuthorisationPriority      *DictionaryEntry `hi1:"auth:AuthorisationPriority"`
	AuthorisationStatus        *DictionaryEntry `hi1:"auth:AuthorisationStatus"`
	AuthorisationDesiredStatus *DictionaryEntry `hi1:"auth:AuthorisationDesiredStatus"`
	AuthorisationTimespan      *Timespan        `hi1:"auth:AuthorisationTimespan"`
	// AuthorisationCSPID lists the communication service providers the authorisation
	// addresses.
	AuthorisationCSPID                []EndpointID      `hi1:"auth:AuthorisationCSPID>auth:CSPID"`
	AuthorisationCreationTimestamp    string            `hi1:"auth:AuthorisationCreationTimestamp"`
	AuthorisationServedTimestamp      string            `hi1:"auth:AuthorisationServedTimestamp"`
	AuthorisationTerminationTimestamp string            `hi1:"auth:AuthorisationTerminationTimestamp"`
	AuthorisationApprovalDetails      []ApprovalDetails `hi1:"auth:AuthorisationApprovalDetails"`
	AuthorisationInvalidReason        *ErrorInformation `hi1:"auth:AuthorisationInvalidReason"`
	AuthorisationFlags                []DictionaryEntry `hi1:"auth:AuthorisationFlags>auth:AuthorisationFlag"`
	AuthorisationManualInformation    string            `hi1:"auth:AuthorisationManualInformation"`
	NationalAuthorisationParameters   *Extension        `hi1:"auth:NationalAuthorisationParameters"`
	AuthorisationJurisdiction         string            `hi1:"auth:AuthorisationJurisdiction"`
	AuthorisationTypeOfCase           *DictionaryEntry  `hi1:"auth:AuthorisationTypeOfCase"`
	AuthorisationLegalEntity          string            `hi1:"auth:AuthorisationLegalEntity"`
}

// Type returns auth:AuthorisationObject.
func (*AuthorisationObject) Type() xml.Name {
	return xml.Name{Space: NSAuthorisation, Local: "AuthorisationObject"}
}

// Timespan is the start and end of an authorisation's validity.
type Timespan struct {
	StartTime string `hi1:"auth:StartTime"`
	EndTime   string `hi1:"auth:EndTime"`
}

// ApprovalDetails records one approval (of an authorisation, a task or a document).
type ApprovalDetails struct {
	ApprovalType             string                    `hi1:"common:ApprovalType"`
	ApprovalDescription      string                    `hi1:"common:ApprovalDescription"`
	ApprovalReference        string                    `hi1:"common:ApprovalReference"`
	ApproverDetails          *ApproverDetails          `hi1:"common:ApproverDetails"`
	ApprovalTimestamp        string                    `hi1:"common:ApprovalTimestamp"`
	ApprovalIsEmergency      *bool                     `hi1:"common:ApprovalIsEmergency"`
	ApprovalDigitalSignature *ApprovalDigitalSignature `hi1:"common:ApprovalDigitalSignature"`
	ApprovalNationalDetails  *Extension                `hi1:"common:ApprovalNationalDetails"`
}

// ApproverDetails names who approved.
type ApproverDetails struct {
	ApproverName           string                   `hi1:"common:ApproverName"`
	ApproverRole           string                   `hi1:"common:ApproverRole"`
	ApproverIdentity       *ApproverIdentity        `hi1:"common:ApproverIdentity"`
	ApproverContactDetails []ApproverContactDetails `hi1:"common:ApproverContactDetails"`
}

// ApproverIdentity holds a national identity of the approver (a national extension).
type ApproverIdentity struct {
	NationalApproverIdentity *Extension `hi1:"common:NationalApproverIdentity,req"`
}

// ApproverContactDetails is one way to reach the approver.
type ApproverContactDetails struct {
	ApproverAlternateName string `hi1:"common:ApproverAlternateName"`
	ApproverEmailAddress  string `hi1:"common:ApproverEmailAddress"`
	ApproverPhoneNumber   string `hi1:"common:ApproverPhoneNumber"`
}

// ApprovalDigitalSignature holds a national digital signature of the approval.
type ApprovalDigitalSignature struct {
	NationalDigitalSignature *Extension `hi1:"common:NationalDigitalSignature,req"`
}

// DocumentObject is a document: a warrant's text, an annex, a translation.
type DocumentObject struct {
	ObjectBase
	DocumentReference          string             `hi1:"doc:DocumentReference"`
	DocumentName               string             `hi1:"doc:DocumentName"`
	DocumentStatus             *DictionaryEntry   `hi1:"doc:DocumentStatus"`
	DocumentDesiredStatus      *DictionaryEntry   `hi1:"doc:DocumentDesiredStatus"`
	DocumentTimespan           *DocumentTimespan  `hi1:"doc:DocumentTimespan"`
	DocumentType               *DictionaryEntry   `hi1:"doc:DocumentType"`
	DocumentProperties         []DocumentProperty `hi1:"doc:DocumentProperties>doc:DocumentProperty"`
	DocumentBody               *DocumentBody      `hi1:"doc:DocumentBody"`
	DocumentSignature          []ApprovalDetails  `hi1:"doc:DocumentSignature"`
	DocumentInvalidReason      *ErrorInformation  `hi1:"doc:DocumentInvalidReason"`
	NationalDocumentParameters *Extension         `hi1:"doc:NationalDocumentParameters"`
}

// Type returns doc:DocumentObject.
func (*DocumentObject) Type() xml.Name { return xml.Name{Space: NSDocument, Local: "DocumentObject"} }

// DocumentTimespan is the period a document covers.
type DocumentTimespan struct {
	StartTime string `hi1:"doc:StartTime"`
	EndTime   string `hi1:"doc:EndTime"`
}

// DocumentProperty is one typed property of a document.
type DocumentProperty struct {
	PropertyType  DictionaryEntry `hi1:"doc:PropertyType,req"`
	PropertyValue string          `hi1:"doc:PropertyValue,req"`
}

// DocumentBody is a document's content. Contents is base64 text as received.
type DocumentBody struct {
	Contents     string `hi1:"doc:Contents"`
	ContentType  string `hi1:"doc:ContentType"`
	Checksum     string `hi1:"doc:Checksum"`
	ChecksumType string `hi1:"doc:ChecksumType"`
}

// NotificationObject tells the other party of an event concerning associated objects.
type NotificationObject struct {
	ObjectBase
	NotificationDetails            string           `hi1:"notification:NotificationDetails"`
	NotificationType               *DictionaryEntry `hi1:"notification:NotificationType"`
	NewNotification                *bool            `hi1:"notification:NewNotification"`
	NotificationTimestamp          string           `hi1:"notification:NotificationTimestamp"`
	NationalNotificationParameters *Extension       `hi1:"notification:NationalNotificationParameters"`
}

// Type returns notification:NotificationObject.
func (*NotificationObject) Type() xml.Name {
	return xml.Name{Space: NSNotification, Local: "NotificationObject"}
}
