package exchange

// Object holds exactly one object. The object's kind is its element name in XML and its
// member name in JSON, so no type attribute is ever needed.
type Object struct {
	Authorisation    *Authorisation    `xml:"Authorisation,omitempty" json:"Authorisation,omitempty"`
	AssistanceTask   *AssistanceTask   `xml:"AssistanceTask,omitempty" json:"AssistanceTask,omitempty"`
	DisclosureTask   *DisclosureTask   `xml:"DisclosureTask,omitempty" json:"DisclosureTask,omitempty"`
	PreservationTask *PreservationTask `xml:"PreservationTask,omitempty" json:"PreservationTask,omitempty"`
	SurrenderTask    *SurrenderTask    `xml:"SurrenderTask,omitempty" json:"SurrenderTask,omitempty"`
	AssetTask        *AssetTask        `xml:"AssetTask,omitempty" json:"AssetTask,omitempty"`
	Document         *Document         `xml:"Document,omitempty" json:"Document,omitempty"`
	Delivery         *Delivery         `xml:"Delivery,omitempty" json:"Delivery,omitempty"`
	Notification     *Notification     `xml:"Notification,omitempty" json:"Notification,omitempty"`
}

// ObjectKind names an object type; it is the element name of the object.
type ObjectKind string

// The object kinds.
const (
	KindAuthorisation    ObjectKind = "Authorisation"
	KindAssistanceTask   ObjectKind = "AssistanceTask"
	KindDisclosureTask   ObjectKind = "DisclosureTask"
	KindPreservationTask ObjectKind = "PreservationTask"
	KindSurrenderTask    ObjectKind = "SurrenderTask"
	KindAssetTask        ObjectKind = "AssetTask"
	KindDocument         ObjectKind = "Document"
	KindDelivery         ObjectKind = "Delivery"
	KindNotification     ObjectKind = "Notification"
)

// ObjectKinds lists every object kind in schema order.
var ObjectKinds = []ObjectKind{
	KindAuthorisation, KindAssistanceTask, KindDisclosureTask, KindPreservationTask,
	KindSurrenderTask, KindAssetTask, KindDocument, KindDelivery, KindNotification,
}

// Kind reports which object is set, or "" when none is.
func (o *Object) Kind() ObjectKind {
	k, _ := o.base()
	return k
}

// Base returns the common members of the object that is set, or nil when none is.
func (o *Object) Base() *ObjectBase {
	_, b := o.base()
	return b
}

func (o *Object) base() (ObjectKind, *ObjectBase) {
	switch {
	case o.Authorisation != nil:
		return KindAuthorisation, &o.Authorisation.ObjectBase
	case o.AssistanceTask != nil:
		return KindAssistanceTask, &o.AssistanceTask.ObjectBase
	case o.DisclosureTask != nil:
		return KindDisclosureTask, &o.DisclosureTask.ObjectBase
	case o.PreservationTask != nil:
		return KindPreservationTask, &o.PreservationTask.ObjectBase
	case o.SurrenderTask != nil:
		return KindSurrenderTask, &o.SurrenderTask.ObjectBase
	case o.AssetTask != nil:
		return KindAssetTask, &o.AssetTask.ObjectBase
	case o.Document != nil:
		return KindDocument, &o.Document.ObjectBase
	case o.Delivery != nil:
		return KindDelivery, &o.Delivery.ObjectBase
	case o.Notification != nil:
		return KindNotification, &o.Notification.ObjectBase
	}
	return "", nil
}

// count reports how many of the object fields are set; a valid Object has exactly one.
func (o *Object) count() int {
	n := 0
	for _, set := range []bool{
		o.Authorisation != nil, o.AssistanceTask != nil, o.DisclosureTask != nil,
		o.PreservationTask != nil, o.SurrenderTask != nil, o.AssetTask != nil,
		o.Document != nil, o.Delivery != nil, o.Notification != nil,
	} {
		if set {
			n++
		}
	}
	return n
}

// ObjectBase holds the members every object has. Status is owned by the receiver;
// DesiredStatus by the requester. Generation is assigned by the receiver, starts at 1 and
// grows by one per change.
type ObjectBase struct {
	ObjectIdentifier   UUID     `xml:"ObjectIdentifier" json:"ObjectIdentifier"`
	CountryCode        string   `xml:"CountryCode" json:"CountryCode"`
	OwnerIdentifier    string   `xml:"OwnerIdentifier" json:"OwnerIdentifier"`
	Generation         int      `xml:"Generation,omitempty" json:"Generation,omitempty"`
	ExternalIdentifier string   `xml:"ExternalIdentifier,omitempty" json:"ExternalIdentifier,omitempty"`
	AssociatedObject   []UUID   `xml:"AssociatedObject,omitempty" json:"AssociatedObject,omitempty"`
	LastChanged        DateTime `xml:"LastChanged,omitempty" json:"LastChanged,omitempty"`
	Status             *Code    `xml:"Status,omitempty" json:"Status,omitempty"`
	DesiredStatus      *Code    `xml:"DesiredStatus,omitempty" json:"DesiredStatus,omitempty"`
}

// Code is a dictionary entry. Dictionaries let national profiles add values without a
// schema change: a value is meaningful together with its Owner and dictionary Name.
type Code struct {
	Owner string `xml:"Owner" json:"Owner"`
	Name  string `xml:"Name" json:"Name"`
	Value string `xml:"Value" json:"Value"`
}

// Extension carries national or profile content that this format does not model. It is
// preserved unchanged across decoding, encoding and conversion.
type Extension struct {
	Owner string `xml:"Owner" json:"Owner"`
	Name  string `xml:"Name" json:"Name"`
	Value string `xml:"Value" json:"Value"`
}
