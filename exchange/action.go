package exchange

// Action is one numbered verb of a request. Exactly one verb field is set.
type Action struct {
	ActionIdentifier int                 `xml:"ActionIdentifier" json:"ActionIdentifier"`
	GET              *GetAction          `xml:"GET,omitempty" json:"GET,omitempty"`
	CREATE           *ObjectAction       `xml:"CREATE,omitempty" json:"CREATE,omitempty"`
	UPDATE           *ObjectAction       `xml:"UPDATE,omitempty" json:"UPDATE,omitempty"`
	LIST             *ListAction         `xml:"LIST,omitempty" json:"LIST,omitempty"`
	DELIVER          *DeliverAction      `xml:"DELIVER,omitempty" json:"DELIVER,omitempty"`
	GETCAPABILITIES  *CapabilitiesAction `xml:"GETCAPABILITIES,omitempty" json:"GETCAPABILITIES,omitempty"`
}

// Verb names the verb of an action.
type Verb string

// The verbs of an action, as they appear as element and member names.
const (
	VerbGet             Verb = "GET"
	VerbCreate          Verb = "CREATE"
	VerbUpdate          Verb = "UPDATE"
	VerbList            Verb = "LIST"
	VerbDeliver         Verb = "DELIVER"
	VerbGetCapabilities Verb = "GETCAPABILITIES"
)

// Verb reports which verb is set, or "" when none is.
func (a *Action) Verb() Verb {
	switch {
	case a.GET != nil:
		return VerbGet
	case a.CREATE != nil:
		return VerbCreate
	case a.UPDATE != nil:
		return VerbUpdate
	case a.LIST != nil:
		return VerbList
	case a.DELIVER != nil:
		return VerbDeliver
	case a.GETCAPABILITIES != nil:
		return VerbGetCapabilities
	}
	return ""
}

// GetAction asks for one object by identifier.
type GetAction struct {
	Identifier UUID `xml:"Identifier" json:"Identifier"`
}

// ObjectAction carries the object of a CREATE or an UPDATE. For UPDATE, the members present
// replace the stored ones and Generation must equal the stored generation.
type ObjectAction struct {
	Object
}

// ListAction lists objects, optionally filtered.
type ListAction struct {
	ObjectType     ObjectKind `xml:"ObjectType,omitempty" json:"ObjectType,omitempty"`
	AssociatedWith UUID       `xml:"AssociatedWith,omitempty" json:"AssociatedWith,omitempty"`
	ChangedSince   DateTime   `xml:"ChangedSince,omitempty" json:"ChangedSince,omitempty"`
}

// DeliverAction pushes results: a Delivery describing the artefacts.
type DeliverAction struct {
	Delivery Delivery `xml:"Delivery" json:"Delivery"`
}

// CapabilitiesAction asks the receiver what it supports. It has no members.
type CapabilitiesAction struct{}

// ActionResult answers the action with the same ActionIdentifier. Exactly one of the verb
// results or Failure is set.
type ActionResult struct {
	ActionIdentifier int               `xml:"ActionIdentifier" json:"ActionIdentifier"`
	GET              *GetResult        `xml:"GET,omitempty" json:"GET,omitempty"`
	CREATE           *ObjectResult     `xml:"CREATE,omitempty" json:"CREATE,omitempty"`
	UPDATE           *ObjectResult     `xml:"UPDATE,omitempty" json:"UPDATE,omitempty"`
	LIST             *ListResult       `xml:"LIST,omitempty" json:"LIST,omitempty"`
	DELIVER          *ObjectResult     `xml:"DELIVER,omitempty" json:"DELIVER,omitempty"`
	GETCAPABILITIES  *Capabilities     `xml:"GETCAPABILITIES,omitempty" json:"GETCAPABILITIES,omitempty"`
	Failure          *ErrorInformation `xml:"Failure,omitempty" json:"Failure,omitempty"`
}

// GetResult returns the object asked for.
type GetResult struct {
	Object
}

// ObjectResult acknowledges a CREATE, UPDATE or DELIVER with the object's identifier and
// its generation after the change.
type ObjectResult struct {
	Identifier UUID `xml:"Identifier" json:"Identifier"`
	Generation int  `xml:"Generation" json:"Generation"`
}

// ListResult lists matching objects.
type ListResult struct {
	ListedObject []ListedObject `xml:"ListedObject,omitempty" json:"ListedObject,omitempty"`
}

// ListedObject is one entry of a LIST result.
type ListedObject struct {
	Identifier  UUID       `xml:"Identifier" json:"Identifier"`
	ObjectType  ObjectKind `xml:"ObjectType" json:"ObjectType"`
	Generation  int        `xml:"Generation" json:"Generation"`
	LastChanged DateTime   `xml:"LastChanged,omitempty" json:"LastChanged,omitempty"`
}

// Capabilities describes what an implementation supports.
type Capabilities struct {
	Verb               []Verb       `xml:"Verb" json:"Verb"`
	ObjectType         []ObjectKind `xml:"ObjectType" json:"ObjectType"`
	Instrument         []string     `xml:"Instrument,omitempty" json:"Instrument,omitempty"`
	Encoding           []string     `xml:"Encoding" json:"Encoding"`
	SignatureAlgorithm []string     `xml:"SignatureAlgorithm,omitempty" json:"SignatureAlgorithm,omitempty"`
}
