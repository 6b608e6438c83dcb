package exchange_test

import (
	"github.com/jcx-dev/jcx/exchange"
)

// Scenario: a French investigating judge issues a European Investigation Order to Berlin
// for the video hearing of a witness; Berlin acknowledges, executes and delivers the
// record of the hearing with its chain of custody.

func eioAuthorisation() *exchange.Authorisation {
	return &exchange.Authorisation{
		ObjectBase:     fxBase("eio/authorisation", frParis),
		Reference:      "PNF-2026-00417-EIO-01",
		Instrument:     fxCode(exchange.DictInstrument, exchange.InstrumentEIO),
		LegalBasis:     []exchange.LegalBasis{{Instrument: "Directive 2014/41/EU", Article: "24"}},
		IssuingState:   "FR",
		ExecutingState: "DE",
		Approval: []exchange.Approval{
			fxApproval(exchange.ApprovalIssuing, "JI-PARIS-2026-118", "Tribunal judiciaire de Paris, juge d'instruction", "Investigating judge", -4*fxDay, false),
		},
		Offence: []exchange.Offence{{
			Description:          "Laundering of the proceeds of a VAT carousel fraud through companies in Paris and Berlin",
			LegalClassification:  "Code pénal art. 324-1",
			MaximumPenaltyMonths: 120,
			Category:             fxCodep(exchange.DictOffenceCategory, "MoneyLaundering"),
		}},
		Person: []exchange.Person{{
			Role:        fxCode(exchange.DictPersonRole, "Witness"),
			FamilyName:  "Becker",
			GivenName:   "Jonas",
			BirthDate:   "1979-03-14",
			Nationality: []string{"DE"},
		}},
		Facts:    "Between 2023 and 2025 invoices of Paris companies were paid to an account held by a Berlin company whose former accountant is to be heard as a witness.",
		Urgency:  exchange.UrgencyNormal,
		Deadline: fxDT(60 * fxDay),
		Language: []string{"fr", "de"},
	}
}

func eioHearingTask() *exchange.AssistanceTask {
	return &exchange.AssistanceTask{
		ObjectBase: fxBase("eio/hearing", frParis, "eio/authorisation"),
		Reference:  "PNF-2026-00417-EIO-01-C1",
		Measure:    fxCode(exchange.DictMeasure, "VideoHearing"),
		Details:    "Hearing of the witness by videoconference from the Amtsgericht Tiergarten, with a German-French interpreter.",
		Formality:  []string{"The witness is to be informed of the right not to incriminate himself (CPP art. 437)."},
		Person: []exchange.Person{{
			Role:       fxCode(exchange.DictPersonRole, "Witness"),
			FamilyName: "Becker",
			GivenName:  "Jonas",
			BirthDate:  "1979-03-14",
		}},
		Deadline: fxDT(45 * fxDay),
	}
}

const eioFormText = "ANNEX A - EUROPEAN INVESTIGATION ORDER (EIO)\nSection A: Issuing State FR, Executing State DE\nSection C: Hearing of a witness by videoconference\n"

func eioForm() *exchange.Document {
	return &exchange.Document{
		ObjectBase:   fxBase("eio/form", frParis, "eio/authorisation"),
		Reference:    "PNF-2026-00417-EIO-01-ANNEX-A",
		Name:         "EIO Annex A form",
		DocumentType: fxCode(exchange.DictDocumentType, "OrderForm"),
		Language:     "fr",
		Body:         fxInlineBody("text/plain; charset=utf-8", "eio-annex-a.txt", eioFormText),
	}
}

func eioRequest() *exchange.Message {
	return fxRequest(fxHeader(frParis, deBerlin, "eio/request", -3*fxDay, "eio"),
		fxCreate(exchange.Object{Authorisation: eioAuthorisation()}),
		fxCreate(exchange.Object{AssistanceTask: eioHearingTask()}),
		fxCreate(exchange.Object{Document: eioForm()}),
	)
}

func eioResponse() *exchange.Message {
	return fxResponse(eioRequest(), -3*fxDay+2*fxHour,
		fxCreated(0, fxID("eio/authorisation")),
		fxCreated(1, fxID("eio/hearing")),
		fxCreated(2, fxID("eio/form")),
	)
}

// eioReceived is Berlin's Annex B acknowledgement of receipt.
func eioReceived() *exchange.Message {
	return fxRequest(fxHeader(deBerlin, frParis, "eio/received", -2*fxDay, "eio"),
		fxCreate(exchange.Object{Notification: &exchange.Notification{
			ObjectBase:       fxBase("eio/received", deBerlin, "eio/authorisation"),
			NotificationType: fxCode(exchange.DictNotificationType, "Received"),
			Details:          "EIO received and recorded under 276 Js 1184/26; a hearing date will be proposed.",
			Timestamp:        fxDT(-2 * fxDay),
			New:              fxBoolp(true),
			StatusOfAssociatedObject: []exchange.ObjectStatus{{
				ObjectIdentifier: fxID("eio/authorisation"),
				Status:           fxCode(exchange.DictObjectStatus, "Accepted"),
			}},
		}}),
	)
}

const (
	eioTranscript = "Protokoll der Zeugenvernehmung / Procès-verbal d'audition - witness Becker, 2026-11-19\n"
	eioRecording  = "placeholder for the video recording of the hearing"
)

// eioDelivery is the record of the hearing, delivered by Berlin.
func eioDelivery() *exchange.Message {
	transcript, recording := fxDigestOf(eioTranscript), fxDigestOf(eioRecording)
	custody := []exchange.CustodyEntry{
		{Sequence: 1, Action: exchange.CustodyAcquired, Actor: "sta-berlin/Justizhauptsekretärin Roth", Timestamp: fxDT(-1*fxDay - 6*fxHour), Location: "DE, Amtsgericht Tiergarten, Saal 104", ArtefactDigest: &recording},
		{Sequence: 2, Action: exchange.CustodyHashed, Actor: "sta-berlin/IT-Forensik", Timestamp: fxDT(-1*fxDay - 5*fxHour), Location: "DE, Berlin", ArtefactDigest: &recording},
		{Sequence: 3, Action: exchange.CustodySealed, Actor: "sta-berlin/Staatsanwältin Krüger", Timestamp: fxDT(-1*fxDay - 4*fxHour), Location: "DE, Berlin"},
		{Sequence: 4, Action: exchange.CustodyTransferred, Actor: "sta-berlin", Timestamp: fxDT(-1 * fxHour), Location: "DE, Berlin"},
	}
	return fxRequest(fxHeader(deBerlin, frParis, "eio/deliver", -1*fxHour, "eio"),
		exchange.Action{DELIVER: &exchange.DeliverAction{Delivery: exchange.Delivery{
			ObjectBase:         fxBase("eio/delivery-1", deBerlin, "eio/hearing"),
			TaskReference:      fxID("eio/hearing"),
			DeliveryIdentifier: fxID("eio/delivery-id-1"),
			SequenceNumber:     1,
			LastSequence:       true,
			Artefact: []exchange.Artefact{
				{Name: "transcript.txt", MediaType: "text/plain", Size: int64(len(eioTranscript)), Digest: []exchange.Digest{transcript}, URI: "cid:transcript@sta-berlin.example"},
				{Name: "hearing.mp4", MediaType: "video/mp4", Size: int64(len(eioRecording)), Digest: []exchange.Digest{recording}, URI: "cid:hearing@sta-berlin.example"},
			},
			Custody: fxChainCustody(custody),
		}}},
	)
}

func eioDeliveryResponse() *exchange.Message {
	return fxResponse(eioDelivery(), -30*fxMinute,
		exchange.ActionResult{ActionIdentifier: 0, DELIVER: &exchange.ObjectResult{Identifier: fxID("eio/delivery-1"), Generation: 1}},
	)
}

// eioExecuted notifies the execution and moves the task to Executed.
func eioExecuted() *exchange.Message {
	return fxRequest(fxHeader(deBerlin, frParis, "eio/executed", -10*fxMinute, "eio"),
		fxCreate(exchange.Object{Notification: &exchange.Notification{
			ObjectBase:       fxBase("eio/executed", deBerlin, "eio/hearing"),
			NotificationType: fxCode(exchange.DictNotificationType, "Executed"),
			Details:          "The witness was heard on 19 November 2026; the record was delivered.",
			Timestamp:        fxDT(-10 * fxMinute),
			StatusOfAssociatedObject: []exchange.ObjectStatus{{
				ObjectIdentifier: fxID("eio/hearing"),
				Status:           fxCode(exchange.DictObjectStatus, "Executed"),
				Details:          "Delivery " + string(fxID("eio/delivery-id-1")),
			}},
		}}),
	)
}

// eioGet asks Berlin for the current state of the hearing task.
func eioGet() *exchange.Message {
	return fxRequest(fxHeader(frParis, deBerlin, "eio/get", -5*fxMinute, "eio"),
		exchange.Action{GET: &exchange.GetAction{Identifier: fxID("eio/hearing")}},
	)
}

func eioGetResponse() *exchange.Message {
	task := eioHearingTask()
	task.Generation = 3
	task.LastChanged = fxDT(-10 * fxMinute)
	task.Status = fxCodep(exchange.DictObjectStatus, "Executed")
	return fxResponse(eioGet(), -4*fxMinute,
		exchange.ActionResult{ActionIdentifier: 0, GET: &exchange.GetResult{Object: exchange.Object{AssistanceTask: task}}},
	)
}
