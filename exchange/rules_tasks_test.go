package exchange

import (
	"testing"
	"time"
)

func TestRulesDisclosureTask(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "EPOC deadline beyond 10 days", base: epocRequest,
			mutate: func(m *Message) { disc(m).Deadline = tdt(10*tDay + time.Minute) },
			want:   []string{"8031 " + act1 + "/Deadline"}},
		{name: "EPOC deadline at exactly 10 days", base: epocRequest,
			mutate: func(m *Message) { disc(m).Deadline = tdt(10 * tDay) }},
		{name: "emergency EPOC deadline beyond 8 hours", base: epocRequest,
			mutate: func(m *Message) { auth(m).Urgency = UrgencyEmergency; disc(m).Deadline = tdt(9 * time.Hour) },
			want:   []string{"8031 " + act1 + "/Deadline"}},
		{name: "emergency EPOC deadline within 8 hours", base: epocRequest,
			mutate: func(m *Message) { auth(m).Urgency = UrgencyEmergency; disc(m).Deadline = tdt(8 * time.Hour) }},
		{name: "deadline before the message", base: epocRequest,
			mutate: func(m *Message) { disc(m).Deadline = tdt(-time.Hour) },
			want:   []string{"8031 " + act1 + "/Deadline"}},
		{name: "deadline passed on arrival", base: epocRequest,
			mutate: func(m *Message) {
				m.Header.Timestamp = NewTimestamp(tNow.Add(-2 * tDay))
				auth(m).Approval[0].Timestamp = tdt(-3 * tDay)
				disc(m).Deadline = tdt(-tDay)
			},
			opts: Options{RefuseElapsedDeadlines: true},
			want: []string{"8031 " + act1 + "/Deadline"}},
		{name: "deadline since passed, judged as archived", base: epocRequest,
			mutate: func(m *Message) {
				m.Header.Timestamp = NewTimestamp(tNow.Add(-2 * tDay))
				auth(m).Approval[0].Timestamp = tdt(-3 * tDay)
				disc(m).Deadline = tdt(-tDay)
			},
			want: nil},
		{name: "long deadline without a linked EPOC", base: epocRequest,
			mutate: func(m *Message) {
				auth(m).Instrument.Value = InstrumentMLA
				auth(m).LegalBasis[0] = LegalBasis{Instrument: "UNTOC", Article: "18"}
				disc(m).Deadline = tdt(60 * tDay)
			}},
		{name: "no identifiers", base: epocRequest,
			mutate: func(m *Message) { disc(m).Identifier = nil },
			want:   []string{"3005 " + act1 + "/Identifier"}},
		{name: "identifier without format", base: epocRequest,
			mutate: func(m *Message) { disc(m).Identifier[0].FormatName = "" },
			want:   []string{"3005 " + act1 + "/Identifier/0/FormatName"}},
		{name: "unknown jcx identifier format", base: epocRequest,
			mutate: func(m *Message) { disc(m).Identifier[0].FormatName = "ShoeSize" },
			want:   []string{"3007 " + act1 + "/Identifier/0/FormatName"}},
		{name: "identifier value not of its format", base: epocRequest,
			mutate: func(m *Message) {
				disc(m).Identifier = append(disc(m).Identifier, Identifier{FormatOwner: "jcx", FormatName: "IPAddressAtTime", Value: "198.51.100.23"})
			},
			want: []string{"3007 " + act1 + "/Identifier/1/Value"}},
		{name: "national identifier format", base: epocRequest,
			mutate: func(m *Message) {
				disc(m).Identifier[0] = Identifier{FormatOwner: "PL", FormatName: "PESEL", Value: "88070212345"}
			}},
		{name: "end before start", base: epocRequest,
			mutate: func(m *Message) { disc(m).EndTime = tdt(-100 * tDay) },
			want:   []string{"3007 " + act1 + "/EndTime"}},
		{name: "observed time does not parse", base: epocRequest,
			mutate: func(m *Message) { disc(m).ObservedTime = []DateTime{tdt(-tDay), "2026-11-01T10:00:00"} },
			want:   []string{"3007 " + act1 + "/ObservedTime/1"}},
		{name: "addressee country", base: epocRequest,
			mutate: func(m *Message) { disc(m).Addressee.CountryCode = "IRL" },
			want:   []string{"3007 " + act1 + "/Addressee/CountryCode"}},
		{name: "addressee name with a line break", base: epocRequest,
			mutate: func(m *Message) { disc(m).Addressee.Name = "Example\nMail" },
			want:   []string{"3007 " + act1 + "/Addressee/Name"}},
		{name: "delivery over plain http", base: epocRequest,
			mutate: func(m *Message) { disc(m).DeliveryDestination[0].URL = "http://evidence.example/inbox" },
			want:   []string{"3007 " + act1 + "/DeliveryDestination/0/URL"}},
		{name: "empty delivery destination", base: epocRequest,
			mutate: func(m *Message) { disc(m).DeliveryDestination[0] = DeliveryDestination{} },
			want:   []string{"3005 " + act1 + "/DeliveryDestination/0"}},
	})
}

func TestRulesPreservationSurrenderAsset(t *testing.T) {
	pr := ek(6, "PreservationTask")
	su := ek(1, "SurrenderTask")
	as := ek(4, "AssetTask")
	pres := func(m *Message) *PreservationTask { return obj(m, 6).PreservationTask }
	sur := func(m *Message) *SurrenderTask { return obj(m, 1).SurrenderTask }
	asset := func(m *Message) *AssetTask { return obj(m, 4).AssetTask }
	runRuleCases(t, []ruleCase{
		{name: "preservation beyond 60 days", base: everyKindRequest,
			mutate: func(m *Message) { pres(m).PreservationExpiry = tdt(61 * tDay) },
			want:   []string{"8031 " + pr + "/PreservationExpiry"}},
		{name: "extended preservation up to 90 days", base: everyKindRequest,
			mutate: func(m *Message) { pres(m).PreservationExpiry = tdt(90 * tDay); pres(m).ExtensionRequested = ptr(true) }},
		{name: "extended preservation beyond 90 days", base: everyKindRequest,
			mutate: func(m *Message) { pres(m).PreservationExpiry = tdt(91 * tDay); pres(m).ExtensionRequested = ptr(true) },
			want:   []string{"8031 " + pr + "/PreservationExpiry"}},
		{name: "preservation expiring before the message", base: everyKindRequest,
			mutate: func(m *Message) { pres(m).PreservationExpiry = tdt(-tDay) },
			want:   []string{"8031 " + pr + "/PreservationExpiry"}},
		{name: "preservation without expiry", base: everyKindRequest,
			mutate: func(m *Message) { pres(m).PreservationExpiry = "" },
			want:   []string{"3005 " + pr + "/PreservationExpiry"}},
		{name: "surrender without offence", base: everyKindRequest,
			mutate: func(m *Message) { sur(m).Offence = nil },
			want:   []string{"3005 " + su + "/Offence"}},
		{name: "remaining more than imposed", base: everyKindRequest,
			mutate: func(m *Message) {
				sur(m).UnderlyingDecision.DecisionType.Value = DecisionEnforceableJudgment
				sur(m).Sentence = &Sentence{ImposedMonths: 24, RemainingMonths: 30}
			},
			want: []string{"3007 " + su + "/Sentence/RemainingMonths"}},
		{name: "negative sentence", base: everyKindRequest,
			mutate: func(m *Message) {
				sur(m).Sentence.MaximumPenaltyMonths = -5
				sur(m).Offence[0].MaximumPenaltyMonths = 36
			},
			want: []string{"3007 " + su + "/Sentence/MaximumPenaltyMonths"}},
		{name: "EAW for prosecution below 12 months", base: everyKindRequest,
			mutate: func(m *Message) {
				sur(m).Sentence.MaximumPenaltyMonths = 6
				sur(m).Offence[0].MaximumPenaltyMonths = 11
			},
			want: []string{"3007 " + su + "/Sentence/MaximumPenaltyMonths"}},
		{name: "EAW for prosecution at 12 months", base: everyKindRequest,
			mutate: func(m *Message) { sur(m).Sentence = nil; sur(m).Offence[0].MaximumPenaltyMonths = 12 }},
		{name: "EAW for prosecution without penalty", base: everyKindRequest,
			mutate: func(m *Message) { sur(m).Sentence = nil; sur(m).Offence[0].MaximumPenaltyMonths = 0 },
			want:   []string{"3005 " + su + "/Sentence/MaximumPenaltyMonths"}},
		{name: "EAW for execution below 4 months", base: everyKindRequest,
			mutate: func(m *Message) {
				sur(m).UnderlyingDecision.DecisionType.Value = DecisionEnforceableJudgment
				sur(m).Sentence = &Sentence{ImposedMonths: 3, RemainingMonths: 3}
			},
			want: []string{"3007 " + su + "/Sentence/ImposedMonths"}},
		{name: "EAW for execution at 4 months", base: everyKindRequest,
			mutate: func(m *Message) {
				sur(m).UnderlyingDecision.DecisionType.Value = DecisionEnforceableJudgment
				sur(m).Sentence = &Sentence{ImposedMonths: 4, RemainingMonths: 2}
			}},
		{name: "EAW for execution without sentence", base: everyKindRequest,
			mutate: func(m *Message) {
				sur(m).UnderlyingDecision.DecisionType.Value = DecisionEnforceableJudgment
				sur(m).Sentence = nil
			},
			want: []string{"3005 " + su + "/Sentence/ImposedMonths"}},
		{name: "short penalty outside an EAW", base: everyKindRequest,
			mutate: func(m *Message) {
				sur(m).AssociatedObject = nil
				sur(m).Sentence.MaximumPenaltyMonths = 6
				sur(m).Offence[0].MaximumPenaltyMonths = 6
			}},
		{name: "update keeps stored offences, sentence and assets", base: everyKindRequest,
			mutate: func(m *Message) {
				for _, i := range []int{1, 4, 6} {
					a := &req(m).Action[i]
					a.UPDATE, a.CREATE = a.CREATE, nil
				}
				s := obj(m, 1).SurrenderTask
				s.Generation, s.Offence, s.Sentence = 4, nil, nil
				obj(m, 4).AssetTask.Generation, obj(m, 4).AssetTask.Asset = 2, nil
				p := obj(m, 6).PreservationTask
				p.Generation, p.Identifier, p.PreservationExpiry = 7, nil, ""
			}},
		{name: "decision in the future", base: everyKindRequest,
			mutate: func(m *Message) { sur(m).UnderlyingDecision.Date = "2027-01-01" },
			want:   []string{"3007 " + su + "/UnderlyingDecision/Date"}},
		{name: "in absentia without details", base: everyKindRequest,
			mutate: func(m *Message) { sur(m).InAbsentia = &InAbsentia{PersonAppeared: false} },
			want:   []string{"3005 " + su + "/InAbsentia/Details"}},
		{name: "in absentia, summoned", base: everyKindRequest,
			mutate: func(m *Message) { sur(m).InAbsentia = &InAbsentia{Summoned: ptr(true)} }},
		{name: "IBAN check digits", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset[0].IBAN = "DE88370400440532013000" },
			want:   []string{"3007 " + as + "/Asset/0/IBAN"}},
		{name: "IBAN length", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset[0].IBAN = "DE8937040044053201300" },
			want:   []string{"3007 " + as + "/Asset/0/IBAN"}},
		{name: "bank account without IBAN", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset[0].IBAN = "" },
			want:   []string{"3005 " + as + "/Asset/0/IBAN"}},
		{name: "crypto-asset without wallet", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset[1].WalletAddress = "" },
			want:   []string{"3005 " + as + "/Asset/1/WalletAddress"}},
		{name: "vehicle without registration or description", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset[2].Registration = "" },
			want:   []string{"3005 " + as + "/Asset/2/Registration"}},
		{name: "vehicle with description only", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset[2].Registration = ""; asset(m).Asset[2].Description = "Black Audi A6" }},
		{name: "unknown currency", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset[0].Amount.Currency = "BTC" },
			want:   []string{"3007 " + as + "/Asset/0/Amount/Currency"}},
		{name: "zero amount", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset[0].Amount.Value = "0.00" },
			want:   []string{"3007 " + as + "/Asset/0/Amount/Value"}},
		{name: "amount with exponent", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset[0].Amount.Value = "1e6" },
			want:   []string{"3007 " + as + "/Asset/0/Amount/Value"}},
		{name: "no assets", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Asset = nil },
			want:   []string{"3005 " + as + "/Asset"}},
		{name: "unknown measure and kind", base: everyKindRequest,
			mutate: func(m *Message) { asset(m).Measure = "Sell"; asset(m).Asset[2].Kind = "Boat" },
			want:   []string{"3007 " + as + "/Measure", "3007 " + as + "/Asset/2/Kind"}},
	})
}
