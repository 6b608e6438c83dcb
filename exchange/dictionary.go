package exchange

import (
	"slices"
	"strings"
)

// The jcx dictionaries. A Code whose Owner is DictionaryOwner ("jcx") must name one of
// these dictionaries, the one its place in the message expects, and one of its values;
// otherwise the rules report 3007. Codes of other owners (national dictionaries, ETSI's)
// pass unchecked: the receiver that knows the owner judges them.
//
// Values are never removed from a dictionary of a published namespace; new values may be
// added with a new ProfileVersion.

// Names of the jcx dictionaries (Code.Name).
const (
	DictInstrument       = "Instrument"
	DictDataCategory     = "DataCategory"
	DictDataSubtype      = "DataSubtype"
	DictNotificationType = "NotificationType"
	DictMeasure          = "Measure"
	DictApprovalType     = "ApprovalType"
	DictPersonRole       = "PersonRole"
	DictDecisionType     = "DecisionType"
	DictDocumentType     = "DocumentType"
	DictRefusalGround    = "RefusalGround"
	DictOffenceCategory  = "OffenceCategory"
	DictObjectStatus     = "ObjectStatus"
	// DictIdentifierFormat lists the FormatName values of Identifier when FormatOwner is
	// "jcx"; each has a shape its Value must have (docs/dictionaries.md, IdentifierFormat).
	DictIdentifierFormat = "IdentifierFormat"
)

// Values of the Instrument dictionary.
const (
	InstrumentMLA                    = "MLA"
	InstrumentEIO                    = "EIO"
	InstrumentEPOC                   = "EPOC"
	InstrumentEPOCPR                 = "EPOC-PR"
	InstrumentEAW                    = "EAW"
	InstrumentExtradition            = "Extradition"
	InstrumentFreezing               = "Freezing"
	InstrumentConfiscation           = "Confiscation"
	InstrumentJIT                    = "JIT"
	InstrumentSpontaneousInformation = "SpontaneousInformation"
	InstrumentTransferOfProceedings  = "TransferOfProceedings"
)

// Values of the DataCategory dictionary (Regulation (EU) 2023/1543 art. 3(9)–(12)).
const (
	DataSubscriber         = "SubscriberData"
	DataUserIdentification = "UserIdentifyingData"
	DataTraffic            = "TrafficData"
	DataContent            = "ContentData"
)

// Values of the ApprovalType dictionary.
const (
	ApprovalIssuing    = "IssuingAuthority"
	ApprovalValidating = "ValidatingAuthority"
)

// Values of the NotificationType dictionary that rules depend on.
const (
	NotificationRefused = "Refused"
)

// Values of the DecisionType dictionary that rules depend on.
const (
	DecisionArrestWarrant       = "ArrestWarrant"
	DecisionJudicialDecision    = "JudicialDecision"
	DecisionEnforceableJudgment = "EnforceableJudgment"
)

var dictionaries = map[string][]string{
	DictInstrument: {
		InstrumentMLA, InstrumentEIO, InstrumentEPOC, InstrumentEPOCPR, InstrumentEAW,
		InstrumentExtradition, InstrumentFreezing, InstrumentConfiscation, InstrumentJIT,
		InstrumentSpontaneousInformation, InstrumentTransferOfProceedings,
	},
	DictDataCategory: {DataSubscriber, DataUserIdentification, DataTraffic, DataContent},
	DictDataSubtype: {
		// Subscriber data (art. 3(9)).
		"Name", "DateOfBirth", "PostalAddress", "EmailAddress", "TelephoneNumber",
		"BillingData", "PaymentData", "ServiceType", "ServiceDuration", "Device",
		// User-identifying data (art. 3(10)).
		"IPAddressAtTime", "SourcePort", "SessionIdentifier",
		// Traffic data (art. 3(11)).
		"Location", "CommunicationMetadata", "LogData",
		// Content data (art. 3(12)).
		"StoredContent", "Messages", "Media", "Documents",
	},
	DictNotificationType: {
		"Received", "Accepted", NotificationRefused, "ImpossibleToExecute", "Executed",
		"PartiallyExecuted", "Postponed", "DeadlineExtension", "Withdrawn",
	},
	DictMeasure: {
		"Hearing", "VideoHearing", "TelephoneHearing", "SearchAndSeizure",
		"BankingInformation", "BankingMonitoring", "ServiceOfDocuments", "Interception",
		"ControlledDelivery", "TemporaryTransfer", "CovertInvestigation", "ExpertOpinion",
		"InformationFromRecords", "IdentificationOfPerson", "Inspection", "TakingOfSamples",
		"ProvisionalMeasure", "Other",
	},
	DictApprovalType: {ApprovalIssuing, ApprovalValidating},
	DictPersonRole: {
		"Suspect", "Accused", "SentencedPerson", "Victim", "Witness", "Expert",
		"RequestedPerson", "AccountHolder", "Subscriber", "LegalRepresentative", "Other",
	},
	DictDecisionType: {
		DecisionArrestWarrant, DecisionJudicialDecision, DecisionEnforceableJudgment,
		"DetentionOrder", "FreezingOrder", "ConfiscationOrder",
	},
	DictDocumentType: {
		"OrderForm", "Certificate", "Annex", "Translation", "Judgment", "Decision",
		"Evidence", "Correspondence", "Other",
	},
	DictRefusalGround: {
		"Immunity", "Privilege", "NationalSecurity", "NeBisInIdem", "Territoriality",
		"FundamentalRights", "DoubleCriminality", "MeasureNotAvailable", "Amnesty",
		"AgeOfCriminalResponsibility", "StatuteOfLimitations", "InAbsentia",
		"PoliticalOffence", "IncompleteRequest", "DataNotAvailable", "DataDeleted", "Other",
	},
	// The 32 categories of Framework Decision 2002/584/JHA art. 2(2), for which double
	// criminality is not verified.
	DictOffenceCategory: {
		"CriminalOrganisation", "Terrorism", "TraffickingInHumanBeings",
		"ChildSexualExploitation", "DrugTrafficking", "WeaponsTrafficking", "Corruption",
		"Fraud", "MoneyLaundering", "CurrencyCounterfeiting", "Cybercrime",
		"EnvironmentalCrime", "FacilitationOfUnauthorisedEntry", "MurderOrGrievousBodilyInjury",
		"OrganTrafficking", "KidnappingOrHostageTaking", "RacismAndXenophobia",
		"OrganisedOrArmedRobbery", "CulturalGoodsTrafficking", "Swindling",
		"RacketeeringAndExtortion", "ProductCounterfeitingAndPiracy",
		"ForgeryOfAdministrativeDocuments", "ForgeryOfMeansOfPayment",
		"HormonalSubstancesTrafficking", "NuclearMaterialsTrafficking",
		"StolenVehiclesTrafficking", "Rape", "Arson", "CrimesUnderICCJurisdiction",
		"UnlawfulSeizureOfAircraftOrShips", "Sabotage",
	},
	DictIdentifierFormat: {
		"EmailAddress", "TelephoneNumber", "IPAddress", "IPAddressAtTime", "IMSI", "IMEI",
		"MACAddress", "IBAN", "DomainName", "URL", "Username", "AccountIdentifier",
		"CryptoWalletAddress",
	},
	DictObjectStatus: {
		"Submitted", "Pending", "Accepted", "Active", "Refused", "Suspended", "Executed",
		"PartiallyExecuted", "Cancelled", "Withdrawn", "Expired", "Closed", "Invalid",
	},
}

// DictionaryValues returns the values of the jcx dictionary name, and false when there is
// no such dictionary. The slice is a copy.
func DictionaryValues(name string) ([]string, bool) {
	v, ok := dictionaries[name]
	return slices.Clone(v), ok
}

// inDictionary reports whether value belongs to the jcx dictionary name.
func inDictionary(name, value string) bool {
	return slices.Contains(dictionaries[name], value)
}

// isJCX reports whether c is an entry of a jcx dictionary with the given value.
func isJCX(c Code, value string) bool {
	return c.Owner == DictionaryOwner && c.Value == value
}

// Media types accepted for documents and delivered artefacts (8023 otherwise). Parameters
// (charset, …) are ignored when matching; a national profile that needs more types asks
// for them to be added here.
var acceptedMediaTypes = []string{
	"application/pdf", "application/xml", "application/json", "text/plain", "text/csv",
	"image/jpeg", "image/png", "image/tiff", "video/mp4", "audio/mpeg", "audio/mp4",
	"audio/ogg", "audio/wav", "application/zip", "application/octet-stream",
	"message/rfc822", "application/vnd.etsi.asic-e+zip", "application/vnd.etsi.asic-s+zip",
	"application/pkcs7-signature",
}

// AcceptedMediaTypes returns the media types accepted for documents and artefacts.
func AcceptedMediaTypes() []string { return slices.Clone(acceptedMediaTypes) }

func mediaTypeAccepted(essence string) bool {
	return slices.Contains(acceptedMediaTypes, strings.ToLower(essence))
}

// Digest algorithms and the length of their lowercase hexadecimal values. sha-256 is
// mandatory on every digested item; the others may be added beside it.
const DigestSHA256 = "sha-256"

var digestHexLength = map[string]int{"sha-256": 64, "sha-512": 128, "sha3-256": 64}

// Legal acts that instruments rest on, recognised in LegalBasis.Instrument by legalActOf.
const (
	actEIODirective = "Directive 2014/41/EU"
	actEEvidence    = "Regulation (EU) 2023/1543"
	actEAW          = "Framework Decision 2002/584/JHA"
	actFreezing     = "Regulation (EU) 2018/1805"
	actUNTOC        = "UNTOC"
	actUNCAC        = "UNCAC"
	actBudapest     = "Budapest Convention"
	actCoE1959      = "European Convention on Mutual Assistance in Criminal Matters"
	actEUMLA2000    = "EU Convention on Mutual Assistance in Criminal Matters (2000)"
	actCoE1957      = "European Convention on Extradition"
)

// legalActMarkers maps word sequences of a normalised LegalBasis.Instrument (see
// legalActOf) to the act they identify. Official numbers are matched rather than titles,
// since titles are written in every official language; the common English short names are
// matched too.
var legalActMarkers = []struct{ marker, act string }{
	{"2014/41", actEIODirective},
	{"2023/1543", actEEvidence},
	{"2002/584", actEAW},
	{"2018/1805", actFreezing},
	{"untoc", actUNTOC},
	{"palermo convention", actUNTOC},
	{"transnational organized crime", actUNTOC},
	{"transnational organised crime", actUNTOC},
	{"uncac", actUNCAC},
	{"convention against corruption", actUNCAC},
	{"budapest convention", actBudapest},
	{"convention on cybercrime", actBudapest},
	{"ets 185", actBudapest},
	{"ets 30", actCoE1959},
	{"ets 24", actCoE1957},
	{"2000/c 197/01", actEUMLA2000},
}

// legalActOf names the act that a LegalBasis.Instrument identifies, or "" when it names
// none that jcx knows. The text is lowercased and cut into words at anything but letters,
// digits and "/"; the word "no" is dropped, "cets" read as "ets" and leading zeros of the
// number after "ets" removed, so "CETS No. 030" and "ETS 30" are the same. A marker must
// match whole words ("ets 30" does not match "ets 305").
func legalActOf(s string) string {
	if len(s) > 1024 {
		return ""
	}
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r != '/' && !(r >= 'a' && r <= 'z') && !(r >= '0' && r <= '9')
	})
	out := words[:0]
	for _, w := range words {
		switch {
		case w == "no":
			continue
		case w == "cets":
			w = "ets"
		case len(out) > 0 && out[len(out)-1] == "ets":
			if t := strings.TrimLeft(w, "0"); t != "" {
				w = t
			}
		}
		out = append(out, w)
	}
	n := " " + strings.Join(out, " ") + " "
	for _, m := range legalActMarkers {
		if strings.Contains(n, " "+m.marker+" ") || strings.Contains(n, " "+m.marker+"/") {
			return m.act
		}
	}
	return ""
}
