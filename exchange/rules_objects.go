package exchange

import (
	"time"

	"github.com/jcx-dev/jcx/internal/humantime"
)

// located is one object of a request with where it sits and how it arrives.
type located struct {
	path   Path // path of the object element, e.g. …/CREATE/Authorisation
	action int  // index of the action carrying it
	obj    *Object
	kind   ObjectKind
	base   *ObjectBase
	// creating is false for UPDATE, whose absent optional members keep their stored
	// values: rules that require an optional member apply only when it is created.
	creating bool
}

// requestObjects lists the objects a request carries: those of CREATE and UPDATE actions
// that hold exactly one object, and the Delivery of each DELIVER action. Objects in a
// response (GET results) were accepted by their owner earlier and are not judged again.
func (c *checker) requestObjects() []located {
	r := c.msg.Payload.Request
	if r == nil {
		return nil
	}
	var out []located
	for i := range r.Action {
		a := &r.Action[i]
		ap := Path{}.Child("Payload").Child("Request").Item("Action", i)
		if verbCount(a) != 1 {
			continue
		}
		var o *Object
		switch a.Verb() {
		case VerbCreate:
			o = &a.CREATE.Object
		case VerbUpdate:
			o = &a.UPDATE.Object
		case VerbDeliver:
			o = &Object{Delivery: &a.DELIVER.Delivery}
		default:
			continue
		}
		if o.count() != 1 {
			continue
		}
		kind, b := o.base()
		out = append(out, located{action: i, path: ap.Child(string(a.Verb())).Child(string(kind)), obj: o, kind: kind, base: b, creating: a.Verb() != VerbUpdate})
	}
	return out
}

// objectIndex finds the objects of a request by identifier. Every lookup is a map access,
// so that a message with many objects or many links costs time in proportion to its size.
type objectIndex struct {
	objs []located
	byID map[UUID]located // the first object with each identifier
}

func (c *checker) index() objectIndex {
	objs := c.requestObjects()
	ix := objectIndex{objs: objs, byID: make(map[UUID]located, len(objs))}
	for _, o := range objs {
		if _, dup := ix.byID[o.base.ObjectIdentifier]; !dup {
			ix.byID[o.base.ObjectIdentifier] = o
		}
	}
	return ix
}

// authorisationOf returns the first Authorisation of the message that o is associated
// with, or nil.
func (ix objectIndex) authorisationOf(o located) *Authorisation {
	for _, id := range o.base.AssociatedObject {
		if t, ok := ix.byID[id]; ok && t.kind == KindAuthorisation {
			return t.obj.Authorisation
		}
	}
	return nil
}

// objects checks every object of a request: the common members, then the rules of its
// kind, including rules that look at other objects of the same message (an instrument's
// deadlines apply to the tasks linked to it). In an UPDATE, absent optional members keep
// their stored values, so rules that require a member judge created objects only; rules
// on the values present judge both.
func (c *checker) objects() {
	ix := c.index()
	for _, o := range ix.objs {
		if first := ix.byID[o.base.ObjectIdentifier]; first.action != o.action && o.base.ObjectIdentifier != "" {
			c.add(CodeImproperValue, o.path.Child("ObjectIdentifier"), "object %s already appears in action %d of this message", o.base.ObjectIdentifier, first.action)
		}
	}
	// Authorisations whose linked disclosure tasks ask for traffic or content data.
	sensitive := map[*Authorisation]bool{}
	for _, o := range ix.objs {
		if o.kind != KindDisclosureTask {
			continue
		}
		dc := o.obj.DisclosureTask.DataCategory
		if a := ix.authorisationOf(o); a != nil && dc.Owner == DictionaryOwner && (dc.Value == DataTraffic || dc.Value == DataContent) {
			sensitive[a] = true
		}
	}
	for _, o := range ix.objs {
		c.objectBase(o)
		switch o.kind {
		case KindAuthorisation:
			c.authorisation(o, sensitive[o.obj.Authorisation])
		case KindAssistanceTask:
			c.assistanceTask(o)
		case KindDisclosureTask:
			c.disclosureTask(o, ix.authorisationOf(o))
		case KindPreservationTask:
			c.preservationTask(o)
		case KindSurrenderTask:
			c.surrenderTask(o, ix.authorisationOf(o))
		case KindAssetTask:
			c.assetTask(o)
		case KindDocument:
			c.document(o)
		case KindNotification:
			c.notification(o)
		}
		// Delivery objects are checked with the attachments, the last step.
	}
}

func (c *checker) objectBase(o located) {
	b := o.base
	if !b.ObjectIdentifier.Valid() {
		c.add(CodeImproperValue, o.path.Child("ObjectIdentifier"), "object identifier %q is not a lowercase UUID", clip(string(b.ObjectIdentifier)))
	}
	c.country(o.path.Child("CountryCode"), b.CountryCode)
	if !isShortString(b.OwnerIdentifier) {
		c.add(CodeImproperValue, o.path.Child("OwnerIdentifier"), "owner identifier must be 1–255 characters without control characters")
	}
	if b.Generation < 0 {
		c.add(CodeImproperValue, o.path.Child("Generation"), "generation %d: generations start at 1", b.Generation)
	}
	if b.ExternalIdentifier != "" && !isShortString(b.ExternalIdentifier) {
		c.add(CodeImproperValue, o.path.Child("ExternalIdentifier"), "external identifier must be 1–255 characters without control characters")
	}
	for j, id := range b.AssociatedObject {
		if !id.Valid() {
			c.add(CodeImproperValue, o.path.Item("AssociatedObject", j), "associated object %q is not a lowercase UUID", clip(string(id)))
		}
	}
	c.when(o.path.Child("LastChanged"), b.LastChanged)
	if b.Status != nil {
		c.code(o.path.Child("Status"), *b.Status, DictObjectStatus)
	}
	if b.DesiredStatus != nil {
		c.code(o.path.Child("DesiredStatus"), *b.DesiredStatus, DictObjectStatus)
	}
}

// code checks a dictionary entry against the jcx dictionary its place expects. Entries of
// other owners are left to the receivers that know them.
func (c *checker) code(p Path, code Code, dict string) {
	if code.Owner != DictionaryOwner {
		return
	}
	if code.Name != dict {
		c.add(CodeImproperValue, p.Child("Name"), "jcx dictionary %q is not the one used here; want %q", clip(code.Name), dict)
		return
	}
	if !inDictionary(dict, code.Value) {
		c.add(CodeImproperValue, p.Child("Value"), "%q is not a value of the jcx dictionary %s", clip(code.Value), dict)
	}
}

func (c *checker) country(p Path, cc string) {
	if !isCountry(cc, c.v.opts.AllowTestCountries) {
		c.add(CodeImproperValue, p, "%q is not an ISO 3166-1 alpha-2 country code", clip(cc))
	}
}

func (c *checker) language(p Path, l string) {
	if !isLanguage(l) {
		c.add(CodeImproperValue, p, "%q is not an ISO 639-1 language code (two lowercase letters)", clip(l))
	}
}

// when parses an optional date-time, reporting 3007 when it does not parse.
func (c *checker) when(p Path, dt DateTime) (time.Time, bool) {
	if dt == "" {
		return time.Time{}, false
	}
	t, err := dt.Time()
	if err != nil {
		c.add(CodeImproperValue, p, "%v", err)
		return time.Time{}, false
	}
	return t, true
}

// headerTime is the message's timestamp, the reference for relative deadlines.
func (c *checker) headerTime() (time.Time, bool) {
	t, err := c.msg.Header.Timestamp.Time()
	return t, err == nil
}

// deadline checks that a deadline lies after the message timestamp and, for a receiver
// that asks (Options.RefuseElapsedDeadlines), has not passed (8031); and, when limit is
// positive, that it is at most limit after the timestamp.
func (c *checker) deadline(p Path, dt DateTime, limit time.Duration, why string) {
	d, ok := c.when(p, dt)
	if !ok {
		return
	}
	ts, tsOK := c.headerTime()
	switch {
	case tsOK && !d.After(ts):
		c.add(CodeDeadline, p, "deadline %s is not after the message timestamp %s", humantime.Time(d), humantime.Time(ts))
	case c.v.opts.RefuseElapsedDeadlines && d.Before(c.now):
		c.add(CodeDeadline, p, "deadline %s passed %s before this endpoint's clock (%s)", humantime.Time(d), humantime.Duration(c.now.Sub(d)), humantime.Time(c.now.UTC().Truncate(time.Second)))
	case tsOK && limit > 0 && d.Sub(ts) > limit:
		c.add(CodeDeadline, p, "deadline %s is %s after the message timestamp, more than %s; %s", humantime.Time(d), humantime.Duration(d.Sub(ts)), humantime.Duration(limit), why)
	}
}

// instrumentOf returns the jcx instrument of a, or "" for a national instrument.
func instrumentOf(a *Authorisation) string {
	if a == nil || a.Instrument.Owner != DictionaryOwner || a.Instrument.Name != DictInstrument {
		return ""
	}
	return a.Instrument.Value
}

// isEmergency reports whether the authorisation is an emergency: its urgency says so or
// an approval was given as one.
func isEmergency(a *Authorisation) bool {
	if a.Urgency == UrgencyEmergency {
		return true
	}
	for _, ap := range a.Approval {
		if ap.IsEmergency != nil && *ap.IsEmergency {
			return true
		}
	}
	return false
}

func (c *checker) notification(o located) {
	n := o.obj.Notification
	c.code(o.path.Child("NotificationType"), n.NotificationType, DictNotificationType)
	c.when(o.path.Child("Timestamp"), n.Timestamp)
	for j, g := range n.Ground {
		c.code(o.path.Item("Ground", j), g, DictRefusalGround)
	}
	// A refusal the requester cannot act on is no answer: the grounds are what it needs
	// to cure the request or seek a remedy.
	if o.creating && isJCX(n.NotificationType, NotificationRefused) && n.NotificationType.Name == DictNotificationType && len(n.Ground) == 0 {
		c.add(CodeMissing, o.path.Child("Ground"), "a refusal must give at least one ground")
	}
	if o.creating && len(o.base.AssociatedObject) == 0 {
		c.add(CodeMissing, o.path.Child("AssociatedObject"), "a notification must name the object it reports on")
	}
	for j, s := range n.StatusOfAssociatedObject {
		sp := o.path.Item("StatusOfAssociatedObject", j)
		if !s.ObjectIdentifier.Valid() {
			c.add(CodeImproperValue, sp.Child("ObjectIdentifier"), "object identifier %q is not a lowercase UUID", clip(string(s.ObjectIdentifier)))
		}
		c.code(sp.Child("Status"), s.Status, DictObjectStatus)
	}
}
