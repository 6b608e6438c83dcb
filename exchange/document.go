package exchange

// Document is a form, annex, translation or judgment, carried inline or by reference.
type Document struct {
	ObjectBase
	Reference         string      `xml:"Reference" json:"Reference"`
	Name              string      `xml:"Name" json:"Name"`
	DocumentType      Code        `xml:"DocumentType" json:"DocumentType"`
	Language          string      `xml:"Language,omitempty" json:"Language,omitempty"`
	Body              Body        `xml:"Body" json:"Body"`
	DocumentSignature string      `xml:"DocumentSignature,omitempty" json:"DocumentSignature,omitempty"`
	Extension         []Extension `xml:"Extension,omitempty" json:"Extension,omitempty"`
}

// Body is a document's content: inline (Contents, base64) or by URI, never both. Size and
// Digest describe the exact stored bytes.
type Body struct {
	Contents  string   `xml:"Contents,omitempty" json:"Contents,omitempty"`
	URI       string   `xml:"URI,omitempty" json:"URI,omitempty"`
	MediaType string   `xml:"MediaType" json:"MediaType"`
	FileName  string   `xml:"FileName,omitempty" json:"FileName,omitempty"`
	Size      int64    `xml:"Size" json:"Size"`
	Digest    []Digest `xml:"Digest" json:"Digest"`
}

// Delivery transfers evidence for a task: a numbered part of a possibly multi-part
// delivery, with a manifest of artefacts and their chain of custody.
type Delivery struct {
	ObjectBase
	TaskReference      UUID           `xml:"TaskReference" json:"TaskReference"`
	DeliveryIdentifier UUID           `xml:"DeliveryIdentifier" json:"DeliveryIdentifier"`
	SequenceNumber     int            `xml:"SequenceNumber" json:"SequenceNumber"`
	LastSequence       bool           `xml:"LastSequence" json:"LastSequence"`
	Artefact           []Artefact     `xml:"Artefact" json:"Artefact"`
	Custody            []CustodyEntry `xml:"Custody,omitempty" json:"Custody,omitempty"`
	Extension          []Extension    `xml:"Extension,omitempty" json:"Extension,omitempty"`
}

// Artefact is one delivered file, bound to the message by its size and digests.
type Artefact struct {
	Name      string   `xml:"Name" json:"Name"`
	MediaType string   `xml:"MediaType" json:"MediaType"`
	Size      int64    `xml:"Size" json:"Size"`
	Digest    []Digest `xml:"Digest" json:"Digest"`
	URI       string   `xml:"URI,omitempty" json:"URI,omitempty"`
}

// CustodyEntry is one step of the chain of custody. PreviousEntryDigest is the SHA-256 of
// the canonical form of the previous entry, so removing, reordering or editing an entry
// breaks the chain.
type CustodyEntry struct {
	Sequence            int           `xml:"Sequence" json:"Sequence"`
	Action              CustodyAction `xml:"Action" json:"Action"`
	Actor               string        `xml:"Actor" json:"Actor"`
	Timestamp           DateTime      `xml:"Timestamp" json:"Timestamp"`
	Location            string        `xml:"Location,omitempty" json:"Location,omitempty"`
	ArtefactDigest      *Digest       `xml:"ArtefactDigest,omitempty" json:"ArtefactDigest,omitempty"`
	PreviousEntryDigest string        `xml:"PreviousEntryDigest,omitempty" json:"PreviousEntryDigest,omitempty"`
}

// CustodyAction is what happened to the evidence at one custody step.
type CustodyAction string

// The custody steps, after ISO/IEC 27037.
const (
	CustodySeized      CustodyAction = "Seized"
	CustodyAcquired    CustodyAction = "Acquired"
	CustodyImaged      CustodyAction = "Imaged"
	CustodyHashed      CustodyAction = "Hashed"
	CustodyTransferred CustodyAction = "Transferred"
	CustodyReceived    CustodyAction = "Received"
	CustodyVerified    CustodyAction = "Verified"
	CustodySealed      CustodyAction = "Sealed"
	CustodyOpened      CustodyAction = "Opened"
)

// Notification tells the requester what happened: received, accepted, refused (with
// grounds), executed, postponed, … Only the receiver creates notifications.
type Notification struct {
	ObjectBase
	NotificationType         Code           `xml:"NotificationType" json:"NotificationType"`
	Details                  string         `xml:"Details,omitempty" json:"Details,omitempty"`
	Timestamp                DateTime       `xml:"Timestamp" json:"Timestamp"`
	New                      *bool          `xml:"New,omitempty" json:"New,omitempty"`
	Ground                   []Code         `xml:"Ground,omitempty" json:"Ground,omitempty"`
	StatusOfAssociatedObject []ObjectStatus `xml:"StatusOfAssociatedObject,omitempty" json:"StatusOfAssociatedObject,omitempty"`
	Extension                []Extension    `xml:"Extension,omitempty" json:"Extension,omitempty"`
}

// ObjectStatus reports the status of one associated object.
type ObjectStatus struct {
	ObjectIdentifier UUID   `xml:"ObjectIdentifier" json:"ObjectIdentifier"`
	Status           Code   `xml:"Status" json:"Status"`
	Details          string `xml:"Details,omitempty" json:"Details,omitempty"`
}
