package exchange

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The rule tests build valid messages in Go and apply one small mutation per case. They
// call the rule steps directly, so they do not depend on the decoder or the schema.

// tNow is the receiving endpoint's clock in the rule tests.
var tNow = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

// tid derives a fixed lowercase UUID from a name.
func tid(name string) UUID {
	s := sha256.Sum256([]byte("jcx rules/" + name))
	s[6] = s[6]&0x0f | 0x50
	s[8] = s[8]&0x3f | 0x80
	h := hex.EncodeToString(s[:16])
	return UUID(h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32])
}

func tdt(d time.Duration) DateTime { return NewDateTime(tNow.Add(d)) }

func jcx(dict, value string) Code { return Code{Owner: DictionaryOwner, Name: dict, Value: value} }

func ptr[T any](v T) *T { return &v }

const tDay = 24 * time.Hour

var (
	tSender   = Party{CountryCode: "FR", UniqueIdentifier: "parquet-paris"}
	tReceiver = Party{CountryCode: "IE", UniqueIdentifier: "provider-legal-rep"}
)

func tHeader() Header {
	return Header{
		Sender:                tSender,
		Receiver:              tReceiver,
		TransactionIdentifier: tid("tx"),
		Timestamp:             NewTimestamp(tNow),
		Version:               Version{SpecificationVersion: SpecificationVersion, ProfileOwner: ProfileOwner, ProfileVersion: ProfileVersion},
		WorkflowIdentifier:    tid("workflow"),
	}
}

func tBase(name, country string) ObjectBase {
	return ObjectBase{ObjectIdentifier: tid(name), CountryCode: country, OwnerIdentifier: "parquet-paris"}
}

func create(o Object) Action    { return Action{CREATE: &ObjectAction{o}} }
func deliver(d Delivery) Action { return Action{DELIVER: &DeliverAction{d}} }

func tRequest(actions ...Action) *Message {
	for i := range actions {
		actions[i].ActionIdentifier = i
	}
	return &Message{Header: tHeader(), Payload: Payload{Request: &Request{Action: actions}}}
}

func issuingApproval() Approval {
	return Approval{
		ApprovalType: jcx(DictApprovalType, ApprovalIssuing),
		Reference:    "PAR-2026-0412",
		Authority: Authority{Name: "Parquet de Paris", Role: "Prosecutor", Email: "entraide@parquet.example.fr",
			Phone: "+33144325000", Language: []string{"fr", "en"}},
		Timestamp: tdt(-2 * time.Hour),
	}
}

// epocAuthorisation is a European Production Order for subscriber data.
func epocAuthorisation() *Authorisation {
	return &Authorisation{
		ObjectBase:     tBase("epoc", "FR"),
		Reference:      "EPOC-PAR-2026-0412",
		Instrument:     jcx(DictInstrument, InstrumentEPOC),
		LegalBasis:     []LegalBasis{{Instrument: "Regulation (EU) 2023/1543", Article: "5(3)"}},
		IssuingState:   "FR",
		ExecutingState: "IE",
		Approval:       []Approval{issuingApproval()},
		Offence: []Offence{{Description: "Extortion by e-mail", LegalClassification: "Code pénal art. 312-1",
			MaximumPenaltyMonths: 84, Category: ptr(jcx(DictOffenceCategory, "RacketeeringAndExtortion"))}},
		Person: []Person{{Role: jcx(DictPersonRole, "Suspect"), FamilyName: "Durand", BirthDate: "1990-04-01",
			Nationality: []string{"FR"}, Identifier: []Identifier{{FormatOwner: "jcx", FormatName: "EmailAddress", Value: "x@example.com"}}}},
		Urgency:  UrgencyUrgent,
		Deadline: tdt(9 * tDay),
		Language: []string{"en"},
	}
}

func disclosureTask() *DisclosureTask {
	b := tBase("disclosure", "FR")
	b.AssociatedObject = []UUID{tid("epoc")}
	return &DisclosureTask{
		ObjectBase:          b,
		Reference:           "LDID-1",
		Addressee:           Addressee{CountryCode: "IE", Name: "Example Mail Ltd"},
		DataCategory:        jcx(DictDataCategory, DataSubscriber),
		Subtype:             []Code{jcx(DictDataSubtype, "Name"), jcx(DictDataSubtype, "EmailAddress")},
		Identifier:          []Identifier{{FormatOwner: "jcx", FormatName: "EmailAddress", Value: "x@example.com"}},
		StartTime:           tdt(-90 * tDay),
		EndTime:             tdt(-1 * tDay),
		Deadline:            tdt(7 * tDay),
		DeliveryDestination: []DeliveryDestination{{URL: "https://evidence.parquet.example.fr/inbox"}},
	}
}

// epocRequest is a valid request: CREATE an EPOC, CREATE the disclosure task linked to it.
func epocRequest() *Message {
	return tRequest(create(Object{Authorisation: epocAuthorisation()}), create(Object{DisclosureTask: disclosureTask()}))
}

var (
	tDocContents = []byte("%PDF-1.7 order form")
	tArtefact    = []byte("subscriber;name\nx@example.com;Durand\n")
)

func sha256Hex(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
func sha512Hex(b []byte) string { s := sha512.Sum512(b); return hex.EncodeToString(s[:]) }

func tCustody() []CustodyEntry {
	e := []CustodyEntry{
		{Action: CustodyAcquired, Actor: "IE provider <export>", Timestamp: tdt(-3 * time.Hour), Location: "IE Dublin",
			ArtefactDigest: &Digest{Algorithm: DigestSHA256, Value: sha256Hex(tArtefact)}},
		{Action: CustodyHashed, Actor: "IE provider", Timestamp: tdt(-3 * time.Hour)},
		{Action: CustodyTransferred, Actor: "IE provider", Timestamp: tdt(-1 * time.Hour)},
	}
	ChainCustody(e)
	return e
}

// everyKindRequest is a valid request with one object of every kind: an EAW with its
// surrender task, an MLA request with an assistance and an asset task, a disclosure and a
// preservation task, a document with inline contents, a notification and a delivery.
func everyKindRequest() *Message {
	eaw := &Authorisation{
		ObjectBase: tBase("eaw", "FR"), Reference: "EAW-1",
		Instrument:   jcx(DictInstrument, InstrumentEAW),
		LegalBasis:   []LegalBasis{{Instrument: "Council Framework Decision 2002/584/JHA", Article: "2(2)"}},
		IssuingState: "FR", ExecutingState: "BE",
		Approval: []Approval{issuingApproval()},
	}
	surrender := &SurrenderTask{
		ObjectBase: tBase("surrender", "FR"), Reference: "EAW-1/S",
		RequestedPerson:    Person{Role: jcx(DictPersonRole, "RequestedPerson"), FamilyName: "Martin", Nationality: []string{"BE"}},
		UnderlyingDecision: Decision{DecisionType: jcx(DictDecisionType, DecisionArrestWarrant), Reference: "MA-2026-7", Date: "2026-10-01", Authority: "Juge d'instruction, Paris"},
		Sentence:           &Sentence{MaximumPenaltyMonths: 120},
		Offence:            []Offence{{Description: "Drug trafficking", MaximumPenaltyMonths: 120, Category: ptr(jcx(DictOffenceCategory, "DrugTrafficking"))}},
	}
	surrender.AssociatedObject = []UUID{tid("eaw")}
	mla := &Authorisation{
		ObjectBase: tBase("mla", "FR"), Reference: "MLA-1",
		Instrument:   jcx(DictInstrument, InstrumentMLA),
		LegalBasis:   []LegalBasis{{Instrument: "UNTOC", Article: "Art. 18(1)"}},
		IssuingState: "FR", ExecutingState: "NG",
	}
	assist := &AssistanceTask{ObjectBase: tBase("assist", "FR"), Reference: "MLA-1/A",
		Measure: jcx(DictMeasure, "Hearing"), Deadline: tdt(30 * tDay),
		Person: []Person{{Role: jcx(DictPersonRole, "Witness"), FamilyName: "Okafor"}}}
	assist.AssociatedObject = []UUID{tid("mla")}
	asset := &AssetTask{ObjectBase: tBase("asset", "FR"), Reference: "MLA-1/B", Measure: AssetFreeze,
		Asset: []Asset{
			{Kind: AssetBankAccount, IBAN: "DE89370400440532013000", Amount: &Amount{Value: "1250000.00", Currency: "EUR"}},
			{Kind: AssetCrypto, WalletAddress: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"},
			{Kind: AssetVehicle, Registration: "AB-123-CD"},
		}}
	asset.AssociatedObject = []UUID{tid("mla")}
	disc := disclosureTask()
	disc.AssociatedObject = []UUID{tid("elsewhere/epoc")}
	pres := &PreservationTask{ObjectBase: tBase("preserve", "FR"), Reference: "PR-1",
		Addressee:          Addressee{CountryCode: "IE", Name: "Example Mail Ltd"},
		DataCategory:       jcx(DictDataCategory, DataTraffic),
		Identifier:         []Identifier{{FormatOwner: "jcx", FormatName: "EmailAddress", Value: "y@example.com"}},
		PreservationExpiry: tdt(60 * tDay),
	}
	doc := &Document{ObjectBase: tBase("doc", "FR"), Reference: "DOC-1", Name: "Order form",
		DocumentType: jcx(DictDocumentType, "OrderForm"), Language: "fr",
		Body: Body{Contents: base64.StdEncoding.EncodeToString(tDocContents), MediaType: "application/pdf",
			FileName: "order.pdf", Size: int64(len(tDocContents)),
			Digest: []Digest{{Algorithm: DigestSHA256, Value: sha256Hex(tDocContents)}, {Algorithm: "sha-512", Value: sha512Hex(tDocContents)}}}}
	doc.AssociatedObject = []UUID{tid("eaw")}
	note := &Notification{ObjectBase: tBase("note", "FR"),
		NotificationType: jcx(DictNotificationType, "Received"), Timestamp: tdt(-time.Minute),
		StatusOfAssociatedObject: []ObjectStatus{{ObjectIdentifier: tid("elsewhere/task"), Status: jcx(DictObjectStatus, "Accepted")}}}
	note.AssociatedObject = []UUID{tid("elsewhere/task")}
	dl := Delivery{ObjectBase: tBase("delivery", "FR"), TaskReference: tid("elsewhere/task"),
		DeliveryIdentifier: tid("delivery-id"), SequenceNumber: 1, LastSequence: true,
		Artefact: []Artefact{{Name: "subscriber.csv", MediaType: "text/csv; charset=utf-8", Size: int64(len(tArtefact)),
			Digest: []Digest{{Algorithm: DigestSHA256, Value: sha256Hex(tArtefact)}}, URI: "cid:subscriber@provider.example"}},
		Custody: tCustody()}
	return tRequest(
		create(Object{Authorisation: eaw}),
		create(Object{SurrenderTask: surrender}),
		create(Object{Authorisation: mla}),
		create(Object{AssistanceTask: assist}),
		create(Object{AssetTask: asset}),
		create(Object{DisclosureTask: disc}),
		create(Object{PreservationTask: pres}),
		create(Object{Document: doc}),
		create(Object{Notification: note}),
		deliver(dl),
	)
}

// tResponse is a valid response to epocRequest: both objects created.
func tResponse() *Message {
	h := tHeader()
	h.Sender, h.Receiver = h.Receiver, h.Sender
	return &Message{Header: h, Payload: Payload{Response: &Response{
		Receipt: Receipt{Algorithm: DigestSHA256, Value: sha256Hex([]byte("request bytes"))},
		ActionResult: []ActionResult{
			{ActionIdentifier: 0, CREATE: &ObjectResult{Identifier: tid("epoc"), Generation: 1}},
			{ActionIdentifier: 1, Failure: &ErrorInformation{Code: CodeDeadline, Description: "deadline too short"}},
		},
	}}}
}

// ruleFindings runs the rule steps over m as if it had arrived in format f and returns
// "code path" strings, sorted.
func ruleFindings(t *testing.T, opts Options, m *Message, f Format) []string {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return tNow }
	}
	fs := NewValidator(opts).rules(nil, f, m)
	out := make([]string, 0, len(fs))
	for _, x := range fs {
		if x.Message == "" {
			t.Errorf("finding %d %s has no message", x.Code, x.Path)
		}
		out = append(out, fmt.Sprintf("%d %s", x.Code, x.Path))
	}
	slices.Sort(out)
	return out
}

// toXPath rewrites a "code /json/pointer" expectation into its XPath form, independently
// of Path: a numeric segment is the zero-based position of the element before it, and an
// element without one is the first of its name.
func toXPath(s string) string {
	code, ptr, _ := strings.Cut(s, " ")
	segs := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	var b strings.Builder
	b.WriteString("/Message")
	for i := 0; i < len(segs); i++ {
		pos := 1
		if i+1 < len(segs) {
			if n, err := strconv.Atoi(segs[i+1]); err == nil {
				pos = n + 1
				i++
				b.WriteString(fmt.Sprintf("/%s[%d]", segs[i-1], pos))
				continue
			}
		}
		fmt.Fprintf(&b, "/%s[%d]", segs[i], pos)
	}
	return code + " " + b.String()
}

type ruleCase struct {
	name   string
	base   func() *Message
	mutate func(*Message)
	opts   Options
	want   []string // "code /json/pointer"
}

// runRuleCases checks each case in both encodings.
func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, f := range []Format{FormatJSON, FormatXML} {
				m := tc.base()
				if tc.mutate != nil {
					tc.mutate(m)
				}
				want := make([]string, len(tc.want))
				for i, w := range tc.want {
					want[i] = w
					if f == FormatXML {
						want[i] = toXPath(w)
					}
				}
				slices.Sort(want)
				got := ruleFindings(t, tc.opts, m, f)
				if !slices.Equal(got, want) {
					t.Errorf("%s findings:\n got  %q\n want %q", f, got, want)
				}
			}
		})
	}
}

// Short names for the paths of the base messages.
const (
	act0 = "/Payload/Request/Action/0/CREATE/Authorisation"
	act1 = "/Payload/Request/Action/1/CREATE/DisclosureTask"
)

// actions of everyKindRequest.
func ek(i int, kind string) string {
	verb := "CREATE"
	if kind == "Delivery" {
		verb = "DELIVER"
	}
	return fmt.Sprintf("/Payload/Request/Action/%d/%s/%s", i, verb, kind)
}

func req(m *Message) *Request { return m.Payload.Request }
func obj(m *Message, i int) *Object {
	a := &req(m).Action[i]
	if a.CREATE != nil {
		return &a.CREATE.Object
	}
	return &a.UPDATE.Object
}
