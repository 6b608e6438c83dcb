package exchange_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// The valid fixtures are built here from Go values and written through exchange.Marshal,
// so the files in testdata/messages/valid are canonical. Every identifier and time is
// fixed; fxNow is the clock the fixtures are validated with, so deadlines stay in the
// future forever.

// fxNow is the moment the fixture messages are "received".
var fxNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// fxID derives a fixed, well-formed (version 5 layout) UUID from a name, so that builders
// can refer to the same object from several messages without a table of literals.
func fxID(name string) exchange.UUID {
	s := sha256.Sum256([]byte("jcx fixtures/" + name))
	s[6] = s[6]&0x0f | 0x50
	s[8] = s[8]&0x3f | 0x80
	h := hex.EncodeToString(s[:16])
	return exchange.UUID(h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32])
}

// fxTS is a header timestamp d after fxNow.
func fxTS(d time.Duration) exchange.Timestamp { return exchange.NewTimestamp(fxNow.Add(d)) }

// fxDT is an object date-time d after fxNow.
func fxDT(d time.Duration) exchange.DateTime { return exchange.NewDateTime(fxNow.Add(d)) }

const (
	fxMinute = time.Minute
	fxHour   = time.Hour
	fxDay    = 24 * time.Hour
)

func fxCode(dict, value string) exchange.Code {
	return exchange.Code{Owner: exchange.DictionaryOwner, Name: dict, Value: value}
}

func fxCodep(dict, value string) *exchange.Code { c := fxCode(dict, value); return &c }

func fxBoolp(b bool) *bool { return &b }

// Parties of the fixture scenarios.
var (
	frParis     = exchange.Party{CountryCode: "FR", UniqueIdentifier: "tj-paris.parquet"}
	deBerlin    = exchange.Party{CountryCode: "DE", UniqueIdentifier: "sta-berlin"}
	nlRotterdam = exchange.Party{CountryCode: "NL", UniqueIdentifier: "om-rotterdam"}
	ieProvider  = exchange.Party{CountryCode: "IE", UniqueIdentifier: "ie-legal-rep.examplemail"}
	beBrussels  = exchange.Party{CountryCode: "BE", UniqueIdentifier: "parquet-bruxelles"}
	plWarsaw    = exchange.Party{CountryCode: "PL", UniqueIdentifier: "sr-warszawa"}
	deKarlsruhe = exchange.Party{CountryCode: "DE", UniqueIdentifier: "gba-karlsruhe"}
	ngAbuja     = exchange.Party{CountryCode: "NG", UniqueIdentifier: "fmoj-central-authority"}
	deBonn      = exchange.Party{CountryCode: "DE", UniqueIdentifier: "bfj-bonn"}
	arBuenos    = exchange.Party{CountryCode: "AR", UniqueIdentifier: "mpf-cooperacion"}
	esMadrid    = exchange.Party{CountryCode: "ES", UniqueIdentifier: "mjusticia-autoridad-central"}
)

// fxHeader returns a request header at fxNow+d with a transaction identifier named tx.
func fxHeader(from, to exchange.Party, tx string, d time.Duration, workflow string) exchange.Header {
	return exchange.Header{
		Sender:                from,
		Receiver:              to,
		TransactionIdentifier: fxID("tx/" + tx),
		Timestamp:             fxTS(d),
		Version:               exchange.CurrentVersion(),
		WorkflowIdentifier:    fxID("workflow/" + workflow),
	}
}

func fxRequest(h exchange.Header, actions ...exchange.Action) *exchange.Message {
	for i := range actions {
		actions[i].ActionIdentifier = i
	}
	return &exchange.Message{Header: h, Payload: exchange.Payload{Request: &exchange.Request{Action: actions}}}
}

// fxResponse answers req at fxNow+d with a receipt over the canonical XML of req, the bytes
// that were sent.
func fxResponse(req *exchange.Message, d time.Duration, results ...exchange.ActionResult) *exchange.Message {
	data, err := exchange.Marshal(req, exchange.FormatXML)
	if err != nil {
		panic(err) // fixture builders only run from tests on values they built
	}
	h := req.Header
	h.Sender, h.Receiver = req.Header.Receiver, req.Header.Sender
	h.Timestamp = fxTS(d)
	return &exchange.Message{Header: h, Payload: exchange.Payload{Response: &exchange.Response{
		Receipt:      exchange.NewReceipt(data),
		ActionResult: results,
	}}}
}

func fxCreate(o exchange.Object) exchange.Action {
	return exchange.Action{CREATE: &exchange.ObjectAction{Object: o}}
}

func fxUpdateAction(o exchange.Object) exchange.Action {
	return exchange.Action{UPDATE: &exchange.ObjectAction{Object: o}}
}

func fxCreated(i int, id exchange.UUID) exchange.ActionResult {
	return exchange.ActionResult{ActionIdentifier: i, CREATE: &exchange.ObjectResult{Identifier: id, Generation: 1}}
}

func fxBase(name string, owner exchange.Party, links ...string) exchange.ObjectBase {
	b := exchange.ObjectBase{
		ObjectIdentifier: fxID(name),
		CountryCode:      owner.CountryCode,
		OwnerIdentifier:  owner.UniqueIdentifier,
	}
	for _, l := range links {
		b.AssociatedObject = append(b.AssociatedObject, fxID(l))
	}
	return b
}

// fxInlineBody carries content inline with its exact size and SHA-256.
func fxInlineBody(mediaType, fileName, content string) exchange.Body {
	sum := sha256.Sum256([]byte(content))
	return exchange.Body{
		Contents:  base64.StdEncoding.EncodeToString([]byte(content)),
		MediaType: mediaType,
		FileName:  fileName,
		Size:      int64(len(content)),
		Digest:    []exchange.Digest{{Algorithm: exchange.DigestSHA256, Value: hex.EncodeToString(sum[:])}},
	}
}

// fxDigestOf is the SHA-256 digest of content, for artefacts delivered beside the message.
func fxDigestOf(content string) exchange.Digest {
	sum := sha256.Sum256([]byte(content))
	return exchange.Digest{Algorithm: exchange.DigestSHA256, Value: hex.EncodeToString(sum[:])}
}

func fxApproval(kind, ref, authority, role string, d time.Duration, emergency bool) exchange.Approval {
	a := exchange.Approval{
		ApprovalType: fxCode(exchange.DictApprovalType, kind),
		Reference:    ref,
		Authority:    exchange.Authority{Name: authority, Role: role},
		Timestamp:    fxDT(d),
	}
	if emergency {
		a.IsEmergency = fxBoolp(true)
	}
	return a
}

// fxChainCustody numbers the custody entries and links them into a hash chain.
func fxChainCustody(entries []exchange.CustodyEntry) []exchange.CustodyEntry {
	exchange.ChainCustody(entries)
	return entries
}
