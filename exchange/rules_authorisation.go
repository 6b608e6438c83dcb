package exchange

import (
	"slices"
	"strconv"
	"strings"
)

// instrumentActs names, for the EU instruments, the act an Authorisation must cite among
// its legal bases (8030 otherwise).
var instrumentActs = map[string]string{
	InstrumentEIO:    actEIODirective,
	InstrumentEPOC:   actEEvidence,
	InstrumentEPOCPR: actEEvidence,
	InstrumentEAW:    actEAW,
}

// mlaArticles gives, for the multilateral conventions an MLA request may rest on, the
// articles that provide for mutual legal assistance: UNTOC art. 18, UNCAC art. 46 and the
// Budapest Convention art. 25–35. The Council of Europe 1959 Convention and the EU 2000
// Convention are assistance conventions as a whole.
var mlaArticles = map[string][2]int{
	actUNTOC:     {18, 18},
	actUNCAC:     {46, 46},
	actBudapest:  {25, 35},
	actCoE1959:   {0, 0},
	actEUMLA2000: {0, 0},
}

// judicialRoles are the Authority.Role values of an issuing authority whose European
// Production Order for traffic or content data needs no validation (Regulation (EU)
// 2023/1543 art. 4(2)(a)).
var judicialRoles = []string{"Judge", "Court", "InvestigatingJudge"}

// authorisation checks an instrument: its dictionary codes, the legal basis it rests on
// (8030), the states, the approvals it needs (3005), the offence threshold of an EPOC for
// traffic or content data (8030), its deadline (8031), and the offences, persons and
// languages it names.
//
// sensitive says whether a disclosure task of the message linked to the authorisation asks
// for traffic or content data.
func (c *checker) authorisation(o located, sensitive bool) {
	a := o.obj.Authorisation
	p := o.path
	c.code(p.Child("Instrument"), a.Instrument, DictInstrument)
	inst := instrumentOf(a)
	c.legalBasis(p, a, inst, o.creating)
	c.country(p.Child("IssuingState"), a.IssuingState)
	c.country(p.Child("ExecutingState"), a.ExecutingState)
	if a.IssuingState != "" && a.IssuingState == a.ExecutingState {
		c.add(CodeImproperValue, p.Child("ExecutingState"), "executing state is the issuing state (%s); cross-border instruments involve two states", a.IssuingState)
	}
	issuing, validating, judicial := false, false, false
	ts, tsOK := c.headerTime()
	for i, ap := range a.Approval {
		pp := p.Item("Approval", i)
		c.code(pp.Child("ApprovalType"), ap.ApprovalType, DictApprovalType)
		if at, ok := c.when(pp.Child("Timestamp"), ap.Timestamp); ok && tsOK && at.After(ts) {
			c.add(CodeImproperValue, pp.Child("Timestamp"), "approval time %s is after the message timestamp", ap.Timestamp)
		}
		c.authority(pp.Child("Authority"), ap.Authority)
		switch {
		case isJCX(ap.ApprovalType, ApprovalIssuing):
			issuing = true
			for _, r := range judicialRoles {
				judicial = judicial || strings.EqualFold(ap.Authority.Role, r)
			}
		case isJCX(ap.ApprovalType, ApprovalValidating):
			validating = true
		}
	}
	switch inst {
	case InstrumentEIO, InstrumentEPOC, InstrumentEPOCPR:
		if !issuing && o.creating {
			c.add(CodeMissing, p.Child("Approval"), "an %s must carry the approval of its issuing authority", inst)
		}
	}
	// Regulation (EU) 2023/1543 art. 4(2): an EPOC for traffic or content data is issued
	// by a judge or court, or validated by one; in an emergency validation may follow
	// within 96 hours (art. 4(5)).
	if inst == InstrumentEPOC && o.creating && !validating && !judicial && !isEmergency(a) && sensitive {
		c.add(CodeMissing, p.Child("Approval"), "an EPOC for traffic or content data needs the approval of a validating authority unless a judge or court issued it or it is an emergency")
	}
	if inst == InstrumentEPOC && sensitive && (o.creating || len(a.Offence) > 0) && !seriousOffence(a.Offence) {
		c.add(CodeLegalBasis, p.Child("Offence"), "an EPOC for traffic or content data may only be issued for an offence punishable by at least 3 years, or for terrorism, child sexual exploitation or non-cash payment fraud (Regulation (EU) 2023/1543 art. 5(4))")
	}
	if a.Deadline != "" {
		c.deadline(p.Child("Deadline"), a.Deadline, 0, "")
	}
	for i, off := range a.Offence {
		c.offence(p.Item("Offence", i), off)
	}
	for i, per := range a.Person {
		c.person(p.Item("Person", i), per)
	}
	for i, l := range a.Language {
		c.language(p.Item("Language", i), l)
	}
}

// epocSeriousMonths and epocListedOffences: Regulation (EU) 2023/1543 art. 5(4)(a) and (b).
// Traffic and content data may be ordered for offences punishable by a maximum of at least
// three years, or for the listed offences (non-cash payment fraud, Directive 2019/713;
// child sexual abuse, Directive 2011/93/EU; terrorism, Directive 2017/541) whatever their
// penalty. Art. 5(4)(c), the execution of a sentence of at least four months, cannot be
// seen in an Authorisation and is not checked.
const epocSeriousMonths = 36

var epocListedOffences = []string{"Terrorism", "ChildSexualExploitation", "ForgeryOfMeansOfPayment"}

func seriousOffence(offences []Offence) bool {
	for _, o := range offences {
		if o.MaximumPenaltyMonths >= epocSeriousMonths {
			return true
		}
		if o.Category != nil && o.Category.Owner == DictionaryOwner && o.Category.Name == DictOffenceCategory && slices.Contains(epocListedOffences, o.Category.Value) {
			return true
		}
	}
	return false
}

// legalBasis checks that an instrument rests on a legal basis (8030): every instrument
// names at least one; an EU instrument cites its own act; an MLA request cites a bilateral
// treaty or an assistance article of a multilateral convention.
func (c *checker) legalBasis(p Path, a *Authorisation, inst string, creating bool) {
	lp := p.Child("LegalBasis")
	if len(a.LegalBasis) == 0 {
		if creating {
			c.add(CodeLegalBasis, lp, "an authorisation must name the legal basis it rests on")
		}
		return
	}
	for i, lb := range a.LegalBasis {
		if !isShortString(lb.Instrument) {
			c.add(CodeImproperValue, p.Item("LegalBasis", i).Child("Instrument"), "legal instrument must be 1–255 characters without control characters")
		}
	}
	if act, ok := instrumentActs[inst]; ok {
		for _, lb := range a.LegalBasis {
			if legalActOf(lb.Instrument) == act {
				return
			}
		}
		c.add(CodeLegalBasis, lp, "an %s rests on %s, which no legal basis cites", inst, act)
		return
	}
	if inst != InstrumentMLA {
		return
	}
	wrong := -1
	for i, lb := range a.LegalBasis {
		if lb.TreatyIdentifier != "" {
			return
		}
		span, ok := mlaArticles[legalActOf(lb.Instrument)]
		if !ok {
			continue
		}
		if span[0] == 0 {
			return
		}
		if n, ok := articleNumber(lb.Article); ok && n >= span[0] && n <= span[1] {
			return
		}
		if wrong < 0 {
			wrong = i
		}
	}
	if wrong >= 0 {
		lb := a.LegalBasis[wrong]
		span := mlaArticles[legalActOf(lb.Instrument)]
		want := "article " + strconv.Itoa(span[0])
		if span[1] != span[0] {
			want = "articles " + strconv.Itoa(span[0]) + "–" + strconv.Itoa(span[1])
		}
		c.add(CodeLegalBasis, p.Item("LegalBasis", wrong).Child("Article"),
			"%s provides for mutual legal assistance in %s, not in article %q", legalActOf(lb.Instrument), want, clip(lb.Article))
		return
	}
	c.add(CodeLegalBasis, lp, "an MLA request must cite a bilateral treaty (TreatyIdentifier) or a convention providing for mutual legal assistance (UNTOC art. 18, UNCAC art. 46, Budapest Convention art. 25–35, CoE 1959 Convention)")
}

// articleNumber reads the article number at the start of an Article reference such as
// "18", "Art. 18(1)" or "article 46 paragraph 3".
func articleNumber(s string) (int, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	for _, prefix := range []string{"article", "art."} {
		s = strings.TrimSpace(strings.TrimPrefix(s, prefix))
	}
	end := 0
	for end < len(s) && end < 4 && isDigit(s[end]) {
		end++
	}
	if end == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:end])
	return n, err == nil
}

func (c *checker) authority(p Path, a Authority) {
	if a.Email != "" && !isEmail(a.Email) {
		c.add(CodeImproperValue, p.Child("Email"), "%q is not an e-mail address", clip(a.Email))
	}
	if a.Phone != "" && !isE164(a.Phone) {
		c.add(CodeImproperValue, p.Child("Phone"), "%q is not an E.164 telephone number (+ and up to 15 digits, no spaces)", clip(a.Phone))
	}
	for i, l := range a.Language {
		c.language(p.Item("Language", i), l)
	}
}

func (c *checker) offence(p Path, o Offence) {
	if o.MaximumPenaltyMonths < 0 {
		c.add(CodeImproperValue, p.Child("MaximumPenaltyMonths"), "maximum penalty %d months is negative", o.MaximumPenaltyMonths)
	}
	if o.Category != nil {
		c.code(p.Child("Category"), *o.Category, DictOffenceCategory)
	}
}

func (c *checker) person(p Path, per Person) {
	c.code(p.Child("Role"), per.Role, DictPersonRole)
	if per.BirthDate != "" {
		if d, err := per.BirthDate.Time(); err != nil {
			c.add(CodeImproperValue, p.Child("BirthDate"), "%v", err)
		} else if d.After(c.now) {
			c.add(CodeImproperValue, p.Child("BirthDate"), "birth date %s is in the future", per.BirthDate)
		}
	}
	for i, n := range per.Nationality {
		c.country(p.Item("Nationality", i), n)
	}
	for i, id := range per.Identifier {
		c.identifier(p.Item("Identifier", i), id)
	}
}

// identifier checks a typed identifier: all three members present (3005) and, for a jcx
// format, a known format name and a value of its shape (3007).
func (c *checker) identifier(p Path, id Identifier) {
	empty := false
	for _, f := range []struct{ name, v string }{{"FormatOwner", id.FormatOwner}, {"FormatName", id.FormatName}, {"Value", id.Value}} {
		if strings.TrimSpace(f.v) == "" {
			c.add(CodeMissing, p.Child(f.name), "identifier %s is empty", f.name)
			empty = true
		}
	}
	if empty || id.FormatOwner != DictionaryOwner {
		return
	}
	valid, ok := identifierFormats[id.FormatName]
	switch {
	case !ok:
		c.add(CodeImproperValue, p.Child("FormatName"), "%q is not a jcx identifier format", clip(id.FormatName))
	case !valid(id.Value):
		c.add(CodeImproperValue, p.Child("Value"), "%q is not a valid %s", clip(id.Value), id.FormatName)
	}
}
