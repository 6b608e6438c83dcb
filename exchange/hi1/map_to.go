package hi1

import (
	"fmt"

	"github.com/jcx-dev/jcx/exchange"
)

// objectTypeDictionary is the ETSI dictionary of object types that a LIST's ObjectType
// names; kindTypes holds the values the mapping uses for jcx's object kinds.
var objectTypeDictionary = struct{ Owner, Name string }{"ETSI", "ObjectType"}

// kindTypes maps the jcx object kinds that have an HI-1 counterpart to the ETSI ObjectType
// dictionary's values.
var kindTypes = map[exchange.ObjectKind]string{
	exchange.KindAuthorisation:  "Authorisation",
	exchange.KindDisclosureTask: "LDTask",
	exchange.KindDocument:       "Document",
	exchange.KindNotification:   "Notification",
	exchange.KindDelivery:       "Delivery",
}

// refusals collects what a mapping cannot carry over.
type refusals struct{ list []exchange.Finding }

func (r *refusals) add(path string, format string, args ...any) {
	r.list = append(r.list, exchange.Finding{Code: exchange.CodeNotSupported, Path: path, Message: fmt.Sprintf(format, args...)})
}

// unless refuses the member at p when it is set.
func (r *refusals) unless(set bool, p exchange.Path, what string) {
	if set {
		r.add(p.XPath(), "%s has no counterpart in HI-1", what)
	}
}

// dateTime refuses a date and time that HI-1's QualifiedDateTime cannot hold: jcx allows
// fraction digits, HI-1 does not.
func (r *refusals) dateTime(p exchange.Path, v exchange.DateTime) {
	if v != "" && !reQualifiedTime().MatchString(string(v)) {
		r.add(p.XPath(), "%q has fraction digits or a form HI-1's QualifiedDateTime does not allow", clip(string(v)))
	}
}

// ToHI1 maps a jcx core message to HI-1 where the concepts match (docs/hi1.md has the
// table): the header, a request's GET, CREATE, UPDATE, LIST and DELIVER actions, and
// Authorisation, DisclosureTask (as an LDTaskObject), Document, Notification and
// Delivery objects. Nothing is dropped: a member HI-1 has no place for is refused with a
// finding (3001) whose XPath names it, and then ToHI1 returns no message.
func ToHI1(m *exchange.Message) (*HI1Message, []exchange.Finding) {
	r := &refusals{}
	h := m.Header
	hp := exchange.Path{}.Child("Header")
	if h.Version.SpecificationVersion != exchange.SpecificationVersion {
		r.list = append(r.list, exchange.Finding{Code: exchange.CodeVersion, Path: hp.Child("Version").Child("SpecificationVersion").XPath(),
			Message: fmt.Sprintf("only jcx %s maps to HI-1, not %s", exchange.SpecificationVersion, h.Version.SpecificationVersion)})
	}
	r.unless(h.WorkflowIdentifier != "", hp.Child("WorkflowIdentifier"), "WorkflowIdentifier")
	out := &HI1Message{
		Namespaces: DefaultNamespaces(),
		Header: Header{
			SenderIdentifier:      EndpointID(h.Sender),
			ReceiverIdentifier:    EndpointID(h.Receiver),
			TransactionIdentifier: string(h.TransactionIdentifier),
			Timestamp:             string(h.Timestamp),
			Version:               Version{SupportedVersion, h.Version.ProfileOwner, h.Version.ProfileVersion},
		},
	}
	pp := exchange.Path{}.Child("Payload")
	switch {
	case m.Payload.Response != nil:
		r.add(pp.Child("Response").Child("Receipt").XPath(), "a jcx response carries a receipt of the request's bytes, which HI-1 has no place for")
	case m.Payload.Request != nil:
		rq := m.Payload.Request
		rp := pp.Child("Request")
		r.unless(rq.Atomicity != "", rp.Child("Atomicity"), "Atomicity")
		out.Payload.RequestPayload = &RequestPayload{ActionRequests: make([]ActionRequest, 0, len(rq.Action))}
		for i := range rq.Action {
			a := actionToHI1(r, rp.Item("Action", i), &rq.Action[i])
			out.Payload.RequestPayload.ActionRequests = append(out.Payload.RequestPayload.ActionRequests, a)
		}
	}
	if len(r.list) > 0 {
		return nil, r.list
	}
	return out, nil
}

func actionToHI1(r *refusals, p exchange.Path, a *exchange.Action) ActionRequest {
	out := ActionRequest{ActionIdentifier: a.ActionIdentifier}
	switch {
	case a.GET != nil:
		out.GET = &GETRequest{Identifier: string(a.GET.Identifier)}
	case a.CREATE != nil:
		out.CREATE = &CREATERequest{HI1Object: objectToHI1(r, p.Child("CREATE"), &a.CREATE.Object)}
	case a.UPDATE != nil:
		out.UPDATE = &UPDATERequest{HI1Object: objectToHI1(r, p.Child("UPDATE"), &a.UPDATE.Object)}
	case a.LIST != nil:
		lp := p.Child("LIST")
		out.LIST = &LISTRequest{LastChanged: string(a.LIST.ChangedSince)}
		r.dateTime(lp.Child("ChangedSince"), a.LIST.ChangedSince)
		r.unless(a.LIST.AssociatedWith != "", lp.Child("AssociatedWith"), "LIST's AssociatedWith")
		if k := a.LIST.ObjectType; k != "" {
			if v, ok := kindTypes[k]; ok {
				out.LIST.ObjectType = &DictionaryEntry{objectTypeDictionary.Owner, objectTypeDictionary.Name, v}
			} else {
				r.add(lp.Child("ObjectType").XPath(), "object kind %s has no counterpart in HI-1", k)
			}
		}
	case a.DELIVER != nil:
		d := exchange.Object{Delivery: &a.DELIVER.Delivery}
		out.DELIVER = &DELIVERRequest{Identifier: string(d.Delivery.ObjectIdentifier), HI1Object: objectToHI1(r, p.Child("DELIVER"), &d)}
	case a.GETCAPABILITIES != nil:
		r.add(p.Child("GETCAPABILITIES").XPath(), "GETCAPABILITIES has no counterpart in HI-1")
	}
	return out
}

// baseToHI1 maps the common members; Status and DesiredStatus belong to each type.
func baseToHI1(b *exchange.ObjectBase) ObjectBase {
	out := ObjectBase{
		ObjectIdentifier:   string(b.ObjectIdentifier),
		CountryCode:        b.CountryCode,
		OwnerIdentifier:    b.OwnerIdentifier,
		ExternalIdentifier: b.ExternalIdentifier,
		LastChanged:        string(b.LastChanged),
	}
	if b.Generation != 0 {
		g := b.Generation
		out.Generation = &g
	}
	if b.AssociatedObject != nil {
		out.AssociatedObjects = make([]string, len(b.AssociatedObject))
		for i, id := range b.AssociatedObject {
			out.AssociatedObjects[i] = string(id)
		}
	}
	return out
}

func entryOf(c *exchange.Code) *DictionaryEntry {
	if c == nil || *c == (exchange.Code{}) {
		return nil
	}
	return &DictionaryEntry{c.Owner, c.Name, c.Value}
}

func objectToHI1(r *refusals, p exchange.Path, o *exchange.Object) HI1Object {
	kind, b := o.Kind(), o.Base()
	if b == nil {
		r.add(p.XPath(), "the action carries no object")
		return nil
	}
	op := p.Child(string(kind))
	base := baseToHI1(b)
	r.dateTime(op.Child("LastChanged"), b.LastChanged)
	noStatus := func() {
		r.unless(b.Status != nil, op.Child("Status"), string(kind)+"'s Status")
		r.unless(b.DesiredStatus != nil, op.Child("DesiredStatus"), string(kind)+"'s DesiredStatus")
	}
	switch kind {
	case exchange.KindAuthorisation:
		a := o.Authorisation
		r.unless(len(a.LegalBasis) > 0, op.Child("LegalBasis"), "LegalBasis")
		r.unless(a.IssuingState != "", op.Child("IssuingState"), "IssuingState")
		r.unless(a.ExecutingState != "", op.Child("ExecutingState"), "ExecutingState")
		r.unless(len(a.Approval) > 0, op.Child("Approval"), "Approval (its type and authority are structured differently in HI-1)")
		r.unless(len(a.Offence) > 0, op.Child("Offence"), "Offence")
		r.unless(len(a.Person) > 0, op.Child("Person"), "Person")
		r.unless(a.Facts != "", op.Child("Facts"), "Facts")
		r.unless(a.Urgency != "", op.Child("Urgency"), "Urgency")
		r.unless(a.Deadline != "", op.Child("Deadline"), "Deadline")
		r.unless(a.Confidential != nil, op.Child("Confidential"), "Confidential")
		r.unless(a.DelayInformingUser != nil, op.Child("DelayInformingUser"), "DelayInformingUser")
		r.unless(len(a.Language) > 0, op.Child("Language"), "Language")
		r.unless(len(a.Extension) > 0, op.Child("Extension"), "a jcx Extension")
		return &AuthorisationObject{
			ObjectBase:                 base,
			AuthorisationReference:     a.Reference,
			AuthorisationLegalType:     entryOf(&a.Instrument),
			AuthorisationStatus:        entryOf(b.Status),
			AuthorisationDesiredStatus: entryOf(b.DesiredStatus),
		}
	case exchange.KindDisclosureTask:
		return disclosureToHI1(r, op, o.DisclosureTask, base)
	case exchange.KindDocument:
		d := o.Document
		r.unless(d.Language != "", op.Child("Language"), "Language")
		r.unless(d.DocumentSignature != "", op.Child("DocumentSignature"), "DocumentSignature (a detached signature; HI-1's is an approval)")
		r.unless(len(d.Extension) > 0, op.Child("Extension"), "a jcx Extension")
		bp := op.Child("Body")
		r.unless(d.Body.URI != "", bp.Child("URI"), "a body by reference (URI)")
		r.unless(d.Body.FileName != "", bp.Child("FileName"), "FileName")
		r.unless(d.Body.Size != 0, bp.Child("Size"), "Size")
		r.unless(len(d.Body.Digest) > 1, bp.Item("Digest", 1), "a second digest")
		out := &DocumentObject{
			ObjectBase:            base,
			DocumentReference:     d.Reference,
			DocumentName:          d.Name,
			DocumentStatus:        entryOf(b.Status),
			DocumentDesiredStatus: entryOf(b.DesiredStatus),
			DocumentType:          entryOf(&d.DocumentType),
		}
		if d.Body.Contents != "" || d.Body.MediaType != "" || len(d.Body.Digest) > 0 {
			out.DocumentBody = &DocumentBody{Contents: d.Body.Contents, ContentType: d.Body.MediaType}
			if len(d.Body.Digest) > 0 {
				out.DocumentBody.Checksum, out.DocumentBody.ChecksumType = d.Body.Digest[0].Value, d.Body.Digest[0].Algorithm
			}
		}
		return out
	case exchange.KindNotification:
		n := o.Notification
		noStatus()
		r.unless(len(n.Ground) > 0, op.Child("Ground"), "Ground")
		r.unless(len(n.StatusOfAssociatedObject) > 0, op.Child("StatusOfAssociatedObject"), "StatusOfAssociatedObject")
		r.unless(len(n.Extension) > 0, op.Child("Extension"), "a jcx Extension")
		r.dateTime(op.Child("Timestamp"), n.Timestamp)
		return &NotificationObject{
			ObjectBase:            base,
			NotificationDetails:   n.Details,
			NotificationType:      entryOf(&n.NotificationType),
			NewNotification:       n.New,
			NotificationTimestamp: string(n.Timestamp),
		}
	case exchange.KindDelivery:
		d := o.Delivery
		noStatus()
		r.unless(d.TaskReference != "", op.Child("TaskReference"), "TaskReference (HI-1 names the task by LDID or LIID, and links it as an AssociatedObject)")
		r.unless(len(d.Artefact) > 0, op.Child("Artefact"), "Artefact (a manifest of files with sizes and digests)")
		r.unless(len(d.Custody) > 0, op.Child("Custody"), "Custody")
		r.unless(len(d.Extension) > 0, op.Child("Extension"), "a jcx Extension")
		seq, last := d.SequenceNumber, d.LastSequence
		return &DeliveryObject{ObjectBase: base, DeliveryID: string(d.DeliveryIdentifier), SequenceNumber: &seq, LastSequence: &last}
	}
	r.add(op.XPath(), "%s has no counterpart in HI-1", kind)
	return nil
}

func disclosureToHI1(r *refusals, op exchange.Path, t *exchange.DisclosureTask, base ObjectBase) HI1Object {
	r.unless(t.Addressee.Name != "", op.Child("Addressee").Child("Name"), "the addressee's Name (HI-1 names the provider by CSPID)")
	r.unless(t.Deadline != "", op.Child("Deadline"), "Deadline")
	r.unless(t.ManualInformation != "", op.Child("ManualInformation"), "ManualInformation")
	r.unless(len(t.Extension) > 0, op.Child("Extension"), "a jcx Extension")
	out := &LDTaskObject{
		ObjectBase:    base,
		Reference:     t.Reference,
		Status:        entryOf(t.Status),
		DesiredStatus: entryOf(t.DesiredStatus),
		RequestDetails: &RequestDetails{
			Type:      entryOf(&t.DataCategory),
			StartTime: string(t.StartTime),
			EndTime:   string(t.EndTime),
		},
	}
	if t.Addressee.CountryCode != "" || t.Addressee.EndpointIdentifier != "" {
		out.CSPID = &EndpointID{t.Addressee.CountryCode, t.Addressee.EndpointIdentifier}
	}
	for _, c := range t.Subtype {
		out.RequestDetails.Subtype = append(out.RequestDetails.Subtype, DictionaryEntry{c.Owner, c.Name, c.Value})
	}
	for _, id := range t.Identifier {
		out.RequestDetails.RequestValues = append(out.RequestDetails.RequestValues, IdentifierValue{FormatType{id.FormatOwner, id.FormatName}, id.Value})
	}
	r.dateTime(op.Child("StartTime"), t.StartTime)
	r.dateTime(op.Child("EndTime"), t.EndTime)
	for i, ts := range t.ObservedTime {
		r.dateTime(op.Item("ObservedTime", i), ts)
		out.RequestDetails.ObservedTimes = append(out.RequestDetails.ObservedTimes, string(ts))
	}
	for i, d := range t.DeliveryDestination {
		r.unless(d.EndpointIdentifier != "", op.Item("DeliveryDestination", i).Child("EndpointIdentifier"), "a delivery endpoint without its country")
		dest := LDDeliveryDestination{}
		if d.URL != "" {
			dest.DeliveryAddress = &DeliveryAddress{URL: d.URL}
		}
		out.DeliveryDetails = append(out.DeliveryDetails, dest)
	}
	return out
}
