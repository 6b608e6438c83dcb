package main

import (
	"encoding/json"
	"encoding/xml"

	"github.com/jcx-dev/jcx/exchange"
)

// peekHeader reads the sender and transaction of a message that failed validation
// before it could be decoded (a schema error, say), so that even the refusal is
// correlated and reaches the right party. Whatever does not hold up is replaced: a
// response must itself be a valid message. The input is already within the size limit,
// and encoding/xml and encoding/json bound nesting and never expand external entities.
func peekHeader(body []byte, f exchange.Format, me exchange.Party) (exchange.Party, exchange.UUID) {
	var doc struct {
		Header struct {
			Sender                exchange.Party
			TransactionIdentifier exchange.UUID
		}
	}
	if f == exchange.FormatJSON {
		_ = json.Unmarshal(body, &doc)
	} else {
		_ = xml.Unmarshal(body, &doc)
	}
	sender, tx := doc.Header.Sender, doc.Header.TransactionIdentifier
	if !tx.Valid() {
		tx = exchange.NewUUID()
	}
	// Check the party the way the receiver of our response will: as the Receiver of a
	// message that must validate.
	probe := exchange.NewRequest(me, sender, exchange.Action{GETCAPABILITIES: &exchange.CapabilitiesAction{}})
	data, err := exchange.Marshal(probe, exchange.FormatJSON)
	if sender == me || err != nil || !exchange.Validate(data, exchange.FormatJSON).Valid() {
		sender = exchange.Party{CountryCode: me.CountryCode, UniqueIdentifier: "unknown-sender"}
	}
	return sender, tx
}
