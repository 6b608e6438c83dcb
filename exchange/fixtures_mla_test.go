package exchange_test

import (
	"github.com/jcx-dev/jcx/exchange"
)

// Scenarios: a European Arrest Warrant from Warsaw to Karlsruhe; a UNCAC art. 46 request
// from Nigeria to Germany to freeze a bank account; an MLA request from Argentina to Spain
// under the Budapest Convention art. 31; capability discovery; message-level errors.

func eawRequest() *exchange.Message {
	auth := &exchange.Authorisation{
		ObjectBase:     fxBase("eaw/authorisation", plWarsaw),
		Reference:      "II K 418/25 ENA",
		Instrument:     fxCode(exchange.DictInstrument, exchange.InstrumentEAW),
		LegalBasis:     []exchange.LegalBasis{{Instrument: "Framework Decision 2002/584/JHA", Article: "2(2)"}},
		IssuingState:   "PL",
		ExecutingState: "DE",
		Approval: []exchange.Approval{
			fxApproval(exchange.ApprovalIssuing, "II Kop 77/26", "Sąd Okręgowy w Warszawie", "Judge", -5*fxDay, false),
		},
		Urgency:  exchange.UrgencyUrgent,
		Language: []string{"pl", "de"},
	}
	offence := exchange.Offence{
		Description:          "Leading an organised group trafficking synthetic drugs between Poland and Germany",
		LegalClassification:  "Kodeks karny art. 258 § 3; ustawa o przeciwdziałaniu narkomanii art. 56",
		MaximumPenaltyMonths: 180,
		Category:             fxCodep(exchange.DictOffenceCategory, "DrugTrafficking"),
	}
	task := &exchange.SurrenderTask{
		ObjectBase: fxBase("eaw/surrender", plWarsaw, "eaw/authorisation"),
		Reference:  "II K 418/25 ENA-1",
		RequestedPerson: exchange.Person{
			Role:        fxCode(exchange.DictPersonRole, "RequestedPerson"),
			FamilyName:  "Nowak",
			GivenName:   "Tomasz",
			BirthDate:   "1988-07-02",
			Nationality: []string{"PL"},
			Identifier:  []exchange.Identifier{{FormatOwner: "PL", FormatName: "PESEL", Value: "88070212345"}},
		},
		UnderlyingDecision: exchange.Decision{
			DecisionType: fxCode(exchange.DictDecisionType, exchange.DecisionEnforceableJudgment),
			Reference:    "II K 418/25",
			Date:         "2026-06-12",
			Authority:    "Sąd Okręgowy w Warszawie, II Wydział Karny",
		},
		Sentence: &exchange.Sentence{ImposedMonths: 72, RemainingMonths: 66},
		InAbsentia: &exchange.InAbsentia{
			PersonAppeared: false,
			Summoned:       fxBoolp(true),
			Details:        "Summoned in person on 2026-03-02 and represented at the trial by a mandated lawyer (FD 2009/299/JHA, art. 4a(1)(b)).",
		},
		Offence: []exchange.Offence{offence},
	}
	return fxRequest(fxHeader(plWarsaw, deKarlsruhe, "eaw/request", -5*fxDay, "eaw"),
		fxCreate(exchange.Object{Authorisation: auth}),
		fxCreate(exchange.Object{SurrenderTask: task}),
	)
}

func eawResponse() *exchange.Message {
	return fxResponse(eawRequest(), -5*fxDay+fxHour,
		fxCreated(0, fxID("eaw/authorisation")),
		fxCreated(1, fxID("eaw/surrender")),
	)
}

func freezeRequest() *exchange.Message {
	auth := &exchange.Authorisation{
		ObjectBase: fxBase("uncac/authorisation", ngAbuja),
		Reference:  "FMOJ/ICCD/MLA/2026/031",
		Instrument: fxCode(exchange.DictInstrument, exchange.InstrumentFreezing),
		LegalBasis: []exchange.LegalBasis{
			{Instrument: "UNCAC", Article: "46"},
			{Instrument: "UNCAC", Article: "54(2)(a)"},
		},
		IssuingState:   "NG",
		ExecutingState: "DE",
		Approval: []exchange.Approval{
			fxApproval(exchange.ApprovalIssuing, "FHC/ABJ/CS/512/2026", "Federal High Court, Abuja", "Judge", -10*fxDay, false),
		},
		Offence: []exchange.Offence{{
			Description:          "Embezzlement of public funds by a former official and laundering of the proceeds abroad",
			LegalClassification:  "Corrupt Practices and Other Related Offences Act 2000, s. 19",
			MaximumPenaltyMonths: 84,
			Category:             fxCodep(exchange.DictOffenceCategory, "Corruption"),
		}},
		Person: []exchange.Person{{
			Role: fxCode(exchange.DictPersonRole, "AccountHolder"), LegalName: "Lagos Atlantic Trading GmbH",
		}},
		Facts:    "Public funds were transferred in 2024 to an account in Frankfurt held by a company controlled by the suspect.",
		Urgency:  exchange.UrgencyUrgent,
		Language: []string{"en"},
	}
	task := &exchange.AssetTask{
		ObjectBase: fxBase("uncac/asset", ngAbuja, "uncac/authorisation"),
		Reference:  "FMOJ/ICCD/MLA/2026/031-A1",
		Measure:    exchange.AssetFreeze,
		Asset: []exchange.Asset{
			{
				Kind: exchange.AssetBankAccount, Description: "Current account at a Frankfurt bank",
				IBAN: "DE89370400440532013000", Amount: &exchange.Amount{Value: "1250000.00", Currency: "EUR"},
			},
			{
				Kind: exchange.AssetVehicle, Description: "Mercedes-Benz S 580, registered in Frankfurt am Main",
				Registration: "F-LA 2024",
			},
		},
	}
	return fxRequest(fxHeader(ngAbuja, deBonn, "uncac/request", -7*fxDay, "uncac"),
		fxCreate(exchange.Object{Authorisation: auth}),
		fxCreate(exchange.Object{AssetTask: task}),
	)
}

// freezeRefused tells Abuja that one ground prevents freezing the vehicle.
func freezeRefused() *exchange.Message {
	return fxRequest(fxHeader(deBonn, ngAbuja, "uncac/refused", -1*fxDay, "uncac"),
		fxCreate(exchange.Object{Notification: &exchange.Notification{
			ObjectBase:       fxBase("uncac/refused", deBonn, "uncac/asset"),
			NotificationType: fxCode(exchange.DictNotificationType, exchange.NotificationRefused),
			Details:          "The account has been frozen; the vehicle was sold in 2025 and can no longer be frozen.",
			Timestamp:        fxDT(-1 * fxDay),
			Ground:           []exchange.Code{fxCode(exchange.DictRefusalGround, "MeasureNotAvailable")},
			StatusOfAssociatedObject: []exchange.ObjectStatus{{
				ObjectIdentifier: fxID("uncac/asset"),
				Status:           fxCode(exchange.DictObjectStatus, "PartiallyExecuted"),
			}},
		}}),
	)
}

func budapestRequest() *exchange.Message {
	auth := &exchange.Authorisation{
		ObjectBase: fxBase("budapest/authorisation", arBuenos),
		Reference:  "UFECI-2026-0412",
		Instrument: fxCode(exchange.DictInstrument, exchange.InstrumentMLA),
		LegalBasis: []exchange.LegalBasis{
			{Instrument: "Budapest Convention on Cybercrime (ETS 185)", Article: "31"},
		},
		IssuingState:   "AR",
		ExecutingState: "ES",
		Approval: []exchange.Approval{
			fxApproval(exchange.ApprovalIssuing, "CFP 9120/2026", "Juzgado Nacional en lo Criminal y Correccional Federal n.º 7", "Judge", -20*fxDay, false),
		},
		Offence: []exchange.Offence{{
			Description: "Phishing campaign against bank customers operated from servers hosted in Spain",
			Category:    fxCodep(exchange.DictOffenceCategory, "Cybercrime"),
		}},
		Facts:    "Stored data on a server in Madrid are expected to identify the operators of the campaign.",
		Urgency:  exchange.UrgencyNormal,
		Language: []string{"es"},
	}
	task := &exchange.AssistanceTask{
		ObjectBase: fxBase("budapest/search", arBuenos, "budapest/authorisation"),
		Reference:  "UFECI-2026-0412-M1",
		Measure:    fxCode(exchange.DictMeasure, "SearchAndSeizure"),
		Details:    "Search and seizure of stored computer data on the virtual server with the address 203.0.113.77, preserved under art. 29 on 2026-10-30.",
	}
	doc := &exchange.Document{
		ObjectBase:   fxBase("budapest/letter", arBuenos, "budapest/authorisation"),
		Reference:    "UFECI-2026-0412-EXHORTO",
		Name:         "Letter rogatory",
		DocumentType: fxCode(exchange.DictDocumentType, "OrderForm"),
		Language:     "es",
		Body: exchange.Body{
			URI: "cid:exhorto@mpf.example", MediaType: "application/pdf", FileName: "exhorto.pdf", Size: 48213,
			Digest: []exchange.Digest{fxDigestOf("exhorto UFECI-2026-0412")},
		},
	}
	return fxRequest(fxHeader(arBuenos, esMadrid, "budapest/request", -20*fxDay, "budapest"),
		fxCreate(exchange.Object{Authorisation: auth}),
		fxCreate(exchange.Object{AssistanceTask: task}),
		fxCreate(exchange.Object{Document: doc}),
	)
}

// budapestUpdate asks for the search to be withdrawn after the data arrived by another
// channel, quoting the current generation.
func budapestUpdate() *exchange.Message {
	task := &exchange.AssistanceTask{
		ObjectBase: fxBase("budapest/search", arBuenos, "budapest/authorisation"),
		Reference:  "UFECI-2026-0412-M1",
		Measure:    fxCode(exchange.DictMeasure, "SearchAndSeizure"),
	}
	task.Generation = 2
	task.DesiredStatus = fxCodep(exchange.DictObjectStatus, "Withdrawn")
	return fxRequest(fxHeader(arBuenos, esMadrid, "budapest/update", -2*fxHour, "budapest"),
		fxUpdateAction(exchange.Object{AssistanceTask: task}),
	)
}

func budapestUpdateResponse() *exchange.Message {
	return fxResponse(budapestUpdate(), -1*fxHour,
		exchange.ActionResult{ActionIdentifier: 0, UPDATE: &exchange.ObjectResult{Identifier: fxID("budapest/search"), Generation: 3}},
	)
}

func capabilitiesRequest() *exchange.Message {
	return fxRequest(fxHeader(esMadrid, frParis, "caps/request", -1*fxMinute, "caps"),
		exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}},
	)
}

func capabilitiesResponse() *exchange.Message {
	return fxResponse(capabilitiesRequest(), 0,
		exchange.ActionResult{ActionIdentifier: 0, GETCAPABILITIES: &exchange.Capabilities{
			Verb: []exchange.Verb{
				exchange.VerbGet, exchange.VerbCreate, exchange.VerbUpdate, exchange.VerbList,
				exchange.VerbDeliver, exchange.VerbGetCapabilities,
			},
			ObjectType: exchange.ObjectKinds,
			Instrument: []string{exchange.InstrumentMLA, exchange.InstrumentEIO, exchange.InstrumentEAW},
			Encoding:   []string{exchange.MediaTypeXML, exchange.MediaTypeJSON},
			SignatureAlgorithm: []string{
				"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "ES256",
			},
		}},
	)
}

// replayError refuses a whole request that was seen before: a message-level Error.
func replayError() *exchange.Message {
	m := fxResponse(capabilitiesRequest(), 1*fxMinute)
	m.Payload.Response.Error = []exchange.ErrorInformation{{
		Code:        exchange.CodeReplay,
		Path:        "/Message/Header[1]/TransactionIdentifier[1]",
		Description: "This transaction identifier was already received from ES/mjusticia-autoridad-central.",
	}}
	return m
}

// versionError refuses a request in a version the receiver does not speak.
func versionError() *exchange.Message {
	m := fxResponse(eawRequest(), -5*fxDay+2*fxMinute)
	m.Payload.Response.Error = []exchange.ErrorInformation{{
		Code:        exchange.CodeVersion,
		Description: "Profile jcx 2026-11 is supported from 1 December 2026; please resend then.",
	}, {
		Code:        exchange.CodeTransient,
		Description: "The case management system is under maintenance until 14:00 UTC.",
	}}
	return m
}
