package exchange

// AssistanceTask is one measure of mutual legal assistance or of an EIO: a hearing, a
// search and seizure, banking information, service of documents, …
type AssistanceTask struct {
	ObjectBase
	Reference string      `xml:"Reference" json:"Reference"`
	Measure   Code        `xml:"Measure" json:"Measure"`
	Details   string      `xml:"Details,omitempty" json:"Details,omitempty"`
	Formality []string    `xml:"Formality,omitempty" json:"Formality,omitempty"`
	Person    []Person    `xml:"Person,omitempty" json:"Person,omitempty"`
	Deadline  DateTime    `xml:"Deadline,omitempty" json:"Deadline,omitempty"`
	Extension []Extension `xml:"Extension,omitempty" json:"Extension,omitempty"`
}

// DisclosureTask orders a service provider to produce electronic evidence (an EPOC).
type DisclosureTask struct {
	ObjectBase
	Reference           string                `xml:"Reference" json:"Reference"`
	Addressee           Addressee             `xml:"Addressee" json:"Addressee"`
	DataCategory        Code                  `xml:"DataCategory" json:"DataCategory"`
	Subtype             []Code                `xml:"Subtype,omitempty" json:"Subtype,omitempty"`
	Identifier          []Identifier          `xml:"Identifier" json:"Identifier"`
	StartTime           DateTime              `xml:"StartTime,omitempty" json:"StartTime,omitempty"`
	EndTime             DateTime              `xml:"EndTime,omitempty" json:"EndTime,omitempty"`
	ObservedTime        []DateTime            `xml:"ObservedTime,omitempty" json:"ObservedTime,omitempty"`
	Deadline            DateTime              `xml:"Deadline,omitempty" json:"Deadline,omitempty"`
	DeliveryDestination []DeliveryDestination `xml:"DeliveryDestination,omitempty" json:"DeliveryDestination,omitempty"`
	ManualInformation   string                `xml:"ManualInformation,omitempty" json:"ManualInformation,omitempty"`
	Extension           []Extension           `xml:"Extension,omitempty" json:"Extension,omitempty"`
}

// PreservationTask orders a service provider to preserve data pending a later production
// request (an EPOC-PR). Preservation lasts 60 days, extendable once by 30.
type PreservationTask struct {
	ObjectBase
	Reference                  string       `xml:"Reference" json:"Reference"`
	Addressee                  Addressee    `xml:"Addressee" json:"Addressee"`
	DataCategory               Code         `xml:"DataCategory" json:"DataCategory"`
	Identifier                 []Identifier `xml:"Identifier" json:"Identifier"`
	StartTime                  DateTime     `xml:"StartTime,omitempty" json:"StartTime,omitempty"`
	EndTime                    DateTime     `xml:"EndTime,omitempty" json:"EndTime,omitempty"`
	PreservationExpiry         DateTime     `xml:"PreservationExpiry" json:"PreservationExpiry"`
	ExtensionRequested         *bool        `xml:"ExtensionRequested,omitempty" json:"ExtensionRequested,omitempty"`
	SubsequentRequestReference string       `xml:"SubsequentRequestReference,omitempty" json:"SubsequentRequestReference,omitempty"`
	Extension                  []Extension  `xml:"Extension,omitempty" json:"Extension,omitempty"`
}

// SurrenderTask asks for the surrender of a person: a European Arrest Warrant or an
// extradition request.
type SurrenderTask struct {
	ObjectBase
	Reference          string      `xml:"Reference" json:"Reference"`
	RequestedPerson    Person      `xml:"RequestedPerson" json:"RequestedPerson"`
	UnderlyingDecision Decision    `xml:"UnderlyingDecision" json:"UnderlyingDecision"`
	Sentence           *Sentence   `xml:"Sentence,omitempty" json:"Sentence,omitempty"`
	InAbsentia         *InAbsentia `xml:"InAbsentia,omitempty" json:"InAbsentia,omitempty"`
	Offence            []Offence   `xml:"Offence" json:"Offence"`
	Extension          []Extension `xml:"Extension,omitempty" json:"Extension,omitempty"`
}

// Decision is the enforceable judgment, arrest warrant or judicial decision a surrender
// rests on.
type Decision struct {
	DecisionType Code   `xml:"DecisionType" json:"DecisionType"`
	Reference    string `xml:"Reference" json:"Reference"`
	Date         Date   `xml:"Date" json:"Date"`
	Authority    string `xml:"Authority" json:"Authority"`
}

// Sentence gives the penalty imposed, or the maximum the law provides, in months.
type Sentence struct {
	MaximumPenaltyMonths int `xml:"MaximumPenaltyMonths,omitempty" json:"MaximumPenaltyMonths,omitempty"`
	ImposedMonths        int `xml:"ImposedMonths,omitempty" json:"ImposedMonths,omitempty"`
	RemainingMonths      int `xml:"RemainingMonths,omitempty" json:"RemainingMonths,omitempty"`
}

// InAbsentia describes a decision rendered when the person did not appear in person.
type InAbsentia struct {
	PersonAppeared bool   `xml:"PersonAppeared" json:"PersonAppeared"`
	Summoned       *bool  `xml:"Summoned,omitempty" json:"Summoned,omitempty"`
	Details        string `xml:"Details,omitempty" json:"Details,omitempty"`
}

// AssetTask asks for assets to be frozen or confiscated (asset recovery).
type AssetTask struct {
	ObjectBase
	Reference string       `xml:"Reference" json:"Reference"`
	Measure   AssetMeasure `xml:"Measure" json:"Measure"`
	Asset     []Asset      `xml:"Asset" json:"Asset"`
	Extension []Extension  `xml:"Extension,omitempty" json:"Extension,omitempty"`
}

// AssetMeasure is what to do with the assets.
type AssetMeasure string

// The asset measures.
const (
	AssetFreeze     AssetMeasure = "Freeze"
	AssetConfiscate AssetMeasure = "Confiscate"
)

// Asset is one asset. Which identifying member is set depends on Kind: IBAN for a bank
// account, Registration for a vehicle or property, WalletAddress for a crypto-asset.
type Asset struct {
	Kind          AssetKind `xml:"Kind" json:"Kind"`
	Description   string    `xml:"Description,omitempty" json:"Description,omitempty"`
	IBAN          string    `xml:"IBAN,omitempty" json:"IBAN,omitempty"`
	Registration  string    `xml:"Registration,omitempty" json:"Registration,omitempty"`
	WalletAddress string    `xml:"WalletAddress,omitempty" json:"WalletAddress,omitempty"`
	Amount        *Amount   `xml:"Amount,omitempty" json:"Amount,omitempty"`
}

// AssetKind classifies an asset.
type AssetKind string

// The asset kinds.
const (
	AssetBankAccount AssetKind = "BankAccount"
	AssetProperty    AssetKind = "Property"
	AssetVehicle     AssetKind = "Vehicle"
	AssetCrypto      AssetKind = "CryptoAsset"
	AssetOther       AssetKind = "Other"
)
