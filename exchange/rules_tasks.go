package exchange

import (
	"net/url"
	"strings"
	"time"
)

// Deadlines and durations the instruments fix.
const (
	// epocDeadline and epocEmergencyDeadline: Regulation (EU) 2023/1543 art. 10(2) and
	// 10(4): data is produced within 10 days, or 8 hours in an emergency.
	epocDeadline          = 10 * 24 * time.Hour
	epocEmergencyDeadline = 8 * time.Hour
	// preservationPeriod and preservationExtended: art. 11(1): data is preserved for 60
	// days, extendable by 30 when a production order is pending.
	preservationPeriod   = 60 * 24 * time.Hour
	preservationExtended = 90 * 24 * time.Hour
	// EAW thresholds, Framework Decision 2002/584/JHA art. 2(1): an offence punishable by
	// at least 12 months for prosecution, or a sentence of at least 4 months for execution.
	eawProsecutionMonths = 12
	eawExecutionMonths   = 4
)

func (c *checker) assistanceTask(o located) {
	t := o.obj.AssistanceTask
	c.code(o.path.Child("Measure"), t.Measure, DictMeasure)
	for i, per := range t.Person {
		c.person(o.path.Item("Person", i), per)
	}
	if t.Deadline != "" {
		c.deadline(o.path.Child("Deadline"), t.Deadline, 0, "")
	}
}

// disclosureTask checks a production order: what is asked for, the time range, where to
// deliver, and the deadline the linked instrument allows (EPOC: 10 days, 8 hours in an
// emergency).
func (c *checker) disclosureTask(o located, auth *Authorisation) {
	t := o.obj.DisclosureTask
	p := o.path
	c.addressee(p.Child("Addressee"), t.Addressee)
	c.code(p.Child("DataCategory"), t.DataCategory, DictDataCategory)
	for i, s := range t.Subtype {
		c.code(p.Item("Subtype", i), s, DictDataSubtype)
	}
	c.identifiers(p, t.Identifier, o.creating)
	c.timeRange(p, t.StartTime, t.EndTime)
	for i, ot := range t.ObservedTime {
		c.when(p.Item("ObservedTime", i), ot)
	}
	for i, d := range t.DeliveryDestination {
		c.destination(p.Item("DeliveryDestination", i), d)
	}
	if t.Deadline == "" {
		return
	}
	limit, why := time.Duration(0), ""
	if a := auth; instrumentOf(a) == InstrumentEPOC {
		limit, why = epocDeadline, "an EPOC is answered within 10 days (Regulation (EU) 2023/1543 art. 10(2))"
		if isEmergency(a) {
			limit, why = epocEmergencyDeadline, "an emergency EPOC is answered within 8 hours (art. 10(4))"
		}
	}
	c.deadline(p.Child("Deadline"), t.Deadline, limit, why)
}

// preservationTask checks a preservation order: its expiry lies after the message and at
// most 60 days later, 90 when an extension is asked for (8031).
func (c *checker) preservationTask(o located) {
	t := o.obj.PreservationTask
	p := o.path
	c.addressee(p.Child("Addressee"), t.Addressee)
	c.code(p.Child("DataCategory"), t.DataCategory, DictDataCategory)
	c.identifiers(p, t.Identifier, o.creating)
	c.timeRange(p, t.StartTime, t.EndTime)
	limit, why := preservationPeriod, "preservation lasts 60 days (Regulation (EU) 2023/1543 art. 11(1))"
	if t.ExtensionRequested != nil && *t.ExtensionRequested {
		limit, why = preservationExtended, "an extended preservation lasts at most 90 days (art. 11(1))"
	}
	if t.PreservationExpiry == "" && o.creating {
		c.add(CodeMissing, p.Child("PreservationExpiry"), "a preservation order must say when preservation ends")
		return
	}
	c.deadline(p.Child("PreservationExpiry"), t.PreservationExpiry, limit, why)
}

// surrenderTask checks a surrender request: at least one offence, a consistent sentence,
// and, for a European Arrest Warrant, the thresholds of FD 2002/584/JHA art. 2(1) (3007).
// A warrant for executing a sentence (an enforceable judgment, or a sentence imposed)
// needs at least 4 months imposed; a warrant for prosecution an offence punishable by at
// least 12 months.
func (c *checker) surrenderTask(o located, auth *Authorisation) {
	t := o.obj.SurrenderTask
	p := o.path
	c.person(p.Child("RequestedPerson"), t.RequestedPerson)
	dp := p.Child("UnderlyingDecision")
	c.code(dp.Child("DecisionType"), t.UnderlyingDecision.DecisionType, DictDecisionType)
	if d, err := t.UnderlyingDecision.Date.Time(); err != nil {
		c.add(CodeImproperValue, dp.Child("Date"), "%v", err)
	} else if d.After(c.now) {
		c.add(CodeImproperValue, dp.Child("Date"), "decision date %s is in the future", t.UnderlyingDecision.Date)
	}
	if len(t.Offence) == 0 && o.creating {
		c.add(CodeMissing, p.Child("Offence"), "a surrender request must name at least one offence")
	}
	maxPenalty := 0
	for i, off := range t.Offence {
		c.offence(p.Item("Offence", i), off)
		maxPenalty = max(maxPenalty, off.MaximumPenaltyMonths)
	}
	imposed := 0
	if s := t.Sentence; s != nil {
		sp := p.Child("Sentence")
		for _, f := range []struct {
			name string
			v    int
		}{{"MaximumPenaltyMonths", s.MaximumPenaltyMonths}, {"ImposedMonths", s.ImposedMonths}, {"RemainingMonths", s.RemainingMonths}} {
			if f.v < 0 {
				c.add(CodeImproperValue, sp.Child(f.name), "%s is negative (%d)", f.name, f.v)
			}
		}
		if s.RemainingMonths > s.ImposedMonths {
			c.add(CodeImproperValue, sp.Child("RemainingMonths"), "%d months remaining of a sentence of %d", s.RemainingMonths, s.ImposedMonths)
		}
		maxPenalty = max(maxPenalty, s.MaximumPenaltyMonths)
		imposed = s.ImposedMonths
	}
	if ia := t.InAbsentia; ia != nil && !ia.PersonAppeared && ia.Summoned == nil && strings.TrimSpace(ia.Details) == "" {
		// FD 2009/299/JHA: a decision rendered in absentia says how the person was
		// informed or represented, or the executing authority may refuse.
		c.add(CodeMissing, p.Child("InAbsentia").Child("Details"), "a decision rendered in absentia must say whether and how the person was summoned")
	}
	if instrumentOf(auth) != InstrumentEAW {
		return
	}
	execution := imposed > 0 || isJCX(t.UnderlyingDecision.DecisionType, DecisionEnforceableJudgment)
	switch {
	case execution && imposed == 0 && o.creating:
		c.add(CodeMissing, p.Child("Sentence").Child("ImposedMonths"), "an arrest warrant for executing a sentence must give the sentence imposed")
	case execution && imposed > 0 && imposed < eawExecutionMonths:
		c.add(CodeImproperValue, p.Child("Sentence").Child("ImposedMonths"),
			"a sentence of %d months is below the %d months for which an arrest warrant may be issued (FD 2002/584/JHA art. 2(1))", imposed, eawExecutionMonths)
	case !execution && maxPenalty == 0 && o.creating:
		c.add(CodeMissing, p.Child("Sentence").Child("MaximumPenaltyMonths"), "an arrest warrant for prosecution must give the maximum penalty")
	case !execution && maxPenalty > 0 && maxPenalty < eawProsecutionMonths:
		c.add(CodeImproperValue, p.Child("Sentence").Child("MaximumPenaltyMonths"),
			"a maximum penalty of %d months is below the %d months for which an arrest warrant may be issued (FD 2002/584/JHA art. 2(1))", maxPenalty, eawProsecutionMonths)
	}
}

// assetTask checks the assets to freeze or confiscate: the member that identifies each
// kind (3005), IBAN check digits and currency codes (3007), positive amounts (3007).
func (c *checker) assetTask(o located) {
	t := o.obj.AssetTask
	p := o.path
	switch t.Measure {
	case AssetFreeze, AssetConfiscate:
	default:
		c.add(CodeImproperValue, p.Child("Measure"), "measure %q is neither %s nor %s", clip(string(t.Measure)), AssetFreeze, AssetConfiscate)
	}
	if len(t.Asset) == 0 && o.creating {
		c.add(CodeMissing, p.Child("Asset"), "an asset task must name at least one asset")
	}
	for i, a := range t.Asset {
		ap := p.Item("Asset", i)
		switch a.Kind {
		case AssetBankAccount:
			if a.IBAN == "" {
				c.add(CodeMissing, ap.Child("IBAN"), "a bank account is identified by its IBAN")
			}
		case AssetCrypto:
			if a.WalletAddress == "" {
				c.add(CodeMissing, ap.Child("WalletAddress"), "a crypto-asset is identified by its wallet address")
			}
		case AssetVehicle, AssetProperty:
			if a.Registration == "" && a.Description == "" {
				c.add(CodeMissing, ap.Child("Registration"), "a %s is identified by its registration or a description", strings.ToLower(string(a.Kind)))
			}
		case AssetOther:
			if a.Description == "" {
				c.add(CodeMissing, ap.Child("Description"), "an asset of kind Other needs a description")
			}
		default:
			c.add(CodeImproperValue, ap.Child("Kind"), "asset kind %q is not one of this format's", clip(string(a.Kind)))
		}
		if a.IBAN != "" {
			if err := checkIBAN(a.IBAN); err != nil {
				c.add(CodeImproperValue, ap.Child("IBAN"), "%v", err)
			}
		}
		if a.WalletAddress != "" && !isShortString(a.WalletAddress) {
			c.add(CodeImproperValue, ap.Child("WalletAddress"), "wallet address must be 1–255 characters without control characters")
		}
		if am := a.Amount; am != nil {
			if !isCurrency(am.Currency) {
				c.add(CodeImproperValue, ap.Child("Amount").Child("Currency"), "%q is not an ISO 4217 currency code", clip(am.Currency))
			}
			if !isPositiveDecimal(am.Value) {
				c.add(CodeImproperValue, ap.Child("Amount").Child("Value"), "amount %q is not a positive decimal number (digits, optional fraction, no sign or exponent)", clip(am.Value))
			}
		}
	}
}

func (c *checker) addressee(p Path, a Addressee) {
	c.country(p.Child("CountryCode"), a.CountryCode)
	if !isShortString(a.Name) {
		c.add(CodeImproperValue, p.Child("Name"), "addressee name must be 1–255 characters without control characters")
	}
}

func (c *checker) identifiers(p Path, ids []Identifier, creating bool) {
	if len(ids) == 0 && creating {
		c.add(CodeMissing, p.Child("Identifier"), "the order must name at least one identifier whose data is sought")
	}
	for i, id := range ids {
		c.identifier(p.Item("Identifier", i), id)
	}
}

// timeRange checks that StartTime is not after EndTime when both are given.
func (c *checker) timeRange(p Path, start, end DateTime) {
	s, sOK := c.when(p.Child("StartTime"), start)
	e, eOK := c.when(p.Child("EndTime"), end)
	if sOK && eOK && s.After(e) {
		c.add(CodeImproperValue, p.Child("EndTime"), "end time %s is before start time %s", end, start)
	}
}

// destination checks a delivery destination: an endpoint or an https URL, since evidence
// never travels in clear.
func (c *checker) destination(p Path, d DeliveryDestination) {
	if d.EndpointIdentifier == "" && d.URL == "" {
		c.add(CodeMissing, p, "a delivery destination names an endpoint or a URL")
		return
	}
	if d.URL != "" {
		u, err := url.Parse(d.URL)
		if err != nil || u.Scheme != "https" || u.Host == "" || hasControl(d.URL) {
			c.add(CodeImproperValue, p.Child("URL"), "delivery URL %q is not an https URL", clip(d.URL))
		}
	}
}
