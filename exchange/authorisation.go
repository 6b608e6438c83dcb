package exchange

// Authorisation is the legal instrument behind a request: an MLA request, a European
// Investigation Order, a European Production or Preservation Order, an arrest warrant, a
// freezing or confiscation order. Tasks link to it through AssociatedObject.
type Authorisation struct {
	ObjectBase
	Reference      string       `xml:"Reference" json:"Reference"`
	Instrument     Code         `xml:"Instrument" json:"Instrument"`
	LegalBasis     []LegalBasis `xml:"LegalBasis,omitempty" json:"LegalBasis,omitempty"`
	IssuingState   string       `xml:"IssuingState" json:"IssuingState"`
	ExecutingState string       `xml:"ExecutingState" json:"ExecutingState"`
	Approval       []Approval   `xml:"Approval,omitempty" json:"Approval,omitempty"`
	Offence        []Offence    `xml:"Offence,omitempty" json:"Offence,omitempty"`
	Person         []Person     `xml:"Person,omitempty" json:"Person,omitempty"`
	Facts          string       `xml:"Facts,omitempty" json:"Facts,omitempty"`
	Urgency        Urgency      `xml:"Urgency,omitempty" json:"Urgency,omitempty"`
	Deadline       DateTime     `xml:"Deadline,omitempty" json:"Deadline,omitempty"`
	Confidential   *bool        `xml:"Confidential,omitempty" json:"Confidential,omitempty"`
	// DelayInformingUser asks the addressee not to inform the person whose data is sought.
	DelayInformingUser *bool       `xml:"DelayInformingUser,omitempty" json:"DelayInformingUser,omitempty"`
	Language           []string    `xml:"Language,omitempty" json:"Language,omitempty"`
	Extension          []Extension `xml:"Extension,omitempty" json:"Extension,omitempty"`
}

// Urgency of a request. Emergency shortens the deadlines of some instruments (an EPOC must
// then be answered within 8 hours).
type Urgency string

// The urgency levels.
const (
	UrgencyNormal    Urgency = "Normal"
	UrgencyUrgent    Urgency = "Urgent"
	UrgencyEmergency Urgency = "Emergency"
)
