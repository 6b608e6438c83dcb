package exchange_test

import (
	"github.com/jcx-dev/jcx/exchange"
)

// Scenario: the Rotterdam public prosecutor sends an emergency European Production Order
// (EPOC) to the Irish legal representative of an e-mail provider for subscriber data
// (8-hour deadline), and a Brussels prosecutor orders preservation of traffic data
// (EPOC-PR) and later asks for its extension.

func epocAuthorisation() *exchange.Authorisation {
	return &exchange.Authorisation{
		ObjectBase:     fxBase("epoc/authorisation", nlRotterdam),
		Reference:      "OM-RTM-2026-7781-EPOC",
		Instrument:     fxCode(exchange.DictInstrument, exchange.InstrumentEPOC),
		LegalBasis:     []exchange.LegalBasis{{Instrument: "Regulation (EU) 2023/1543", Article: "5(3)"}},
		IssuingState:   "NL",
		ExecutingState: "IE",
		Approval: []exchange.Approval{
			fxApproval(exchange.ApprovalIssuing, "RTM/26/7781", "Openbaar Ministerie, Arrondissementsparket Rotterdam", "Public prosecutor", -30*fxMinute, true),
		},
		Offence: []exchange.Offence{{
			Description:          "Kidnapping of a minor; ransom demands sent from the e-mail account concerned",
			LegalClassification:  "Wetboek van Strafrecht art. 282",
			MaximumPenaltyMonths: 144,
			Category:             fxCodep(exchange.DictOffenceCategory, "KidnappingOrHostageTaking"),
		}},
		Facts:              "An imminent threat to the life of a child: the account below sent ransom demands in the last 12 hours.",
		Urgency:            exchange.UrgencyEmergency,
		Deadline:           fxDT(-30*fxMinute + 8*fxHour),
		Confidential:       fxBoolp(true),
		DelayInformingUser: fxBoolp(true),
		Language:           []string{"en"},
	}
}

func epocTask() *exchange.DisclosureTask {
	return &exchange.DisclosureTask{
		ObjectBase: fxBase("epoc/disclosure", nlRotterdam, "epoc/authorisation"),
		Reference:  "OM-RTM-2026-7781-EPOC-LD1",
		Addressee: exchange.Addressee{
			CountryCode:        "IE",
			Name:               "ExampleMail Ireland Ltd (legal representative)",
			EndpointIdentifier: ieProvider.UniqueIdentifier,
		},
		DataCategory: fxCode(exchange.DictDataCategory, exchange.DataSubscriber),
		Subtype: []exchange.Code{
			fxCode(exchange.DictDataSubtype, "Name"),
			fxCode(exchange.DictDataSubtype, "EmailAddress"),
			fxCode(exchange.DictDataSubtype, "TelephoneNumber"),
			fxCode(exchange.DictDataSubtype, "PaymentData"),
		},
		Identifier: []exchange.Identifier{{FormatOwner: "jcx", FormatName: "EmailAddress", Value: "losgeld.2026@examplemail.example"}},
		StartTime:  fxDT(-90 * fxDay),
		EndTime:    fxDT(-30 * fxMinute),
		Deadline:   fxDT(-30*fxMinute + 8*fxHour),
		DeliveryDestination: []exchange.DeliveryDestination{
			{EndpointIdentifier: nlRotterdam.UniqueIdentifier},
		},
	}
}

func epocRequest() *exchange.Message {
	return fxRequest(fxHeader(nlRotterdam, ieProvider, "epoc/request", -30*fxMinute, "epoc"),
		fxCreate(exchange.Object{Authorisation: epocAuthorisation()}),
		fxCreate(exchange.Object{DisclosureTask: epocTask()}),
	)
}

func epocResponse() *exchange.Message {
	return fxResponse(epocRequest(), -25*fxMinute,
		fxCreated(0, fxID("epoc/authorisation")),
		fxCreated(1, fxID("epoc/disclosure")),
	)
}

const epocSubscriberCSV = "field,value\nname,J. Doe\nemail,losgeld.2026@examplemail.example\nphone,+31612345678\nregistered,2026-08-02T10:14:00Z\n"

// epocDelivery is the provider's answer, within the 8 hours, with the custody of the export.
func epocDelivery() *exchange.Message {
	d := fxDigestOf(epocSubscriberCSV)
	custody := []exchange.CustodyEntry{
		{Sequence: 1, Action: exchange.CustodyAcquired, Actor: "examplemail/lawful-request-team", Timestamp: fxDT(-10 * fxMinute), Location: "IE, Dublin", ArtefactDigest: &d},
		{Sequence: 2, Action: exchange.CustodyVerified, Actor: "examplemail/legal-representative", Timestamp: fxDT(-8 * fxMinute), Location: "IE, Dublin", ArtefactDigest: &d},
		{Sequence: 3, Action: exchange.CustodyTransferred, Actor: "ie-legal-rep.examplemail", Timestamp: fxDT(-5 * fxMinute), Location: "IE, Dublin"},
	}
	return fxRequest(fxHeader(ieProvider, nlRotterdam, "epoc/deliver", -5*fxMinute, "epoc"),
		exchange.Action{DELIVER: &exchange.DeliverAction{Delivery: exchange.Delivery{
			ObjectBase:         fxBase("epoc/delivery-1", ieProvider, "epoc/disclosure"),
			TaskReference:      fxID("epoc/disclosure"),
			DeliveryIdentifier: fxID("epoc/delivery-id-1"),
			SequenceNumber:     1,
			LastSequence:       true,
			Artefact: []exchange.Artefact{{
				Name: "subscriber.csv", MediaType: "text/csv", Size: int64(len(epocSubscriberCSV)),
				Digest: []exchange.Digest{d}, URI: "cid:subscriber@examplemail.example",
			}},
			Custody: fxChainCustody(custody),
		}}},
	)
}

// epocList asks which disclosure tasks of the order changed since it was sent.
func epocList() *exchange.Message {
	return fxRequest(fxHeader(nlRotterdam, ieProvider, "epoc/list", -3*fxMinute, "epoc"),
		exchange.Action{LIST: &exchange.ListAction{
			ObjectType:     exchange.KindDisclosureTask,
			AssociatedWith: fxID("epoc/authorisation"),
			ChangedSince:   fxDT(-30 * fxMinute),
		}},
	)
}

func epocListResponse() *exchange.Message {
	return fxResponse(epocList(), -2*fxMinute,
		exchange.ActionResult{ActionIdentifier: 0, LIST: &exchange.ListResult{ListedObject: []exchange.ListedObject{
			{Identifier: fxID("epoc/disclosure"), ObjectType: exchange.KindDisclosureTask, Generation: 2, LastChanged: fxDT(-5 * fxMinute)},
		}}},
	)
}

func epocPRAuthorisation() *exchange.Authorisation {
	return &exchange.Authorisation{
		ObjectBase:     fxBase("epocpr/authorisation", beBrussels),
		Reference:      "BXL-2026-CYB-0093-PR",
		Instrument:     fxCode(exchange.DictInstrument, exchange.InstrumentEPOCPR),
		LegalBasis:     []exchange.LegalBasis{{Instrument: "Regulation (EU) 2023/1543", Article: "6"}},
		IssuingState:   "BE",
		ExecutingState: "IE",
		Approval: []exchange.Approval{
			fxApproval(exchange.ApprovalIssuing, "CYB/93/26", "Parquet de Bruxelles, section cybercriminalité", "Public prosecutor", -2*fxDay, false),
		},
		Offence: []exchange.Offence{{
			Description: "Ransomware attack on a hospital's systems",
			Category:    fxCodep(exchange.DictOffenceCategory, "Cybercrime"),
		}},
		Urgency:  exchange.UrgencyUrgent,
		Language: []string{"fr", "en"},
	}
}

func epocPRTask(expiry exchange.DateTime) *exchange.PreservationTask {
	return &exchange.PreservationTask{
		ObjectBase: fxBase("epocpr/preservation", beBrussels, "epocpr/authorisation"),
		Reference:  "BXL-2026-CYB-0093-PR-LP1",
		Addressee: exchange.Addressee{
			CountryCode: "IE", Name: "ExampleMail Ireland Ltd (legal representative)",
			EndpointIdentifier: ieProvider.UniqueIdentifier,
		},
		DataCategory: fxCode(exchange.DictDataCategory, exchange.DataTraffic),
		Identifier: []exchange.Identifier{
			{FormatOwner: "jcx", FormatName: "EmailAddress", Value: "payment.desk@examplemail.example"},
			{FormatOwner: "jcx", FormatName: "IPAddressAtTime", Value: "198.51.100.23@2026-11-16T22:41:09Z"},
		},
		StartTime:          fxDT(-10 * fxDay),
		EndTime:            fxDT(-2 * fxDay),
		PreservationExpiry: expiry,
	}
}

func epocPRRequest() *exchange.Message {
	return fxRequest(fxHeader(beBrussels, ieProvider, "epocpr/request", -2*fxDay, "epocpr"),
		fxCreate(exchange.Object{Authorisation: epocPRAuthorisation()}),
		fxCreate(exchange.Object{PreservationTask: epocPRTask(fxDT(-2*fxDay + 60*fxDay))}),
	)
}

// epocPRExtension extends the preservation once by 30 days, quoting the generation the
// provider reported.
func epocPRExtension() *exchange.Message {
	t := epocPRTask(fxDT(-2*fxDay + 90*fxDay))
	t.Generation = 1
	t.ExtensionRequested = fxBoolp(true)
	t.SubsequentRequestReference = "BXL-2026-CYB-0093-EPOC-LD1"
	return fxRequest(fxHeader(beBrussels, ieProvider, "epocpr/extension", -1*fxHour, "epocpr"),
		fxUpdateAction(exchange.Object{PreservationTask: t}),
	)
}

// epocPRStaleUpdate answers an extension sent with an outdated generation: a Failure.
func epocPRStaleUpdate() *exchange.Message {
	return fxResponse(epocPRExtension(), -50*fxMinute,
		exchange.ActionResult{ActionIdentifier: 0, Failure: &exchange.ErrorInformation{
			Code:        exchange.CodeStaleGeneration,
			Path:        "/Message/Payload[1]/Request[1]/Action[1]/UPDATE[1]/PreservationTask[1]/Generation[1]",
			Description: "Generation 1 is stale: the preservation task is at generation 2; GET it and send the update again.",
		}},
	)
}
