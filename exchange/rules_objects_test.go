package exchange

import "testing"

// cascade adds to the findings of a refused authorisation of epocRequest the failure of
// the disclosure task linked to it (3018).
func cascade(want ...string) []string {
	return append(want, "3018 "+act1+"/AssociatedObject/0")
}

func auth(m *Message) *Authorisation  { return obj(m, 0).Authorisation }
func disc(m *Message) *DisclosureTask { return obj(m, 1).DisclosureTask }

func TestRulesObjectBase(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "duplicate object identifier", base: epocRequest,
			mutate: func(m *Message) { disc(m).ObjectIdentifier = tid("epoc"); disc(m).AssociatedObject = nil },
			want:   []string{"3007 " + act1 + "/ObjectIdentifier"}},
		{name: "uppercase object identifier", base: epocRequest,
			mutate: func(m *Message) { disc(m).ObjectIdentifier = "A" + disc(m).ObjectIdentifier[1:] },
			want:   []string{"3007 " + act1 + "/ObjectIdentifier"}},
		{name: "object country", base: epocRequest,
			mutate: func(m *Message) { disc(m).CountryCode = "EU" },
			want:   []string{"3007 " + act1 + "/CountryCode"}},
		{name: "owner identifier empty", base: epocRequest,
			mutate: func(m *Message) { disc(m).OwnerIdentifier = "" },
			want:   []string{"3007 " + act1 + "/OwnerIdentifier"}},
		{name: "negative generation on update", base: epocRequest,
			mutate: func(m *Message) {
				a := &req(m).Action[1]
				a.UPDATE, a.CREATE = a.CREATE, nil
				a.UPDATE.DisclosureTask.Generation = -1
			},
			want: []string{"3007 /Payload/Request/Action/1/UPDATE/DisclosureTask/Generation"}},
		{name: "associated object not a UUID", base: epocRequest,
			mutate: func(m *Message) { disc(m).AssociatedObject = []UUID{"task-1"} },
			want:   []string{"3007 " + act1 + "/AssociatedObject/0"}},
		{name: "desired status outside the dictionary", base: epocRequest,
			mutate: func(m *Message) { disc(m).DesiredStatus = ptr(jcx(DictObjectStatus, "Paused")) },
			want:   []string{"3007 " + act1 + "/DesiredStatus/Value"}},
		{name: "national desired status", base: epocRequest,
			mutate: func(m *Message) { disc(m).DesiredStatus = &Code{Owner: "FR", Name: "Statut", Value: "EnCours"} }},
	})
}

func TestRulesDictionaries(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "unknown instrument", base: epocRequest,
			mutate: func(m *Message) { auth(m).Instrument.Value = "Subpoena" },
			want:   cascade("3007 " + act0 + "/Instrument/Value")},
		{name: "wrong dictionary", base: epocRequest,
			mutate: func(m *Message) { auth(m).Instrument.Name = DictDataCategory },
			want:   cascade("3007 " + act0 + "/Instrument/Name")},
		{name: "national instrument", base: epocRequest,
			mutate: func(m *Message) { auth(m).Instrument = Code{Owner: "DE", Name: "Rechtshilfe", Value: "Ersuchen"} }},
		{name: "unknown data category", base: epocRequest,
			mutate: func(m *Message) { disc(m).DataCategory.Value = "MetaData" },
			want:   []string{"3007 " + act1 + "/DataCategory/Value"}},
		{name: "unknown subtype", base: epocRequest,
			mutate: func(m *Message) { disc(m).Subtype[1].Value = "ShoeSize" },
			want:   []string{"3007 " + act1 + "/Subtype/1/Value"}},
		{name: "unknown approval type", base: epocRequest,
			mutate: func(m *Message) { auth(m).Approval[0].ApprovalType.Value = "Notary" },
			// Without an issuing approval the EPOC also lacks one.
			want: cascade("3007 "+act0+"/Approval/0/ApprovalType/Value", "3005 "+act0+"/Approval")},
		{name: "unknown person role", base: epocRequest,
			mutate: func(m *Message) { auth(m).Person[0].Role.Value = "Bystander" },
			want:   cascade("3007 " + act0 + "/Person/0/Role/Value")},
		{name: "unknown offence category", base: epocRequest,
			mutate: func(m *Message) { auth(m).Offence[0].Category.Value = "Jaywalking" },
			want:   cascade("3007 " + act0 + "/Offence/0/Category/Value")},
		{name: "every kind: measure, decision, document, notification, ground", base: everyKindRequest,
			mutate: func(m *Message) {
				obj(m, 3).AssistanceTask.Measure.Value = "Torture"
				obj(m, 1).SurrenderTask.UnderlyingDecision.DecisionType.Value = "Hunch"
				obj(m, 7).Document.DocumentType.Value = "Meme"
				n := obj(m, 8).Notification
				n.NotificationType.Value = "Ignored"
				n.Ground = []Code{jcx(DictRefusalGround, "Mood")}
				n.StatusOfAssociatedObject[0].Status.Value = "Lost"
			},
			want: []string{
				"3007 " + ek(3, "AssistanceTask") + "/Measure/Value",
				"3007 " + ek(1, "SurrenderTask") + "/UnderlyingDecision/DecisionType/Value",
				"3007 " + ek(7, "Document") + "/DocumentType/Value",
				"3007 " + ek(8, "Notification") + "/NotificationType/Value",
				"3007 " + ek(8, "Notification") + "/Ground/0/Value",
				"3007 " + ek(8, "Notification") + "/StatusOfAssociatedObject/0/Status/Value",
			}},
	})
}

func TestRulesAuthorisation(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "no legal basis", base: epocRequest,
			mutate: func(m *Message) { auth(m).LegalBasis = nil },
			want:   cascade("8030 " + act0 + "/LegalBasis")},
		{name: "EPOC citing the EIO directive", base: epocRequest,
			mutate: func(m *Message) { auth(m).LegalBasis[0].Instrument = "Directive 2014/41/EU" },
			want:   cascade("8030 " + act0 + "/LegalBasis")},
		{name: "EPOC citing the regulation by another name", base: epocRequest,
			mutate: func(m *Message) {
				auth(m).LegalBasis = []LegalBasis{{Instrument: "UNTOC"}, {Instrument: "Règlement (UE) 2023/1543 du Parlement européen"}}
			}},
		{name: "EIO needs the directive", base: epocRequest,
			mutate: func(m *Message) {
				auth(m).Instrument.Value = InstrumentEIO
				auth(m).LegalBasis[0].Instrument = "Directive 2014/41/EU"
			}},
		{name: "EAW citing the EIO directive", base: epocRequest,
			mutate: func(m *Message) {
				auth(m).Instrument.Value = InstrumentEAW
				auth(m).LegalBasis[0].Instrument = "Directive 2014/41/EU"
			},
			want: cascade("8030 " + act0 + "/LegalBasis")},
		{name: "MLA on a bilateral treaty", base: epocRequest,
			mutate: func(m *Message) {
				auth(m).Instrument.Value = InstrumentMLA
				auth(m).LegalBasis = []LegalBasis{{Instrument: "Treaty FR-US", TreatyIdentifier: "TIAS 01-201"}}
			}},
		{name: "MLA on the 1959 Convention", base: epocRequest,
			mutate: func(m *Message) {
				auth(m).Instrument.Value = InstrumentMLA
				auth(m).LegalBasis = []LegalBasis{{Instrument: "CETS No. 030", Article: "1"}}
			}},
		{name: "MLA on UNCAC article 46", base: epocRequest,
			mutate: func(m *Message) {
				auth(m).Instrument.Value = InstrumentMLA
				auth(m).LegalBasis = []LegalBasis{{Instrument: "United Nations Convention against Corruption", Article: "46(1)"}}
			}},
		{name: "MLA on the wrong UNTOC article", base: epocRequest,
			mutate: func(m *Message) {
				auth(m).Instrument.Value = InstrumentMLA
				auth(m).LegalBasis = []LegalBasis{{Instrument: "UNTOC", Article: "12"}}
			},
			want: cascade("8030 " + act0 + "/LegalBasis/0/Article")},
		{name: "MLA on Budapest article 36", base: epocRequest,
			mutate: func(m *Message) {
				auth(m).Instrument.Value = InstrumentMLA
				auth(m).LegalBasis = []LegalBasis{{Instrument: "Convention on Cybercrime (ETS 185)", Article: "Article 36"}}
			},
			want: cascade("8030 " + act0 + "/LegalBasis/0/Article")},
		{name: "MLA on the e-evidence regulation", base: epocRequest,
			mutate: func(m *Message) { auth(m).Instrument.Value = InstrumentMLA },
			want:   cascade("8030 " + act0 + "/LegalBasis")},
		{name: "issuing state is executing state", base: epocRequest,
			mutate: func(m *Message) { auth(m).ExecutingState = "FR" },
			want:   cascade("3007 " + act0 + "/ExecutingState")},
		{name: "bad issuing state", base: epocRequest,
			mutate: func(m *Message) { auth(m).IssuingState = "F" },
			want:   cascade("3007 " + act0 + "/IssuingState")},
		{name: "EPOC without issuing approval", base: epocRequest,
			mutate: func(m *Message) { auth(m).Approval = nil },
			want:   cascade("3005 " + act0 + "/Approval")},
		{name: "EPOC for traffic data without validation", base: epocRequest,
			mutate: func(m *Message) { disc(m).DataCategory.Value = DataTraffic },
			want:   cascade("3005 " + act0 + "/Approval")},
		{name: "EPOC for content data validated", base: epocRequest,
			mutate: func(m *Message) {
				disc(m).DataCategory.Value = DataContent
				v := issuingApproval()
				v.ApprovalType.Value = ApprovalValidating
				v.Authority = Authority{Name: "Tribunal judiciaire de Paris", Role: "Judge"}
				auth(m).Approval = append(auth(m).Approval, v)
			}},
		{name: "EPOC for content data issued by a judge", base: epocRequest,
			mutate: func(m *Message) {
				disc(m).DataCategory.Value = DataContent
				auth(m).Approval[0].Authority.Role = "investigatingjudge"
			}},
		{name: "EPOC for traffic data in an emergency", base: epocRequest,
			mutate: func(m *Message) {
				disc(m).DataCategory.Value = DataTraffic
				auth(m).Approval[0].IsEmergency = ptr(true)
				disc(m).Deadline = tdt(6 * 60 * 60 * 1e9)
			}},
		{name: "EPOC for traffic data for a minor offence", base: epocRequest,
			mutate: func(m *Message) {
				disc(m).DataCategory.Value = DataTraffic
				auth(m).Approval[0].Authority.Role = "Judge"
				auth(m).Offence[0].MaximumPenaltyMonths = 35
			},
			want: cascade("8030 " + act0 + "/Offence")},
		{name: "EPOC for content data for a listed offence", base: epocRequest,
			mutate: func(m *Message) {
				disc(m).DataCategory.Value = DataContent
				auth(m).Approval[0].Authority.Role = "Judge"
				auth(m).Offence = append(auth(m).Offence, Offence{Description: "Grooming", MaximumPenaltyMonths: 24,
					Category: ptr(jcx(DictOffenceCategory, "ChildSexualExploitation"))})
				auth(m).Offence[0].MaximumPenaltyMonths = 12
			}},
		{name: "EPOC for subscriber data for a minor offence", base: epocRequest,
			mutate: func(m *Message) { auth(m).Offence[0].MaximumPenaltyMonths = 1 }},
		{name: "update keeps stored approvals and legal basis", base: epocRequest,
			mutate: func(m *Message) {
				a := &req(m).Action[0]
				a.UPDATE, a.CREATE = a.CREATE, nil
				u := a.UPDATE.Authorisation
				u.Generation, u.Approval, u.LegalBasis, u.Offence = 2, nil, nil, nil
				disc(m).DataCategory.Value = DataTraffic
			}},
		{name: "update replacing the legal basis checks it", base: epocRequest,
			mutate: func(m *Message) {
				a := &req(m).Action[0]
				a.UPDATE, a.CREATE = a.CREATE, nil
				a.UPDATE.Authorisation.Generation = 2
				a.UPDATE.Authorisation.LegalBasis[0].Instrument = "UNTOC"
			},
			want: []string{"8030 /Payload/Request/Action/0/UPDATE/Authorisation/LegalBasis", "3018 " + act1 + "/AssociatedObject/0"}},
		{name: "approval after the message", base: epocRequest,
			mutate: func(m *Message) { auth(m).Approval[0].Timestamp = tdt(tDay) },
			want:   cascade("3007 " + act0 + "/Approval/0/Timestamp")},
		{name: "authority contact and languages", base: epocRequest,
			mutate: func(m *Message) {
				a := &auth(m).Approval[0].Authority
				a.Email, a.Phone, a.Language = "entraide.parquet.fr", "+33 1 44 32 50 00", []string{"fr", "fra", "iw"}
			},
			want: cascade(
				"3007 "+act0+"/Approval/0/Authority/Email",
				"3007 "+act0+"/Approval/0/Authority/Phone",
				"3007 "+act0+"/Approval/0/Authority/Language/1",
				"3007 "+act0+"/Approval/0/Authority/Language/2",
			)},
		{name: "authorisation deadline before the message", base: epocRequest,
			mutate: func(m *Message) { auth(m).Deadline = tdt(-tDay) },
			want:   cascade("8031 " + act0 + "/Deadline")},
		{name: "authorisation deadline does not parse", base: epocRequest,
			mutate: func(m *Message) { auth(m).Deadline = "2026-12-01" },
			want:   cascade("3007 " + act0 + "/Deadline")},
		{name: "offence with negative penalty", base: epocRequest,
			mutate: func(m *Message) { auth(m).Offence[0].MaximumPenaltyMonths = -1 },
			want:   cascade("3007 " + act0 + "/Offence/0/MaximumPenaltyMonths")},
		{name: "person born in the future, unknown nationality, empty identifier", base: epocRequest,
			mutate: func(m *Message) {
				p := &auth(m).Person[0]
				p.BirthDate, p.Nationality = "2030-01-01", []string{"FR", "YU"}
				p.Identifier[0].Value = " "
			},
			want: cascade(
				"3007 "+act0+"/Person/0/BirthDate",
				"3007 "+act0+"/Person/0/Nationality/1",
				"3005 "+act0+"/Person/0/Identifier/0/Value",
			)},
		{name: "authorisation language", base: epocRequest,
			mutate: func(m *Message) { auth(m).Language = []string{"EN"} },
			want:   cascade("3007 " + act0 + "/Language/0")},
	})
}

func TestRulesNotificationAndDocument(t *testing.T) {
	n := ek(8, "Notification")
	d := ek(7, "Document")
	runRuleCases(t, []ruleCase{
		{name: "refusal without ground", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 8).Notification.NotificationType.Value = NotificationRefused },
			want:   []string{"3005 " + n + "/Ground"}},
		{name: "refusal with ground", base: everyKindRequest,
			mutate: func(m *Message) {
				obj(m, 8).Notification.NotificationType.Value = NotificationRefused
				obj(m, 8).Notification.Ground = []Code{jcx(DictRefusalGround, "Immunity")}
			}},
		{name: "notification about nothing", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 8).Notification.AssociatedObject = nil },
			want:   []string{"3005 " + n + "/AssociatedObject"}},
		{name: "body with contents and URI", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 7).Document.Body.URI = "cid:order@parquet.example" },
			want:   []string{"3007 " + d + "/Body/URI"}},
		{name: "body with neither", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 7).Document.Body.Contents = "" },
			want:   []string{"3005 " + d + "/Body"}},
		{name: "body by reference", base: everyKindRequest,
			mutate: func(m *Message) {
				obj(m, 7).Document.Body.Contents = ""
				obj(m, 7).Document.Body.URI = "annexes/order.pdf"
			}},
		{name: "body URI climbing out of the container", base: everyKindRequest,
			mutate: func(m *Message) {
				obj(m, 7).Document.Body.Contents = ""
				obj(m, 7).Document.Body.URI = "annexes/../../etc/passwd"
			},
			want: []string{"3007 " + d + "/Body/URI"}},
		{name: "body URI over http", base: everyKindRequest,
			mutate: func(m *Message) {
				obj(m, 7).Document.Body.Contents = ""
				obj(m, 7).Document.Body.URI = "http://files.example/order.pdf"
			},
			want: []string{"3007 " + d + "/Body/URI"}},
		{name: "file name with a directory", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 7).Document.Body.FileName = `..\order.pdf` },
			want:   []string{"3007 " + d + "/Body/FileName"}},
		{name: "media type not accepted", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 7).Document.Body.MediaType = "application/x-msdownload" },
			want:   []string{"8023 " + d + "/Body/MediaType"}},
		{name: "media type with parameters and capitals", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 7).Document.Body.MediaType = "Text/Plain; charset=UTF-8" }},
		{name: "not a media type", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 7).Document.Body.MediaType = "pdf" },
			want:   []string{"3007 " + d + "/Body/MediaType"}},
		{name: "no sha-256 digest", base: everyKindRequest,
			mutate: func(m *Message) { b := &obj(m, 7).Document.Body; b.Digest = b.Digest[1:] },
			want:   []string{"3005 " + d + "/Body/Digest"}},
		{name: "unknown digest algorithm", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 7).Document.Body.Digest[1].Algorithm = "md5" },
			want:   []string{"3007 " + d + "/Body/Digest/1/Algorithm"}},
		{name: "uppercase digest", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 7).Document.Body.Digest[0].Value = sha256Hex([]byte("x"))[:63] + "A" },
			want:   []string{"3007 " + d + "/Body/Digest/0/Value"}},
		{name: "document language", base: everyKindRequest,
			mutate: func(m *Message) { obj(m, 7).Document.Language = "fre" },
			want:   []string{"3007 " + d + "/Language"}},
	})
}
