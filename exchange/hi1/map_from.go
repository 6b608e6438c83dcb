package hi1

import (
	"encoding/xml"
	"fmt"

	"github.com/jcx-dev/jcx/exchange"
)

// FromHI1 maps an HI-1 message to a jcx core message, the inverse of ToHI1: a member of
// the HI-1 message that jcx has no place for is refused with a finding (3001) whose XPath
// names it, and then FromHI1 returns no message. ETSIVersion must be SupportedVersion
// (3021). The result speaks jcx's SpecificationVersion with the national profile's owner
// and version as its profile.
func FromHI1(m *HI1Message) (*exchange.Message, []exchange.Finding) {
	r := &refusals{}
	h := m.Header
	if h.Version.ETSIVersion != SupportedVersion {
		r.list = append(r.list, exchange.Finding{Code: exchange.CodeVersion, Path: string(rootPath.el("Header").el("Version").el("ETSIVersion")),
			Message: fmt.Sprintf("only HI-1 %s maps to jcx, not %s", SupportedVersion, h.Version.ETSIVersion)})
	}
	if m.Signature != nil {
		r.add(string(rootPath.el("Signature")), "a signature covers the HI-1 bytes; it cannot carry over to another encoding")
	}
	out := &exchange.Message{XMLName: xml.Name{Space: exchange.Namespace, Local: "Message"}, Header: exchange.Header{
		Sender:                exchange.Party(h.SenderIdentifier),
		Receiver:              exchange.Party(h.ReceiverIdentifier),
		TransactionIdentifier: exchange.UUID(h.TransactionIdentifier),
		Timestamp:             exchange.Timestamp(h.Timestamp),
		Version:               exchange.Version{SpecificationVersion: exchange.SpecificationVersion, ProfileOwner: h.Version.NationalProfileOwner, ProfileVersion: h.Version.NationalProfileVersion},
	}}
	pp := rootPath.el("Payload")
	switch {
	case m.Payload.ResponsePayload != nil:
		r.add(string(pp.el("ResponsePayload")), "a jcx response carries a receipt of the request's bytes, which an HI-1 response does not have")
	case m.Payload.RequestPayload != nil:
		lp := pp.el("RequestPayload").el("ActionRequests")
		out.Payload.Request = &exchange.Request{Action: make([]exchange.Action, 0, len(m.Payload.RequestPayload.ActionRequests))}
		for i := range m.Payload.RequestPayload.ActionRequests {
			a := actionFromHI1(r, lp.at("ActionRequest", i), &m.Payload.RequestPayload.ActionRequests[i])
			out.Payload.Request.Action = append(out.Payload.Request.Action, a)
		}
	}
	if len(r.list) > 0 {
		return nil, r.list
	}
	return out, nil
}

// refuse refuses the member at p when it is set.
func (r *refusals) refuse(set bool, p xpath, what string) {
	if set {
		r.add(string(p), "%s has no counterpart in jcx", what)
	}
}

func actionFromHI1(r *refusals, p xpath, a *ActionRequest) exchange.Action {
	out := exchange.Action{ActionIdentifier: a.ActionIdentifier}
	switch {
	case a.GET != nil:
		out.GET = &exchange.GetAction{Identifier: exchange.UUID(a.GET.Identifier)}
	case a.CREATE != nil:
		out.CREATE = &exchange.ObjectAction{Object: objectFromHI1(r, p.el("CREATE").el("HI1Object"), a.CREATE.HI1Object)}
	case a.UPDATE != nil:
		out.UPDATE = &exchange.ObjectAction{Object: objectFromHI1(r, p.el("UPDATE").el("HI1Object"), a.UPDATE.HI1Object)}
	case a.LIST != nil:
		out.LIST = &exchange.ListAction{ChangedSince: exchange.DateTime(a.LIST.LastChanged)}
		if t := a.LIST.ObjectType; t != nil {
			kind := exchange.ObjectKind("")
			for k, v := range kindTypes {
				if t.Owner == objectTypeDictionary.Owner && t.Name == objectTypeDictionary.Name && t.Value == v {
					kind = k
				}
			}
			if kind == "" {
				r.add(string(p.el("LIST").el("ObjectType")), "object type %s/%s/%s has no counterpart in jcx", clip(t.Owner), clip(t.Name), clip(t.Value))
			}
			out.LIST.ObjectType = kind
		}
	case a.DELIVER != nil:
		dp := p.el("DELIVER")
		o := objectFromHI1(r, dp.el("HI1Object"), a.DELIVER.HI1Object)
		switch {
		case o.Delivery == nil:
			if a.DELIVER.HI1Object != nil {
				r.add(string(dp.el("HI1Object")), "jcx delivers only Delivery objects")
			}
		case string(o.Delivery.ObjectIdentifier) != a.DELIVER.Identifier:
			r.add(string(dp.el("Identifier")), "DELIVER's Identifier is not its object's, which is all jcx keeps")
		default:
			out.DELIVER = &exchange.DeliverAction{Delivery: *o.Delivery}
		}
	}
	return out
}

func baseFromHI1(r *refusals, p xpath, b *ObjectBase) exchange.ObjectBase {
	r.refuse(b.NationalHandlingParameters != nil, p.el("NationalHandlingParameters"), "NationalHandlingParameters")
	out := exchange.ObjectBase{
		ObjectIdentifier:   exchange.UUID(b.ObjectIdentifier),
		CountryCode:        b.CountryCode,
		OwnerIdentifier:    b.OwnerIdentifier,
		ExternalIdentifier: b.ExternalIdentifier,
		LastChanged:        exchange.DateTime(b.LastChanged),
	}
	if b.Generation != nil {
		if *b.Generation == 0 {
			r.add(string(p.el("Generation")), "Generation 0 has no counterpart in jcx, whose generations start at 1")
		}
		out.Generation = *b.Generation
	}
	if b.AssociatedObjects != nil {
		out.AssociatedObject = make([]exchange.UUID, len(b.AssociatedObjects))
		for i, id := range b.AssociatedObjects {
			out.AssociatedObject[i] = exchange.UUID(id)
		}
	}
	return out
}

func codeOf(e *DictionaryEntry) *exchange.Code {
	if e == nil {
		return nil
	}
	return &exchange.Code{Owner: e.Owner, Name: e.Name, Value: e.Value}
}

func codeValue(e *DictionaryEntry) exchange.Code {
	if e == nil {
		return exchange.Code{}
	}
	return *codeOf(e)
}

func objectFromHI1(r *refusals, p xpath, o HI1Object) exchange.Object {
	if o == nil {
		r.add(string(p), "the action carries no object")
		return exchange.Object{}
	}
	base := baseFromHI1(r, p, o.Base())
	switch o := o.(type) {
	case *AuthorisationObject:
		r.refuse(o.AuthorisationPriority != nil, p.el("AuthorisationPriority"), "AuthorisationPriority")
		r.refuse(o.AuthorisationTimespan != nil, p.el("AuthorisationTimespan"), "AuthorisationTimespan")
		r.refuse(o.AuthorisationCSPID != nil, p.el("AuthorisationCSPID"), "AuthorisationCSPID")
		r.refuse(o.AuthorisationCreationTimestamp != "", p.el("AuthorisationCreationTimestamp"), "AuthorisationCreationTimestamp")
		r.refuse(o.AuthorisationServedTimestamp != "", p.el("AuthorisationServedTimestamp"), "AuthorisationServedTimestamp")
		r.refuse(o.AuthorisationTerminationTimestamp != "", p.el("AuthorisationTerminationTimestamp"), "AuthorisationTerminationTimestamp")
		r.refuse(o.AuthorisationApprovalDetails != nil, p.el("AuthorisationApprovalDetails"), "AuthorisationApprovalDetails")
		r.refuse(o.AuthorisationInvalidReason != nil, p.el("AuthorisationInvalidReason"), "AuthorisationInvalidReason")
		r.refuse(o.AuthorisationFlags != nil, p.el("AuthorisationFlags"), "AuthorisationFlags")
		r.refuse(o.AuthorisationManualInformation != "", p.el("AuthorisationManualInformation"), "AuthorisationManualInformation")
		r.refuse(o.NationalAuthorisationParameters != nil, p.el("NationalAuthorisationParameters"), "NationalAuthorisationParameters")
		r.refuse(o.AuthorisationJurisdiction != "", p.el("AuthorisationJurisdiction"), "AuthorisationJurisdiction")
		r.refuse(o.AuthorisationTypeOfCase != nil, p.el("AuthorisationTypeOfCase"), "AuthorisationTypeOfCase")
		r.refuse(o.AuthorisationLegalEntity != "", p.el("AuthorisationLegalEntity"), "AuthorisationLegalEntity")
		base.Status, base.DesiredStatus = codeOf(o.AuthorisationStatus), codeOf(o.AuthorisationDesiredStatus)
		return exchange.Object{Authorisation: &exchange.Authorisation{ObjectBase: base, Reference: o.AuthorisationReference, Instrument: codeValue(o.AuthorisationLegalType)}}
	case *LDTaskObject:
		return exchange.Object{DisclosureTask: ldTaskFromHI1(r, p, o, base)}
	case *DocumentObject:
		r.refuse(o.DocumentTimespan != nil, p.el("DocumentTimespan"), "DocumentTimespan")
		r.refuse(o.DocumentProperties != nil, p.el("DocumentProperties"), "DocumentProperties")
		r.refuse(o.DocumentSignature != nil, p.el("DocumentSignature"), "DocumentSignature (an approval)")
		r.refuse(o.DocumentInvalidReason != nil, p.el("DocumentInvalidReason"), "DocumentInvalidReason")
		r.refuse(o.NationalDocumentParameters != nil, p.el("NationalDocumentParameters"), "NationalDocumentParameters")
		base.Status, base.DesiredStatus = codeOf(o.DocumentStatus), codeOf(o.DocumentDesiredStatus)
		d := &exchange.Document{ObjectBase: base, Reference: o.DocumentReference, Name: o.DocumentName, DocumentType: codeValue(o.DocumentType)}
		if b := o.DocumentBody; b != nil {
			d.Body = exchange.Body{Contents: b.Contents, MediaType: b.ContentType}
			if b.Checksum != "" || b.ChecksumType != "" {
				d.Body.Digest = []exchange.Digest{{Algorithm: b.ChecksumType, Value: b.Checksum}}
			}
		}
		return exchange.Object{Document: d}
	case *NotificationObject:
		r.refuse(o.NationalNotificationParameters != nil, p.el("NationalNotificationParameters"), "NationalNotificationParameters")
		return exchange.Object{Notification: &exchange.Notification{ObjectBase: base, NotificationType: codeValue(o.NotificationType),
			Details: o.NotificationDetails, Timestamp: exchange.DateTime(o.NotificationTimestamp), New: o.NewNotification}}
	case *DeliveryObject:
		r.refuse(o.Reference != nil, p.el("Reference"), "Reference (jcx names the task by identifier)")
		r.refuse(o.Manifest != nil, p.el("Manifest"), "Manifest")
		r.refuse(o.Delivery != nil, p.el("Delivery"), "Delivery data inline (jcx delivers artefacts with sizes and digests)")
		d := &exchange.Delivery{ObjectBase: base, DeliveryIdentifier: exchange.UUID(o.DeliveryID)}
		if o.SequenceNumber != nil {
			d.SequenceNumber = *o.SequenceNumber
		}
		if o.LastSequence != nil {
			d.LastSequence = *o.LastSequence
		}
		return exchange.Object{Delivery: d}
	}
	t := o.Type()
	r.add(string(p), "object type {%s}%s has no counterpart in jcx", t.Space, t.Local)
	return exchange.Object{}
}

func ldTaskFromHI1(r *refusals, p xpath, o *LDTaskObject, base exchange.ObjectBase) *exchange.DisclosureTask {
	r.refuse(o.StatusReason != nil, p.el("StatusReason"), "StatusReason")
	r.refuse(o.ApprovalDetails != nil, p.el("ApprovalDetails"), "ApprovalDetails")
	r.refuse(o.HandlingProfile != nil, p.el("HandlingProfile"), "HandlingProfile")
	r.refuse(o.Flags != nil, p.el("Flags"), "Flags")
	r.refuse(o.NationalLDTaskingParameters != nil, p.el("NationalLDTaskingParameters"), "NationalLDTaskingParameters")
	base.Status, base.DesiredStatus = codeOf(o.Status), codeOf(o.DesiredStatus)
	t := &exchange.DisclosureTask{ObjectBase: base, Reference: o.Reference}
	if o.CSPID != nil {
		t.Addressee = exchange.Addressee{CountryCode: o.CSPID.CountryCode, EndpointIdentifier: o.CSPID.UniqueIdentifier}
	}
	if rd := o.RequestDetails; rd != nil {
		rp := p.el("RequestDetails")
		r.refuse(rd.ObservedTime != "", rp.el("ObservedTime"), "a single ObservedTime (jcx lists ObservedTimes)")
		t.DataCategory = codeValue(rd.Type)
		t.StartTime, t.EndTime = exchange.DateTime(rd.StartTime), exchange.DateTime(rd.EndTime)
		for _, e := range rd.Subtype {
			t.Subtype = append(t.Subtype, exchange.Code{Owner: e.Owner, Name: e.Name, Value: e.Value})
		}
		for _, v := range rd.RequestValues {
			t.Identifier = append(t.Identifier, exchange.Identifier{FormatOwner: v.FormatType.FormatOwner, FormatName: v.FormatType.FormatName, Value: v.Value})
		}
		for _, ts := range rd.ObservedTimes {
			t.ObservedTime = append(t.ObservedTime, exchange.DateTime(ts))
		}
	}
	for i, d := range o.DeliveryDetails {
		dp := p.el("DeliveryDetails").at("LDDeliveryDestination", i)
		a := d.DeliveryAddress
		r.refuse(a != nil && (a.URL == "" || *a != (DeliveryAddress{URL: a.URL})), dp.el("DeliveryAddress"), "a delivery address other than a URL")
		r.refuse(d.EncryptionDetails != nil || d.LDHandoverFormat != nil || d.LDDeliveryProfile != nil || d.NationalDeliveryParameters != nil,
			dp, "encryption, handover format or delivery profile")
		dest := exchange.DeliveryDestination{}
		if a != nil {
			dest.URL = a.URL
		}
		t.DeliveryDestination = append(t.DeliveryDestination, dest)
	}
	return t
}
