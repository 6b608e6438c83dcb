package exchange_test

import (
	"github.com/jcx-dev/jcx/exchange"
)

// Scenario: a French investigating judge issues a European Investigation Order to Berlin
// for the video hearing of a witness; Berlin acknowledges, executes and delivers the
// record of the hearing with its chain of custody.

func eioAuthorisation() *exchange.Authorisation {
	return &exchange.Authorisation{
		ObjectBase:     base("eio/authorisation", frParis),
		Reference:      "PNF-2026-00417-EIO-01",
		Instrument:     code(exchange.DictInstrument, exchange.InstrumentEIO),
		LegalBasis:     []exchange.LegalBasis{{Instrument: "Directive 2014/41/EU", Article: "24"}},
		IssuingState:   "FR",
		ExecutingState: "DE",
		Approval: []exchange.Approval{
			approval(exchange.ApprovalIssuing, "JI-PARIS-2026-118", "Tribunal judiciaire de Paris, juge d'instruction", "Investigating judge", -4*day, false),
		},
		Offence: []exchange.Offence{{
			Description:          "Laundering of the proceeds of a VAT carousel fraud through companies in Paris and Berlin",
			LegalClassification:  "Code pénal art. 324-1",
			MaximumPenaltyMonths: 120,
			Category:             codep(exchange.DictOffenceCategory, "MoneyLaundering"),
		}},
		Person: []exchange.Person{{
			Role:        code(exchange.DictPersonRole, "Witness"),
			FamilyName:  "Becker",
			GivenName:   "Jonas",
			BirthDate:   "1979-03-14",
			Nationality: []string{"DE"},
		}},
		Facts:    "Between 2023 and 2025 invoices of Paris companies were paid to an account held by a Berlin company whose former accountant is to be heard as a witness.",
		Urgency:  exchange.UrgencyNormal,
		Deadline: fxDT(60 * day),
		Language: []string{"fr", "de"},
	}
}

func eioHearingTask() *exchange.AssistanceTask {
	return &exchange.AssistanceTask{
		ObjectBase: base("eio/hearing", frParis, "eio/authorisation"),
		Reference:  "PNF-2026-00417-EIO-01-C1",
		Measure:    code(exchange.DictMeasure, "VideoHearing"),
		Details:    "Hearing of the witness by videoconference from the Amtsgericht Tiergarten, with a German-French interpreter.",
		Formality:  []string{"The witness is to be informed of the right not to incriminate himself (CPP art. 437)."},
		Person: []exchange.Person{{
			Role:       code(exchange.DictPersonRole, "Witness"),
			FamilyName: "Becker",
			GivenName:  "Jonas",
			BirthDate:  "1979-03-14",
		}},
		Deadline: fxDT(45 * day),
	}
}

const eioFormText = "ANNEX A - EUROPEAN INVESTIGATION ORDER (EIO)\nSection A: Issuing State FR, Executing State DE\nSection C: Hearing of a witness by videoconference\n"

func eioForm() *exchange.Document {
	return &exchange.Document{
		ObjectBase:   base("eio/form", frParis, "eio/authorisation"),
		Reference:    "PNF-2026-00417-EIO-01-ANNEX-A",
		Name:         "EIO Annex A form",
		DocumentType: code(exchange.DictDocumentType, "OrderForm"),
		Language:     "fr",
		Body:         inlineBody("text/plain; charset=utf-8", "eio-annex-a.txt", eioFormText),
	}
}

func eioRequest() *exchange.Message {
	return request(header(frParis, deBerlin, "eio/request", -3*day, "eio"),
		create(exchange.Object{Authorisation: eioAuthorisation()}),
		create(exchange.Object{AssistanceTask: eioHearingTask()}),
		create(exchange.Object{Document: eioForm()}),
	)
}

func eioResponse() *exchange.Message {
	return response(eioRequest(), -3*day+2*hour,
		created(0, fxID("eio/authorisation")),
		created(1, fxID("eio/hearing")),
		created(2, fxID("eio/form")),
	)
}

// eioReceived is Berlin's Annex B acknowledgement of receipt.
func eioReceived() *exchange.Message {
	return request(header(deBerlin, frParis, "eio/received", -2*day, "eio"),
		create(exchange.Object{Notification: &exchange.Notification{
			ObjectBase:       base("eio/received", deBerlin, "eio/authorisation"),
			NotificationType: code(exchange.DictNotificationType, "Received"),
			Details:          "EIO received and recorded under 276 Js 1184/26; a hearing date will be proposed.",
			Timestamp:        fxDT(-2 * day),
			New:              boolp(true),
			StatusOfAssociatedObject: []exchange.ObjectStatus{{
				ObjectIdentifier: fxID("eio/authorisation"),
				Status:           code(exchange.DictObjectStatus, "Accepted"),
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
	transcript, recording := digestOf(eioTranscript), digestOf(eioRecording)
	custody := []exchange.CustodyEntry{
		{Sequence: 1, Action: exchange.CustodyAcquired, Actor: "sta-berlin/Justizhauptsekretärin Roth", Timestamp: fxDT(-1*day - 6*hour), Location: "DE, Amtsgericht Tiergarten, Saal 104", ArtefactDigest: &recording},
		{Sequence: 2, Action: exchange.CustodyHashed, Actor: "sta-berlin/IT-Forensik", Timestamp: fxDT(-1*day - 5*hour), Location: "DE, Berlin", ArtefactDigest: &recording},
		{Sequence: 3, Action: exchange.CustodySealed, Actor: "sta-berlin/Staatsanwältin Krüger", Timestamp: fxDT(-1*day - 4*hour), Location: "DE, Berlin"},
		{Sequence: 4, Action: exchange.CustodyTransferred, Actor: "sta-berlin", Timestamp: fxDT(-1 * hour), Location: "DE, Berlin"},
	}
	return request(header(deBerlin, frParis, "eio/deliver", -1*hour, "eio"),
		exchange.Action{DELIVER: &exchange.DeliverAction{Delivery: exchange.Delivery{
			ObjectBase:         base("eio/delivery-1", deBerlin, "eio/hearing"),
			TaskReference:      fxID("eio/hearing"),
			DeliveryIdentifier: fxID("eio/delivery-id-1"),
			SequenceNumber:     1,
			LastSequence:       true,
			Artefact: []exchange.Artefact{
				{Name: "transcript.txt", MediaType: "text/plain", Size: int64(len(eioTranscript)), Digest: []exchange.Digest{transcript}, URI: "cid:transcript@sta-berlin.example"},
				{Name: "hearing.mp4", MediaType: "video/mp4", Size: int64(len(eioRecording)), Digest: []exchange.Digest{recording}, URI: "cid:hearing@sta-berlin.example"},
			},
			Custody: chainCustody(custody),
		}}},
	)
}

func eioDeliveryResponse() *exchange.Message {
	return response(eioDelivery(), -30*minute,
		exchange.ActionResult{ActionIdentifier: 0, DELIVER: &exchange.ObjectResult{Identifier: fxID("eio/delivery-1"), Generation: 1}},
	)
}

// eioExecuted notifies the execution and moves the task to Executed.
func eioExecuted() *exchange.Message {
	return request(header(deBerlin, frParis, "eio/executed", -10*minute, "eio"),
		create(exchange.Object{Notification: &exchange.Notification{
			ObjectBase:       base("eio/executed", deBerlin, "eio/hearing"),
			NotificationType: code(exchange.DictNotificationType, "Executed"),
			Details:          "The witness was heard on 19 November 2026; the record was delivered.",
			Timestamp:        fxDT(-10 * minute),
			StatusOfAssociatedObject: []exchange.ObjectStatus{{
				ObjectIdentifier: fxID("eio/hearing"),
				Status:           code(exchange.DictObjectStatus, "Executed"),
				Details:          "Delivery " + string(fxID("eio/delivery-id-1")),
			}},
		}}),
	)
}

// eioGet asks Berlin for the current state of the hearing task.
func eioGet() *exchange.Message {
	return request(header(frParis, deBerlin, "eio/get", -5*minute, "eio"),
		exchange.Action{GET: &exchange.GetAction{Identifier: fxID("eio/hearing")}},
	)
}

func eioGetResponse() *exchange.Message {
	task := eioHearingTask()
	task.Generation = 3
	task.LastChanged = fxDT(-10 * minute)
	task.Status = codep(exchange.DictObjectStatus, "Executed")
	return response(eioGet(), -4*minute,
		exchange.ActionResult{ActionIdentifier: 0, GET: &exchange.GetResult{Object: exchange.Object{AssistanceTask: task}}},
	)
}
