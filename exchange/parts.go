package exchange

// LegalBasis names the instrument and article a request rests on, e.g. UNTOC article 18,
// UNCAC article 46, the Budapest Convention articles 25–35, or a bilateral treaty.
type LegalBasis struct {
	Instrument       string `xml:"Instrument" json:"Instrument"`
	Article          string `xml:"Article,omitempty" json:"Article,omitempty"`
	TreatyIdentifier string `xml:"TreatyIdentifier,omitempty" json:"TreatyIdentifier,omitempty"`
}

// Approval records one authority's approval: the issuing or the validating authority.
type Approval struct {
	ApprovalType Code      `xml:"ApprovalType" json:"ApprovalType"`
	Reference    string    `xml:"Reference,omitempty" json:"Reference,omitempty"`
	Authority    Authority `xml:"Authority" json:"Authority"`
	Timestamp    DateTime  `xml:"Timestamp" json:"Timestamp"`
	IsEmergency  *bool     `xml:"IsEmergency,omitempty" json:"IsEmergency,omitempty"`
}

// Authority is a judicial or competent authority and how to reach it.
type Authority struct {
	Name     string   `xml:"Name" json:"Name"`
	Role     string   `xml:"Role,omitempty" json:"Role,omitempty"`
	Email    string   `xml:"Email,omitempty" json:"Email,omitempty"`
	Phone    string   `xml:"Phone,omitempty" json:"Phone,omitempty"`
	Address  string   `xml:"Address,omitempty" json:"Address,omitempty"`
	Language []string `xml:"Language,omitempty" json:"Language,omitempty"`
}

// Offence is one offence a request concerns.
type Offence struct {
	Description         string `xml:"Description" json:"Description"`
	LegalClassification string `xml:"LegalClassification,omitempty" json:"LegalClassification,omitempty"`
	// MaximumPenaltyMonths is the maximum custodial sentence the law provides, in months.
	MaximumPenaltyMonths int   `xml:"MaximumPenaltyMonths,omitempty" json:"MaximumPenaltyMonths,omitempty"`
	Category             *Code `xml:"Category,omitempty" json:"Category,omitempty"`
}

// Person is a natural or legal person concerned by a request.
type Person struct {
	Role        Code         `xml:"Role" json:"Role"`
	FamilyName  string       `xml:"FamilyName,omitempty" json:"FamilyName,omitempty"`
	GivenName   string       `xml:"GivenName,omitempty" json:"GivenName,omitempty"`
	LegalName   string       `xml:"LegalName,omitempty" json:"LegalName,omitempty"`
	BirthDate   Date         `xml:"BirthDate,omitempty" json:"BirthDate,omitempty"`
	Nationality []string     `xml:"Nationality,omitempty" json:"Nationality,omitempty"`
	Identifier  []Identifier `xml:"Identifier,omitempty" json:"Identifier,omitempty"`
}

// Identifier is a typed identifier: an e-mail address, an IP address at a time, an IMSI,
// a passport number. FormatOwner and FormatName say how Value is to be read.
type Identifier struct {
	FormatOwner string `xml:"FormatOwner" json:"FormatOwner"`
	FormatName  string `xml:"FormatName" json:"FormatName"`
	Value       string `xml:"Value" json:"Value"`
}

// Addressee is the service provider or authority a task is addressed to.
type Addressee struct {
	CountryCode        string `xml:"CountryCode" json:"CountryCode"`
	Name               string `xml:"Name" json:"Name"`
	EndpointIdentifier string `xml:"EndpointIdentifier,omitempty" json:"EndpointIdentifier,omitempty"`
}

// DeliveryDestination says where results are to be delivered.
type DeliveryDestination struct {
	EndpointIdentifier string `xml:"EndpointIdentifier,omitempty" json:"EndpointIdentifier,omitempty"`
	URL                string `xml:"URL,omitempty" json:"URL,omitempty"`
}

// Digest is a content digest; Value is lowercase hexadecimal.
type Digest struct {
	Algorithm string `xml:"Algorithm" json:"Algorithm"`
	Value     string `xml:"Value" json:"Value"`
}

// Amount is a sum of money in an ISO 4217 currency; Value is a decimal number as text so
// that no precision is lost.
type Amount struct {
	Value    string `xml:"Value" json:"Value"`
	Currency string `xml:"Currency" json:"Currency"`
}
