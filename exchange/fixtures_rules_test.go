package exchange_test

import (
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// clockedFixtures are the invalid fixtures whose codes depend on the validation clock:
// their manifest entries carry it as options.now.
var clockedFixtures = map[string]bool{
	"rule-8031-deadline-passed.json": true,
}

// Mutation helpers for the rule fixtures.
func fxRenumber(ids ...int) func(m *exchange.Message) {
	return func(m *exchange.Message) {
		for i, id := range ids {
			m.Payload.Request.Action[i].ActionIdentifier = id
		}
	}
}

func eioAuth(m *exchange.Message) *exchange.Authorisation {
	return m.Payload.Request.Action[0].CREATE.Authorisation
}

func epocDisclosure(m *exchange.Message) *exchange.DisclosureTask {
	return m.Payload.Request.Action[1].CREATE.DisclosureTask
}

func fxDelivery(m *exchange.Message) *exchange.Delivery {
	return &m.Payload.Request.Action[0].DELIVER.Delivery
}

func fxTs(m *exchange.Message) time.Time {
	t, err := m.Header.Timestamp.Time()
	if err != nil {
		panic(err)
	}
	return t
}

// ruleFixtures pass the schema and break one business rule each (or, for the last ones,
// several at once).
func ruleFixtures() []invalidFixture {
	return []invalidFixture{
		{"rule-3002-duplicate-action-id.xml", []exchange.ErrorCode{c3002}, "action identifiers 0, 1, 1",
			fxMutated(eioRequest, xmlF, fxRenumber(0, 1, 1))},
		{"rule-3002-duplicate-action-id.json", []exchange.ErrorCode{c3002}, "action identifiers 0, 0, 2",
			fxMutated(eioRequest, jsonF, fxRenumber(0, 0, 2))},
		{"rule-3007-action-id-gap.json", []exchange.ErrorCode{c3007}, "action identifiers 0, 1, 3",
			fxMutated(eioRequest, jsonF, fxRenumber(0, 1, 3))},
		{"rule-3007-action-id-from-one.xml", []exchange.ErrorCode{c3007}, "action identifiers start at 0",
			fxMutated(epocRequest, xmlF, fxRenumber(1, 2))},
		{"rule-3007-result-id-gap.json", []exchange.ErrorCode{c3007}, "results are numbered like the actions",
			fxMutated(eioResponse, jsonF, func(m *exchange.Message) { m.Payload.Response.ActionResult[2].ActionIdentifier = 5 })},
		{"rule-3021-specification-version.xml", []exchange.ErrorCode{c3021}, "a future specification version",
			fxMutated(eioGet, xmlF, func(m *exchange.Message) { m.Header.Version.SpecificationVersion = "V2.0.0" })},
		{"rule-3021-profile-version.json", []exchange.ErrorCode{c3021}, "an unknown profile version",
			fxMutated(eioGet, jsonF, func(m *exchange.Message) { m.Header.Version.ProfileVersion = "2025-01" })},
		{"rule-3021-profile-owner.xml", []exchange.ErrorCode{c3021}, "an unknown profile owner",
			fxMutated(capabilitiesRequest, xmlF, func(m *exchange.Message) { m.Header.Version.ProfileOwner = "etsi" })},
		{"rule-8030-legal-basis-missing.xml", []exchange.ErrorCode{c8030, c3018}, "an EIO without a legal basis; the objects linked to the refused one fail with it (3018)",
			fxMutated(eioRequest, xmlF, func(m *exchange.Message) { eioAuth(m).LegalBasis = nil })},
		{"rule-8030-legal-basis-wrong-act.json", []exchange.ErrorCode{c8030, c3018}, "an EIO resting on UNCAC instead of Directive 2014/41/EU; the objects linked to the refused one fail with it (3018)",
			fxMutated(eioRequest, jsonF, func(m *exchange.Message) {
				eioAuth(m).LegalBasis = []exchange.LegalBasis{{Instrument: "UNCAC", Article: "46"}}
			})},
		{"rule-8030-mla-article.xml", []exchange.ErrorCode{c8030, c3018}, "Budapest Convention art. 14 is not an assistance article (25–35); the objects linked to the refused one fail with it (3018)",
			fxMutated(budapestRequest, xmlF, func(m *exchange.Message) { eioAuth(m).LegalBasis[0].Article = "14" })},
		{"rule-8030-epoc-pr-legal-basis.json", []exchange.ErrorCode{c8030, c3018}, "an EPOC-PR must cite Regulation (EU) 2023/1543; the objects linked to the refused one fail with it (3018)",
			fxMutated(epocPRRequest, jsonF, func(m *exchange.Message) {
				eioAuth(m).LegalBasis = []exchange.LegalBasis{{Instrument: "Budapest Convention", Article: "29"}}
			})},
		{"rule-8031-epoc-emergency-24h.json", []exchange.ErrorCode{c8031}, "an emergency EPOC is answered within 8 hours, not 24",
			fxMutated(epocRequest, jsonF, func(m *exchange.Message) {
				epocDisclosure(m).Deadline = exchange.NewDateTime(fxTs(m).Add(24 * fxHour))
			})},
		{"rule-8031-epoc-20-days.xml", []exchange.ErrorCode{c8031}, "an EPOC is answered within 10 days",
			fxMutated(epocRequest, xmlF, func(m *exchange.Message) {
				a := eioAuth(m)
				a.Urgency, a.Approval[0].IsEmergency, a.Deadline = exchange.UrgencyNormal, nil, ""
				epocDisclosure(m).Deadline = exchange.NewDateTime(fxTs(m).Add(20 * fxDay))
			})},
		{"rule-8031-deadline-passed.json", []exchange.ErrorCode{c8031}, "the hearing deadline passed before the message was validated",
			fxMutated(eioRequest, jsonF, func(m *exchange.Message) {
				m.Payload.Request.Action[1].CREATE.AssistanceTask.Deadline = fxDT(-1 * fxDay)
			})},
		{"rule-8031-deadline-before-timestamp.xml", []exchange.ErrorCode{c8031, c3018}, "a deadline before the message was sent; the objects linked to the refused one fail with it (3018)",
			fxMutated(eioRequest, xmlF, func(m *exchange.Message) { eioAuth(m).Deadline = fxDT(-4 * fxDay) })},
		{"rule-8031-preservation-75-days.json", []exchange.ErrorCode{c8031}, "preservation lasts 60 days unless an extension is asked for",
			fxMutated(epocPRRequest, jsonF, func(m *exchange.Message) {
				m.Payload.Request.Action[1].CREATE.PreservationTask.PreservationExpiry = exchange.NewDateTime(fxTs(m).Add(75 * fxDay))
			})},
		{"rule-8021-inline-digest.xml", []exchange.ErrorCode{c8021}, "the inline form's SHA-256 is that of other bytes",
			fxMutated(eioRequest, xmlF, func(m *exchange.Message) {
				m.Payload.Request.Action[2].CREATE.Document.Body.Digest[0] = fxDigestOf("another form")
			})},
		{"rule-8022-inline-size.json", []exchange.ErrorCode{c8022}, "the inline form is one byte shorter than its Size",
			fxMutated(eioRequest, jsonF, func(m *exchange.Message) { m.Payload.Request.Action[2].CREATE.Document.Body.Size++ })},
		{"rule-8023-document-media-type.xml", []exchange.ErrorCode{c8023}, "executables are not accepted as documents",
			fxMutated(budapestRequest, xmlF, func(m *exchange.Message) {
				m.Payload.Request.Action[2].CREATE.Document.Body.MediaType = "application/x-msdownload"
			})},
		{"rule-8023-artefact-media-type.json", []exchange.ErrorCode{c8023}, "a shell script is not an accepted artefact",
			fxMutated(epocDelivery, jsonF, func(m *exchange.Message) { fxDelivery(m).Artefact[0].MediaType = "application/x-sh" })},
		{"rule-8024-custody-reordered.xml", []exchange.ErrorCode{c8024}, "two custody entries swapped after the chain was built",
			fxMutated(eioDelivery, xmlF, func(m *exchange.Message) {
				c := fxDelivery(m).Custody
				c[1], c[2] = c[2], c[1]
			})},
		{"rule-8024-custody-edited.json", []exchange.ErrorCode{c8024}, "the actor of the first entry changed after the chain was built",
			fxMutated(eioDelivery, jsonF, func(m *exchange.Message) { fxDelivery(m).Custody[0].Actor = "someone-else" })},
		{"rule-8024-custody-removed.xml", []exchange.ErrorCode{c8024}, "the second of three custody entries removed",
			fxMutated(epocDelivery, xmlF, func(m *exchange.Message) {
				d := fxDelivery(m)
				d.Custody = append(d.Custody[:1], d.Custody[2:]...)
			})},
		{"rule-3007-iban-check-digits.xml", []exchange.ErrorCode{c3007}, "the IBAN's mod-97 check fails",
			fxMutated(freezeRequest, xmlF, func(m *exchange.Message) {
				m.Payload.Request.Action[1].CREATE.AssetTask.Asset[0].IBAN = "DE89370400440532013001"
			})},
		{"rule-3007-currency.json", []exchange.ErrorCode{c3007}, "XXX is not a currency an amount can be in",
			fxMutated(freezeRequest, jsonF, func(m *exchange.Message) {
				m.Payload.Request.Action[1].CREATE.AssetTask.Asset[0].Amount.Currency = "XXX"
			})},
		{"rule-3007-amount-zero.xml", []exchange.ErrorCode{c3007}, "an amount to freeze is positive",
			fxMutated(freezeRequest, xmlF, func(m *exchange.Message) {
				m.Payload.Request.Action[1].CREATE.AssetTask.Asset[0].Amount.Value = "0.00"
			})},
		{"rule-3005-bank-account-without-iban.json", []exchange.ErrorCode{c3005}, "a bank account is identified by its IBAN",
			fxMutated(freezeRequest, jsonF, func(m *exchange.Message) {
				m.Payload.Request.Action[1].CREATE.AssetTask.Asset[0].IBAN = ""
			})},
		{"rule-3007-dictionary-value.json", []exchange.ErrorCode{c3007}, "Interrogation is not in the jcx Measure dictionary",
			fxMutated(eioRequest, jsonF, func(m *exchange.Message) {
				m.Payload.Request.Action[1].CREATE.AssistanceTask.Measure.Value = "Interrogation"
			})},
		{"rule-3007-dictionary-name.xml", []exchange.ErrorCode{c3007, c3018}, "an Instrument code taken from the Measure dictionary; the objects linked to the refused one fail with it (3018)",
			fxMutated(eawRequest, xmlF, func(m *exchange.Message) { eioAuth(m).Instrument.Name = exchange.DictMeasure })},
		{"rule-3007-country-uk.json", []exchange.ErrorCode{c3007}, "UK is reserved; the United Kingdom is GB",
			fxMutated(eioGet, jsonF, func(m *exchange.Message) { m.Header.Receiver.CountryCode = "UK" })},
		{"rule-3007-same-state.xml", []exchange.ErrorCode{c3007, c3018}, "an EAW issued and executed by the same state; the objects linked to the refused one fail with it (3018)",
			fxMutated(eawRequest, xmlF, func(m *exchange.Message) { eioAuth(m).ExecutingState = "PL" })},
		{"rule-3007-language.json", []exchange.ErrorCode{c3007, c3018}, "iw is the withdrawn code of Hebrew; the objects linked to the refused one fail with it (3018)",
			fxMutated(eioRequest, jsonF, func(m *exchange.Message) { eioAuth(m).Language = []string{"fr", "iw"} })},
		{"rule-3007-sender-is-receiver.xml", []exchange.ErrorCode{c3007}, "a message to oneself",
			fxMutated(eioGet, xmlF, func(m *exchange.Message) { m.Header.Receiver = m.Header.Sender })},
		{"rule-3007-birth-date-future.json", []exchange.ErrorCode{c3007, c3018}, "a witness born next year; the objects linked to the refused one fail with it (3018)",
			fxMutated(eioRequest, jsonF, func(m *exchange.Message) { eioAuth(m).Person[0].BirthDate = "2027-05-01" })},
		{"rule-3007-eaw-sentence-3-months.json", []exchange.ErrorCode{c3007}, "an EAW to execute a sentence needs at least 4 months",
			fxMutated(eawRequest, jsonF, func(m *exchange.Message) {
				s := m.Payload.Request.Action[1].CREATE.SurrenderTask.Sentence
				s.ImposedMonths, s.RemainingMonths = 3, 3
			})},
		{"schema-receipt-algorithm.json", []exchange.ErrorCode{c3020}, "receipts are SHA-256",
			fxMutated(eioResponse, jsonF, func(m *exchange.Message) { m.Payload.Response.Receipt.Algorithm = "md5" })},
		{"schema-failure-code-range.xml", []exchange.ErrorCode{c3020}, "a Failure code outside 3000–3022 and 8000–8099",
			fxMutated(epocPRStaleUpdate, xmlF, func(m *exchange.Message) { m.Payload.Response.ActionResult[0].Failure.Code = 404 })},
		{"rule-3006-create-with-status.xml", []exchange.ErrorCode{c3006, c3018}, "Status is set by the receiver; the objects linked to the refused one fail with it (3018)",
			fxMutated(eioRequest, xmlF, func(m *exchange.Message) {
				eioAuth(m).Status = fxCodep(exchange.DictObjectStatus, "Accepted")
			})},
		{"rule-3006-create-with-generation.json", []exchange.ErrorCode{c3006}, "Generation is assigned by the receiver",
			fxMutated(epocRequest, jsonF, func(m *exchange.Message) { epocDisclosure(m).Generation = 1 })},
		{"rule-3005-update-without-generation.xml", []exchange.ErrorCode{c3005}, "an UPDATE names the generation it updates",
			fxMutated(budapestUpdate, xmlF, func(m *exchange.Message) {
				m.Payload.Request.Action[0].UPDATE.AssistanceTask.Generation = 0
			})},
		{"rule-3005-refusal-without-ground.json", []exchange.ErrorCode{c3005}, "a refusal gives its grounds",
			fxMutated(freezeRefused, jsonF, func(m *exchange.Message) {
				m.Payload.Request.Action[0].CREATE.Notification.Ground = nil
			})},
		{"rule-3005-notification-unassociated.xml", []exchange.ErrorCode{c3005}, "a notification names the object it reports on",
			fxMutated(eioReceived, xmlF, func(m *exchange.Message) {
				m.Payload.Request.Action[0].CREATE.Notification.AssociatedObject = nil
			})},
		{"rule-3005-eio-without-approval.json", []exchange.ErrorCode{c3005, c3018}, "an EIO carries its issuing authority's approval; the objects linked to the refused one fail with it (3018)",
			fxMutated(eioRequest, jsonF, func(m *exchange.Message) { eioAuth(m).Approval = nil })},
		{"rule-3018-link-to-refused-object.json", []exchange.ErrorCode{c8030, c3018}, "the task's authorisation is refused in the same message, so the link fails with it; the objects linked to the refused one fail with it (3018)",
			fxMutated(budapestRequest, jsonF, func(m *exchange.Message) { eioAuth(m).LegalBasis = nil })},
		{"rule-3007-associated-with-itself.xml", []exchange.ErrorCode{c3007}, "an object linked to itself",
			fxMutated(eioRequest, xmlF, func(m *exchange.Message) {
				t := m.Payload.Request.Action[1].CREATE.AssistanceTask
				t.AssociatedObject = append(t.AssociatedObject, t.ObjectIdentifier)
			})},
		{"schema-delivery-sequence-zero.json", []exchange.ErrorCode{c3020}, "parts of a delivery are numbered from 1",
			fxMutated(eioDelivery, jsonF, func(m *exchange.Message) { fxDelivery(m).SequenceNumber = 0 })},
		{"rule-several-at-once.xml", []exchange.ErrorCode{c3002, c8030, c8031, c3018}, "every finding is reported, not only the first; the objects linked to the refused one fail with it (3018)",
			fxMutated(eioRequest, xmlF, func(m *exchange.Message) {
				fxRenumber(0, 0, 2)(m)
				eioAuth(m).LegalBasis = nil
				eioAuth(m).Deadline = fxDT(-4 * fxDay)
			})},
		{"rule-several-at-once.json", []exchange.ErrorCode{c3005, c3007, c8021, c3018}, "every finding is reported, not only the first; the objects linked to the refused one fail with it (3018)",
			fxMutated(eioRequest, jsonF, func(m *exchange.Message) {
				eioAuth(m).Approval = nil
				eioAuth(m).IssuingState = "DE"
				m.Payload.Request.Action[2].CREATE.Document.Body.Digest[0] = fxDigestOf("x")
			})},
	}
}
