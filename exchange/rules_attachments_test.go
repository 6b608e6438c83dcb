package exchange

import (
	"encoding/base64"
	"testing"
	"time"
)

func TestRulesAttachments(t *testing.T) {
	d := ek(7, "Document") + "/Body"
	dl := ek(9, "Delivery")
	body := func(m *Message) *Body { return &obj(m, 7).Document.Body }
	delivery := func(m *Message) *Delivery { return &req(m).Action[9].DELIVER.Delivery }
	runRuleCases(t, []ruleCase{
		{name: "contents not base64", base: everyKindRequest,
			mutate: func(m *Message) { body(m).Contents = "JVBERi0xLjc*" },
			want:   []string{"3007 " + d + "/Contents"}},
		{name: "contents base64 with line break", base: everyKindRequest,
			mutate: func(m *Message) { b := body(m); b.Contents = b.Contents[:8] + "\n" + b.Contents[8:] },
			want:   []string{"3007 " + d + "/Contents"}},
		{name: "size mismatch", base: everyKindRequest,
			mutate: func(m *Message) { body(m).Size++ },
			want:   []string{"8022 " + d + "/Size"}},
		{name: "contents changed", base: everyKindRequest,
			mutate: func(m *Message) {
				body(m).Contents = base64.StdEncoding.EncodeToString([]byte("%PDF-1.7 order form!"[:len(tDocContents)-1] + "?"))
			},
			want: []string{"8021 " + d + "/Digest/0/Value", "8021 " + d + "/Digest/1/Value"}},
		{name: "sha3-256 digest checked", base: everyKindRequest,
			mutate: func(m *Message) {
				body(m).Digest = append(body(m).Digest, Digest{Algorithm: "sha3-256", Value: sha256Hex(tDocContents)})
			},
			want: []string{"8021 " + d + "/Digest/2/Value"}},
		{name: "delivery numbering", base: everyKindRequest,
			mutate: func(m *Message) { delivery(m).SequenceNumber = 0 },
			want:   []string{"3007 " + dl + "/SequenceNumber"}},
		{name: "delivery identifier", base: everyKindRequest,
			mutate: func(m *Message) { delivery(m).DeliveryIdentifier = "D-1" },
			want:   []string{"3007 " + dl + "/DeliveryIdentifier"}},
		{name: "no artefact", base: everyKindRequest,
			mutate: func(m *Message) { delivery(m).Artefact = nil },
			want:   []string{"3005 " + dl + "/Artefact"}},
		{name: "artefact without sha-256", base: everyKindRequest,
			mutate: func(m *Message) {
				delivery(m).Artefact[0].Digest = []Digest{{Algorithm: "sha-512", Value: sha512Hex(tArtefact)}}
			},
			want: []string{"3005 " + dl + "/Artefact/0/Digest"}},
		{name: "artefact digest uppercase", base: everyKindRequest,
			mutate: func(m *Message) { delivery(m).Artefact[0].Digest[0].Value = "AB" + sha256Hex(tArtefact)[2:] },
			want:   []string{"3007 " + dl + "/Artefact/0/Digest/0/Value"}},
		{name: "artefact digest twice", base: everyKindRequest,
			mutate: func(m *Message) {
				a := &delivery(m).Artefact[0]
				a.Digest = append(a.Digest, a.Digest[0])
			},
			want: []string{"3007 " + dl + "/Artefact/0/Digest/1/Algorithm"}},
		{name: "artefact name with path and duplicate name", base: everyKindRequest,
			mutate: func(m *Message) {
				a := delivery(m).Artefact[0]
				b := a
				b.Name = "../subscriber.csv"
				delivery(m).Artefact = append(delivery(m).Artefact, a, b)
			},
			want: []string{"3007 " + dl + "/Artefact/1/Name", "3007 " + dl + "/Artefact/2/Name"}},
		{name: "artefact media type", base: everyKindRequest,
			mutate: func(m *Message) { delivery(m).Artefact[0].MediaType = "application/x-sh" },
			want:   []string{"8023 " + dl + "/Artefact/0/MediaType"}},
		{name: "artefact URI scheme", base: everyKindRequest,
			mutate: func(m *Message) { delivery(m).Artefact[0].URI = "file:///etc/passwd" },
			want:   []string{"3007 " + dl + "/Artefact/0/URI"}},
		{name: "custody entry removed", base: everyKindRequest,
			mutate: func(m *Message) { c := delivery(m).Custody; delivery(m).Custody = []CustodyEntry{c[0], c[2]} },
			want:   []string{"8024 " + dl + "/Custody/1/Sequence", "8024 " + dl + "/Custody/1/PreviousEntryDigest"}},
		{name: "first custody entry removed", base: everyKindRequest,
			mutate: func(m *Message) { delivery(m).Custody = delivery(m).Custody[1:] },
			want: []string{
				"8024 " + dl + "/Custody/0/Sequence", "8024 " + dl + "/Custody/0/PreviousEntryDigest",
				"8024 " + dl + "/Custody/1/Sequence",
			}},
		{name: "custody entries swapped and renumbered", base: everyKindRequest,
			mutate: func(m *Message) {
				c := delivery(m).Custody
				c[0], c[1] = c[1], c[0]
				c[0].Sequence, c[1].Sequence = 1, 2
			},
			want: []string{
				"8024 " + dl + "/Custody/0/PreviousEntryDigest",
				"8024 " + dl + "/Custody/1/PreviousEntryDigest",
				"8024 " + dl + "/Custody/2/PreviousEntryDigest",
			}},
		{name: "custody entry edited", base: everyKindRequest,
			mutate: func(m *Message) { delivery(m).Custody[1].Actor = "someone else" },
			want:   []string{"8024 " + dl + "/Custody/2/PreviousEntryDigest"}},
		{name: "custody edited and re-linked", base: everyKindRequest,
			mutate: func(m *Message) {
				c := delivery(m).Custody
				c[1].Actor = "someone else"
				c[2].PreviousEntryDigest = c[1].CanonicalDigest()
			}},
		{name: "custody time goes back", base: everyKindRequest,
			mutate: func(m *Message) {
				c := delivery(m).Custody
				c[2].Timestamp = tdt(-4 * time.Hour)
			},
			want: []string{"8024 " + dl + "/Custody/2/Timestamp"}},
		{name: "custody members", base: everyKindRequest,
			mutate: func(m *Message) {
				c := delivery(m).Custody
				c[2].Action, c[2].Actor = "Lost", ""
				c[0].ArtefactDigest.Algorithm = "crc32"
				ChainCustody(c)
			},
			want: []string{
				"3007 " + dl + "/Custody/2/Action", "3007 " + dl + "/Custody/2/Actor",
				"3007 " + dl + "/Custody/0/ArtefactDigest/Algorithm",
			}},
	})
}
